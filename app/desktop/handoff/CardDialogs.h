#pragma once
// Identity cards in the hand-off menu: enrol (pin) a card after checking its fingerprint with
// its owner by phone (an HQ card in a field vault, a delegate's card at HQ), and show this
// vault's own card, which holds no secret, to give to the other side.
#include "core/Card.h"
#include "session/Session.h"

#include <QDialog>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace fv::desktop {

class OwnCardView;

class EnrolCardDialog : public QDialog
{
    Q_OBJECT

public:
    /// A dialog enrolling into the unlocked vault of `session` the card of the other role.
    explicit EnrolCardDialog(Session& session, QWidget* parent = nullptr);

    /// Reads and checks the card file at `path` and shows its name and fingerprint. False (with
    /// the reason in message()) when it cannot be read, is not a card, or has the wrong role.
    bool loadCard(const QString& path);
    /// Pins the loaded card; requires the phone check to be ticked. False with message() on error.
    bool enrol();
    /// The loaded card, if any.
    const std::optional<IdentityCard>& card() const noexcept { return m_card; }
    QString message() const;

private:
    void updateButtons();

    Session& m_session;
    std::optional<IdentityCard> m_card;
    QLineEdit* m_file = nullptr;
    QLabel* m_owner = nullptr;
    QLabel* m_fingerprint = nullptr;
    QCheckBox* m_confirmed = nullptr;
    QPushButton* m_enrol = nullptr;
    QLabel* m_message = nullptr;
};

class OwnCardDialog : public QDialog
{
    Q_OBJECT

public:
    explicit OwnCardDialog(Session& session, QWidget* parent = nullptr);

    /// The card text shown.
    QString cardText() const;
    /// Writes the card to `path` (atomically); false with the reason shown on error.
    bool saveTo(const QString& path);

private:
    OwnCardView* m_view = nullptr; // null when the vault is locked
};

} // namespace fv::desktop
