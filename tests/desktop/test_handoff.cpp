// The hand-off screens over real vaults: a field vault exports through the wizard, an HQ vault
// imports through the import window (bundle, parts, a tampered copy, an unknown sender),
// issues a receipt, the field applies it and purges; cancel leaves nothing; cards are enrolled
// and shown through their dialogs.
#include "DesktopTestSupport.h"
#include "browse/TestimonyBrowser.h"
#include "core/Identity.h"
#include "core/TestimonyStore.h"
#include "handoff/CardDialogs.h"
#include "handoff/ExportWizard.h"
#include "handoff/ImportWindow.h"
#include "handoff/ProvenanceDialog.h"
#include "handoff/ReceiptDialogs.h"
#include "main/MainWindow.h"

#include <QAction>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableView>
#include <QTableWidget>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;
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

fs::path makeDir(const TempDir& dir, const char* name)
{
    fs::create_directories(dir / name);
    return dir / name;
}

QString addTestimony(Session& session, const QString& title)
{
    Testimony t;
    t.title = title;
    t.narrative = QStringLiteral("Narrative of %1").arg(title);
    t.interviewDate = QStringLiteral("2012-06-01");
    t.witness.pseudonym = QStringLiteral("W-1");
    auto id = session.testimonies()->add(t);
    REQUIRE(id.has_value());
    return *id;
}

void attachBytes(Session& session, const QString& id, qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char((i * 131 + i / 977) & 0xff);
    QBuffer buffer(&bytes);
    REQUIRE(buffer.open(QIODevice::ReadOnly));
    REQUIRE(
        session.testimonies()->attach(id, buffer, {.fileName = QStringLiteral("interview.ogg")}).has_value());
}

/// Saves `session`'s card through the own-card dialog and enrols it in `into` through the
/// enrol dialog, ticking the phone check.
void exchangeCard(Session& from, Session& into, const fs::path& file)
{
    OwnCardDialog own(from);
    REQUIRE(own.cardText().startsWith(QStringLiteral("fieldvault identity card v1\n")));
    REQUIRE(own.saveTo(q(file)));
    EnrolCardDialog enrol(into);
    REQUIRE(enrol.loadCard(q(file)));
    CHECK(child<QLabel>(&enrol, "enrolFingerprint")->text() ==
          QString::fromStdString(from.identity()->card().fingerprint()));
    CHECK_FALSE(child<QPushButton>(&enrol, "enrolButton")->isEnabled()); // the phone check first
    child<QCheckBox>(&enrol, "enrolConfirmed")->setChecked(true);
    REQUIRE(enrol.enrol());
}

/// Drives `wizard` from the first page to the end of the export into `destination`.
void runWizard(ExportWizard& wizard, const fs::path& destination)
{
    wizard.show();
    REQUIRE(wizard.currentId() == ExportWizard::RecipientsPage);
    REQUIRE(child<QListWidget>(&wizard, "exportRecipients")->count() == 1);
    wizard.next();
    REQUIRE(wizard.currentId() == ExportWizard::ScopePage);
    wizard.next();
    REQUIRE(wizard.currentId() == ExportWizard::OutputPage);
    CHECK_FALSE(wizard.button(QWizard::NextButton)->isEnabled()); // no folder yet
    child<QLineEdit>(&wizard, "exportDestination")->setText(q(destination));
    wizard.next();
    REQUIRE(wizard.currentId() == ExportWizard::ProgressPage);
    REQUIRE(
        waitFor([&] { return wizard.currentId() == ExportWizard::SummaryPage; }, std::chrono::seconds(60)));
    REQUIRE(wizard.result().has_value());
}

int rowWith(QTableWidget* table, int column, const QString& role)
{
    for (int r = 0; r < table->rowCount(); ++r) {
        if (table->item(r, column) && table->item(r, column)->data(Qt::UserRole).toString() == role)
            return r;
    }
    return -1;
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

} // namespace

TEST_CASE("hand-off loop: export wizard, HQ import of three files, receipt, apply, purge", "[handoff]")
{
    TempDir dir;
    Session field, hq, stranger;
    MainWindow fieldWindow(field, dir / "field");
    fieldWindow.show();
    open(field, dir / "field", VaultRole::Field);
    open(hq, dir / "hq", VaultRole::Hq);
    open(stranger, dir / "stranger", VaultRole::Field);
    {
        auto identity = VaultIdentity::load(*field.database());
        REQUIRE(identity.has_value());
        REQUIRE(identity->setDisplayName(*field.database(), QStringLiteral("D-17")).has_value());
    }
    field.lock();
    auto reopened = Vault::unlock(dir / "field", secret(kPassphrase));
    REQUIRE(reopened.has_value());
    REQUIRE(field.adopt(std::move(*reopened)).has_value());

    exchangeCard(hq, field, dir / "hq.card");
    exchangeCard(field, hq, dir / "d17.card");
    exchangeCard(hq, stranger, dir / "hq.card2"); // the stranger's card never reaches HQ

    // A field vault refuses a delegate's card, saying why.
    {
        EnrolCardDialog enrol(field);
        CHECK_FALSE(enrol.loadCard(q(dir / "d17.card")));
        CHECK(enrol.message().contains(QStringLiteral("not an HQ card")));
    }
    // The menu follows the role.
    CHECK(child<QAction>(&fieldWindow, "actionExport")->isVisible());
    CHECK_FALSE(child<QAction>(&fieldWindow, "actionImport")->isVisible());

    const QString first = addTestimony(field, QStringLiteral("First testimony"));
    attachBytes(field, first, 1'500'000);
    const QString second = addTestimony(field, QStringLiteral("Second testimony"));
    field.notifyChanged({});
    REQUIRE(waitFor([&] { return listed(fieldWindow, first) && listed(fieldWindow, second); }));

    // Bundle 1: everything not acknowledged, one file, through the menu action.
    const fs::path out1 = makeDir(dir, "out1");
    child<QAction>(&fieldWindow, "actionExport")->trigger();
    auto* wizard = fieldWindow.findChild<ExportWizard*>();
    REQUIRE(wizard != nullptr);
    CHECK(wizard->isModal());
    child<QRadioButton>(wizard, "exportScopePending")->setChecked(true);
    runWizard(*wizard, out1);
    const ExportResult bundle1 = *wizard->result();
    CHECK(bundle1.testimonies == 2);
    CHECK(bundle1.attachments == 1);
    REQUIRE(bundle1.files.size() == 1);
    const QString summary = child<QLabel>(wizard, "exportSummary")->text();
    CHECK(summary.contains(bundle1.bundleId));
    CHECK(summary.contains(QFile::decodeName(bundle1.files.front().c_str())));
    wizard->accept();

    // Bundle 2: only the first testimony (the browser's selection), in parts of 1 MB.
    const fs::path out2 = makeDir(dir, "out2");
    ExportWizard selection(field, {first});
    CHECK(child<QRadioButton>(&selection, "exportScopeSelection")->isChecked());
    child<QComboBox>(&selection, "exportPartSize")->setCurrentIndex(ExportWizard::PartsCustom);
    child<QSpinBox>(&selection, "exportCustomPartSize")->setValue(1);
    CHECK(selection.options().testimonyIds == QStringList{first});
    CHECK(selection.options().partSize == 1'000'000);
    runWizard(selection, out2);
    const ExportResult bundle2 = *selection.result();
    CHECK(bundle2.testimonies == 1);
    REQUIRE(bundle2.files.size() == 2);
    selection.accept();

    // The second testimony changes after export: HQ will not hold its newest version.
    Testimony edited = *field.testimonies()->current(second);
    edited.summary = QStringLiteral("Added after the export");
    REQUIRE(field.testimonies()->edit(second, edited).has_value());

    // A tampered copy of bundle 1 (one byte flipped).
    const fs::path in = makeDir(dir, "in");
    QFile original(QFile::decodeName(bundle1.files.front().c_str()));
    REQUIRE(original.open(QIODevice::ReadOnly));
    QByteArray bytes = original.readAll();
    bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x20);
    QFile tampered(q(in / "tampered"));
    REQUIRE(tampered.open(QIODevice::WriteOnly));
    tampered.write(bytes);
    tampered.close();

    // HQ imports the three files at once: the bundle, the first part of bundle 2, the tampered copy.
    ImportWindow import(hq);
    import.addFiles({QFile::decodeName(bundle1.files.front().c_str()),
                     QFile::decodeName(bundle2.files.front().c_str()), q(in / "tampered")});
    CHECK(import.pendingFiles().size() == 3);
    REQUIRE(import.startImport());
    REQUIRE(waitFor([&] { return !import.isImporting() && import.results()->rowCount() == 3; },
                    std::chrono::seconds(60)));
    QTableWidget* table = import.results();
    int verified = 0;
    for (int r = 0; r < 3; ++r) {
        const QString state = table->item(r, ImportWindow::ResultColumn)->data(Qt::UserRole).toString();
        if (state == QStringLiteral("verified")) {
            ++verified;
            CHECK(table->item(r, ImportWindow::SenderColumn)->text() == QStringLiteral("D-17"));
            CHECK(table->item(r, ImportWindow::FingerprintColumn)->text() ==
                  QString::fromStdString(field.identity()->card().fingerprint()));
            CHECK(table->item(r, ImportWindow::ResultColumn)->text().startsWith(QStringLiteral("Verified")));
        }
    }
    CHECK(verified == 2);
    const int refused = rowWith(table, ImportWindow::ResultColumn, QStringLiteral("refused"));
    REQUIRE(refused >= 0);
    CHECK(table->item(refused, ImportWindow::BundleColumn)->text() == QStringLiteral("tampered"));
    CHECK(table->item(refused, ImportWindow::ResultColumn)
              ->text()
              .contains(QStringLiteral("REFUSED, nothing imported")));
    CHECK(table->item(refused, ImportWindow::ResultColumn)
              ->text()
              .contains(QStringLiteral("signature or check failed")));

    // An unknown sender's bundle is stored in quarantine and says so.
    const fs::path out3 = makeDir(dir, "out3");
    addTestimony(stranger, QStringLiteral("From a stranger"));
    ExportWizard strangerWizard(stranger, {});
    runWizard(strangerWizard, out3);
    const ExportResult bundle3 = *strangerWizard.result();
    strangerWizard.accept();
    import.addFiles({QFile::decodeName(bundle3.files.front().c_str())});
    REQUIRE(import.startImport());
    REQUIRE(
        waitFor([&] { return !import.isImporting() && table->rowCount() == 4; }, std::chrono::seconds(60)));
    CHECK(table->item(3, ImportWindow::ResultColumn)->data(Qt::UserRole).toString() ==
          QStringLiteral("quarantined"));
    CHECK(table->item(3, ImportWindow::ResultColumn)->text().startsWith(QStringLiteral("QUARANTINED")));
    CHECK(table->item(3, ImportWindow::ResultColumn)->background().color() != QColor(Qt::white));
    CHECK(child<QLabel>(&import, "importStatus")->text() ==
          QStringLiteral("0 verified, 1 quarantined, 0 refused."));

    // Provenance of every received version.
    {
        ProvenanceDialog provenance(hq);
        QTableWidget* rows = provenance.table();
        REQUIRE(rows->rowCount() == 3); // two from D-17, one from the stranger
        int quarantinedRows = 0;
        for (int r = 0; r < rows->rowCount(); ++r) {
            const QString state = rows->item(r, ProvenanceDialog::VerificationColumn)->text();
            if (rows->item(r, ProvenanceDialog::SenderColumn)->text() == QStringLiteral("D-17")) {
                CHECK(state == QStringLiteral("Verified"));
                CHECK(rows->item(r, ProvenanceDialog::BundleColumn)->text() == bundle1.bundleId);
            } else {
                CHECK(state.startsWith(QStringLiteral("QUARANTINED")));
                ++quarantinedRows;
            }
            CHECK_FALSE(rows->item(r, ProvenanceDialog::ReceivedColumn)->text().isEmpty());
        }
        CHECK(quarantinedRows == 1);
        ProvenanceDialog one(hq, nullptr, first);
        CHECK(one.table()->rowCount() == 1);
        CHECK(one.table()->item(0, ProvenanceDialog::TitleColumn)->text() ==
              QStringLiteral("First testimony"));
    }

    // HQ issues a receipt for bundle 1; a quarantined bundle gets none.
    const fs::path receipts = makeDir(dir, "receipts");
    IssueReceiptDialog issue(hq);
    REQUIRE(issue.selectBundle(bundle3.bundleId));
    issue.setFolder(q(receipts));
    CHECK(issue.issue().isEmpty());
    CHECK(issue.message().contains(QStringLiteral("quarantined"), Qt::CaseInsensitive));
    REQUIRE(issue.selectBundle(bundle1.bundleId));
    const QString receipt = issue.issue();
    REQUIRE_FALSE(receipt.isEmpty());
    CHECK(QFileInfo::exists(receipt));

    // The field applies it, sees what HQ holds, and purges what is wholly delivered.
    ReceiptsDialog receiptsDialog(field);
    CHECK(receiptsDialog.table()->rowCount() == 0);
    CHECK_FALSE(child<QPushButton>(&receiptsDialog, "purgeButton")->isEnabled());
    REQUIRE(receiptsDialog.applyReceiptFile(receipt));
    CHECK(receiptsDialog.message().contains(bundle1.bundleId));
    CHECK(receiptsDialog.table()->rowCount() == 2);
    CHECK(receiptsDialog.purgeable() == QStringList{first}); // the second changed since
    const QString question = receiptsDialog.purgeConfirmationText();
    CHECK(question.contains(QStringLiteral("First testimony")));
    CHECK_FALSE(question.contains(QStringLiteral("Second testimony")));
    CHECK(question.contains(QStringLiteral("custody stub")));
    REQUIRE(receiptsDialog.purgeNow());
    CHECK(receiptsDialog.purgeable().isEmpty());
    REQUIRE(waitFor([&] { return !listed(fieldWindow, first); }));
    CHECK(listed(fieldWindow, second));
    CHECK_FALSE(field.testimonies()->current(first).has_value());

    // The report is written as CSV with a row per received testimony.
    int rows = 0;
    CHECK(writeReportFile(hq, q(dir / "report.csv"), ReportFormat::Csv, &rows).isEmpty());
    CHECK(rows == 3);
}

TEST_CASE("hand-off: cancelling an export leaves nothing that looks like a bundle", "[handoff]")
{
    TempDir dir;
    Session field, hq;
    open(field, dir / "field", VaultRole::Field);
    open(hq, dir / "hq", VaultRole::Hq);
    REQUIRE(enrolCard(*field.database(), hq.identity()->card(), VaultRole::Field, *field.identity(),
                      QDateTime::currentDateTimeUtc())
                .has_value());
    const QString id = addTestimony(field, QStringLiteral("Long interview"));
    attachBytes(field, id, 24'000'000);

    const fs::path out = makeDir(dir, "out");
    ExportWizard wizard(field, {});
    wizard.show();
    wizard.next();
    wizard.next();
    child<QLineEdit>(&wizard, "exportDestination")->setText(q(out));
    wizard.next();
    REQUIRE(wizard.currentId() == ExportWizard::ProgressPage);
    REQUIRE(wizard.isExporting());
    QTest::mouseClick(child<QPushButton>(&wizard, "exportCancel"), Qt::LeftButton);
    REQUIRE(waitFor([&] { return !wizard.isExporting(); }, std::chrono::seconds(60)));
    CHECK(wizard.currentId() == ExportWizard::ProgressPage);
    CHECK_FALSE(wizard.result().has_value());
    CHECK(wizard.errorText().contains(QStringLiteral("stopped")));
    CHECK(
        child<QLabel>(&wizard, "exportProgressText")->text().contains(QStringLiteral("Nothing was written")));
    CHECK(QDir(q(out)).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());

    // Back, and the same export goes through: nothing was recorded as exported.
    wizard.back();
    REQUIRE(wizard.currentId() == ExportWizard::OutputPage);
    wizard.next();
    REQUIRE(
        waitFor([&] { return wizard.currentId() == ExportWizard::SummaryPage; }, std::chrono::seconds(120)));
    CHECK(wizard.result()->testimonies == 1);
    CHECK(QDir(q(out)).entryList(QDir::Files | QDir::NoDotAndDotDot).size() == 1);
}

TEST_CASE("hand-off: an HQ window shows the HQ actions and a locked session closes the import window",
          "[handoff]")
{
    TempDir dir;
    Session hq;
    MainWindow window(hq, dir / "hq");
    open(hq, dir / "hq", VaultRole::Hq);
    CHECK(child<QAction>(&window, "actionImport")->isVisible());
    CHECK(child<QAction>(&window, "actionReport")->isVisible());
    CHECK_FALSE(child<QAction>(&window, "actionExport")->isVisible());
    CHECK(child<QAction>(&window, "actionEnrolCard")->text().contains(QStringLiteral("delegate")));
    child<QAction>(&window, "actionImport")->trigger();
    QPointer<ImportWindow> import = window.findChild<ImportWindow*>();
    REQUIRE(import);
    CHECK(import->isVisible());
    hq.lock();
    REQUIRE(waitFor([&] { return import.isNull() || !import->isVisible(); }));
}
