#pragma once
// Settings of the app and of the open vault, on four tabs: General (language, idle lock,
// clipboard), Passphrase (change it; why the recovery key cannot be shown again), My card
// (text, fingerprint and QR code to give to HQ or a delegate) and Enrolled cards (remove one,
// after a confirmation), plus Erase (erase this vault, after a typed confirmation). The app
// settings are stored by OK; the passphrase change and a card removal take effect at once,
// since they act on the vault; an erase closes the dialog and is done by the main window.
#include "crypto/Result.h"

#include <QDialog>
#include <QImage>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace fv::desktop {

class IdleWatcher;
class OwnCardView;
class Session;
class SecretField;

class SettingsDialog : public QDialog
{
    Q_OBJECT

public:
    /// Settings for the unlocked `session`; OK also applies the idle time to `idle` (may be null).
    SettingsDialog(Session& session, IdleWatcher* idle, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    /// Stores the General tab in AppSettings and applies the idle time; what OK does.
    void apply();
    /// Checks the two new passphrases and starts the change; false (with the reason shown) if
    /// they differ or are too weak. passphraseChangeFinished() follows a true return.
    bool changePassphrase();
    /// True while a passphrase change runs (the dialog cannot be closed meanwhile).
    bool isChangingPassphrase() const noexcept { return m_changing; }
    /// Asks for confirmation, then unpins the selected enrolled card.
    void removeSelectedCard();
    /// Opens the typed confirmation (EraseVaultDialog); when it is accepted, closes this dialog
    /// and emits eraseRequested(). Erases nothing itself. Refused while a passphrase change runs.
    void askToErase();
    /// The QR code currently shown for the own card.
    QImage cardQrImage() const;

    void accept() override;
    void reject() override;

signals:
    void passphraseChangeFinished(bool ok);
    /// The person confirmed erasing the vault (the dialog is closed by then).
    void eraseRequested();

private:
    QWidget* buildGeneralTab();
    QWidget* buildPassphraseTab();
    QWidget* buildCardTab();
    QWidget* buildEnrolledTab();
    QWidget* buildEraseTab();
    void updatePassphraseFeedback();
    void reloadEnrolledCards();
    void showPassphraseMessage(const QString& text, bool error);

    Session& m_session;
    IdleWatcher* m_idle = nullptr;
    bool m_changing = false;
    QComboBox* m_language = nullptr;
    QSpinBox* m_idleMinutes = nullptr;
    QSpinBox* m_clipboardSeconds = nullptr;
    SecretField* m_newPassphrase = nullptr;
    SecretField* m_repeatPassphrase = nullptr;
    QLabel* m_strength = nullptr;
    QLabel* m_passphraseMessage = nullptr;
    QPushButton* m_changeButton = nullptr;
    OwnCardView* m_cardView = nullptr; // null when the vault is locked
    QListWidget* m_enrolled = nullptr;
    QPushButton* m_removeButton = nullptr;
};

} // namespace fv::desktop
