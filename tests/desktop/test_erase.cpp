// Settings → Erase: the vault is crypto-shredded and deleted only after the person typed the
// confirmation word; a wrong word, Enter on a wrong word, Cancel and Esc erase nothing. After
// an erase the app is back on the first-run screen with an honest message about flash storage.
// The erase screens look the same in the real store and in the decoy, and work in both.
#include "DesktopTestSupport.h"
#include "main/MainWindow.h"
#include "settings/EraseVaultDialog.h"
#include "settings/Language.h"
#include "settings/SettingsDialog.h"
#include "unlock/CreateVaultWizard.h"
#include "unlock/UnlockScreen.h"
#include "widgets/SecretField.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTimer>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;

namespace {

constexpr const char* kRealPassphrase = "the real passphrase of this vault";
constexpr const char* kDuressPassphrase = "the other passphrase under duress";

void unlockWith(MainWindow& window, const char* passphrase)
{
    auto* field = child<SecretField>(window.unlockScreen(), "unlockSecret");
    type(field, QString::fromUtf8(passphrase));
    QTest::keyClick(field, Qt::Key_Return);
    REQUIRE(waitFor([&] { return !window.unlockScreen()->isBusy(); }));
}

// Runs `then` with the modal dialog named `name` once it is the active modal widget (from
// inside its event loop).
void whenModalNamed(const char* name, std::function<void(QWidget*)> then)
{
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll, name, then = std::move(then)] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal || modal->objectName() != QLatin1String(name))
            return;
        poll->stop();
        const auto run = then;
        poll->deleteLater();
        run(modal);
    });
    poll->start();
}

// Every text of the erase screens (Settings' Erase tab and the confirmation), to compare the
// look in the two stores.
struct EraseLook
{
    QStringList settingsTab;
    QStringList confirmation;
};

// Opens Settings, goes to Erase, opens the confirmation, and hands it to `act` (which must close
// it); returns when Settings has closed. `look` (optional) receives the texts seen.
void throughErase(MainWindow& window, std::function<void(EraseVaultDialog*)> act, EraseLook* look = nullptr)
{
    bool reached = false;
    whenModalNamed("settingsDialog", [&](QWidget* settings) {
        auto* tabs = child<QTabWidget>(settings, "settingsTabs");
        auto* button = child<QPushButton>(settings, "eraseVaultButton");
        tabs->setCurrentWidget(button->parentWidget());
        if (look) {
            look->settingsTab << tabs->tabText(tabs->currentIndex());
            for (QLabel* label : button->parentWidget()->findChildren<QLabel*>())
                look->settingsTab << label->text();
            look->settingsTab << button->text();
        }
        whenModalNamed("eraseVaultDialog", [&, settings](QWidget* modal) {
            reached = true;
            auto* dialog = qobject_cast<EraseVaultDialog*>(modal);
            REQUIRE(dialog);
            if (look) {
                look->confirmation << dialog->windowTitle();
                for (QLabel* label : dialog->findChildren<QLabel*>())
                    look->confirmation << label->text();
                for (QPushButton* b : dialog->findChildren<QPushButton*>())
                    look->confirmation << b->text();
            }
            act(dialog);
            // Whatever `act` did, Settings must go away for the test to go on.
            QTimer::singleShot(0, settings, [settings] {
                if (settings->isVisible())
                    qobject_cast<QDialog*>(settings)->reject();
            });
        });
        QTest::mouseClick(button, Qt::LeftButton);
    });
    QAction* settings = window.findChild<QAction*>(QStringLiteral("actionSettings"));
    REQUIRE(settings);
    settings->trigger();
    REQUIRE(reached);
}

struct TwoStoreVault
{
    TempDir dir;
    std::filesystem::path location = dir / "vault";
    Session session;
    std::unique_ptr<MainWindow> window;

    TwoStoreVault()
    {
        VaultCreateOptions options;
        options.kdf = Argon2Params::fastForTests();
        options.duressPassphrase = secret(kDuressPassphrase);
        auto created = Vault::create(location, secret(kRealPassphrase), options);
        REQUIRE(created);
        (void)created->vault.lock();
        window = std::make_unique<MainWindow>(session, location);
        window->setCreateKdf(Argon2Params::fastForTests());
        window->show();
        window->start();
    }
};

} // namespace

TEST_CASE("erase: a wrong word, Enter on it, Esc and Cancel erase nothing", "[erase]")
{
    TwoStoreVault fixture;
    MainWindow& window = *fixture.window;
    unlockWith(window, kRealPassphrase);
    REQUIRE(fixture.session.isUnlocked());

    throughErase(window, [](EraseVaultDialog* dialog) {
        auto* word = child<QLineEdit>(dialog, "eraseConfirmWord");
        auto* erase = child<QPushButton>(dialog, "eraseConfirmButton");
        CHECK_FALSE(erase->isEnabled());
        for (const char* wrong : {"ERASED", "erase it", "delete", "ERAS"}) {
            word->setText(QString());
            type(word, QString::fromLatin1(wrong));
            CHECK_FALSE(erase->isEnabled());
            QTest::keyClick(word, Qt::Key_Return); // Enter on a wrong word
            CHECK(dialog->isVisible());
            dialog->accept(); // even called directly
            CHECK(dialog->isVisible());
            CHECK(dialog->result() != QDialog::Accepted);
        }
        CHECK_FALSE(child<QLabel>(dialog, "eraseMessage")->text().isEmpty());
        QTest::keyClick(dialog, Qt::Key_Escape);
    });
    CHECK(fixture.session.isUnlocked());
    CHECK(Vault::exists(fixture.location));

    // The right word typed, then Cancel.
    throughErase(window, [](EraseVaultDialog* dialog) {
        type(child<QLineEdit>(dialog, "eraseConfirmWord"), EraseVaultDialog::confirmationWord());
        CHECK(child<QPushButton>(dialog, "eraseConfirmButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(dialog, "eraseCancelButton"), Qt::LeftButton);
    });
    CHECK(fixture.session.isUnlocked());
    REQUIRE(Vault::exists(fixture.location));
    window.lock();
    unlockWith(window, kRealPassphrase); // still opens
    CHECK(fixture.session.isUnlocked());
    window.lock();
}

TEST_CASE("erase: the typed word erases the vault, in the real store and in the decoy alike", "[erase]")
{
    TwoStoreVault fixture;
    MainWindow& window = *fixture.window;

    // The same screens in both stores.
    EraseLook real, decoy;
    unlockWith(window, kRealPassphrase);
    REQUIRE(fixture.session.isUnlocked());
    throughErase(
        window, [](EraseVaultDialog* dialog) { dialog->reject(); }, &real);
    window.lock();
    unlockWith(window, kDuressPassphrase);
    REQUIRE(fixture.session.isUnlocked());
    throughErase(
        window, [](EraseVaultDialog* dialog) { dialog->reject(); }, &decoy);
    CHECK(real.settingsTab == decoy.settingsTab);
    CHECK(real.confirmation == decoy.confirmation);
    CHECK(real.confirmation.join(QLatin1Char(' ')).contains(QStringLiteral("SSD")));

    const bool fromDecoy = GENERATE(true, false);
    if (!fromDecoy) {
        window.lock();
        unlockWith(window, kRealPassphrase);
        REQUIRE(fixture.session.isUnlocked());
    }
    REQUIRE(Vault::exists(fixture.location));
    throughErase(window, [](EraseVaultDialog* dialog) {
        type(child<QLineEdit>(dialog, "eraseConfirmWord"), QStringLiteral("  ERASE "));
        auto* erase = child<QPushButton>(dialog, "eraseConfirmButton");
        REQUIRE(erase->isEnabled());
        QTest::mouseClick(erase, Qt::LeftButton);
    });
    CHECK_FALSE(fixture.session.isUnlocked());
    CHECK_FALSE(std::filesystem::exists(fixture.location)); // the whole folder
    // Back to the first-run screen, with the honest message.
    CHECK(window.createWizard() != nullptr);
    auto* told = window.findChild<QMessageBox*>(QStringLiteral("eraseResultMessage"));
    REQUIRE(told);
    CHECK(told->text().contains(QStringLiteral("was erased")));
    CHECK(told->text().contains(QStringLiteral("SSD")));
    CHECK(told->text().contains(QStringLiteral("Full-disk encryption")));
    // Neither passphrase opens anything any more.
    CHECK_FALSE(Vault::unlock(fixture.location, secret(kRealPassphrase)));
    CHECK_FALSE(Vault::unlock(fixture.location, secret(kDuressPassphrase)));
    told->close();
    if (CreateVaultWizard* wizard = window.createWizard())
        wizard->reject();
}

TEST_CASE("erase: the Arabic confirmation word is accepted, as is ERASE on a Latin keyboard", "[erase]")
{
    // The word is translated (fieldvault_ar.ts); whichever the UI language, the English word
    // typed on a Latin keyboard works too, in any case.
    CHECK(EraseVaultDialog::isConfirmation(EraseVaultDialog::confirmationWord()));
    CHECK(EraseVaultDialog::isConfirmation(QStringLiteral("erase")));
    CHECK_FALSE(EraseVaultDialog::isConfirmation(QString()));
    CHECK_FALSE(EraseVaultDialog::isConfirmation(QStringLiteral("   ")));
    CHECK_FALSE(EraseVaultDialog::isConfirmation(QStringLiteral("ERASER")));

    struct BackToEnglish
    {
        ~BackToEnglish() { installTranslations(QStringLiteral("en")); }
    } backToEnglish;
    REQUIRE(installTranslations(QStringLiteral("ar")));
    const QString arabicWord = EraseVaultDialog::confirmationWord();
    CHECK(arabicWord.contains(QRegularExpression(QStringLiteral("^[\\x{0600}-\\x{06FF}]+$"))));
    CHECK(EraseVaultDialog::isConfirmation(arabicWord));
    CHECK(EraseVaultDialog::isConfirmation(QStringLiteral("ERASE")));
    CHECK_FALSE(EraseVaultDialog::isConfirmation(arabicWord + arabicWord));
    EraseVaultDialog dialog;
    CHECK(dialog.windowTitle().contains(QRegularExpression(QStringLiteral("[\\x{0600}-\\x{06FF}]"))));
}
