// fieldvault: the desktop app. Opens the default vault (or the folder given as the only
// argument), or walks a new user through creating one.
#include "main/MainWindow.h"
#include "session/Hygiene.h"
#include "session/Session.h"
#include "settings/Language.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Fieldvault"));
    QApplication::setApplicationVersion(QStringLiteral(FV_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("org.fieldvault.Fieldvault"));
    // Before the first tr(): the Arabic translator also turns the layout right-to-left.
    fv::desktop::installTranslations(fv::desktop::effectiveLanguage());
    if (!fv::desktop::applyProcessHygiene()) {
        QMessageBox::critical(nullptr, QStringLiteral("Fieldvault"),
                              QApplication::translate("main",
                                                      "The cryptography library could not start. "
                                                      "Fieldvault cannot run safely on this system."));
        return 2;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Encrypted testimony collector"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("vault"),
                                 QApplication::translate("main", "The vault folder (default: %1)")
                                     .arg(QString::fromStdString(fv::Vault::defaultLocation().string())));
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    const std::filesystem::path location =
        args.isEmpty() ? fv::Vault::defaultLocation() : std::filesystem::path(args.first().toStdString());

    fv::desktop::Session session;
    fv::desktop::MainWindow window(session, location);
    window.show();
    window.start();
    return QApplication::exec();
}
