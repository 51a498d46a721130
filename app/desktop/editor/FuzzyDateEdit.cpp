#include "editor/FuzzyDateEdit.h"

#include <QComboBox>
#include <QDate>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace fv::desktop {

namespace {
constexpr int kUnknown = -1;
} // namespace

FuzzyDateEdit::FuzzyDateEdit(QWidget* parent) : QWidget(parent)
{
    m_precision = new QComboBox(this);
    m_precision->setObjectName(QStringLiteral("datePrecision"));
    m_precision->addItem(tr("Not known"), kUnknown);
    m_precision->addItem(tr("Exact day"), int(DatePrecision::Exact));
    m_precision->addItem(tr("Around that day"), int(DatePrecision::Approximate));
    m_precision->addItem(tr("Month only"), int(DatePrecision::Month));
    m_precision->addItem(tr("Year only"), int(DatePrecision::Year));
    m_precision->setAccessibleName(tr("Date precision"));

    m_year = new QSpinBox(this);
    m_year->setObjectName(QStringLiteral("dateYear"));
    m_year->setRange(1900, 2200);
    m_year->setValue(QDate::currentDate().year());
    m_year->setAccessibleName(tr("Year"));
    m_month = new QSpinBox(this);
    m_month->setObjectName(QStringLiteral("dateMonth"));
    m_month->setRange(1, 12);
    m_month->setAccessibleName(tr("Month"));
    m_day = new QSpinBox(this);
    m_day->setObjectName(QStringLiteral("dateDay"));
    m_day->setRange(1, 31);
    m_day->setAccessibleName(tr("Day"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_precision);
    layout->addWidget(new QLabel(tr("Year:"), this));
    layout->addWidget(m_year);
    layout->addWidget(new QLabel(tr("Month:"), this));
    layout->addWidget(m_month);
    layout->addWidget(new QLabel(tr("Day:"), this));
    layout->addWidget(m_day);
    layout->addStretch(1);
    setFocusProxy(m_precision);

    connect(m_precision, &QComboBox::currentIndexChanged, this, &FuzzyDateEdit::onEdited);
    for (QSpinBox* box : {m_year, m_month, m_day})
        connect(box, &QSpinBox::valueChanged, this, &FuzzyDateEdit::onEdited);
    updateEnabled();
}

void FuzzyDateEdit::setDate(const std::optional<FuzzyDate>& date)
{
    m_loading = true;
    if (!date) {
        m_precision->setCurrentIndex(0);
    } else {
        m_precision->setCurrentIndex(m_precision->findData(int(date->precision)));
        m_day->setMaximum(31);
        m_year->setValue(date->year);
        m_month->setValue(date->month > 0 ? date->month : 1);
        m_day->setValue(date->day > 0 ? date->day : 1);
    }
    updateEnabled();
    m_loading = false;
}

std::optional<FuzzyDate> FuzzyDateEdit::date() const
{
    const int precision = m_precision->currentData().toInt();
    if (precision == kUnknown)
        return std::nullopt;
    FuzzyDate d;
    d.precision = static_cast<DatePrecision>(precision);
    d.year = m_year->value();
    if (d.precision != DatePrecision::Year)
        d.month = m_month->value();
    if (d.precision == DatePrecision::Exact || d.precision == DatePrecision::Approximate)
        d.day = std::min(m_day->value(), QDate(d.year, d.month, 1).daysInMonth());
    return d;
}

void FuzzyDateEdit::updateEnabled()
{
    const int precision = m_precision->currentData().toInt();
    const bool known = precision != kUnknown;
    m_year->setEnabled(known);
    m_month->setEnabled(known && precision != int(DatePrecision::Year));
    m_day->setEnabled(
        known && (precision == int(DatePrecision::Exact) || precision == int(DatePrecision::Approximate)));
    if (known)
        m_day->setMaximum(QDate(m_year->value(), m_month->value(), 1).daysInMonth());
}

void FuzzyDateEdit::onEdited()
{
    if (m_loading)
        return;
    updateEnabled();
    emit changed();
}

} // namespace fv::desktop
