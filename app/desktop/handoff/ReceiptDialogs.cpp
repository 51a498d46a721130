#include "handoff/ReceiptDialogs.h"

#include "core/sync/Purge.h"
#include "core/sync/Receipt.h"
#include "handoff/HandoffData.h"
#include "session/UserMessage.h"
#include "widgets/FileDialogs.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fv::desktop {
namespace {

std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

QHBoxLayout* fileRow(QLineEdit* edit, QPushButton* button)
{
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(button);
    return row;
}

} // namespace

ReceiptsDialog::ReceiptsDialog(Session& session, QWidget* parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Receipts from HQ"));
    setObjectName(QStringLiteral("receiptsDialog"));
    auto* intro = new QLabel(tr("A receipt from HQ says what HQ received and verified. Apply it, then purge "
                                "what HQ holds from this device."),
                             this);
    intro->setWordWrap(true);
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("receiptFile"));
    auto* browse = new QPushButton(tr("&Choose receipt…"), this);
    browse->setObjectName(QStringLiteral("receiptFileBrowse"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = chooseOpenFile(this, tr("Receipt file from HQ"));
        if (!path.isEmpty())
            m_file->setText(path);
    });
    auto* apply = new QPushButton(tr("&Apply receipt"), this);
    apply->setObjectName(QStringLiteral("receiptApply"));
    connect(apply, &QPushButton::clicked, this, [this] { applyReceiptFile(m_file->text()); });
    auto* row = fileRow(m_file, browse);
    row->addWidget(apply);

    auto* holds = new QLabel(tr("What HQ holds:"), this);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("deliveredTable"));
    m_table->setHorizontalHeaderLabels({tr("Testimony"), tr("Versions"), tr("Attachments"), tr("Bundle"),
                                        tr("Acknowledged"), tr("On this device")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("receiptMessage"));
    m_message->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_purge = buttons->addButton(tr("&Purge delivered material…"), QDialogButtonBox::DestructiveRole);
    m_purge->setObjectName(QStringLiteral("purgeButton"));
    connect(m_purge, &QPushButton::clicked, this, &ReceiptsDialog::askAndPurge);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(row);
    layout->addWidget(holds);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    resize(900, 500);
    connect(&session, &Session::aboutToLock, this, &QDialog::reject);
    refresh();
}

QString ReceiptsDialog::message() const
{
    return m_message->text();
}

void ReceiptsDialog::refresh()
{
    m_table->setRowCount(0);
    m_purgeable.clear();
    m_purgeableTitles.clear();
    m_withheld.clear();
    m_withheldTitles.clear();
    Database* db = m_session.database();
    if (!db)
        return;
    auto rows = deliveredTestimonies(*db);
    auto plan = planPurge(*db);
    if (!rows || !plan) {
        m_message->setText(userMessage(!rows ? rows.error() : plan.error(), tr("Reading what HQ holds")));
        m_purge->setEnabled(false);
        return;
    }
    const QLocale locale;
    for (const DeliveredTestimony& d : *rows) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QString title = d.purged            ? tr("(purged: only a custody stub is kept)")
                              : d.title.isEmpty() ? tr("(untitled)")
                                                  : d.title;
        auto* titleItem = new QTableWidgetItem(title);
        titleItem->setData(Qt::UserRole, d.testimonyId);
        m_table->setItem(row, TitleColumn, titleItem);
        m_table->setItem(row, VersionsColumn, new QTableWidgetItem(QString::number(d.versions)));
        m_table->setItem(row, AttachmentsColumn, new QTableWidgetItem(QString::number(d.attachments)));
        m_table->setItem(row, BundleColumn, new QTableWidgetItem(d.bundles));
        m_table->setItem(
            row, DeliveredColumn,
            new QTableWidgetItem(locale.toString(d.delivered.toLocalTime(), QLocale::ShortFormat)));
        const bool withheld = d.purgeable && plan->withheld.contains(d.testimonyId);
        m_table->setItem(
            row, StateColumn,
            new QTableWidgetItem(d.purged      ? tr("Purged")
                                 : withheld    ? tr("Kept: HQ has it without the witness's identity")
                                 : d.purgeable ? tr("All delivered: can be purged")
                                               : tr("Kept: changed since, or not all delivered")));
        if (withheld) {
            m_withheld.append(d.testimonyId);
            m_withheldTitles.append(d.title.isEmpty() ? tr("(untitled)") : d.title);
        } else if (d.purgeable) {
            m_purgeable.append(d.testimonyId);
            m_purgeableTitles.append(d.title.isEmpty() ? tr("(untitled)") : d.title);
        }
    }
    m_purge->setEnabled(!m_purgeable.isEmpty() || !m_withheld.isEmpty());
}

QStringList ReceiptsDialog::purgeable() const
{
    return m_purgeable;
}

QStringList ReceiptsDialog::withheld() const
{
    return m_withheld;
}

bool ReceiptsDialog::applyReceiptFile(const QString& path)
{
    Database* db = m_session.database();
    BlobStore* blobs = m_session.blobs();
    const VaultIdentity* own = m_session.identity();
    if (!db || !blobs || !own)
        return false;
    if (path.isEmpty() || !QFileInfo(path).isFile()) {
        m_message->setText(tr("Choose the receipt file HQ sent."));
        return false;
    }
    auto applied = applyReceipt(*db, *blobs, *own, toPath(path));
    if (!applied) {
        m_message->setText(userMessage(applied.error(), tr("Applying the receipt")));
        return false;
    }
    m_message->setText(
        applied->alreadyApplied
            ? tr("This receipt for bundle %1 was applied before; nothing changed.").arg(applied->bundleId)
            : tr("HQ acknowledged bundle %1: %2 versions and %3 attachments are now delivered.")
                  .arg(applied->bundleId, QString::number(applied->versions),
                       QString::number(applied->attachments)));
    m_session.notifyChanged({});
    refresh();
    return true;
}

namespace {

QString bullets(const QStringList& titles)
{
    QString list;
    for (const QString& title : titles)
        list += QStringLiteral("\n• ") + title;
    return list;
}

} // namespace

QString ReceiptsDialog::purgeConfirmationText() const
{
    QString text;
    if (!m_purgeable.isEmpty())
        text =
            tr("These %n testimonies, with all their versions, attachments, history and custody log, will be "
               "removed from this device for good:%1\n\nHQ has acknowledged every part of them. A custody "
               "stub (the ids, the hashes and when HQ acknowledged them) is kept, so you can show later what "
               "was handed over. Testimonies changed after the last receipt are kept.",
               nullptr, int(m_purgeable.size()))
                .arg(bullets(m_purgeableTitles));
    if (!m_withheld.isEmpty()) {
        if (!text.isEmpty())
            text += QStringLiteral("\n\n");
        text += tr("These %n testimonies are kept: HQ received them without the witness's name, contact, "
                   "address and interpreter, which exist only on this device:%1\n\nExport them with "
                   "identifying fields if the witness consented, or destroy those fields with \"Purge and "
                   "destroy identities\".",
                   nullptr, int(m_withheld.size()))
                    .arg(bullets(m_withheldTitles));
    }
    return text;
}

QString ReceiptsDialog::forgetConfirmationText() const
{
    if (m_withheld.isEmpty())
        return {};
    return tr("The witness's name, contact, address and interpreter of these %n testimonies were never sent "
              "to "
              "HQ. Purging them destroys those fields for good, on this device and everywhere:%1\n\nNobody "
              "will be able to contact or identify these witnesses again.",
              nullptr, int(m_withheld.size()))
        .arg(bullets(m_withheldTitles));
}

void ReceiptsDialog::askAndPurge()
{
    const QString question = purgeConfirmationText();
    if (question.isEmpty())
        return;
    QMessageBox box(QMessageBox::Warning, tr("Purge delivered material"), question, QMessageBox::NoButton,
                    this);
    QPushButton* yes =
        m_purgeable.isEmpty() ? nullptr : box.addButton(tr("&Purge"), QMessageBox::DestructiveRole);
    QPushButton* forget = m_withheld.isEmpty() ? nullptr
                                               : box.addButton(tr("Purge and &destroy identities…"),
                                                               QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (yes != nullptr && box.clickedButton() == yes) {
        purgeNow();
        return;
    }
    if (forget == nullptr || box.clickedButton() != forget)
        return;
    QMessageBox again(QMessageBox::Critical, tr("Destroy the witnesses' identities"),
                      forgetConfirmationText(), QMessageBox::NoButton, this);
    QPushButton* destroy = again.addButton(tr("&Destroy and purge"), QMessageBox::DestructiveRole);
    again.addButton(QMessageBox::Cancel);
    again.setDefaultButton(QMessageBox::Cancel);
    again.exec();
    if (again.clickedButton() == destroy)
        purgeNow(true);
}

bool ReceiptsDialog::purgeNow(bool forgetWithheld)
{
    Database* db = m_session.database();
    BlobStore* blobs = m_session.blobs();
    if (!db || !blobs)
        return false;
    auto purged = purgeDelivered(*db, *blobs, PurgeOptions{.forgetWithheld = forgetWithheld});
    if (!purged) {
        m_message->setText(userMessage(purged.error(), tr("Purging")));
        return false;
    }
    QString done = tr("Purged %1 testimonies (%2 versions, %3 attachments); %4 kept because something of "
                      "theirs is not delivered yet.")
                       .arg(QString::number(purged->testimonies.size()), QString::number(purged->versions),
                            QString::number(purged->attachments), QString::number(purged->kept));
    if (!purged->withheld.isEmpty())
        done += QLatin1Char(' ') + tr("%n kept for the witness's identity, which HQ never received.", nullptr,
                                      int(purged->withheld.size()));
    m_message->setText(done);
    m_session.notifyRemoved(purged->testimonies);
    m_session.notifyChanged({});
    refresh();
    return true;
}

IssueReceiptDialog::IssueReceiptDialog(Session& session, QWidget* parent)
    : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Issue a receipt"));
    setObjectName(QStringLiteral("issueReceiptDialog"));
    auto* intro = new QLabel(tr("A receipt tells the delegate's vault what HQ holds, so the delegate can "
                                "remove it from the field device. Issue it only when the material is safely "
                                "kept here, backups included."),
                             this);
    intro->setWordWrap(true);
    m_bundle = new QComboBox(this);
    m_bundle->setObjectName(QStringLiteral("receiptBundle"));
    if (Database* db = session.database()) {
        if (auto bundles = importedBundles(*db)) {
            const QLocale locale;
            for (const ImportedBundle& b : *bundles) {
                const QString when = locale.toString(b.imported.toLocalTime(), QLocale::ShortFormat);
                const QString text = b.quarantined
                                         ? tr("%1 from %2, imported %3 (QUARANTINED: no receipt possible)")
                                               .arg(b.bundleId, b.senderName, when)
                                         : tr("%1 from %2, imported %3").arg(b.bundleId, b.senderName, when);
                m_bundle->addItem(text, b.bundleId);
            }
        }
    }
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("receiptFolder"));
    auto* browse = new QPushButton(tr("C&hoose…"), this);
    browse->setObjectName(QStringLiteral("receiptFolderBrowse"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = chooseFolder(this, tr("Folder to write the receipt to"));
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("issueReceiptMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignLeading);
    form->addRow(tr("&Bundle:"), m_bundle);
    form->addRow(tr("&Folder:"), fileRow(m_folder, browse));
    static_cast<QLabel*>(form->labelForField(form->itemAt(1, QFormLayout::FieldRole)->layout()))
        ->setBuddy(m_folder);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* issueButton = buttons->addButton(tr("&Issue receipt"), QDialogButtonBox::ActionRole);
    issueButton->setObjectName(QStringLiteral("receiptIssue"));
    connect(issueButton, &QPushButton::clicked, this, &IssueReceiptDialog::issue);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);
    if (m_bundle->count() == 0)
        m_message->setText(tr("No bundle has been imported yet."));
    connect(&session, &Session::aboutToLock, this, &QDialog::reject);
}

bool IssueReceiptDialog::selectBundle(const QString& bundleId)
{
    const int index = m_bundle->findData(bundleId);
    if (index < 0)
        return false;
    m_bundle->setCurrentIndex(index);
    return true;
}

void IssueReceiptDialog::setFolder(const QString& folder)
{
    m_folder->setText(folder);
}

QString IssueReceiptDialog::message() const
{
    return m_message->text();
}

QString IssueReceiptDialog::issue()
{
    Database* db = m_session.database();
    const VaultIdentity* hq = m_session.identity();
    if (!db || !hq || m_bundle->currentIndex() < 0)
        return {};
    if (m_folder->text().isEmpty() || !QFileInfo(m_folder->text()).isDir()) {
        m_message->setText(tr("Choose an existing folder for the receipt."));
        return {};
    }
    auto issued = issueReceipt(*db, *hq, m_bundle->currentData().toString(), toPath(m_folder->text()));
    if (!issued) {
        m_message->setText(userMessage(issued.error(), tr("Issuing the receipt")));
        return {};
    }
    const QString path = QFile::decodeName(issued->file.c_str());
    m_message->setText(
        tr("Receipt for bundle %1 (%2 versions, %3 attachments) written to:\n%4\nSend this file "
           "to the delegate.")
            .arg(issued->bundleId, QString::number(issued->versions), QString::number(issued->attachments),
                 path));
    return path;
}

QString writeReportFile(Session& session, const QString& path, ReportFormat format, int* rows)
{
    Database* db = session.database();
    if (!db)
        return QCoreApplication::translate("fv::desktop::ReceiptsDialog", "The vault is locked.");
    auto written = writeHqReport(*db, toPath(path), format);
    if (!written)
        return userMessage(written.error(),
                           QCoreApplication::translate("fv::desktop::ReceiptsDialog", "Writing the report"));
    if (rows)
        *rows = *written;
    return {};
}

void saveHqReport(Session& session, QWidget* parent)
{
    const QString csv =
        QCoreApplication::translate("fv::desktop::ReceiptsDialog", "CSV for spreadsheets (*.csv)");
    const QString json =
        QCoreApplication::translate("fv::desktop::ReceiptsDialog", "JSON for analysis tools (*.json)");
    QString filter = csv;
    QString path = chooseSaveFile(
        parent, QCoreApplication::translate("fv::desktop::ReceiptsDialog", "Save the HQ report (plaintext)"),
        QStringLiteral("report.csv"), csv + QStringLiteral(";;") + json, &filter);
    if (path.isEmpty())
        return;
    const bool isJson = filter == json || path.endsWith(QStringLiteral(".json"), Qt::CaseInsensitive);
    int rows = 0;
    const QString error =
        writeReportFile(session, path, isJson ? ReportFormat::Json : ReportFormat::Csv, &rows);
    if (!error.isEmpty()) {
        QMessageBox::warning(parent, QCoreApplication::translate("fv::desktop::ReceiptsDialog", "Report"),
                             error);
        return;
    }
    QMessageBox::information(parent, QCoreApplication::translate("fv::desktop::ReceiptsDialog", "Report"),
                             QCoreApplication::translate(
                                 "fv::desktop::ReceiptsDialog",
                                 "%n row(s) written. The report is plaintext: keep it on an encrypted disk "
                                 "and delete it when the analysis tool has it.",
                                 nullptr, rows));
}

} // namespace fv::desktop
