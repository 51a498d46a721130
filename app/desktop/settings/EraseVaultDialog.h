#pragma once
// The confirmation before erasing the open vault (Settings, tab "Erase"). It says what erasing
// does (the key file is overwritten, every file of the vault deleted, no passphrase nor the
// recovery key opens it afterwards, nothing can be undone), what may survive on flash storage,
// and asks the person to type a fixed word. The Erase button stays disabled until the word is
// typed, and no button is the default (Enter in the field erases only after the word). The
// dialog itself erases nothing: MainWindow::eraseVault() does, once it was accepted. It looks
// the same whichever passphrase opened the vault.
#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace fv::desktop {

class EraseVaultDialog : public QDialog
{
    Q_OBJECT

public:
    /// The confirmation, with the Erase button disabled and the word field empty.
    explicit EraseVaultDialog(QWidget* parent = nullptr);

    /// The word to type, in the UI language (tr("ERASE")).
    static QString confirmationWord();
    /// True when `typed` is the confirmation word (spaces around ignored), or the English word
    /// ERASE in any case, so that a Latin keyboard works with the Arabic UI.
    static bool isConfirmation(const QString& typed);

    /// Accepts only when the confirmation word has been typed; otherwise says so and stays open.
    void accept() override;

private:
    QLineEdit* m_word = nullptr;
    QPushButton* m_erase = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace fv::desktop
