#pragma once
// A date as precise as the witness could give it: a precision (exact day, around a day, a month,
// a year) and year, month and day fields that follow it. "Not known" leaves the date out.
// Whatever is entered is a valid FuzzyDate (the day is kept within its month).
#include "core/Testimony.h"

#include <QWidget>
#include <optional>

class QComboBox;
class QSpinBox;

namespace fv::desktop {

class FuzzyDateEdit : public QWidget
{
    Q_OBJECT

public:
    explicit FuzzyDateEdit(QWidget* parent = nullptr);

    /// Shows `date` (nullopt: not known) without emitting changed().
    void setDate(const std::optional<FuzzyDate>& date);
    /// The date entered, nullopt when "not known" is chosen.
    std::optional<FuzzyDate> date() const;

    QComboBox* precisionBox() const { return m_precision; }
    QSpinBox* yearBox() const { return m_year; }
    QSpinBox* monthBox() const { return m_month; }
    QSpinBox* dayBox() const { return m_day; }

signals:
    void changed();

private:
    void updateEnabled();
    void onEdited();

    QComboBox* m_precision = nullptr;
    QSpinBox* m_year = nullptr;
    QSpinBox* m_month = nullptr;
    QSpinBox* m_day = nullptr;
    bool m_loading = false;
};

} // namespace fv::desktop
