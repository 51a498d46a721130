#pragma once
// The right side of the main window: one testimony, edited in place and saved automatically a
// moment after the last change (each save is a new immutable version). The save state is
// always visible; a save that fails keeps the text on screen and says why. A testimony removed
// from the store (Session::testimoniesRemoved) is closed, leaving the editor empty.
//
// Tabs: Interview, Witness and consent, Incidents, Attachments, History. A draft is always savable: where
// core would reject a field (an empty pseudonym, an over-long text) the saved version holds a safe stand-in
// (DraftRepair.h), the field keeps what was typed and a message under it says what was saved instead.
#include "editor/FieldMessages.h"
#include "session/Session.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QTabWidget;

namespace fv::desktop {

class AttachmentsPage;
class HistoryPage;
class IncidentsPage;
class InterviewPage;
class WitnessPage;
struct FieldProblem;

class TestimonyEditor : public QWidget
{
    Q_OBJECT

public:
    enum class SaveState
    {
        Empty,   ///< nothing open
        Saved,   ///< what is shown is saved (possibly with stand-ins for marked fields)
        Pending, ///< changed; the save timer runs
        Failed,  ///< the last save failed; the text is kept on screen
    };

    enum Page
    {
        InterviewTab,
        WitnessTab,
        IncidentsTab,
        AttachmentsTab,
        HistoryTab,
    };

    explicit TestimonyEditor(Session& session, QWidget* parent = nullptr);

    /// Saves pending changes of the testimony shown, then shows `id`. Returns false (and keeps
    /// the current one) when the pending save fails or the session is busy (Session::isBusy()).
    bool open(const QString& id);
    /// Saves pending changes, then starts an empty testimony (saved on the first change). False
    /// (nothing changes) when the save fails or the session is busy.
    bool startNew();
    /// Saves pending changes now. True when nothing is lost: nothing is pending afterwards, or
    /// the session is busy, and the changes stay pending and are saved on busyChanged(false)
    /// (Session::lock() waits for that). False when the save failed.
    bool flush();
    /// Forgets the testimony shown without saving (after lock, the keys are gone).
    void clear();

    QString currentId() const { return m_id; }
    SaveState saveState() const noexcept { return m_state; }
    /// The state line shown above the tabs ("All changes saved", …).
    QString saveStateText() const;
    /// The tab shown (Interview, Witness, …), to come back to it after unlocking.
    int currentPage() const;
    void setCurrentPage(int page);
    /// The autosave delay (tests shorten it).
    void setAutosaveDelay(std::chrono::milliseconds delay);

    /// Sets the status (draft or complete) of the testimony shown, saving it first when it is
    /// new. A status is not a version. False (with the reason shown) when it fails.
    bool setStatus(TestimonyStatus status);

    InterviewPage* interviewPage() const { return m_interview; }
    WitnessPage* witnessPage() const { return m_witness; }
    IncidentsPage* incidentsPage() const { return m_incidents; }
    AttachmentsPage* attachmentsPage() const { return m_attachments; }
    HistoryPage* historyPage() const { return m_history; }

signals:
    void saved(const QString& id);

private:
    void load(const Testimony& testimony);
    Testimony collect() const;
    void markChanged();
    void setState(SaveState state, const QString& detail = {});
    void showProblems(const QList<FieldProblem>& problems);
    QString problemMessage(const FieldProblem& problem) const;
    void idChanged();

    Session& m_session;
    QString m_id;
    Testimony m_loaded;
    SaveState m_state = SaveState::Empty;
    bool m_loading = false;
    bool m_hasProblems = false;
    QTimer m_autosave;
    FieldMessages m_messages;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_stateLabel = nullptr;
    InterviewPage* m_interview = nullptr;
    WitnessPage* m_witness = nullptr;
    IncidentsPage* m_incidents = nullptr;
    AttachmentsPage* m_attachments = nullptr;
    HistoryPage* m_history = nullptr;
    QStringList m_tabTitles;
};

} // namespace fv::desktop
