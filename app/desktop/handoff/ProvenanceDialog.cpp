#include "handoff/ProvenanceDialog.h"

#include "handoff/HandoffData.h"
#include "session/UserMessage.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fv::desktop {

ProvenanceDialog::ProvenanceDialog(Session& session, QWidget* parent, const QString& testimonyId)
    : QDialog(parent)
{
    setWindowTitle(tr("Received testimonies and their provenance"));
    setObjectName(QStringLiteral("provenanceDialog"));
    auto* message = new QLabel(this);
    message->setObjectName(QStringLiteral("provenanceMessage"));
    message->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("provenanceTable"));
    m_table->setHorizontalHeaderLabels({tr("Title"), tr("Testimony"), tr("Version"), tr("Sender"),
                                        tr("Fingerprint"), tr("Bundle"), tr("Verification"), tr("Received"),
                                        tr("Identifying fields")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(TitleColumn, QHeaderView::Stretch);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(message);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(1000, 500);
    connect(&session, &Session::aboutToLock, this, &QDialog::reject);

    Database* db = session.database();
    if (!db)
        return;
    auto rows = receivedVersions(*db, testimonyId);
    if (!rows) {
        message->setText(userMessage(rows.error(), tr("Reading the received testimonies")));
        return;
    }
    message->setText(rows->isEmpty() ? tr("Nothing has been imported yet.")
                                     : tr("%n version(s) received.", nullptr, int(rows->size())));
    const QLocale locale;
    for (const ReceivedVersion& r : *rows) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const auto set = [&](int column, const QString& text) {
            auto* item = new QTableWidgetItem(text);
            item->setToolTip(text);
            m_table->setItem(row, column, item);
            return item;
        };
        set(TitleColumn, r.title.isEmpty() ? tr("(untitled)") : r.title);
        set(TestimonyColumn, r.testimonyId);
        set(VersionColumn, QString::number(r.version));
        set(SenderColumn, r.senderName);
        set(FingerprintColumn, r.senderFingerprint);
        set(BundleColumn, r.bundleId);
        QTableWidgetItem* state =
            set(VerificationColumn, r.verified      ? tr("Verified")
                                    : r.quarantined ? tr("QUARANTINED: sender not enrolled")
                                                    : tr("Not verified"));
        if (!r.verified) {
            state->setForeground(QColor(0x7a, 0x2e, 0x00));
            state->setBackground(QColor(0xff, 0xe0, 0xb2));
        }
        set(ReceivedColumn, locale.toString(r.received.toLocalTime(), QLocale::ShortFormat));
        set(RedactedColumn, r.redacted ? tr("Left out by the delegate") : tr("Included"));
    }
}

} // namespace fv::desktop
