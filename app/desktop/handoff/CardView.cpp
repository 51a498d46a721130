#include "handoff/CardView.h"

#include "session/UserMessage.h"
#include "settings/QrCode.h"
#include "widgets/FileDialogs.h"

#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace fv::desktop {

std::expected<IdentityCard, QString> readCardFile(const QString& path, VaultRole expected)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            OwnCardView::tr("The card file cannot be read. Check that the drive is connected."));
    const QByteArray bytes = file.read(qint64(kCardMaxBytes) + 1);
    auto card = IdentityCard::parse(std::string_view(bytes.constData(), std::size_t(bytes.size())));
    if (!card)
        return std::unexpected(userMessage(card.error(), OwnCardView::tr("Reading the card")));
    if (card->role != expected)
        return std::unexpected(
            expected == VaultRole::Hq
                ? OwnCardView::tr("This is a delegate's card, not an HQ card. A field vault enrols only HQ "
                                  "cards.")
                : OwnCardView::tr("This is an HQ card, not a delegate's card. An HQ vault enrols only "
                                  "delegates' cards."));
    return std::move(*card);
}

QLabel* makeFingerprintLabel(QWidget* parent, double scale)
{
    auto* label = new QLabel(parent);
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * scale);
    font.setBold(true);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setLayoutDirection(Qt::LeftToRight); // a fingerprint reads left to right in any language
    return label;
}

OwnCardView::OwnCardView(const VaultIdentity& identity, QWidget* parent) : QWidget(parent)
{
    const IdentityCard card = identity.card();
    const QByteArray text = QByteArray::fromStdString(card.toText());

    auto* fingerprint = makeFingerprintLabel(this);
    fingerprint->setObjectName(QStringLiteral("ownFingerprint"));
    fingerprint->setText(QString::fromStdString(card.fingerprint()));
    fingerprint->setAccessibleName(tr("Fingerprint"));

    m_text = new QPlainTextEdit(QString::fromUtf8(text), this);
    m_text->setObjectName(QStringLiteral("ownCardText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setLayoutDirection(Qt::LeftToRight);
    m_text->setAccessibleName(tr("Card text"));

    m_qrImage = makeQrImage(text, 3);
    auto* qr = new QLabel(this);
    qr->setObjectName(QStringLiteral("ownCardQr"));
    if (m_qrImage.isNull())
        qr->setText(tr("The card is too long for a QR code; give the text instead."));
    else
        qr->setPixmap(QPixmap::fromImage(m_qrImage));
    qr->setAccessibleName(tr("QR code of the card"));

    auto* save = new QPushButton(tr("&Save card to file…"), this);
    save->setObjectName(QStringLiteral("ownCardSave"));
    connect(save, &QPushButton::clicked, this, [this] {
        const QString path = chooseSaveFile(this, tr("Save the card"), QStringLiteral("my.card"));
        if (!path.isEmpty())
            saveTo(path);
    });
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("ownCardMessage"));
    m_message->setWordWrap(true);

    auto* row = new QHBoxLayout;
    row->addWidget(m_text, 1);
    row->addWidget(qr, 0, Qt::AlignTop);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(fingerprint);
    layout->addLayout(row, 1);
    layout->addWidget(save, 0, Qt::AlignLeading);
    layout->addWidget(m_message);
}

QString OwnCardView::cardText() const
{
    return m_text->toPlainText();
}

bool OwnCardView::saveTo(const QString& path)
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
