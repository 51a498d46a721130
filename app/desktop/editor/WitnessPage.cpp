#include "editor/WitnessPage.h"

#include "core/Esf.h"
#include "editor/EditorText.h"
#include "editor/FieldMessages.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace fv::desktop {

WitnessPage::WitnessPage(FieldMessages& messages, QWidget* parent) : QWidget(parent)
{
    auto line = [&](QWidget* owner, const char* name) {
        auto* edit = new QLineEdit(owner);
        edit->setObjectName(QLatin1String(name));
        edit->setMaxLength(kShortTextChars);
        connect(edit, &QLineEdit::textEdited, this, &WitnessPage::onEdited);
        return edit;
    };
    auto combo = [&](const char* name) {
        auto* box = new QComboBox(this);
        box->setObjectName(QLatin1String(name));
        return box;
    };
    auto check = [&](QWidget* owner, const QString& text, const char* name) {
        auto* box = new QCheckBox(text, owner);
        box->setObjectName(QLatin1String(name));
        connect(box, &QCheckBox::toggled, this, &WitnessPage::onEdited);
        return box;
    };

    // Witness.
    auto* witness = new QGroupBox(tr("Witness"), this);
    auto* witnessForm = new QFormLayout(witness);
    witnessForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto row = [](QFormLayout* form, const QString& label, QWidget* field, QWidget* wrapped) {
        auto* title = new QLabel(label, wrapped->parentWidget());
        title->setBuddy(field);
        form->addRow(title, wrapped);
    };
    m_pseudonym = line(witness, "witnessPseudonym");
    m_pseudonym->setPlaceholderText(tr("Required: how the testimony refers to the witness"));
    row(witnessForm, tr("&Pseudonym:"), m_pseudonym,
        messages.wrap(m_pseudonym, QStringLiteral("witness.pseudonym")));

    // The identifying fields, framed and labelled in words so the warning reads in any language.
    m_sensitive = new QGroupBox(tr("Sensitive — never exported unless chosen"), witness);
    m_sensitive->setObjectName(QStringLiteral("witnessSensitive"));
    m_sensitive->setStyleSheet(
        QStringLiteral("QGroupBox#witnessSensitive { border: 2px solid #c56a00; "
                       "border-radius: 4px; margin-top: 1.4em; padding: 6px; "
                       "background: #fff6e8; }"
                       "QGroupBox#witnessSensitive::title { subcontrol-origin: margin; "
                       "padding: 0 4px; color: #8a4b00; font-weight: bold; }"));
    auto* sensitiveForm = new QFormLayout(m_sensitive);
    sensitiveForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto* explanation =
        new QLabel(tr("These fields identify the witness. They stay on this computer; an export "
                      "leaves them out unless you choose to include them."),
                   m_sensitive);
    explanation->setWordWrap(true);
    sensitiveForm->addRow(explanation);
    m_realName = line(m_sensitive, "witnessRealName");
    m_contact = line(m_sensitive, "witnessContact");
    m_address = line(m_sensitive, "witnessAddress");
    row(sensitiveForm, tr("Real &name:"), m_realName,
        messages.wrap(m_realName, QStringLiteral("witness.real_name")));
    row(sensitiveForm, tr("Con&tact:"), m_contact,
        messages.wrap(m_contact, QStringLiteral("witness.contact")));
    row(sensitiveForm, tr("Add&ress:"), m_address,
        messages.wrap(m_address, QStringLiteral("witness.address")));
    witnessForm->addRow(m_sensitive);

    m_gender = combo("witnessGender");
    fillGenderBox(m_gender);
    m_ageRange = combo("witnessAgeRange");
    m_ageRange->addItem(tr("Not recorded"), QString());
    for (const char16_t* range : kAgeRanges) {
        const QString value = QString::fromUtf16(range);
        m_ageRange->addItem(value == u"unknown" ? tr("Unknown") : value, value);
    }
    m_role = combo("witnessRole");
    m_role->addItem(tr("Not recorded"), QString());
    const QString language = uiLanguage();
    for (const EsfTerm& term : esf::terms(Vocabulary::WitnessRoles))
        m_role->addItem(esf::label(Vocabulary::WitnessRoles, term.code, language), term.code);
    for (QComboBox* box : {m_gender, m_ageRange, m_role})
        connect(box, &QComboBox::currentIndexChanged, this, &WitnessPage::onEdited);
    m_relation = line(witness, "witnessRelation");
    m_relation->setPlaceholderText(tr("For example: brother of the first victim"));
    row(witnessForm, tr("&Gender:"), m_gender, m_gender);
    row(witnessForm, tr("Ag&e range:"), m_ageRange, m_ageRange);
    row(witnessForm, tr("R&ole:"), m_role, messages.wrap(m_role, QStringLiteral("witness.role")));
    row(witnessForm, tr("Relation to the &victims:"), m_relation,
        messages.wrap(m_relation, QStringLiteral("witness.relation_to_victims")));

    // Consent.
    auto* consent = new QGroupBox(tr("Consent"), this);
    auto* consentForm = new QFormLayout(consent);
    m_given = check(consent, tr("The witness gave con&sent"), "consentGiven");
    consentForm->addRow(m_given);
    m_how = new QComboBox(consent);
    m_how->setObjectName(QStringLiteral("consentHow"));
    m_how->addItem(tr("Not recorded"), int(ConsentMethod::Unspecified));
    m_how->addItem(tr("Written"), int(ConsentMethod::Written));
    m_how->addItem(tr("Spoken, in the recording"), int(ConsentMethod::OralRecorded));
    m_how->addItem(tr("Spoken, noted by the interviewer"), int(ConsentMethod::OralNoted));
    m_how->addItem(tr("Other"), int(ConsentMethod::Other));
    connect(m_how, &QComboBox::currentIndexChanged, this, &WitnessPage::onEdited);
    row(consentForm, tr("&Method:"), m_how, m_how);
    auto* scopes = new QWidget(consent);
    auto* scopesLayout = new QVBoxLayout(scopes);
    scopesLayout->setContentsMargins(0, 0, 0, 0);
    m_quote = check(scopes, tr("May be &quoted anonymously"), "consentQuote");
    m_un = check(scopes, tr("May be shared with the &United Nations"), "consentUn");
    m_legal = check(scopes, tr("May be used in &legal proceedings"), "consentLegal");
    m_contactAgain = check(scopes, tr("Ma&y be contacted again"), "consentContactAgain");
    for (QCheckBox* box : {m_quote, m_un, m_legal, m_contactAgain})
        scopesLayout->addWidget(box);
    consentForm->addRow(tr("The witness agreed that the testimony:"),
                        messages.wrap(scopes, QStringLiteral("consent")));
    m_hasDate = check(consent, tr("Consent &date known:"), "consentHasDate");
    m_date = new QDateEdit(consent);
    m_date->setObjectName(QStringLiteral("consentDate"));
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_date->setCalendarPopup(true);
    m_date->setAccessibleName(tr("Consent date"));
    connect(m_date, &QDateEdit::dateChanged, this, &WitnessPage::onEdited);
    auto* dateBox = new QWidget(consent);
    auto* dateLayout = new QHBoxLayout(dateBox);
    dateLayout->setContentsMargins(0, 0, 0, 0);
    dateLayout->addWidget(m_date);
    dateLayout->addStretch(1);
    consentForm->addRow(m_hasDate, dateBox);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(witness);
    layout->addWidget(consent);
    layout->addStretch(1);
    updateEnabled();
}

void WitnessPage::load(const Testimony& testimony)
{
    m_loading = true;
    const Witness& w = testimony.witness;
    m_pseudonym->setText(w.pseudonym);
    m_realName->setText(w.realName);
    m_contact->setText(w.contact);
    m_address->setText(w.address);
    selectData(m_gender, int(w.gender));
    m_ageRange->setCurrentIndex(std::max(0, m_ageRange->findData(w.ageRange)));
    m_role->setCurrentIndex(std::max(0, m_role->findData(w.role)));
    m_relation->setText(w.relationToVictims);
    const Consent& c = testimony.consent;
    m_given->setChecked(c.given);
    selectData(m_how, int(c.how));
    m_quote->setChecked(c.quoteAnonymously);
    m_un->setChecked(c.shareWithUn);
    m_legal->setChecked(c.legalProceedings);
    m_contactAgain->setChecked(c.contactAgain);
    m_hasDate->setChecked(c.date.has_value());
    m_date->setDate(c.date.value_or(QDate::currentDate()));
    updateEnabled();
    m_loading = false;
}

void WitnessPage::store(Testimony& testimony) const
{
    Witness& w = testimony.witness;
    w.pseudonym = m_pseudonym->text().trimmed();
    w.realName = m_realName->text().trimmed();
    w.contact = m_contact->text().trimmed();
    w.address = m_address->text().trimmed();
    w.gender = static_cast<Gender>(m_gender->currentData().toInt());
    w.ageRange = m_ageRange->currentData().toString();
    w.role = m_role->currentData().toString();
    w.relationToVictims = m_relation->text().trimmed();
    Consent& c = testimony.consent;
    c.given = m_given->isChecked();
    c.how = static_cast<ConsentMethod>(m_how->currentData().toInt());
    // Scopes only count when consent was given (core rejects them otherwise); the boxes keep
    // their marks in case consent is ticked again.
    c.quoteAnonymously = c.given && m_quote->isChecked();
    c.shareWithUn = c.given && m_un->isChecked();
    c.legalProceedings = c.given && m_legal->isChecked();
    c.contactAgain = c.given && m_contactAgain->isChecked();
    c.date = m_hasDate->isChecked() ? std::optional<QDate>(m_date->date()) : std::nullopt;
}

void WitnessPage::updateEnabled()
{
    for (QCheckBox* box : {m_quote, m_un, m_legal, m_contactAgain})
        box->setEnabled(m_given->isChecked());
    m_date->setEnabled(m_hasDate->isChecked());
}

void WitnessPage::onEdited()
{
    updateEnabled();
    if (!m_loading)
        emit changed();
}

} // namespace fv::desktop
