#include "handoff/CardDialogs.h"

#include "core/Identity.h"
#include "handoff/CardView.h"
#include "session/UserMessage.h"
#include "widgets/FileDialogs.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace fv::desktop {

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
        const QString path = chooseOpenFile(this, tr("Card file"));
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
    m_fingerprint = makeFingerprintLabel(this);
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
    const VaultRole expected = m_session.role() == VaultRole::Hq ? VaultRole::Field : VaultRole::Hq;
    auto card = readCardFile(path, expected);
    if (!card) {
        m_message->setText(card.error());
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
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    if (const VaultIdentity* identity = session.identity()) {
        m_view = new OwnCardView(*identity, this);
        layout->addWidget(m_view, 1);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(&session, &Session::aboutToLock, this, &QDialog::reject);
}

QString OwnCardDialog::cardText() const
{
    return m_view ? m_view->cardText() : QString();
}

bool OwnCardDialog::saveTo(const QString& path)
{
    return m_view && m_view->saveTo(path);
}

} // namespace fv::desktop
