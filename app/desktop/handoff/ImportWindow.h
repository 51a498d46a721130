#pragma once
// HQ: import bundles and parts (issue 4 §3). Files are chosen with a dialog or dropped onto the
// window; parts NAME.001, NAME.002, … are grouped into one bundle (the others beside a named
// part are found). Each bundle is verified and imported on a worker thread, in its own
// transaction, and gets one row: sender name and fingerprint, the verification result
// (verified; QUARANTINED, the sender is not enrolled; or refused, nothing imported, with the
// reason), what was added, and when. The window is modal while it is open, so the main window
// does not touch the vault while an import runs; a lock waits for the running import.
#include "session/Session.h"

#include <QDialog>
#include <QStringList>
#include <filesystem>
#include <memory>
#include <vector>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace fv::desktop {

class BackgroundWork;

/// One bundle to import: its files in order (one file, or its parts) and how to name it.
struct BundleFiles
{
    QString label{};
    std::vector<std::filesystem::path> files{};
};

/// Groups `paths` into bundles in the order they first appear: "NAME.NNN" files with the same
/// NAME are the parts of one bundle, completed with every NAME.001 … NAME.999 beside them and
/// sorted (a gap is then reported by core as a missing part); any other file is one bundle.
std::vector<BundleFiles> groupBundleFiles(const QStringList& paths);

class ImportWindow : public QDialog
{
    Q_OBJECT

public:
    /// Result columns of the table.
    enum Column
    {
        BundleColumn,
        SenderColumn,
        FingerprintColumn,
        ResultColumn,
        TestimoniesColumn,
        VersionsColumn,
        AttachmentsColumn,
        ImportedColumn,
        ColumnCount,
    };

    explicit ImportWindow(Session& session, QWidget* parent = nullptr);
    ~ImportWindow() override;

    /// Adds files (bundles or parts) to the list waiting to be imported; duplicates are ignored.
    void addFiles(const QStringList& paths);
    /// The files waiting to be imported.
    QStringList pendingFiles() const;
    /// Imports every waiting file off the GUI thread; a row per bundle follows when done.
    /// False when an import is already running or nothing waits.
    bool startImport();
    bool isImporting() const noexcept { return m_importing; }
    QTableWidget* results() const noexcept { return m_table; }

    void done(int result) override;

signals:
    /// An import run ended (every bundle has its row).
    void importFinished();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    struct Outcome;
    void onImportDone();

    Session& m_session;
    BackgroundWork* m_work = nullptr;
    bool m_importing = false;
    std::shared_ptr<std::vector<Outcome>> m_outcomes;
    QListWidget* m_files = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_import = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace fv::desktop
