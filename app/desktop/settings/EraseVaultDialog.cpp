#include "settings/EraseVaultDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fv::desktop {

EraseVaultDialog::EraseVaultDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("eraseVaultDialog"));
    setWindowTitle(tr("Erase this vault"));
    auto* what = new QLabel(
        tr("Erasing destroys this vault for good: its key file is overwritten, then every file of the "
           "vault is deleted. No passphrase and no recovery key can open it afterwards, and nothing can "
           "be undone. Testimonies not yet delivered to HQ are lost."),
        this);
    what->setWordWrap(true);
    auto* flash = new QLabel(
        tr("On SSDs, USB sticks and memory cards, the drive may keep an old copy of the key file in "
           "blocks it no longer uses, where no program can overwrite it. Full-disk encryption of this "
           "computer protects against that."),
        this);
    flash->setObjectName(QStringLiteral("eraseFlashNote"));
    flash->setWordWrap(true);
    auto* ask = new QLabel(tr("To erase, type %1 below.").arg(confirmationWord()), this);
    ask->setWordWrap(true);
    m_word = new QLineEdit(this);
    m_word->setObjectName(QStringLiteral("eraseConfirmWord"));
    m_word->setAccessibleName(tr("Confirmation word"));
    ask->setBuddy(m_word);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("eraseMessage"));
    m_message->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_erase = buttons->addButton(tr("Erase the vault"), QDialogButtonBox::DestructiveRole);
    m_erase->setObjectName(QStringLiteral("eraseConfirmButton"));
    m_erase->setEnabled(false);
    m_erase->setAutoDefault(false);
    QPushButton* cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("eraseCancelButton"));
    // No default button: Enter in the field confirms only when the word is right (below).
    cancel->setAutoDefault(false);
    connect(m_erase, &QPushButton::clicked, this, &EraseVaultDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &EraseVaultDialog::reject);
    connect(m_word, &QLineEdit::textChanged, this, [this](const QString& typed) {
        m_erase->setEnabled(isConfirmation(typed));
        m_message->clear();
    });
    connect(m_word, &QLineEdit::returnPressed, this, &EraseVaultDialog::accept);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addWidget(flash);
    layout->addWidget(ask);
    layout->addWidget(m_word);
    layout->addWidget(m_message);
    layout->addStretch();
    layout->addWidget(buttons);
    resize(480, 300);
}

QString EraseVaultDialog::confirmationWord()
{
    return tr("ERASE");
}

bool EraseVaultDialog::isConfirmation(const QString& typed)
{
    const QString word = typed.trimmed();
    return !word.isEmpty() &&
           (word == confirmationWord() || word.compare(u"ERASE", Qt::CaseInsensitive) == 0);
}

void EraseVaultDialog::accept()
{
    if (!isConfirmation(m_word->text())) {
        m_message->setText(tr("Nothing was erased: type %1 exactly to confirm.").arg(confirmationWord()));
        return;
    }
    QDialog::accept();
}

} // namespace fv::desktop
