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

void sendQtSettingsNowhere()
{
    static const QSettings::Format nothing =
        QSettings::registerFormat(QStringLiteral("fieldvault-discard"), readNothing, writeNothing);
    // The constructors with an organisation name, such as QFileDialog's
    // QSettings(QSettings::UserScope, "QtProject"), always use NativeFormat (IniFormat on Linux)
    // and ignore setDefaultFormat(); their paths are redirected too. The path cannot be created,
    // so not even an empty file or a lock file appears.
    const QString nowhere = QStringLiteral("/proc/fieldvault-discard");
    for (const QSettings::Format format : {QSettings::NativeFormat, QSettings::IniFormat, nothing})
        for (const QSettings::Scope scope : {QSettings::UserScope, QSettings::SystemScope})
            QSettings::setPath(format, scope, nowhere);
    QSettings::setDefaultFormat(nothing);
}

bool applyProcessHygiene()
{
    disableCoreDumps();
    ::umask(077);
    if (!initCrypto())
        return false;
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs);
    sendQtSettingsNowhere();
    return true;
}

} // namespace fv::desktop
