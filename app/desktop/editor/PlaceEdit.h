#pragma once
// A place: a name, optionally city, district and landmark, and optional coordinates (both or
// neither; entered in decimal degrees, WGS 84).
#include "core/Testimony.h"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;

namespace fv::desktop {

class PlaceEdit : public QWidget
{
    Q_OBJECT

public:
    /// Child widgets are named `prefix` + "Name", "City", "District", "Landmark",
    /// "HasCoordinates", "Latitude", "Longitude".
    explicit PlaceEdit(const QString& prefix, QWidget* parent = nullptr);

    /// Shows `place` without emitting changed().
    void setPlace(const Place& place);
    Place place() const;

signals:
    void changed();

private:
    void onEdited();

    QLineEdit* m_name = nullptr;
    QLineEdit* m_city = nullptr;
    QLineEdit* m_district = nullptr;
    QLineEdit* m_landmark = nullptr;
    QCheckBox* m_hasCoordinates = nullptr;
    QDoubleSpinBox* m_latitude = nullptr;
    QDoubleSpinBox* m_longitude = nullptr;
    bool m_loading = false;
};

} // namespace fv::desktop
