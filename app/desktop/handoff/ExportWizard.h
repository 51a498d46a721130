#pragma once
// The export wizard of a field vault (issue 4 §3): recipients (enrolled HQ cards), scope (what
// HQ has not acknowledged yet, or chosen testimonies), identifying witness fields yes or no,
// part size, destination folder; then the export with progress and cancel, and a summary of
// what went out.
//
// The export runs as the session's exclusive work (Session::runExclusive): views and timers wait
// for it; the GUI polls the progress. Cancel (the page's button, the wizard's Cancel, closing
// it, or the session locking) sets core's cancel flag and waits: core then removes its
// temporary files, so nothing that looks like a bundle is left.
#include "core/sync/BundleWriter.h"
#include "session/Session.h"

#include <QStringList>
#include <QTimer>
#include <QWizard>
#include <atomic>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace fv::desktop {

class ExportWizard : public QWizard
{
    Q_OBJECT

public:
    enum Page
    {
        RecipientsPage,
        ScopePage,
        OutputPage,
        ProgressPage,
        SummaryPage,
    };
    /// Part sizes offered, in the order of the part size box.
    enum PartChoice
    {
        NoParts,
        Parts10MB,
        Parts25MB,
        Parts100MB,
        PartsCustom,
    };

    /// A wizard over the unlocked field vault of `session`; `selectedIds` are pre-checked in
    /// the selection list (the browser's selection).
    ExportWizard(Session& session, const QStringList& selectedIds, QWidget* parent = nullptr);
    /// Cancels and waits for a running export.
    ~ExportWizard() override;

    /// The options the pages describe now (destination, recipients, scope, parts, identifying).
    ExportOptions options() const;
    /// The part size in bytes for the current choice (decimal megabytes; 0: one file).
    std::uint64_t partSize() const;
    /// True while the export runs.
    bool isExporting() const noexcept { return m_exporting; }
    /// Asks a running export to stop; it ends with nothing written. Harmless otherwise.
    void cancelExport();
    /// The finished export, once it succeeded.
    const std::optional<ExportResult>& result() const noexcept { return m_result; }
    /// What went wrong with the last attempt (empty after success).
    QString errorText() const { return m_error; }

    void done(int result) override;

signals:
    /// The export ended: with a result (succeeded) or not (failed or cancelled).
    void exportFinished(bool succeeded);

private:
    void startExport();
    void onExportDone();
    void updateProgress();
    void stopAndWait();

    Session& m_session;
    std::atomic<bool> m_cancel{false};
    std::atomic<std::uint64_t> m_bytesDone{0};
    std::atomic<std::uint64_t> m_bytesTotal{0};
    std::shared_ptr<std::optional<Result<ExportResult>>> m_outcome;
    bool m_exporting = false;
    std::optional<ExportResult> m_result;
    QString m_error;
    QTimer m_poll;

    QListWidget* m_recipients = nullptr;
    QRadioButton* m_scopePending = nullptr;
    QRadioButton* m_scopeSelection = nullptr;
    QListWidget* m_selection = nullptr;
    QCheckBox* m_identifying = nullptr;
    QComboBox* m_partSize = nullptr;
    QSpinBox* m_customMb = nullptr;
    QLineEdit* m_destination = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressText = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace fv::desktop
