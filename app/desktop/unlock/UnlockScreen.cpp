#include "unlock/UnlockScreen.h"

#include "session/UserMessage.h"
#include "session/VaultTask.h"
#include "widgets/SecretField.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace fv::desktop {

UnlockScreen::UnlockScreen(Session& session, QWidget* parent) : QWidget(parent), m_session(session)
{
    m_title = new QLabel(tr("Fieldvault is locked"), this);
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    m_title->setFont(big);
    m_where = new QLabel(this);
    m_where->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_where->setWordWrap(true);
    m_prompt = new QLabel(this);
    m_field = new SecretField(this);
    m_field->setObjectName(QStringLiteral("unlockSecret"));
    m_prompt->setBuddy(m_field);
    m_open = new QPushButton(tr("&Open"), this);
    m_open->setObjectName(QStringLiteral("unlockButton"));
    m_open->setDefault(true);
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->hide();
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("unlockMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_switchMode = new QPushButton(this);
    m_switchMode->setFlat(true);
    m_switchMode->setObjectName(QStringLiteral("unlockSwitchMode"));
    auto* create = new QPushButton(tr("Create a new vault…"), this);
    create->setFlat(true);
    create->setObjectName(QStringLiteral("unlockCreate"));
    auto* other = new QPushButton(tr("Open a vault in another folder…"), this);
    other->setFlat(true);
    other->setObjectName(QStringLiteral("unlockOther"));

    auto* fieldRow = new QHBoxLayout;
    fieldRow->addWidget(m_field, 1);
    fieldRow->addWidget(m_open);

    auto* column = new QVBoxLayout;
    column->addStretch(2);
    column->addWidget(m_title);
    column->addWidget(m_where);
    column->addSpacing(12);
    column->addWidget(m_prompt);
    column->addLayout(fieldRow);
    column->addWidget(m_progress);
    column->addWidget(m_message);
    column->addSpacing(12);
    column->addWidget(m_switchMode, 0, Qt::AlignLeading);
    column->addWidget(other, 0, Qt::AlignLeading);
    column->addWidget(create, 0, Qt::AlignLeading);
    column->addStretch(3);

    auto* outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 2);
    outer->addStretch(1);

    connect(m_open, &QPushButton::clicked, this, &UnlockScreen::submit);
    connect(m_field, &SecretField::returnPressed, this, &UnlockScreen::submit);
    connect(m_switchMode, &QPushButton::clicked, this, [this] { setRecoveryMode(!m_recovery); });
    connect(create, &QPushButton::clicked, this, &UnlockScreen::createRequested);
    connect(other, &QPushButton::clicked, this, &UnlockScreen::openOtherRequested);
    setRecoveryMode(false);
}

void UnlockScreen::setLocation(const std::filesystem::path& location)
{
    m_location = location;
    m_where->setText(tr("Vault: %1").arg(QString::fromStdString(location.string())));
}

void UnlockScreen::setRecoveryMode(bool recovery)
{
    m_recovery = recovery;
    m_prompt->setText(recovery ? tr("&Recovery key (the one you wrote down when the vault was created):")
                               : tr("&Passphrase:"));
    m_field->setAccessibleName(recovery ? tr("Recovery key") : tr("Passphrase"));
    m_field->setRevealed(recovery); // a recovery key is copied from paper: show what is typed
    m_switchMode->setText(recovery ? tr("Use the passphrase instead")
                                   : tr("Forgot the passphrase? Use the recovery key"));
    reset();
}

void UnlockScreen::reset()
{
    m_field->clear();
    showMessage({}, false);
    m_field->setFocus();
}

QString UnlockScreen::message() const
{
    return m_message->text();
}

void UnlockScreen::setBusy(bool busy)
{
    m_busy = busy;
    m_field->setEnabled(!busy);
    m_open->setEnabled(!busy);
    m_switchMode->setEnabled(!busy);
    m_progress->setVisible(busy);
}

void UnlockScreen::showMessage(const QString& text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(
        error ? QStringLiteral("color: palette(highlighted-text); background: #a4262c; padding: 6px;")
              : QString());
}

void UnlockScreen::submit()
{
    if (m_busy)
        return;
    if (m_field->isEmpty()) {
        showMessage(m_recovery ? tr("Type the recovery key.") : tr("Type your passphrase."), true);
        return;
    }
    setBusy(true);
    showMessage(tr("Opening… (this takes a moment on purpose: it makes guessing slow)"), false);
    const bool recovery = m_recovery;
    unlockVaultAsync(this, m_location, m_field->secret(), recovery, [this, recovery](Result<Vault> vault) {
        setBusy(false);
        m_field->clear();
        if (!vault) {
            QString text = userMessage(vault.error());
            if (vault.error().code == ErrorCode::NotFound)
                text = tr("There is no vault in this folder.");
            else if (recovery && vault.error().code == ErrorCode::WrongPassphrase)
                text = tr("That recovery key does not open this vault.");
            showMessage(text, true);
            m_field->setFocus();
            return;
        }
        if (auto adopted = m_session.adopt(std::move(*vault)); !adopted) {
            showMessage(userMessage(adopted.error()), true);
            return;
        }
        showMessage({}, false);
        if (recovery) {
            setRecoveryMode(false);
            emit recoveredWithKey();
        }
    });
}

} // namespace fv::desktop
