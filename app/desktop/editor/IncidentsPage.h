#pragma once
// The Incidents tab: the incidents a witness describes, as a list (add, remove) and, for the one
// selected, its date with precision, place, ESF acts (searchable picker), perpetrators (ESF
// list 24 type and a description), victims and description.
#include "core/Testimony.h"
#include "editor/FieldMessages.h"

#include <QList>
#include <QWidget>

class QListWidget;
class QTextEdit;
class QPushButton;
class QTableWidget;

namespace fv::desktop {

class EsfPicker;
class FuzzyDateEdit;
class PlaceEdit;

class IncidentsPage : public QWidget
{
    Q_OBJECT

public:
    explicit IncidentsPage(QWidget* parent = nullptr);

    /// Shows `incidents` (the first one selected) without emitting changed().
    void setIncidents(const QList<Incident>& incidents);
    /// The incidents as entered.
    QList<Incident> incidents() const;

    /// Selects incident `index` and shows `message` next to the field `subpath` names
    /// ("date", "acts[0]", "victims[1].age", …). False when there is no such incident.
    bool showProblem(int index, const QString& subpath, const QString& message);
    void clearProblems();

    /// Adds an empty incident and selects it.
    void addIncident();
    /// Removes the selected incident.
    void removeIncident();
    /// The incident whose fields are shown, -1 when there is none.
    int currentIndex() const { return m_current; }
    void setCurrentIndex(int index);

    EsfPicker* actsPicker() const { return m_acts; }

signals:
    void changed();

private:
    void showIncident(int index);
    Incident readEditor() const;
    void onEdited();
    QString itemText(int index) const;
    void addPerpetratorRow(const Perpetrator& perpetrator);
    void addVictimRow(const Victim& victim);

    QList<Incident> m_incidents;
    int m_current = -1;
    bool m_loading = false;
    FieldMessages m_messages;
    QListWidget* m_list = nullptr;
    QPushButton* m_remove = nullptr;
    QWidget* m_editor = nullptr;
    FuzzyDateEdit* m_date = nullptr;
    PlaceEdit* m_place = nullptr;
    EsfPicker* m_acts = nullptr;
    QTableWidget* m_perpetrators = nullptr;
    QTableWidget* m_victims = nullptr;
    QTextEdit* m_description = nullptr;
};

} // namespace fv::desktop
