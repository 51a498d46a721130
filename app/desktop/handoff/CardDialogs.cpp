#include "handoff/CardDialogs.h"

#include "core/Identity.h"
#include "session/UserMessage.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace fv::desktop {
namespace {

QLabel* bigFingerprint(QWidget* parent)
{
    auto* label = new QLabel(parent);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * 2);
    font.setBold(true);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setLayoutDirection(Qt::LeftToRight); // a fingerprint reads left to right in any language
    return label;
}

} // namespace

EnrolCardDialog::EnrolCardDialog(Session& session, QWidget* parent) : QDialog(parent), m_session(session)
{
    const bool hq = session.role() == VaultRole::Hq;
    setWindowTitle(hq ? tr("Enrol a delegate's card") : tr("Enrol HQ's card"));
    setObjectName(QStringLiteral("enrolCardDialog"));
    auto* intro = new QLabel(hq ? tr("A delegate's bundles are verified only once their card is enrolled "
                                     "here. Load the card file the delegate sent.")
                                : tr("Bundles you export can be opened only by the HQ cards enrolled here. "
                                     "Load the card file HQ sent."),
                             this);
    intro->setWordWrap(true);
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("enrolCardFile"));
    auto* browse = new QPushButton(tr("&Choose card file…"), this);
    browse->setObjectName(QStringLiteral("enrolCardBrowse"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Card file"));
        if (!path.isEmpty()) {
            m_file->setText(path);
            loadCard(path);
        }
    });
    connect(m_file, &QLineEdit::returnPressed, this, [this] { loadCard(m_file->text()); });
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    m_owner = new QLabel(this);
    m_owner->setObjectName(QStringLiteral("enrolCardOwner"));
    m_owner->setWordWrap(true);
    m_fingerprint = bigFingerprint(this);
    m_fingerprint->setObjectName(QStringLiteral("enrolFingerprint"));
    m_confirmed = new QCheckBox(tr("I &read this fingerprint with the card's owner over the phone (or in "
                                   "person), group by group, and it matches exactly."),
                                this);
    m_confirmed->setObjectName(QStringLiteral("enrolConfirmed"));
    connect(m_confirmed, &QCheckBox::toggled, this, &EnrolCardDialog::updateButtons);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("enrolMessage"));
    m_message->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_enrol = buttons->addButton(tr("&Enrol"), QDialogButtonBox::ActionRole);
    m_enrol->setObjectName(QStringLiteral("enrolButton"));
    connect(m_enrol, &QPushButton::clicked, this, &EnrolCardDialog::enrol);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(fileRow);
    layout->addWidget(m_owner);
    layout->addWidget(m_fingerprint);
    layout->addWidget(m_confirmed);
    layout->addWidget(m_message);
    layout->addStretch(1);
    layout->addWidget(buttons);
    connect(&session, &Session::aboutToLock, this, &QDialog::reject);
    updateButtons();
}

QString EnrolCardDialog::message() const
{
    return m_message->text();
}

void EnrolCardDialog::updateButtons()
{
    m_confirmed->setEnabled(m_card.has_value());
    m_enrol->setEnabled(m_card.has_value() && m_confirmed->isChecked());
}

bool EnrolCardDialog::loadCard(const QString& path)
{
    m_card.reset();
    m_confirmed->setChecked(false);
    m_owner->clear();
    m_fingerprint->clear();
    m_file->setText(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_message->setText(tr("The card file cannot be read. Check that the drive is connected."));
        updateButtons();
        return false;
    }
    const QByteArray bytes = file.read(qint64(kCardMaxBytes) + 1);
    auto card = IdentityCard::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())));
    if (!card) {
        m_message->setText(userMessage(card.error(), tr("Reading the card")));
        updateButtons();
        return false;
    }
    const VaultRole expected = m_session.role() == VaultRole::Hq ? VaultRole::Field : VaultRole::Hq;
    if (card->role != expected) {
        m_message->setText(expected == VaultRole::Hq
                               ? tr("This is a delegate's card, not an HQ card. A field vault enrols only "
                                    "HQ cards.")
                               : tr("This is an HQ card, not a delegate's card. An HQ vault enrols only "
                                    "delegates' cards."));
        updateButtons();
        return false;
    }
    m_card = std::move(*card);
    m_owner->setText(
        tr("Card of: %1\nCall them and read this fingerprint to each other:").arg(m_card->displayName));
    m_fingerprint->setText(QString::fromStdString(m_card->fingerprint()));
    m_message->clear();
    updateButtons();
    return true;
}

bool EnrolCardDialog::enrol()
{
    Database* db = m_session.database();
    const VaultIdentity* own = m_session.identity();
    if (!m_card || !m_confirmed->isChecked() || !db || !own)
        return false;
    auto enrolled = enrolCard(*db, *m_card, m_session.role(), *own, QDateTime::currentDateTimeUtc());
    if (!enrolled) {
        m_message->setText(userMessage(enrolled.error(), tr("Enrolling the card")));
        return false;
    }
    m_message->setText(
        tr("Enrolled: %1 (%2).")
            .arg(enrolled->card.displayName, QString::fromStdString(enrolled->card.fingerprint())));
    m_enrol->setEnabled(false);
    return true;
}

OwnCardDialog::OwnCardDialog(Session& session, QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("My card"));
    setObjectName(QStringLiteral("ownCardDialog"));
    auto* intro = new QLabel(tr("This card holds no secret. Give it to the other side (HQ or a delegate), "
                                "then read the fingerprint to each other by phone before they enrol it."),
                             this);
    intro->setWordWrap(true);
    auto* fingerprint = bigFingerprint(this);
    fingerprint->setObjectName(QStringLiteral("ownCardFingerprint"));
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("ownCardText"));
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLayoutDirection(Qt::LeftToRight);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("ownCardMessage"));
    m_message->setWordWrap(true);
    if (const VaultIdentity* id = session.identity()) {
        const IdentityCard card = id->card();
        m_text->setPlainText(QString::fromStdString(card.toText()));
        fingerprint->setText(QString::fromStdString(card.fingerprint()));
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* save = buttons->addButton(tr("&Save card to file…"), QDialogButtonBox::ActionRole);
    save->setObjectName(QStringLiteral("ownCardSave"));
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Save the card"), QStringLiteral("my.card"));
        if (!path.isEmpty())
            saveTo(path);
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(fingerprint);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_message);
    layout->addWidget(buttons);
    connect(&session, &Session::aboutToLock, this, &QDialog::reject);
}

QString OwnCardDialog::cardText() const
{
    return m_text->toPlainText();
}

bool OwnCardDialog::saveTo(const QString& path)
{
    QSaveFile file(path);
    const QByteArray bytes = cardText().toUtf8();
    if (bytes.isEmpty() || !file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() ||
        !file.commit()) {
        m_message->setText(tr("The card could not be saved there. Choose another folder."));
        return false;
    }
    m_message->setText(tr("Saved to %1.").arg(path));
    return true;
}

} // namespace fv::desktop
