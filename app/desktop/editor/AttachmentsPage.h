#pragma once
// The editor's Attachments tab: the testimony's attachments (files, photos, recordings), adding
// files by dialog or drag and drop, recording the interview, previewing photos and playing
// recordings from decrypted bytes in memory only, and saving a decrypted copy of a file on
// purpose, after a warning.
//
// Threading: TestimonyStore is single-threaded, so adding files and saving a copy run as the
// session's exclusive work (Session::runExclusive) behind an application-modal progress dialog;
// timers that fire meanwhile find the session busy and wait. If the vault locks during the work
// (idle timer, quick exit), the lock cancels it and waits for it before the keys are wiped; a
// cancelled file leaves nothing behind (its unfinished blob is abandoned), the files already
// added are kept.
#include "session/Session.h"

#include <QImage>
#include <QPointer>
#include <QStringList>
#include <QWidget>
#include <functional>
#include <memory>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;
class QVBoxLayout;

namespace fv::desktop {

class AttachmentsPage : public QWidget
{
    Q_OBJECT

public:
    explicit AttachmentsPage(Session& session, QWidget* parent = nullptr);
    /// Waits for work still running (cancelled) and saves a recording still running.
    ~AttachmentsPage() override;

    /// Shows the attachments of testimony `id`; an empty id shows nothing and disables the page.
    void setTestimony(const QString& id);

    /// Adds the files at `paths` to the testimony shown, encrypted, on a worker thread behind a
    /// modal progress dialog with Cancel. Returns how many were added; problems are shown on the
    /// page (also when another exclusive work runs: nothing is added). Emits changed() when at
    /// least one was added.
    int addFiles(const QStringList& paths);
    /// Writes a decrypted copy of attachment `attachmentId` to `path` (atomically) without
    /// asking; the "Save a decrypted copy…" button warns and asks for the place first.
    bool saveDecryptedCopy(const QString& attachmentId, const QString& path);
    /// Selects attachment `attachmentId` in the list (previews or plays it).
    void selectAttachment(const QString& attachmentId);

    /// The id of the selected attachment, empty when none.
    QString selectedAttachment() const;
    /// The photo previewed, decoded in memory (null when no photo is shown).
    const QImage& previewImage() const { return m_previewImage; }

signals:
    /// Emitted after an attachment was added to the testimony shown (after session.notifyChanged).
    void changed();

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Job;
    void refresh();
    void showSelected();
    void clearPreview();
    void dropEverything();
    void chooseFiles();
    void chooseCopyPlace();
    void recorded(const QString& testimonyId);
    void showMessage(const QString& text, bool problem = false);
    void showPhoto();
    /// Runs `work` as the session's exclusive work behind a modal progress dialog; returns when
    /// it is done. False (with a message, nothing run) while another work runs.
    bool runInWorker(const QString& label, bool cancellable, const std::shared_ptr<Job>& job,
                     std::function<void()> work);

    Session& m_session;
    QString m_id;
    QTreeWidget* m_list = nullptr;
    QPushButton* m_addButton = nullptr;
    QPushButton* m_saveCopyButton = nullptr;
    QLabel* m_message = nullptr;
    QStackedWidget* m_preview = nullptr;
    QLabel* m_photo = nullptr;
    QLabel* m_previewNote = nullptr;
    QWidget* m_playerArea = nullptr;
    QVBoxLayout* m_playerLayout = nullptr;
    QWidget* m_player = nullptr;
    QWidget* m_recordArea = nullptr;
    QVBoxLayout* m_recordLayout = nullptr;
    QWidget* m_recorder = nullptr;
    QImage m_previewImage;
    std::shared_ptr<Job> m_job;
    bool m_refreshWhenIdle = false;
};

} // namespace fv::desktop
