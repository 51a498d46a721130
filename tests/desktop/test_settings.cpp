// Settings and the Arabic translation: idle time stored and applied, passphrase change (the old
// one stops opening the vault), own card as text and QR code, enrolled cards removed after a
// confirmation, a settings file that holds only the known keys, the Arabic UI right-to-left,
// and a translation with no string left untranslated.
#include "DesktopTestSupport.h"
#include "core/Identity.h"
#include "main/MainWindow.h"
#include "session/AppSettings.h"
#include "session/Session.h"
#include "settings/Language.h"
#include "settings/QrCode.h"
#include "settings/SettingsDialog.h"
#include "widgets/PassphraseStrength.h"
#include "widgets/SecretField.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>
#include <QXmlStreamReader>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;

namespace {

constexpr const char* kPassphrase = "correct horse battery staple river";

// Where docs/desktop.md says the settings are: $XDG_CONFIG_HOME/Fieldvault/Fieldvault.conf (the
// test runner sets XDG_CONFIG_HOME to the private home's config/). Not what
// QSettings(NativeFormat, UserScope, …) says: session/Hygiene.cpp sends that nowhere.
QString settingsPath()
{
    return QString::fromStdString(
        (fv::test::privateHome() / "config" / "Fieldvault" / "Fieldvault.conf").string());
}

void openInto(Session& session, const std::filesystem::path& location, const char* passphrase)
{
    auto vault = Vault::unlock(location, secret(passphrase));
    REQUIRE(vault.has_value());
    REQUIRE(session.adopt(std::move(*vault)).has_value());
}

// Clicks `button` of the next modal message box as soon as it shows.
void answerNextMessageBox(QMessageBox::StandardButton button)
{
    QTimer::singleShot(0, [button] {
        QTimer* poll = new QTimer;
        QObject::connect(poll, &QTimer::timeout, [poll, button] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                poll->stop();
                poll->deleteLater();
                box->button(button)->click();
            }
        });
        poll->start(10);
    });
}

} // namespace

TEST_CASE("settings: the idle time is stored and applied to the running window on OK", "[settings]")
{
    TempDir dir;
    makeVault(dir / "vault", kPassphrase);
    Session session;
    MainWindow window(session, dir / "vault");
    openInto(session, dir / "vault", kPassphrase);

    SettingsDialog dialog(session, &window.idleWatcher(), &window);
    child<QSpinBox>(&dialog, "idleMinutesBox")->setValue(17);
    child<QSpinBox>(&dialog, "clipboardSecondsBox")->setValue(45);
    // Cancel changes nothing.
    dialog.reject();
    CHECK(AppSettings::idleLockMinutes() != 17);

    SettingsDialog again(session, &window.idleWatcher(), &window);
    child<QSpinBox>(&again, "idleMinutesBox")->setValue(17);
    child<QSpinBox>(&again, "clipboardSecondsBox")->setValue(45);
    again.accept();
    CHECK(AppSettings::idleLockMinutes() == 17);
    CHECK(AppSettings::clipboardClearSeconds() == 45);
    CHECK(window.idleWatcher().timeout() == std::chrono::minutes(17));

    // The menu action opens the dialog with the stored value.
    QAction* action = window.findChild<QAction*>(QStringLiteral("actionSettings"));
    REQUIRE(action != nullptr);
    CHECK(action->shortcut() == QKeySequence(Qt::CTRL | Qt::Key_Comma));
    bool sawValue = false;
    QTimer::singleShot(0, [&] {
        auto* shown = qobject_cast<SettingsDialog*>(QApplication::activeModalWidget());
        if (shown) {
            sawValue = child<QSpinBox>(shown, "idleMinutesBox")->value() == 17;
            shown->reject();
        }
    });
    action->trigger();
    CHECK(sawValue);
}

TEST_CASE("settings: after a passphrase change the old passphrase no longer opens the vault", "[settings]")
{
    TempDir dir;
    const auto location = dir / "vault";
    makeVault(location, kPassphrase);
    const char* newPassphrase = "ولد يركض تحت المطر الغزير صباحا";
    {
        Session session;
        openInto(session, location, kPassphrase);
        SettingsDialog dialog(session, nullptr);
        auto* first = child<SecretField>(&dialog, "newPassphraseField");
        auto* second = child<SecretField>(&dialog, "repeatPassphraseField");
        auto* button = child<QPushButton>(&dialog, "changePassphraseButton");

        // Two different entries are refused with a message, and nothing changes.
        type(first, QString::fromUtf8(newPassphrase));
        type(second, QStringLiteral("something else entirely here"));
        REQUIRE(button->isEnabled());
        CHECK_FALSE(dialog.changePassphrase());
        CHECK_FALSE(child<QLabel>(&dialog, "passphraseMessage")->text().isEmpty());
        CHECK(second->isEmpty());

        // A weak one is refused too.
        first->clear();
        type(first, QStringLiteral("abc123"));
        type(second, QStringLiteral("abc123"));
        CHECK_FALSE(dialog.changePassphrase());

        first->clear();
        second->clear();
        type(first, QString::fromUtf8(newPassphrase));
        type(second, QString::fromUtf8(newPassphrase));
        bool finished = false;
        bool ok = false;
        QObject::connect(&dialog, &SettingsDialog::passphraseChangeFinished, [&](bool result) {
            finished = true;
            ok = result;
        });
        QTest::mouseClick(button, Qt::LeftButton);
        CHECK(dialog.isChangingPassphrase());
        REQUIRE(waitFor([&] { return finished; }, std::chrono::seconds(60)));
        CHECK(ok);
        CHECK(first->isEmpty());
        session.lock();
    }
    auto old = Vault::unlock(location, secret(kPassphrase));
    REQUIRE_FALSE(old.has_value());
    CHECK(old.error().code == ErrorCode::WrongPassphrase);
    auto fresh = Vault::unlock(location, secret(newPassphrase));
    CHECK(fresh.has_value());
}

TEST_CASE("settings: the own card is shown as text and as a QR code", "[settings]")
{
    TempDir dir;
    makeVault(dir / "a", kPassphrase);
    makeVault(dir / "b", kPassphrase);
    QImage first;
    QString firstText;
    for (const char* name : {"a", "b"}) {
        Session session;
        openInto(session, dir / name, kPassphrase);
        SettingsDialog dialog(session, nullptr);
        const IdentityCard card = session.identity()->card();
        const QString text = child<QPlainTextEdit>(&dialog, "ownCardText")->toPlainText();
        CHECK(text == QString::fromStdString(card.toText()));
        CHECK(child<QLabel>(&dialog, "ownFingerprint")->text() == QString::fromStdString(card.fingerprint()));
        const QImage qr = dialog.cardQrImage();
        REQUIRE_FALSE(qr.isNull());
        CHECK(qr.width() == qr.height());
        CHECK(qr.width() >= 3 * (41 + 8)); // a card (~300 bytes) needs version 6 or more at level M
        CHECK_FALSE(child<QLabel>(&dialog, "ownCardQr")->pixmap().isNull());
        if (first.isNull()) {
            first = qr;
            firstText = text;
        } else {
            CHECK(text != firstText);
            CHECK(qr != first);
        }
        session.lock();
    }
    // Same data, same code; too much data, no code.
    CHECK(makeQrImage("fieldvault") == makeQrImage("fieldvault"));
    CHECK(makeQrImage(QByteArray(5000, 'x')).isNull());
}

TEST_CASE("settings: an enrolled card is removed only after the confirmation", "[settings]")
{
    TempDir dir;
    makeVault(dir / "field", kPassphrase);
    makeVault(dir / "hq", kPassphrase, VaultRole::Hq);
    IdentityCard hqCard;
    {
        Session hq;
        openInto(hq, dir / "hq", kPassphrase);
        hqCard = hq.identity()->card(QStringLiteral("HQ Geneva"));
        hq.lock();
    }
    Session session;
    openInto(session, dir / "field", kPassphrase);
    REQUIRE(enrolCard(*session.database(), hqCard, VaultRole::Field, *session.identity(),
                      QDateTime::currentDateTimeUtc())
                .has_value());

    SettingsDialog dialog(session, nullptr);
    auto* list = child<QListWidget>(&dialog, "enrolledList");
    REQUIRE(list->count() == 1);
    CHECK(list->item(0)->text().contains(QStringLiteral("HQ Geneva")));
    CHECK(list->item(0)->text().contains(QString::fromStdString(hqCard.fingerprint())));
    list->setCurrentRow(0);
    REQUIRE(child<QPushButton>(&dialog, "removeCardButton")->isEnabled());

    answerNextMessageBox(QMessageBox::Cancel);
    dialog.removeSelectedCard();
    CHECK(enrolledCards(*session.database())->size() == 1);

    list->setCurrentRow(0);
    answerNextMessageBox(QMessageBox::Yes);
    dialog.removeSelectedCard();
    CHECK(enrolledCards(*session.database())->isEmpty());
    CHECK_FALSE(child<QPushButton>(&dialog, "removeCardButton")->isEnabled());
    session.lock();
}

TEST_CASE("settings: the settings file holds only the known keys, no path and no name", "[settings]")
{
    TempDir dir;
    const auto location = dir / "vault";
    makeVault(location, kPassphrase);
    Session session;
    MainWindow window(session, location);
    openInto(session, location, kPassphrase);
    SettingsDialog dialog(session, &window.idleWatcher(), &window);
    child<QComboBox>(&dialog, "languageBox")->setCurrentIndex(2);
    dialog.accept();
    CHECK(AppSettings::language() == QLatin1String("ar"));
    session.lock();

    QFile file(settingsPath());
    REQUIRE(file.open(QIODevice::ReadOnly));
    const QString content = QString::fromUtf8(file.readAll());
    CHECK(settingsPath().startsWith(QString::fromStdString(privateHome().string())));
    CHECK_FALSE(content.contains(QString::fromStdString(location.string())));
    CHECK_FALSE(content.contains(QStringLiteral("vault")));
    CHECK_FALSE(content.contains(QStringLiteral("/")));
    const QStringList known = {QStringLiteral("ui/language"), QStringLiteral("security/idleLockMinutes"),
                               QStringLiteral("security/clipboardClearSeconds")};
    QSettings settings(settingsPath(), QSettings::IniFormat);
    for (const QString& key : settings.allKeys())
        CHECK(known.contains(key));
    AppSettings::setLanguage({});
}

TEST_CASE("settings: with the Arabic translation the menus are Arabic and the layout is right-to-left",
          "[settings]")
{
    TempDir dir;
    makeVault(dir / "vault", kPassphrase);
    struct BackToEnglish
    {
        ~BackToEnglish()
        {
            installTranslations(QStringLiteral("en"));
            QCoreApplication::processEvents();
        }
    } backToEnglish;
    REQUIRE(installTranslations(QStringLiteral("ar")));
    QCoreApplication::processEvents();
    {
        Session session;
        MainWindow window(session, dir / "vault");
        CHECK(QApplication::layoutDirection() == Qt::RightToLeft);
        CHECK(window.layoutDirection() == Qt::RightToLeft);
        const QRegularExpression arabic(QStringLiteral("[\\x{0600}-\\x{06FF}]"));
        const QRegularExpression latin(QStringLiteral("[A-Za-z]"));
        const QList<QAction*> menus = window.menuBar()->actions();
        REQUIRE_FALSE(menus.isEmpty());
        for (QAction* menu : menus) {
            CHECK(menu->text().contains(arabic));
            CHECK_FALSE(menu->text().contains(latin));
        }
        CHECK(window.vaultMenu()->title().contains(arabic));
        // Every entry of every menu, the Hand-off menu's included (its strings come from a
        // helper outside any class, a context lupdate and the code must agree on).
        for (QAction* menu : menus) {
            REQUIRE(menu->menu() != nullptr);
            for (QAction* action : menu->menu()->actions()) {
                if (!action->isSeparator()) {
                    INFO(action->text().toStdString());
                    CHECK(action->text().contains(arabic)); // Latin may remain: "CSV", "JSON"
                }
            }
        }
        // The other helper contexts: messages and the passphrase meter.
        CHECK(estimatePassphraseStrength(ByteView()).verdict.contains(arabic));
        // Qt's own strings come from qtbase_ar (when the system has it): the dialog buttons.
        CHECK(QCoreApplication::translate("QPlatformTheme", "Cancel") != QLatin1String("Cancel"));
    }
    REQUIRE(installTranslations(QStringLiteral("en")));
    QCoreApplication::processEvents();
    CHECK(QApplication::layoutDirection() == Qt::LeftToRight);
}

TEST_CASE("settings: every string of the Arabic translation is translated, placeholders kept", "[settings]")
{
    QFile file(QStringLiteral(FV_SOURCE_DIR "/app/desktop/translations/fieldvault_ar.ts"));
    REQUIRE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int messages = 0;
    QStringList problems;
    QString context;
    QString source;
    QStringList translations;
    bool unfinished = false;
    const QRegularExpression placeholder(QStringLiteral("%\\d"));
    const auto placeholders = [&](const QString& text) {
        QStringList found;
        for (auto it = placeholder.globalMatch(text); it.hasNext();)
            found << it.next().captured();
        found.removeDuplicates();
        found.sort();
        return found;
    };
    bool inTranslation = false;
    QString text;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            if (xml.name() == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (xml.name() == QLatin1String("message")) {
                source.clear();
                translations.clear();
                unfinished = false;
            } else if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
            } else if (xml.name() == QLatin1String("translation")) {
                // unfinished, vanished or obsolete
                unfinished = !xml.attributes().value(QLatin1String("type")).isEmpty();
                inTranslation = true;
                text.clear();
            } else if (xml.name() == QLatin1String("numerusform")) {
                translations << xml.readElementText();
            }
        } else if (xml.isCharacters() && inTranslation) {
            text += xml.text();
        } else if (xml.isEndElement() && xml.name() == QLatin1String("translation")) {
            inTranslation = false;
            if (!text.trimmed().isEmpty())
                translations << text;
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            ++messages;
            const QString where = context + QStringLiteral(": ") + source.left(60);
            if (unfinished || translations.isEmpty() || translations.contains(QString()))
                problems << QStringLiteral("untranslated: ") + where;
            for (const QString& translation : translations) {
                if (placeholders(translation) != placeholders(source))
                    problems << QStringLiteral("placeholders differ: ") + where;
            }
        }
    }
    REQUIRE_FALSE(xml.hasError());
    CHECK(messages > 300);
    INFO(problems.join(QLatin1Char('\n')).toStdString());
    CHECK(problems.isEmpty());
}
