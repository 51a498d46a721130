#pragma once
// HQ: import bundles and parts (issue 4 §3). Files are chosen with a dialog or dropped onto the
// window; parts NAME.001, NAME.002, … are grouped into one bundle (the others beside a named
// part are found). The bundles are verified and imported as the session's exclusive work
// (Session::runExclusive), each in its own transaction, and each gets one row: sender name and
// fingerprint, the verification result (verified; QUARANTINED, the sender is not enrolled;
// refused, nothing imported, with the reason; or not started, when the import was stopped),
// what was added, and when. Stopping (the Stop button, closing the window, the session locking)
// takes effect between two bundles; the bundles not started go back to the list.
#include "session/Session.h"

#include <QDialog>
#include <QStringList>
#include <atomic>
#include <filesystem>
#include <memory>
#include <vector>

class QLabel;
class QListWidget;
class QPushButton;
class QTableWidget;

namespace fv::desktop {

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
    /// False when an import (or another exclusive work of the session) is already running or
    /// nothing waits.
    bool startImport();
    /// Stops a running import after the bundle being imported; the bundles not started get a
    /// "not started" row and go back to the waiting files. Harmless otherwise.
    void cancelImport();
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
    bool m_importing = false;
    std::atomic<bool> m_stop{false};
    std::shared_ptr<std::vector<Outcome>> m_outcomes;
    QListWidget* m_files = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_import = nullptr;
    QPushButton* m_cancel = nullptr;
    QPushButton* m_provenance = nullptr; ///< reads the store: off while importing
    QLabel* m_status = nullptr;
};

} // namespace fv::desktop
