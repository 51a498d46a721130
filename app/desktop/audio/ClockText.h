#pragma once

#include <QString>
#include <algorithm>

namespace fv::desktop {

/// A duration as "mm:ss" (minutes go past 59 for long interviews: "75:03").
inline QString clockText(qint64 ms)
{
    const qint64 seconds = std::max<qint64>(ms, 0) / 1000;
    return QStringLiteral("%1:%2")
        .arg(seconds / 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace fv::desktop
