#pragma once
// The screen shown while the vault is locked: one passphrase field, Open, and the way out
// when the passphrase is forgotten (the recovery key). Unlocking runs off the GUI thread;
// success hands the vault to the Session. After a recovery-key unlock the person must choose
// a new passphrase before going on.
#include "session/Session.h"

#include <QWidget>
#include <filesystem>

class QLabel;
class QPushButton;
class QProgressBar;

namespace fv::desktop {

class SecretField;

class UnlockScreen : public QWidget
{
    Q_OBJECT

public:
    UnlockScreen(Session& session, QWidget* parent = nullptr);

    /// The vault folder to open.
    void setLocation(const std::filesystem::path& location);
    const std::filesystem::path& location() const noexcept { return m_location; }
    /// Switches between passphrase and recovery-key entry.
    void setRecoveryMode(bool recovery);
    bool isRecoveryMode() const noexcept { return m_recovery; }
    /// Clears the field and the message, focuses the field.
    void reset();
    /// The message shown under the field (for tests); empty when none.
    QString message() const;
    bool isBusy() const noexcept { return m_busy; }

signals:
    /// The person asked to create a new vault instead.
    void createRequested();
    /// The person asked to open a vault in another folder.
    void openOtherRequested();
    /// Unlocked with the recovery key: the caller must have a new passphrase set.
    void recoveredWithKey();

private:
    void submit();
    void setBusy(bool busy);
    void showMessage(const QString& text, bool error);

    Session& m_session;
    std::filesystem::path m_location;
    bool m_recovery = false;
    bool m_busy = false;
    QLabel* m_title = nullptr;
    QLabel* m_where = nullptr;
    QLabel* m_prompt = nullptr;
    SecretField* m_field = nullptr;
    QPushButton* m_open = nullptr;
    QPushButton* m_switchMode = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace fv::desktop
