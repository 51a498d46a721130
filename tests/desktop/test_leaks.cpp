// Threat model A5 for the desktop app: after a whole GUI workflow (create a vault, record a
// testimony with Arabic and Latin text, search it, copy the recovery key, lock), no file
// anywhere under HOME, TMPDIR or the XDG folders holds any of the text, the passphrase or the
// recovery key, in UTF-8 or UTF-16, and
// the only settings file is Fieldvault's own, holding only known, harmless keys.
#include "DesktopTestSupport.h"
#include "browse/TestimonyBrowser.h"
#include "browse/TestimonyListModel.h"
#include "editor/TestimonyEditor.h"
#include "main/MainWindow.h"
#include "session/AppSettings.h"
#include "unlock/CreateVaultWizard.h"
#include "unlock/UnlockScreen.h"
#include "widgets/SecretField.h"

#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSettings>
#include <QTableView>
#include <QTextEdit>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;

namespace {

QList<QByteArray> encodings(const QString& text)
{
    QByteArray le, be;
    for (QChar c : text) {
        le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
    }
    return {text.toUtf8(), le, be};
}

// Every regular file under `root` whose bytes contain one of `needles`.
QStringList filesContaining(const std::filesystem::path& root, const QList<QByteArray>& needles)
{
    QStringList hits;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (ec || !it->is_regular_file(ec))
            continue;
        QFile file(QString::fromStdString(it->path().string()));
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = file.readAll();
        for (const QByteArray& needle : needles)
            if (bytes.contains(needle))
                hits.append(file.fileName());
    }
    return hits;
}

} // namespace

TEST_CASE("leaks: a whole GUI workflow writes no plaintext and no sensitive setting", "[leaks]")
{
    TempDir dir;
    const auto location = dir / "vault";
    const QString arabic = QStringLiteral("شاهدنا-كناري-سري ٤٢");
    const QString latin = QStringLiteral("CanaryWitnessZebra");
    const QString title = QStringLiteral("TitleCanaryMarigold");
    const QString passphrase = QStringLiteral("leaky faucet mountain orchard");
    QString recoveryKey;
    {
        Session session;
        MainWindow window(session, location);
        window.setCreateKdf(Argon2Params::fastForTests());
        window.show();
        window.start();
        CreateVaultWizard* wizard = window.createWizard();
        REQUIRE(wizard);
        wizard->next();
        type(child<SecretField>(wizard, "createPassphrase1"), passphrase);
        type(child<SecretField>(wizard, "createPassphrase2"), passphrase);
        wizard->next();
        wizard->next();
        REQUIRE(waitFor([&] { return wizard->currentId() == CreateVaultWizard::RecoveryKeyPage; }));
        recoveryKey = wizard->recoveryKeyText();
        REQUIRE(recoveryKey.size() >= 30);
        window.clipboard().copy(recoveryKey, 1);
        child<QCheckBox>(wizard, "recoveryWritten")->setChecked(true);
        wizard->next();
        wizard->accept();
        REQUIRE(session.isUnlocked());

        window.newTestimony();
        type(child<QLineEdit>(window.editor(), "editorTitle"), title);
        auto* narrative = child<QTextEdit>(window.editor(), "editorNarrative");
        narrative->setFocus();
        narrative->insertPlainText(arabic + QLatin1Char(' ') + latin);
        REQUIRE(window.editor()->flush());
        type(window.browser()->searchBox(), QStringLiteral("CanaryWitnessZebra"));
        window.browser()->applyNow();
        CHECK(window.browser()->model()->rowCount() == 1);

        window.lock();
        CHECK(QGuiApplication::clipboard()->text().isEmpty()); // the recovery key left with the lock
    }

    const auto home = privateHome();
    QList<QByteArray> needles;
    QString keyDigits = recoveryKey;
    keyDigits.remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9]")));
    for (const QString& text : {arabic, latin, title, passphrase, recoveryKey, keyDigits})
        needles += encodings(text);
    CHECK(filesContaining(home, needles).isEmpty());

    // Settings: Fieldvault's file holds only known keys; Qt's own QtProject.conf (file dialog
    // history) is never written.
    const auto config = home / "config";
    CHECK_FALSE(std::filesystem::exists(config / "QtProject.conf"));
    AppSettings::setIdleLockMinutes(7); // make sure the file exists, as after a settings change
    QSettings settings(QString::fromStdString((config / "Fieldvault" / "Fieldvault.conf").string()),
                       QSettings::IniFormat);
    const QStringList allowed{QStringLiteral("ui/language"), QStringLiteral("security/idleLockMinutes"),
                              QStringLiteral("security/clipboardClearSeconds")};
    for (const QString& key : settings.allKeys()) {
        INFO(key.toStdString());
        CHECK(allowed.contains(key));
    }
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(config, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) {
            INFO(it->path().string());
            CHECK(it->path() == config / "Fieldvault" / "Fieldvault.conf");
        }
    }
    CHECK_FALSE(std::filesystem::exists(home / "data" / "recently-used.xbel"));
}
