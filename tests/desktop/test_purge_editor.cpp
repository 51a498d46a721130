// A purge under the editor (review finding "after a purge the editor is stuck"): the testimony
// open in the editor is delivered to HQ and purged through Hand-off → Receipts and purge; the
// editor closes it without an error, the list drops it, Ctrl+N starts a new testimony at once
// and what is typed next is saved into that new one. An edit still pending when the receipts
// screen is opened is saved first, so its testimony is not wholly delivered and stays.
#include "DesktopTestSupport.h"
#include "browse/TestimonyBrowser.h"
#include "core/Identity.h"
#include "core/TestimonyStore.h"
#include "editor/TestimonyEditor.h"
#include "handoff/ExportWizard.h"
#include "handoff/ImportWindow.h"
#include "handoff/ReceiptDialogs.h"
#include "main/MainWindow.h"

#include <QAction>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTableWidget>
#include <QTextEdit>
#include <QTimer>
#include <algorithm>
#include <catch2/catch.hpp>
#include <functional>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPassphrase = "correct horse battery staple river";

void open(Session& session, const fs::path& where, VaultRole role)
{
    makeVault(where, kPassphrase, role);
    auto vault = Vault::unlock(where, secret(kPassphrase));
    REQUIRE(vault.has_value());
    REQUIRE(session.adopt(std::move(*vault)).has_value());
}

QString q(const fs::path& path)
{
    return QString::fromStdString(path.string());
}

bool listed(MainWindow& window, const QString& id)
{
    auto* model = window.browser()->model();
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->idAt(r) == id)
            return true;
    }
    return false;
}

/// A field window with one testimony open in the editor, and an HQ vault both know.
struct Delivery
{
    TempDir dir;
    Session field, hq;
    MainWindow window{field, dir / "field"};
    QString id;

    Delivery()
    {
        window.show();
        open(field, dir / "field", VaultRole::Field);
        open(hq, dir / "hq", VaultRole::Hq);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        REQUIRE(
            enrolCard(*field.database(), hq.identity()->card(), VaultRole::Field, *field.identity(), now));
        REQUIRE(enrolCard(*hq.database(), field.identity()->card(), VaultRole::Hq, *hq.identity(), now));
        Testimony t;
        t.title = QStringLiteral("Raid in the old market");
        t.narrative = QStringLiteral("They came at night.");
        t.interviewDate = QStringLiteral("2012-06-01");
        t.witness.pseudonym = QStringLiteral("W-1");
        auto added = field.testimonies()->add(t);
        REQUIRE(added);
        id = *added;
        field.notifyChanged(id);
        REQUIRE(waitFor([&] { return listed(window, id); }));
        window.editor()->setAutosaveDelay(50ms);
        REQUIRE(window.editor()->open(id));
    }

    /// Exports everything, imports it at HQ and returns HQ's receipt file.
    QString exportAndReceipt()
    {
        ExportWizard wizard(field, {});
        wizard.show();
        wizard.next();
        wizard.next();
        fs::create_directories(dir / "out");
        child<QLineEdit>(&wizard, "exportDestination")->setText(q(dir / "out"));
        wizard.next();
        REQUIRE(waitFor([&] { return wizard.currentId() == ExportWizard::SummaryPage; }, 60s));
        REQUIRE(wizard.result());
        const ExportResult bundle = *wizard.result();
        wizard.accept();

        ImportWindow import(hq);
        import.addFiles({QFile::decodeName(bundle.files.front().c_str())});
        REQUIRE(import.startImport());
        REQUIRE(waitFor([&] { return !import.isImporting() && import.results()->rowCount() == 1; }, 60s));
        IssueReceiptDialog issue(hq);
        REQUIRE(issue.selectBundle(bundle.bundleId));
        fs::create_directories(dir / "receipts");
        issue.setFolder(q(dir / "receipts"));
        const QString receipt = issue.issue();
        REQUIRE_FALSE(receipt.isEmpty());
        return receipt;
    }

    /// Opens Hand-off → Receipts and purge and applies `receipt` there.
    ReceiptsDialog* receipts(const QString& receipt)
    {
        child<QAction>(&window, "actionReceipts")->trigger();
        auto* dialog = window.findChild<ReceiptsDialog*>();
        REQUIRE(dialog);
        REQUIRE(waitFor([&] { return QApplication::activeModalWidget() == dialog; }));
        REQUIRE(dialog->applyReceiptFile(receipt));
        return dialog;
    }
};

/// Clicks the destructive button of the next message box, from inside its event loop.
void confirmNextMessage()
{
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        poll->stop();
        poll->deleteLater();
        for (QAbstractButton* button : box->buttons()) {
            if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                QTimer::singleShot(0, button, [button] { button->click(); });
        }
    });
    poll->start();
}

bool messageShown(const MainWindow& window)
{
    const auto boxes = window.findChildren<QMessageBox*>();
    return std::any_of(boxes.begin(), boxes.end(), [](QMessageBox* box) { return box->isVisible(); });
}

} // namespace

TEST_CASE("purge under the editor: the purged testimony closes and Ctrl+N starts a new one at once",
          "[purge-editor]")
{
    Delivery d;
    TestimonyEditor* editor = d.window.editor();
    auto* title = child<QLineEdit>(editor, "editorTitle");
    CHECK(title->text() == QStringLiteral("Raid in the old market"));
    const QString receipt = d.exportAndReceipt();

    QPointer<ReceiptsDialog> dialog = d.receipts(receipt);
    REQUIRE(dialog->purgeable() == QStringList{d.id});
    confirmNextMessage();
    QTest::mouseClick(child<QPushButton>(dialog, "purgeButton"), Qt::LeftButton);
    REQUIRE(dialog->message().startsWith(QStringLiteral("Purged 1 testimonies")));
    dialog->reject();
    REQUIRE(waitFor([&] { return dialog.isNull(); }));
    REQUIRE_FALSE(d.field.testimonies()->current(d.id).has_value());

    // Nothing of the purged testimony stays on screen, and no error shows.
    CHECK(editor->currentId().isEmpty());
    CHECK(editor->saveState() == TestimonyEditor::SaveState::Empty);
    CHECK(title->text().isEmpty());
    CHECK_FALSE(editor->saveStateText().contains(QStringLiteral("Not saved")));
    CHECK_FALSE(messageShown(d.window));
    CHECK_FALSE(listed(d.window, d.id));

    // Typing before Ctrl+N reaches no testimony; Ctrl+N starts a new one.
    type(title, QStringLiteral("Leak test"));
    QTest::qWait(200);
    d.window.activateWindow();
    REQUIRE(waitFor([&] { return d.window.isActiveWindow(); }));
    QTest::keyClick(&d.window, Qt::Key_N, Qt::ControlModifier);
    CHECK(editor->saveState() == TestimonyEditor::SaveState::Saved);
    CHECK(editor->currentId().isEmpty());
    CHECK(editor->saveStateText() == QStringLiteral("New testimony: saved as soon as you type"));
    CHECK(title->text().isEmpty());

    type(title, QStringLiteral("Next interview"));
    REQUIRE(waitFor([&] {
        return editor->saveState() == TestimonyEditor::SaveState::Saved && !editor->currentId().isEmpty();
    }));
    const QString next = editor->currentId();
    CHECK(next != d.id);
    auto saved = d.field.testimonies()->current(next);
    REQUIRE(saved);
    CHECK(saved->title == QStringLiteral("Next interview"));
    auto purged = d.field.testimonies()->current(d.id);
    REQUIRE_FALSE(purged);
    CHECK(purged.error().code == ErrorCode::NotFound);
    CHECK(*d.field.testimonies()->count() == 1);
    REQUIRE(waitFor([&] { return listed(d.window, next); }));
    CHECK_FALSE(messageShown(d.window));

    // Locking and unlocking brings back the new testimony, with no stale error.
    d.window.lock();
    REQUIRE_FALSE(d.field.isUnlocked());
    auto vault = Vault::unlock(d.dir / "field", secret(kPassphrase));
    REQUIRE(vault);
    REQUIRE(d.field.adopt(std::move(*vault)));
    CHECK(editor->currentId() == next);
    CHECK(editor->saveStateText() == QStringLiteral("All changes saved"));
    CHECK_FALSE(messageShown(d.window));
}

TEST_CASE("purge under the editor: an edit pending when the receipts screen opens is saved, so the "
          "testimony is kept",
          "[purge-editor]")
{
    Delivery d;
    TestimonyEditor* editor = d.window.editor();
    const QString receipt = d.exportAndReceipt();

    // Delivered as it was; the delegate goes on typing, and the edit is not saved yet.
    editor->setAutosaveDelay(1h);
    auto* narrative = child<QTextEdit>(editor, "editorNarrative");
    narrative->moveCursor(QTextCursor::End);
    type(narrative, QStringLiteral(" Three were taken."));
    REQUIRE(editor->saveState() == TestimonyEditor::SaveState::Pending);

    QPointer<ReceiptsDialog> dialog = d.receipts(receipt);
    CHECK(dialog->purgeable().isEmpty());
    CHECK_FALSE(child<QPushButton>(dialog, "purgeButton")->isEnabled());
    REQUIRE(dialog->purgeNow());
    dialog->reject();
    REQUIRE(waitFor([&] { return dialog.isNull(); }));

    auto kept = d.field.testimonies()->current(d.id);
    REQUIRE(kept);
    CHECK(kept->narrative == QStringLiteral("They came at night. Three were taken."));
    CHECK(kept->version == 2);
    CHECK(editor->currentId() == d.id);
    CHECK(editor->saveState() == TestimonyEditor::SaveState::Saved);
    CHECK(listed(d.window, d.id));
}

TEST_CASE("purge while locked: unlocking does not return to the purged testimony nor show an error",
          "[purge-editor]")
{
    Delivery d;
    const QString receipt = d.exportAndReceipt();
    d.window.lock();
    REQUIRE_FALSE(d.field.isUnlocked());
    {
        // Another program (fieldvault-cli purge) purges while the window is locked.
        Session other;
        auto vault = Vault::unlock(d.dir / "field", secret(kPassphrase));
        REQUIRE(vault);
        REQUIRE(other.adopt(std::move(*vault)));
        ReceiptsDialog receipts(other);
        REQUIRE(receipts.applyReceiptFile(receipt));
        REQUIRE(receipts.purgeNow());
        REQUIRE(receipts.message().startsWith(QStringLiteral("Purged 1 testimonies")));
        other.lock();
    }
    auto vault = Vault::unlock(d.dir / "field", secret(kPassphrase));
    REQUIRE(vault);
    REQUIRE(d.field.adopt(std::move(*vault)));

    TestimonyEditor* editor = d.window.editor();
    CHECK(editor->saveState() == TestimonyEditor::SaveState::Empty);
    CHECK(editor->currentId().isEmpty());
    CHECK_FALSE(editor->saveStateText().contains(QStringLiteral("Not saved")));
    CHECK_FALSE(messageShown(d.window));
    CHECK_FALSE(listed(d.window, d.id));

    d.window.activateWindow();
    REQUIRE(waitFor([&] { return d.window.isActiveWindow(); }));
    QTest::keyClick(&d.window, Qt::Key_N, Qt::ControlModifier);
    type(child<QLineEdit>(editor, "editorTitle"), QStringLiteral("Next interview"));
    REQUIRE(waitFor([&] {
        return editor->saveState() == TestimonyEditor::SaveState::Saved && !editor->currentId().isEmpty();
    }));
    auto saved = d.field.testimonies()->current(editor->currentId());
    REQUIRE(saved);
    CHECK(saved->title == QStringLiteral("Next interview"));
    CHECK(*d.field.testimonies()->count() == 1); // nothing else was saved on the way
}

namespace {

/// Clicks the button labelled `text` (mnemonics aside) of the next message box, from inside its
/// event loop; then
/// does `then` (e.g. arms the next click).
void clickInNextMessage(const QString& text, std::function<void()> then = {})
{
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll, text, then] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        for (QAbstractButton* button : box->buttons()) {
            if (QString(button->text()).remove(u'&') != QString(text).remove(u'&'))
                continue;
            poll->stop();
            poll->deleteLater();
            if (then)
                then();
            QTimer::singleShot(0, button, [button] { button->click(); });
        }
    });
    poll->start();
}

} // namespace

TEST_CASE("purge keeps a testimony whose witness's identity HQ never received, until destroyed by name",
          "[purge-editor][withheld]")
{
    // Review finding M1: a default (redacted) export, a receipt and a purge destroyed the
    // witness's name and contact, which had never left the device.
    Delivery d;
    Testimony w;
    w.title = QStringLiteral("Detention at the checkpoint");
    w.interviewDate = QStringLiteral("2012-06-03");
    w.witness.pseudonym = QStringLiteral("W-2");
    w.witness.realName = QStringLiteral("Rana Saleh");
    w.witness.contact = QStringLiteral("+963 11 222 333");
    auto added = d.field.testimonies()->add(w);
    REQUIRE(added);
    const QString wid = *added;
    d.field.notifyChanged(wid);
    const QString receipt = d.exportAndReceipt();

    QPointer<ReceiptsDialog> dialog = d.receipts(receipt);
    CHECK(dialog->purgeable() == QStringList{d.id});
    CHECK(dialog->withheld() == QStringList{wid});
    const QString question = dialog->purgeConfirmationText();
    CHECK(question.contains(QStringLiteral("Raid in the old market")));
    CHECK(question.contains(QStringLiteral("Detention at the checkpoint")));
    CHECK(question.contains(QStringLiteral("only on this device")));
    CHECK(dialog->forgetConfirmationText().contains(QStringLiteral("Detention at the checkpoint")));

    // "Purge" removes the other one and keeps this one, name and contact intact.
    clickInNextMessage(QStringLiteral("&Purge"));
    QTest::mouseClick(child<QPushButton>(dialog, "purgeButton"), Qt::LeftButton);
    CHECK(dialog->message().contains(QStringLiteral("1 kept for the witness's identity")));
    CHECK_FALSE(d.field.testimonies()->current(d.id));
    auto kept = d.field.testimonies()->current(wid);
    REQUIRE(kept);
    CHECK(kept->witness.realName == QStringLiteral("Rana Saleh"));
    CHECK(kept->witness.contact == QStringLiteral("+963 11 222 333"));
    CHECK(dialog->withheld() == QStringList{wid});
    CHECK(child<QPushButton>(dialog, "purgeButton")->isEnabled());

    // Cancelling the second question keeps it too.
    clickInNextMessage(QStringLiteral("Purge and &destroy identities…"),
                       [] { clickInNextMessage(QStringLiteral("&Cancel")); });
    QTest::mouseClick(child<QPushButton>(dialog, "purgeButton"), Qt::LeftButton);
    CHECK(d.field.testimonies()->current(wid));

    // Only the explicit second confirmation destroys it.
    clickInNextMessage(QStringLiteral("Purge and &destroy identities…"),
                       [] { clickInNextMessage(QStringLiteral("&Destroy and purge")); });
    QTest::mouseClick(child<QPushButton>(dialog, "purgeButton"), Qt::LeftButton);
    auto gone = d.field.testimonies()->current(wid);
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == ErrorCode::NotFound);
    CHECK(dialog->withheld().isEmpty());
    dialog->reject();
}
