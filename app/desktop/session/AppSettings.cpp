#include "session/AppSettings.h"

#include <QSettings>
#include <QStandardPaths>

namespace fv::desktop {
namespace {

// By its full path: the scope-and-name constructors go nowhere (session/Hygiene.cpp). The same
// file Qt would pick: $XDG_CONFIG_HOME (or ~/.config)/Fieldvault/Fieldvault.conf.
QSettings settings()
{
    return QSettings(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation) +
                         QStringLiteral("/Fieldvault/Fieldvault.conf"),
                     QSettings::IniFormat);
}

} // namespace

QString AppSettings::language()
{
    const QString value = settings().value(QStringLiteral("ui/language")).toString();
    return value == QLatin1String("ar") || value == QLatin1String("en") ? value : QString();
}

void AppSettings::setLanguage(const QString& language)
{
    settings().setValue(QStringLiteral("ui/language"), language);
}

int AppSettings::idleLockMinutes()
{
    bool ok = false;
    const int minutes = settings().value(QStringLiteral("security/idleLockMinutes"), 5).toInt(&ok);
    return ok && minutes >= 0 && minutes <= 240 ? minutes : 5;
}

void AppSettings::setIdleLockMinutes(int minutes)
{
    settings().setValue(QStringLiteral("security/idleLockMinutes"), std::clamp(minutes, 0, 240));
}

int AppSettings::clipboardClearSeconds()
{
    bool ok = false;
    const int seconds = settings().value(QStringLiteral("security/clipboardClearSeconds"), 30).toInt(&ok);
    return ok && seconds >= 5 && seconds <= 600 ? seconds : 30;
}

void AppSettings::setClipboardClearSeconds(int seconds)
{
    settings().setValue(QStringLiteral("security/clipboardClearSeconds"), std::clamp(seconds, 5, 600));
}

} // namespace fv::desktop
