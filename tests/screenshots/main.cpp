// fv_screenshots OUTPUT_DIR: renders the unlock screen, the main window (list and editor), the
// create wizard and the settings dialog, in English and in Arabic, over a DEMO vault made with
// the fast KDF from app/cli/demo/*.json, and saves them as OUTPUT_DIR/<screen>-<en|ar>.png.
// Run it under a real X server (tests/screenshots/run.sh uses Xvfb) with a private HOME.
#include "browse/TestimonyBrowser.h"
#include "core/TestimonyJson.h"
#include "core/Vault.h"
#include "editor/TestimonyEditor.h"
#include "main/MainWindow.h"
#include "session/Hygiene.h"
#include "session/Session.h"
#include "settings/Language.h"
#include "settings/SettingsDialog.h"
#include "unlock/CreateVaultWizard.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QStyleFactory>
#include <QTemporaryDir>
#include <QTextStream>
#include <cstring>

using namespace fv;
using namespace fv::desktop;

namespace {

constexpr const char* kPassphrase = "demo passphrase for screenshots only";

SecretBuffer passphrase()
{
    return SecretBuffer::copyOf(
        {reinterpret_cast<const std::uint8_t*>(kPassphrase), std::strlen(kPassphrase)});
}

[[noreturn]] void die(const QString& what)
{
    QTextStream(stderr) << "fv_screenshots: " << what << "\n";
    std::exit(1);
}

void settle(int ms = 300)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 20);
}

void save(QWidget* widget, const QString& path)
{
    settle();
    if (!widget->grab().save(path, "PNG"))
        die(QStringLiteral("cannot write %1").arg(path));
    QTextStream(stdout) << path << "\n";
}

// A DEMO field vault with the two sample testimonies; returns their ids (English, Arabic).
std::pair<QString, QString> makeDemoVault(const std::filesystem::path& location)
{
    VaultCreateOptions options;
    options.kdf = Argon2Params::fastForTests();
    auto created = Vault::create(location, passphrase(), options);
    if (!created)
        die(QStringLiteral("cannot create the demo vault: %1")
                .arg(QString::fromStdString(created.error().message)));
    Session session;
    if (!session.adopt(std::move(created->vault)))
        die(QStringLiteral("cannot open the demo vault"));
    QStringList ids;
    for (const char* name : {"testimony-en.json", "testimony-ar.json"}) {
        QFile file(QStringLiteral(FV_SOURCE_DIR "/app/cli/demo/") + QLatin1String(name));
        if (!file.open(QIODevice::ReadOnly))
            die(QStringLiteral("cannot read %1").arg(file.fileName()));
        auto testimony = parseTestimonyJson(file.readAll());
        if (!testimony)
            die(QStringLiteral("%1: %2").arg(QLatin1String(name),
                                             QString::fromStdString(testimony.error().message)));
        auto id = session.testimonies()->add(*testimony);
        if (!id)
            die(QStringLiteral("cannot add %1").arg(QLatin1String(name)));
        ids << *id;
    }
    session.lock();
    return {ids[0], ids[1]};
}

void shoot(const QString& language, const std::filesystem::path& location, const QString& testimonyId,
           const QString& outDir, const std::filesystem::path& scratch)
{
    if (!installTranslations(language))
        die(QStringLiteral("no translation for %1").arg(language));
    settle(50);
    const QString suffix = QStringLiteral("-%1.png").arg(language);

    Session session;
    MainWindow window(session, location);
    window.resize(1100, 720);
    window.show();
    window.start();
    save(&window, outDir + QStringLiteral("/unlock") + suffix);

    auto vault = Vault::unlock(location, passphrase());
    if (!vault || !session.adopt(std::move(*vault)))
        die(QStringLiteral("cannot unlock the demo vault"));
    settle();
    window.browser()->select(testimonyId);
    window.editor()->open(testimonyId);
    save(&window, outDir + QStringLiteral("/main") + suffix);

    {
        SettingsDialog settings(session, &window.idleWatcher(), &window);
        settings.show();
        save(&settings, outDir + QStringLiteral("/settings") + suffix);
    }
    session.lock();
    window.close();

    // The first run: a window over a folder with no vault opens the wizard.
    Session fresh;
    MainWindow first(fresh, scratch / ("new-" + language.toStdString()));
    first.resize(1100, 720);
    first.show();
    first.start();
    settle();
    CreateVaultWizard* wizard = first.createWizard();
    if (!wizard)
        die(QStringLiteral("the create wizard did not open"));
    save(wizard, outDir + QStringLiteral("/create") + suffix);
    wizard->close();
    // The wizard deletes itself on close; let it go before its window does.
    settle(50);
    first.close();
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Fieldvault"));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    if (!applyProcessHygiene())
        die(QStringLiteral("the cryptography library could not start"));
    if (argc != 2)
        die(QStringLiteral("usage: fv_screenshots OUTPUT_DIR"));
    const QString outDir = QString::fromLocal8Bit(argv[1]);
    if (!QDir().mkpath(outDir))
        die(QStringLiteral("cannot create %1").arg(outDir));

    QTemporaryDir scratch;
    if (!scratch.isValid())
        die(QStringLiteral("no temporary folder"));
    const std::filesystem::path root(scratch.path().toStdString());
    const std::filesystem::path location = root / "demo-vault";
    const auto [english, arabic] = makeDemoVault(location);
    shoot(QStringLiteral("en"), location, english, outDir, root);
    shoot(QStringLiteral("ar"), location, arabic, outDir, root);
    return 0;
}
