#include "editor/PlaceEdit.h"

#include "editor/EditorText.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>

namespace fv::desktop {

PlaceEdit::PlaceEdit(const QString& prefix, QWidget* parent) : QWidget(parent)
{
    auto line = [&](const char* name, const QString& placeholder) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(prefix + QLatin1String(name));
        edit->setMaxLength(kShortTextChars);
        edit->setPlaceholderText(placeholder);
        edit->setAccessibleName(placeholder);
        connect(edit, &QLineEdit::textEdited, this, &PlaceEdit::onEdited);
        return edit;
    };
    m_name = line("Name", tr("Place name"));
    m_city = line("City", tr("City or town"));
    m_district = line("District", tr("District or neighbourhood"));
    m_landmark = line("Landmark", tr("Landmark"));

    m_hasCoordinates = new QCheckBox(tr("Coordinates:"), this);
    m_hasCoordinates->setObjectName(prefix + QStringLiteral("HasCoordinates"));
    auto degrees = [&](const char* name, double limit, const QString& accessible) {
        auto* box = new QDoubleSpinBox(this);
        box->setObjectName(prefix + QLatin1String(name));
        box->setDecimals(6);
        box->setRange(-limit, limit);
        box->setAccessibleName(accessible);
        box->setEnabled(false);
        connect(box, &QDoubleSpinBox::valueChanged, this, &PlaceEdit::onEdited);
        return box;
    };
    m_latitude = degrees("Latitude", 90, tr("Latitude"));
    m_longitude = degrees("Longitude", 180, tr("Longitude"));
    connect(m_hasCoordinates, &QCheckBox::toggled, this, [this](bool on) {
        m_latitude->setEnabled(on);
        m_longitude->setEnabled(on);
        onEdited();
    });

    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->addWidget(m_name, 0, 0);
    grid->addWidget(m_city, 0, 1);
    grid->addWidget(m_district, 1, 0);
    grid->addWidget(m_landmark, 1, 1);
    auto* coordinates = new QHBoxLayout;
    coordinates->addWidget(m_hasCoordinates);
    coordinates->addWidget(new QLabel(tr("Latitude:"), this));
    coordinates->addWidget(m_latitude);
    coordinates->addWidget(new QLabel(tr("Longitude:"), this));
    coordinates->addWidget(m_longitude);
    coordinates->addStretch(1);
    grid->addLayout(coordinates, 2, 0, 1, 2);
    setFocusProxy(m_name);
}

void PlaceEdit::setPlace(const Place& place)
{
    m_loading = true;
    m_name->setText(place.name);
    m_city->setText(place.city);
    m_district->setText(place.district);
    m_landmark->setText(place.landmark);
    const bool has = place.latitude && place.longitude;
    m_hasCoordinates->setChecked(has);
    m_latitude->setValue(has ? *place.latitude : 0);
    m_longitude->setValue(has ? *place.longitude : 0);
    m_loading = false;
}

Place PlaceEdit::place() const
{
    Place p;
    p.name = m_name->text().trimmed();
    p.city = m_city->text().trimmed();
    p.district = m_district->text().trimmed();
    p.landmark = m_landmark->text().trimmed();
    if (m_hasCoordinates->isChecked()) {
        p.latitude = m_latitude->value();
        p.longitude = m_longitude->value();
    }
    return p;
}

void PlaceEdit::onEdited()
{
    if (!m_loading)
        emit changed();
}

} // namespace fv::desktop
