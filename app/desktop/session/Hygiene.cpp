#include "session/Hygiene.h"

#include "crypto/Crypto.h"

#include <QCoreApplication>
#include <QSettings>
#include <sys/stat.h>

namespace fv::desktop {
namespace {

bool readNothing(QIODevice&, QSettings::SettingsMap&)
{
    return true;
}

bool writeNothing(QIODevice&, const QSettings::SettingsMap&)
{
    return true;
}

} // namespace

bool applyProcessHygiene()
{
    disableCoreDumps();
    ::umask(077);
    if (!initCrypto())
        return false;
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    const QSettings::Format nothing =
        QSettings::registerFormat(QStringLiteral("fieldvault-discard"), readNothing, writeNothing);
    // The path cannot be created, so not even an empty file appears.
    QSettings::setPath(nothing, QSettings::UserScope, QStringLiteral("/proc/fieldvault-discard"));
    QSettings::setPath(nothing, QSettings::SystemScope, QStringLiteral("/proc/fieldvault-discard"));
    QSettings::setDefaultFormat(nothing);
    return true;
}

} // namespace fv::desktop
