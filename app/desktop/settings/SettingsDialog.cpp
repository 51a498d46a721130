#include "settings/SettingsDialog.h"

#include "core/Identity.h"
#include "handoff/CardView.h"
#include "session/AppSettings.h"
#include "session/IdleWatcher.h"
#include "session/Session.h"
#include "session/UserMessage.h"
#include "session/VaultTask.h"
#include "settings/EraseVaultDialog.h"
#include "widgets/PassphraseStrength.h"
#include "widgets/SecretField.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <chrono>

namespace fv::desktop {
namespace {

QLabel* noteLabel(const QString& text)
{
    auto* label = new QLabel(text);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString roleName(VaultRole role)
{
    return role == VaultRole::Hq ? SettingsDialog::tr("HQ") : SettingsDialog::tr("Field");
}

} // namespace

SettingsDialog::SettingsDialog(Session& session, IdleWatcher* idle, QWidget* parent)
    : QDialog(parent), m_session(session), m_idle(idle)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    auto* tabs = new QTabWidget(this);
    tabs->setObjectName(QStringLiteral("settingsTabs"));
    tabs->addTab(buildGeneralTab(), tr("&General"));
    tabs->addTab(buildPassphraseTab(), tr("&Passphrase"));
    tabs->addTab(buildCardTab(), tr("&My card"));
    tabs->addTab(buildEnrolledTab(), tr("&Enrolled cards"));
    tabs->addTab(buildEraseTab(), tr("E&rase"));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tabs);
    layout->addWidget(buttons);
    resize(620, 520);
}

SettingsDialog::~SettingsDialog() = default;

QWidget* SettingsDialog::buildGeneralTab()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout;

    m_language = new QComboBox;
    m_language->setObjectName(QStringLiteral("languageBox"));
    m_language->addItem(tr("Same as the system"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("العربية"), QStringLiteral("ar"));
    m_language->setCurrentIndex(std::max(0, m_language->findData(AppSettings::language())));
    form->addRow(tr("&Language:"), m_language);

    m_idleMinutes = new QSpinBox;
    m_idleMinutes->setObjectName(QStringLiteral("idleMinutesBox"));
    m_idleMinutes->setRange(0, 240);
    m_idleMinutes->setSuffix(tr(" min"));
    m_idleMinutes->setSpecialValueText(tr("Never"));
    m_idleMinutes->setValue(AppSettings::idleLockMinutes());
    form->addRow(tr("Lock when &idle after:"), m_idleMinutes);

    m_clipboardSeconds = new QSpinBox;
    m_clipboardSeconds->setObjectName(QStringLiteral("clipboardSecondsBox"));
    m_clipboardSeconds->setRange(5, 600);
    m_clipboardSeconds->setSuffix(tr(" s"));
    m_clipboardSeconds->setValue(AppSettings::clipboardClearSeconds());
    form->addRow(tr("&Clear copied text after:"), m_clipboardSeconds);

    auto* layout = new QVBoxLayout(page);
    layout->addLayout(form);
    layout->addWidget(noteLabel(tr("A new language is used the next time Fieldvault starts.")));
    layout->addWidget(noteLabel(tr("The settings file holds only these choices: no vault location, no names, "
                                   "nothing about your work.")));
    layout->addStretch();
    return page;
}

QWidget* SettingsDialog::buildPassphraseTab()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout;
    m_newPassphrase = new SecretField;
    m_newPassphrase->setObjectName(QStringLiteral("newPassphraseField"));
    m_repeatPassphrase = new SecretField;
    m_repeatPassphrase->setObjectName(QStringLiteral("repeatPassphraseField"));
    form->addRow(tr("&New passphrase:"), m_newPassphrase);
    form->addRow(tr("&Repeat it:"), m_repeatPassphrase);
    m_strength = new QLabel;
    m_strength->setObjectName(QStringLiteral("strengthLabel"));
    m_strength->setWordWrap(true);
    form->addRow(QString(), m_strength);

    m_changeButton = new QPushButton(tr("C&hange passphrase"));
    m_changeButton->setObjectName(QStringLiteral("changePassphraseButton"));
    m_changeButton->setEnabled(false);
    m_changeButton->setAutoDefault(false);
    m_passphraseMessage = new QLabel;
    m_passphraseMessage->setObjectName(QStringLiteral("passphraseMessage"));
    m_passphraseMessage->setWordWrap(true);

    connect(m_newPassphrase, &SecretField::changed, this, &SettingsDialog::updatePassphraseFeedback);
    connect(m_repeatPassphrase, &SecretField::changed, this, &SettingsDialog::updatePassphraseFeedback);
    connect(m_repeatPassphrase, &SecretField::returnPressed, this, [this] { changePassphrase(); });
    connect(m_changeButton, &QPushButton::clicked, this, [this] { changePassphrase(); });

    auto* layout = new QVBoxLayout(page);
    layout->addWidget(
        noteLabel(tr("The vault is open, so you do not need the old passphrase. Choose a new "
                     "one, type it twice, and remember it: the old one stops working at once.")));
    layout->addLayout(form);
    layout->addWidget(m_changeButton, 0, Qt::AlignLeading);
    layout->addWidget(m_passphraseMessage);
    auto* recovery =
        noteLabel(tr("<b>Recovery key.</b> Fieldvault showed your recovery key once, when the "
                     "vault was created, and does not keep a copy of it anywhere: a copy on this "
                     "computer would open the vault for anyone who takes it. So it cannot be "
                     "shown again. The paper copy you made still works after a passphrase "
                     "change. If it is lost, your passphrase is the only way in: keep it safe."));
    recovery->setObjectName(QStringLiteral("recoveryNote"));
    layout->addWidget(recovery);
    layout->addStretch();
    return page;
}

QWidget* SettingsDialog::buildCardTab()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    const VaultIdentity* identity = m_session.identity();
    if (!identity) {
        layout->addWidget(noteLabel(tr("The vault is locked.")));
        return page;
    }
    layout->addWidget(noteLabel(tr("Give this card to the other side (HQ or a delegate). Before they trust "
                                   "it, read the fingerprint to each other, by phone or in person.")));
    m_cardView = new OwnCardView(*identity, page);
    layout->addWidget(m_cardView, 1);
    return page;
}

QWidget* SettingsDialog::buildEnrolledTab()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(noteLabel(tr("Cards you trust. Bundles are encrypted to them, and bundles signed by "
                                   "them are verified. Remove a card only if it was lost or replaced.")));
    m_enrolled = new QListWidget;
    m_enrolled->setObjectName(QStringLiteral("enrolledList"));
    layout->addWidget(m_enrolled, 1);
    m_removeButton = new QPushButton(tr("&Remove card…"));
    m_removeButton->setObjectName(QStringLiteral("removeCardButton"));
    m_removeButton->setAutoDefault(false);
    layout->addWidget(m_removeButton, 0, Qt::AlignLeading);
    connect(m_removeButton, &QPushButton::clicked, this, &SettingsDialog::removeSelectedCard);
    connect(m_enrolled, &QListWidget::currentRowChanged, this,
            [this](int row) { m_removeButton->setEnabled(row >= 0); });
    reloadEnrolledCards();
    return page;
}

QWidget* SettingsDialog::buildEraseTab()
{
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    layout->addWidget(noteLabel(tr("In an emergency you can erase this vault from this computer: every "
                                   "testimony, attachment and card in it is destroyed, and no passphrase "
                                   "or recovery key can open it again. Fieldvault then starts as on the "
                                   "first day.")));
    auto* erase = new QPushButton(tr("Erase this &vault…"));
    erase->setObjectName(QStringLiteral("eraseVaultButton"));
    erase->setAutoDefault(false);
    connect(erase, &QPushButton::clicked, this, &SettingsDialog::askToErase);
    layout->addWidget(erase, 0, Qt::AlignLeading);
    layout->addStretch();
    return page;
}

void SettingsDialog::askToErase()
{
    if (m_changing)
        return;
    EraseVaultDialog confirm(this);
    if (confirm.exec() != QDialog::Accepted || !isVisible())
        return;
    QDialog::reject(); // nothing of the General tab is stored
    emit eraseRequested();
}

void SettingsDialog::reloadEnrolledCards()
{
    m_enrolled->clear();
    m_removeButton->setEnabled(false);
    Database* db = m_session.database();
    if (!db)
        return;
    auto cards = enrolledCards(*db);
    if (!cards) {
        m_enrolled->addItem(userMessage(cards.error(), tr("Reading the enrolled cards")));
        m_enrolled->setEnabled(false);
        return;
    }
    for (const EnrolledCard& entry : *cards) {
        const QString fingerprint = QString::fromStdString(entry.card.fingerprint());
        auto* item = new QListWidgetItem(
            tr("%1 (%2) — %3, enrolled %4")
                .arg(entry.card.displayName, roleName(entry.card.role), fingerprint,
                     QLocale().toString(entry.enrolled.toLocalTime().date(), QLocale::ShortFormat)));
        item->setData(Qt::UserRole, fingerprint);
        m_enrolled->addItem(item);
    }
    if (cards->isEmpty()) {
        auto* item = new QListWidgetItem(tr("No card enrolled yet."));
        item->setFlags(Qt::NoItemFlags);
        m_enrolled->addItem(item);
    }
}

void SettingsDialog::removeSelectedCard()
{
    QListWidgetItem* item = m_enrolled->currentItem();
    Database* db = m_session.database();
    if (!item || !db || item->data(Qt::UserRole).toString().isEmpty())
        return;
    const QString fingerprint = item->data(Qt::UserRole).toString();
    QMessageBox ask(QMessageBox::Warning, tr("Remove card"),
                    tr("Remove this card?\n\n%1\n\nBundles can no longer be sent to it, and bundles signed "
                       "by it will not be verified. You can enrol it again later from its card file.")
                        .arg(item->text()),
                    QMessageBox::Yes | QMessageBox::Cancel, this);
    ask.setObjectName(QStringLiteral("confirmRemoveCard"));
    ask.setDefaultButton(QMessageBox::Cancel);
    ask.button(QMessageBox::Yes)->setText(tr("Remove"));
    if (ask.exec() != QMessageBox::Yes)
        return;
    if (Status removed = removeEnrolledCard(*db, fingerprint.toStdString()); !removed) {
        QMessageBox::warning(this, tr("Remove card"), userMessage(removed.error(), tr("Removing the card")));
        return;
    }
    reloadEnrolledCards();
}

QImage SettingsDialog::cardQrImage() const
{
    return m_cardView ? m_cardView->qrImage() : QImage();
}

void SettingsDialog::updatePassphraseFeedback()
{
    if (m_newPassphrase->isEmpty()) {
        m_strength->clear();
        m_changeButton->setEnabled(false);
        return;
    }
    const PassphraseStrength strength = estimatePassphraseStrength(m_newPassphrase->view());
    m_strength->setText(strength.advice.isEmpty() ? strength.verdict
                                                  : tr("%1. %2").arg(strength.verdict, strength.advice));
    m_changeButton->setEnabled(!m_changing && !m_repeatPassphrase->isEmpty());
}

void SettingsDialog::showPassphraseMessage(const QString& text, bool error)
{
    m_passphraseMessage->setText(text);
    m_passphraseMessage->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

bool SettingsDialog::changePassphrase()
{
    Vault* vault = m_session.vault();
    if (m_changing || !vault)
        return false;
    const ByteView first = m_newPassphrase->view();
    const ByteView second = m_repeatPassphrase->view();
    if (first.size() != second.size() || !std::equal(first.begin(), first.end(), second.begin())) {
        showPassphraseMessage(tr("The two passphrases are not the same. Type them again."), true);
        m_repeatPassphrase->clear();
        m_repeatPassphrase->setFocus();
        return false;
    }
    if (!estimatePassphraseStrength(first).acceptable()) {
        showPassphraseMessage(tr("This passphrase is too easy to guess. Use several words."), true);
        return false;
    }
    m_changing = true;
    m_changeButton->setEnabled(false);
    showPassphraseMessage(tr("Changing the passphrase… this takes a few seconds."), false);
    // The idle lock must not close the vault under the running key derivation.
    if (m_idle)
        m_idle->stop();
    const bool started =
        changePassphraseAsync(this, m_session, m_newPassphrase->secret(), [this](Status status) {
            m_changing = false;
            if (m_idle)
                m_idle->restart();
            m_newPassphrase->clear();
            m_repeatPassphrase->clear();
            if (status)
                showPassphraseMessage(tr("The passphrase is changed. Use the new one from now on."), false);
            else
                showPassphraseMessage(userMessage(status.error(), tr("Changing the passphrase")), true);
            updatePassphraseFeedback();
            emit passphraseChangeFinished(static_cast<bool>(status));
        });
    if (!started) {
        m_changing = false;
        if (m_idle)
            m_idle->restart();
        showPassphraseMessage(tr("Another operation is still running in this vault. Change the passphrase "
                                 "when it has ended."),
                              true);
        updatePassphraseFeedback();
        return false;
    }
    return true;
}

void SettingsDialog::apply()
{
    AppSettings::setLanguage(m_language->currentData().toString());
    AppSettings::setIdleLockMinutes(m_idleMinutes->value());
    AppSettings::setClipboardClearSeconds(m_clipboardSeconds->value());
    if (m_idle)
        m_idle->setTimeout(std::chrono::minutes(AppSettings::idleLockMinutes()));
}

void SettingsDialog::accept()
{
    if (m_changing)
        return;
    apply();
    QDialog::accept();
}

void SettingsDialog::reject()
{
    if (m_changing)
        return;
    QDialog::reject();
}

} // namespace fv::desktop
