#pragma once
// The one main window. While locked it shows only the unlock screen; unlocked, the testimony
// browser beside the editor. It owns the app-wide safety behaviour: lock on idle, on Ctrl+L
// and from the menu (pending edits are saved, every other window closes, keys are wiped,
// unlocking returns to the same testimony and tab), and quick exit (F12 or Ctrl+Shift+Q:
// save, lock, clear the clipboard, quit at once, no question asked). Both keys work in every
// window of the app, modal dialogs included.
//
// A vault holds two stores (the real one and, under duress, a decoy), and nothing of one may
// show in a session of the other. So the views drop everything at lock (search text, filters,
// sort, list, editor, dialogs, messages), and the one thing kept across a lock, the way back
// to the testimony and tab that were open (and why the last edit was not saved), is kept only
// with a keyed fingerprint of the store it belongs to (Session::storeFingerprint(), under a key
// made at lock and held in memory only). After unlocking it is used only when the store that
// opened has the same fingerprint; otherwise it is dropped and the session starts clean.
#include "session/IdleWatcher.h"
#include "session/SensitiveClipboard.h"
#include "session/Session.h"

#include <QMainWindow>
#include <QPointer>
#include <filesystem>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QSplitter;
class QStackedWidget;

namespace fv::desktop {

class CreateVaultWizard;
class TestimonyBrowser;
class TestimonyEditor;
class UnlockScreen;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// A window for the vault in `location` (Vault::defaultLocation() in the app).
    MainWindow(Session& session, const std::filesystem::path& location, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Shows the unlock screen, or the create wizard when there is no vault yet.
    void start();
    /// The KDF cost for vaults created from this window (tests use the fast profile).
    void setCreateKdf(const Argon2Params& params);

    /// Locks on request (Ctrl+L, the menu). If the pending edit cannot be saved, asks whether
    /// to lock anyway (losing it) or stay unlocked. Does nothing while the create wizard is open.
    void lock();
    /// Saves what it can, locks, clears the clipboard and quits; never asks.
    void quickExit();
    void newTestimony();
    /// Erases the open vault (Settings, after the typed confirmation): locks (windows closed,
    /// keys wiped), crypto-shreds and deletes the vault folder (Vault::erase), forgets the way
    /// back, shows the create/unlock screen and a message ("eraseResultMessage") saying what was
    /// done, or why not, and what may survive on flash storage. The same in every store. Does
    /// nothing while locked or while the create wizard is open.
    void eraseVault();

    UnlockScreen* unlockScreen() const noexcept { return m_unlock; }
    TestimonyBrowser* browser() const noexcept { return m_browser; }
    TestimonyEditor* editor() const noexcept { return m_editor; }
    IdleWatcher& idleWatcher() noexcept { return m_idle; }
    SensitiveClipboard& clipboard() noexcept { return m_clipboard; }
    /// The wizard while it is open (tests), else null.
    CreateVaultWizard* createWizard() const noexcept;
    /// The menu the hand-off screens add their actions to.
    QMenu* handoffMenu() const noexcept { return m_handoffMenu; }
    QMenu* vaultMenu() const noexcept { return m_vaultMenu; }
    /// True while the workspace (not the unlock screen) is shown.
    bool showsWorkspace() const;
    /// True while an interview is being recorded (or the recording is paused).
    bool isRecording() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct ReturnPoint;
    void buildMenus();
    void onIdle();
    bool wizardOpen() const;
    void onUnlocked();
    void onAboutToLock();
    void onLocked();
    /// Opens the testimony and tab kept at lock if `point` belongs to the store now open, and
    /// says why its last edit was not saved; for any other store does nothing.
    void returnTo(std::unique_ptr<ReturnPoint> point);
    void resetWorkspaceSplit();
    void showCreateWizard();
    void openOtherFolder();
    void updateActions();

    Session& m_session;
    std::filesystem::path m_location;
    Argon2Params m_createKdf = Argon2Params::moderate();
    IdleWatcher m_idle;
    SensitiveClipboard m_clipboard;
    QStackedWidget* m_stack = nullptr;
    UnlockScreen* m_unlock = nullptr;
    QSplitter* m_workspace = nullptr;
    TestimonyBrowser* m_browser = nullptr;
    TestimonyEditor* m_editor = nullptr;
    QPointer<CreateVaultWizard> m_wizard; // WA_DeleteOnClose
    QMenu* m_vaultMenu = nullptr;
    QMenu* m_handoffMenu = nullptr;
    QList<QAction*> m_unlockedActions;
    QAction* m_lockAction = nullptr;
    QAction* m_quickExitAction = nullptr;
    QLabel* m_status = nullptr;
    std::unique_ptr<ReturnPoint> m_return; // set at lock, taken at the next unlock
    QString m_unsavedOnLock;               // why the last edit could not be saved before an idle lock
};

} // namespace fv::desktop
