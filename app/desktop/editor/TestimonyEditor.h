#pragma once
// The right side of the main window: one testimony, edited in place and saved automatically a
// moment after the last change (each save is a new immutable version). The save state is
// always visible; a save that fails keeps the text on screen and says why.
#include "session/Session.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTabWidget;

namespace fv::desktop {

class TestimonyEditor : public QWidget
{
    Q_OBJECT

public:
    enum class SaveState
    {
        Empty,   ///< nothing open
        Saved,   ///< what is shown is the current version
        Pending, ///< changed; the save timer runs
        Failed,  ///< the last save failed; the text is kept on screen
    };

    explicit TestimonyEditor(Session& session, QWidget* parent = nullptr);

    /// Saves pending changes of the testimony shown, then shows `id`. Returns false (and keeps
    /// the current one) when the pending save fails.
    bool open(const QString& id);
    /// Saves pending changes, then starts an empty testimony (saved on the first change).
    bool startNew();
    /// Saves pending changes now. True when nothing is pending afterwards.
    bool flush();
    /// Forgets the testimony shown without saving (after lock, the keys are gone).
    void clear();

    QString currentId() const { return m_id; }
    SaveState saveState() const noexcept { return m_state; }
    /// The tab shown (Interview, Witness, …), to come back to it after unlocking.
    int currentPage() const;
    void setCurrentPage(int page);
    /// The autosave delay (tests shorten it).
    void setAutosaveDelay(std::chrono::milliseconds delay);

signals:
    void saved(const QString& id);

private:
    void load(const Testimony& testimony);
    Testimony collect() const;
    void markChanged();
    void setState(SaveState state, const QString& detail = {});

    Session& m_session;
    QString m_id;
    Testimony m_loaded;
    SaveState m_state = SaveState::Empty;
    bool m_loading = false;
    QTimer m_autosave;
    QTabWidget* m_tabs = nullptr;
    QLabel* m_stateLabel = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_date = nullptr;
    QLineEdit* m_interviewer = nullptr;
    QPlainTextEdit* m_narrative = nullptr;
    QPlainTextEdit* m_summary = nullptr;
};

} // namespace fv::desktop
