#pragma once
// The Witness and consent tab: the pseudonym (always required), the identifying fields in a
// framed group marked sensitive, gender, age range, ESF witness role, relation to the victims,
// and what the witness consented to.
#include "core/Testimony.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QGroupBox;
class QLineEdit;

namespace fv::desktop {

class FieldMessages;

class WitnessPage : public QWidget
{
    Q_OBJECT

public:
    /// Registers its fields with `messages` under their JSON paths ("witness.pseudonym", …).
    WitnessPage(FieldMessages& messages, QWidget* parent = nullptr);

    /// Shows the witness and consent of `testimony` without emitting changed().
    void load(const Testimony& testimony);
    /// Writes the fields shown into `testimony`'s witness and consent.
    void store(Testimony& testimony) const;

    QLineEdit* pseudonymEdit() const { return m_pseudonym; }

signals:
    void changed();

private:
    void onEdited();
    void updateEnabled();

    bool m_loading = false;
    QLineEdit* m_pseudonym = nullptr;
    QGroupBox* m_sensitive = nullptr;
    QLineEdit* m_realName = nullptr;
    QLineEdit* m_contact = nullptr;
    QLineEdit* m_address = nullptr;
    QComboBox* m_gender = nullptr;
    QComboBox* m_ageRange = nullptr;
    QComboBox* m_role = nullptr;
    QLineEdit* m_relation = nullptr;
    QCheckBox* m_given = nullptr;
    QComboBox* m_how = nullptr;
    QCheckBox* m_quote = nullptr;
    QCheckBox* m_un = nullptr;
    QCheckBox* m_legal = nullptr;
    QCheckBox* m_contactAgain = nullptr;
    QCheckBox* m_hasDate = nullptr;
    QDateEdit* m_date = nullptr;
};

} // namespace fv::desktop
