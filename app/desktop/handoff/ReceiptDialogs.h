#pragma once
// Receipts on both sides (issue 4 §3). Field: apply a receipt HQ sent (it says what HQ now
// holds), see what HQ holds, and purge it from this device, keeping a custody stub. HQ: issue a
// receipt for an imported bundle into a chosen folder, and write the CSV/JSON report.
#include "core/sync/Report.h"
#include "session/Session.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;

namespace fv::desktop {

/// Field vault: apply receipts, what HQ holds, purge.
class ReceiptsDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn,
        VersionsColumn,
        AttachmentsColumn,
        BundleColumn,
        DeliveredColumn,
        StateColumn,
        ColumnCount,
    };

    explicit ReceiptsDialog(Session& session, QWidget* parent = nullptr);

    /// Verifies and applies the receipt file at `path`; false (with the reason shown) on error.
    bool applyReceiptFile(const QString& path);
    /// Reloads the table of what HQ holds.
    void refresh();
    /// The testimonies a purge would remove now (ids), as the table shows them.
    QStringList purgeable() const;
    /// Delivered testimonies a purge keeps because HQ received them only without the witness's
    /// identifying fields (ids): purging them would destroy those fields everywhere.
    QStringList withheld() const;
    /// The confirmation question for a purge: exactly what goes, that a stub stays, and which
    /// testimonies stay for their identifying fields. Empty when nothing can be purged.
    QString purgeConfirmationText() const;
    /// The second question before destroying identifying fields HQ never received, naming each
    /// testimony. Empty when there are none.
    QString forgetConfirmationText() const;
    /// Purges without asking (the button asks first); with `forgetWithheld`, also the withheld
    /// testimonies. False with the reason shown on error.
    bool purgeNow(bool forgetWithheld = false);
    QTableWidget* table() const noexcept { return m_table; }
    QString message() const;

private:
    void askAndPurge();

    Session& m_session;
    QLineEdit* m_file = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_purge = nullptr;
    QLabel* m_message = nullptr;
    QStringList m_purgeable;
    QStringList m_purgeableTitles;
    QStringList m_withheld;
    QStringList m_withheldTitles;
};

/// HQ vault: a receipt for one imported bundle.
class IssueReceiptDialog : public QDialog
{
    Q_OBJECT

public:
    explicit IssueReceiptDialog(Session& session, QWidget* parent = nullptr);

    /// Chooses the bundle `bundleId` in the list; false when it is not there.
    bool selectBundle(const QString& bundleId);
    void setFolder(const QString& folder);
    /// Writes the receipt of the chosen bundle into the chosen folder; returns its path, or an
    /// empty string (the reason shown) on error.
    QString issue();
    QString message() const;

private:
    Session& m_session;
    QComboBox* m_bundle = nullptr;
    QLineEdit* m_folder = nullptr;
    QLabel* m_message = nullptr;
};

/// HQ: asks where to save the report and writes it (format from the chosen filter or suffix).
void saveHqReport(Session& session, QWidget* parent);
/// Writes the report of `session`'s HQ vault to `path`; the message for the person on error
/// (empty on success, when `rows` is set).
QString writeReportFile(Session& session, const QString& path, ReportFormat format, int* rows = nullptr);

} // namespace fv::desktop
