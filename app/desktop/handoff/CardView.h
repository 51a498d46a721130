#pragma once
// Identity cards on screen: reading a card file someone handed over, and the one view of this
// vault's own card (fingerprint, text, QR code, save to a file) that the hand-off menu and
// Settings both show.
#include "core/Card.h"
#include "core/Identity.h"

#include <QImage>
#include <QString>
#include <QWidget>
#include <expected>

class QLabel;
class QPlainTextEdit;

namespace fv::desktop {

/// Reads and checks the card file at `path`: readable, a valid card, and of role `expected`.
/// On failure, a message for the person in front of the screen.
std::expected<IdentityCard, QString> readCardFile(const QString& path, VaultRole expected);

/// A fingerprint label: large, fixed-width, selectable, always left to right.
QLabel* makeFingerprintLabel(QWidget* parent, double scale = 2.0);

class OwnCardView : public QWidget
{
    Q_OBJECT

public:
    /// Shows `identity`'s card (no secret in it).
    explicit OwnCardView(const VaultIdentity& identity, QWidget* parent = nullptr);

    QString cardText() const;
    /// The QR code shown; null when the card does not fit in one.
    QImage qrImage() const { return m_qrImage; }
    /// Writes the card to `path` atomically; false with the reason shown under the card.
    bool saveTo(const QString& path);

private:
    QPlainTextEdit* m_text = nullptr;
    QLabel* m_message = nullptr;
    QImage m_qrImage;
};

} // namespace fv::desktop
