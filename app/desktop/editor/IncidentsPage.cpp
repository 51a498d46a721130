#include "editor/IncidentsPage.h"

#include "core/Esf.h"
#include "editor/EditorText.h"
#include "editor/EsfPicker.h"
#include "editor/FuzzyDateEdit.h"
#include "editor/PlaceEdit.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QTextEdit>
#include <QVBoxLayout>

namespace fv::desktop {

namespace {

enum VictimColumn
{
    VictimName,
    VictimDescription,
    VictimCount,
    VictimAge,
    VictimGender,
    VictimConditionColumn,
    VictimColumns,
};

QString cellText(const QTableWidget* table, int row, int column)
{
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

/// A table with buttons to add a row and remove the selected rows under it.
QWidget* withRowButtons(QTableWidget* table, const QString& addText, const QString& removeText,
                        const QString& namePrefix, const std::function<void()>& add,
                        const std::function<void()>& removed)
{
    auto* box = new QWidget(table->parentWidget());
    table->setParent(box);
    auto* addButton = new QPushButton(addText, box);
    addButton->setObjectName(namePrefix + QStringLiteral("Add"));
    auto* removeButton = new QPushButton(removeText, box);
    removeButton->setObjectName(namePrefix + QStringLiteral("Remove"));
    QObject::connect(addButton, &QPushButton::clicked, box, add);
    QObject::connect(removeButton, &QPushButton::clicked, box, [table, removed] {
        QList<int> rows;
        for (const QModelIndex& index : table->selectionModel()->selectedRows())
            rows.append(index.row());
        if (rows.isEmpty() && table->currentRow() >= 0)
            rows.append(table->currentRow());
        std::sort(rows.begin(), rows.end(), std::greater<>());
        for (int row : rows)
            table->removeRow(row);
        if (!rows.isEmpty())
            removed();
    });
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(addButton);
    buttons->addWidget(removeButton);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table);
    layout->addLayout(buttons);
    return box;
}

} // namespace

IncidentsPage::IncidentsPage(QWidget* parent) : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("incidentList"));
    m_list->setAccessibleName(tr("Incidents"));
    auto* add = new QPushButton(tr("Add i&ncident"), this);
    add->setObjectName(QStringLiteral("incidentAdd"));
    m_remove = new QPushButton(tr("R&emove incident"), this);
    m_remove->setObjectName(QStringLiteral("incidentRemove"));
    auto* listBox = new QWidget(this);
    auto* listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list, 1);
    listLayout->addWidget(add);
    listLayout->addWidget(m_remove);

    m_editor = new QWidget;
    m_date = new FuzzyDateEdit(m_editor);
    m_date->setObjectName(QStringLiteral("incidentDate"));
    m_place = new PlaceEdit(QStringLiteral("incidentPlace"), m_editor);
    m_place->setObjectName(QStringLiteral("incidentPlace"));
    m_acts = new EsfPicker(Vocabulary::Acts, QStringLiteral("incidentActs"), m_editor);
    m_acts->setObjectName(QStringLiteral("incidentActs"));

    m_perpetrators = new QTableWidget(0, 2, m_editor);
    m_perpetrators->setObjectName(QStringLiteral("perpetratorsTable"));
    m_perpetrators->setHorizontalHeaderLabels({tr("Type"), tr("Description")});
    m_perpetrators->horizontalHeader()->setStretchLastSection(true);
    m_perpetrators->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_perpetrators->setMinimumHeight(m_perpetrators->fontMetrics().height() * 6);
    m_perpetrators->setAccessibleName(tr("Perpetrators"));
    QWidget* perpetratorsBox = withRowButtons(
        m_perpetrators, tr("Add perpetrat&or"), tr("Remove perpetrator"), QStringLiteral("perpetrator"),
        [this] {
            addPerpetratorRow(Perpetrator{esf::terms(Vocabulary::Perpetrators).value(0).code, {}});
            onEdited();
        },
        [this] { onEdited(); });

    m_victims = new QTableWidget(0, VictimColumns, m_editor);
    m_victims->setObjectName(QStringLiteral("victimsTable"));
    m_victims->setHorizontalHeaderLabels(
        {tr("Name"), tr("Description"), tr("Count"), tr("Age"), tr("Gender"), tr("Condition")});
    m_victims->horizontalHeader()->setStretchLastSection(true);
    m_victims->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_victims->setMinimumHeight(m_victims->fontMetrics().height() * 6);
    m_victims->setAccessibleName(tr("Victims"));
    QWidget* victimsBox = withRowButtons(
        m_victims, tr("Add victi&m"), tr("Remove victim"), QStringLiteral("victim"),
        [this] {
            addVictimRow(Victim{});
            onEdited();
        },
        [this] { onEdited(); });

    // QTextEdit for the same reason as the narrative (InterviewPage.cpp): Arabic paragraphs
    // start at the right edge.
    m_description = new QTextEdit(m_editor);
    m_description->setAcceptRichText(false);
    m_description->setAutoFormatting(QTextEdit::AutoNone);
    m_description->setTabChangesFocus(true);
    m_description->setObjectName(QStringLiteral("incidentDescription"));
    m_description->setAccessibleName(tr("Incident description"));
    m_description->setMinimumHeight(m_description->fontMetrics().height() * 5);

    auto* form = new QFormLayout(m_editor);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto row = [&](const QString& label, QWidget* field, const QString& path) {
        QWidget* wrapped = m_messages.wrap(field, path);
        auto* title = new QLabel(label, m_editor);
        title->setBuddy(field);
        form->addRow(title, wrapped);
    };
    row(tr("&Date:"), m_date, QStringLiteral("date"));
    row(tr("P&lace:"), m_place, QStringLiteral("place"));
    row(tr("Ac&ts:"), m_acts, QStringLiteral("acts"));
    row(tr("&Perpetrators:"), perpetratorsBox, QStringLiteral("perpetrators"));
    row(tr("&Victims:"), victimsBox, QStringLiteral("victims"));
    row(tr("Desc&ription:"), m_description, QStringLiteral("description"));

    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setWidget(m_editor);
    auto* splitter = new QSplitter(this);
    splitter->addWidget(listBox);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    connect(add, &QPushButton::clicked, this, &IncidentsPage::addIncident);
    connect(m_remove, &QPushButton::clicked, this, &IncidentsPage::removeIncident);
    connect(m_list, &QListWidget::currentRowChanged, this, &IncidentsPage::showIncident);
    connect(m_date, &FuzzyDateEdit::changed, this, &IncidentsPage::onEdited);
    connect(m_place, &PlaceEdit::changed, this, &IncidentsPage::onEdited);
    connect(m_acts, &EsfPicker::changed, this, &IncidentsPage::onEdited);
    connect(m_description, &QTextEdit::textChanged, this, &IncidentsPage::onEdited);
    connect(m_perpetrators, &QTableWidget::itemChanged, this, &IncidentsPage::onEdited);
    connect(m_victims, &QTableWidget::itemChanged, this, &IncidentsPage::onEdited);
    setIncidents({});
}

void IncidentsPage::setIncidents(const QList<Incident>& incidents)
{
    m_loading = true;
    m_incidents = incidents;
    m_current = -1;
    m_list->clear();
    for (int i = 0; i < m_incidents.size(); ++i)
        m_list->addItem(itemText(i));
    m_loading = false;
    m_messages.clear();
    // Shown explicitly: the list may already have made the first row current while loading.
    if (!m_incidents.isEmpty())
        m_list->setCurrentRow(0);
    showIncident(m_incidents.isEmpty() ? -1 : 0);
}

QList<Incident> IncidentsPage::incidents() const
{
    return m_incidents;
}

void IncidentsPage::setCurrentIndex(int index)
{
    m_list->setCurrentRow(index);
}

void IncidentsPage::addIncident()
{
    m_incidents.append(Incident{});
    m_list->addItem(itemText(int(m_incidents.size() - 1)));
    m_list->setCurrentRow(int(m_incidents.size() - 1));
    emit changed();
    m_date->setFocus();
}

void IncidentsPage::removeIncident()
{
    const int index = m_current;
    if (index < 0 || index >= m_incidents.size())
        return;
    m_loading = true;
    m_incidents.removeAt(index);
    m_current = -1;
    delete m_list->takeItem(index);
    m_loading = false;
    for (int i = 0; i < m_list->count(); ++i)
        m_list->item(i)->setText(itemText(i));
    showIncident(m_list->currentRow());
    emit changed();
}

void IncidentsPage::showIncident(int index)
{
    if (m_loading)
        return;
    m_messages.clear();
    m_current = index >= 0 && index < m_incidents.size() ? index : -1;
    m_editor->setEnabled(m_current >= 0);
    m_remove->setEnabled(m_current >= 0);
    const Incident incident = m_current >= 0 ? m_incidents.at(m_current) : Incident{};
    m_loading = true;
    m_date->setDate(incident.date);
    m_place->setPlace(incident.place);
    m_acts->setSelectedCodes(incident.acts);
    m_perpetrators->setRowCount(0);
    for (const Perpetrator& perpetrator : incident.perpetrators)
        addPerpetratorRow(perpetrator);
    m_victims->setRowCount(0);
    for (const Victim& victim : incident.victims)
        addVictimRow(victim);
    m_description->setPlainText(incident.description);
    m_loading = false;
}

void IncidentsPage::addPerpetratorRow(const Perpetrator& perpetrator)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const int row = m_perpetrators->rowCount();
    m_perpetrators->insertRow(row);
    auto* type = new QComboBox(m_perpetrators);
    type->setObjectName(QStringLiteral("perpetratorType"));
    const QString language = uiLanguage();
    for (const EsfTerm& term : esf::terms(Vocabulary::Perpetrators))
        type->addItem(QString(term.level * 3, u' ') +
                          esf::label(Vocabulary::Perpetrators, term.code, language),
                      term.code);
    const int index = type->findData(perpetrator.type);
    type->setCurrentIndex(index >= 0 ? index : 0);
    connect(type, &QComboBox::currentIndexChanged, this, &IncidentsPage::onEdited);
    m_perpetrators->setCellWidget(row, 0, type);
    m_perpetrators->setItem(row, 1, new QTableWidgetItem(perpetrator.description));
    m_loading = wasLoading;
}

void IncidentsPage::addVictimRow(const Victim& victim)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    const int row = m_victims->rowCount();
    m_victims->insertRow(row);
    m_victims->setItem(row, VictimName, new QTableWidgetItem(victim.name));
    m_victims->setItem(row, VictimDescription, new QTableWidgetItem(victim.description));
    m_victims->setItem(row, VictimAge, new QTableWidgetItem(victim.age));
    auto* count = new QSpinBox(m_victims);
    count->setObjectName(QStringLiteral("victimCount"));
    count->setRange(1, 1000000);
    count->setValue(victim.count);
    connect(count, &QSpinBox::valueChanged, this, &IncidentsPage::onEdited);
    m_victims->setCellWidget(row, VictimCount, count);
    auto* gender = new QComboBox(m_victims);
    gender->setObjectName(QStringLiteral("victimGender"));
    fillGenderBox(gender);
    selectData(gender, int(victim.gender));
    connect(gender, &QComboBox::currentIndexChanged, this, &IncidentsPage::onEdited);
    m_victims->setCellWidget(row, VictimGender, gender);
    auto* condition = new QComboBox(m_victims);
    condition->setObjectName(QStringLiteral("victimCondition"));
    fillConditionBox(condition);
    selectData(condition, int(victim.condition));
    connect(condition, &QComboBox::currentIndexChanged, this, &IncidentsPage::onEdited);
    m_victims->setCellWidget(row, VictimConditionColumn, condition);
    m_loading = wasLoading;
}

Incident IncidentsPage::readEditor() const
{
    Incident incident;
    incident.date = m_date->date();
    incident.place = m_place->place();
    incident.acts = m_acts->selectedCodes();
    for (int row = 0; row < m_perpetrators->rowCount(); ++row) {
        Perpetrator p;
        if (auto* type = qobject_cast<QComboBox*>(m_perpetrators->cellWidget(row, 0)))
            p.type = type->currentData().toString();
        p.description = cellText(m_perpetrators, row, 1);
        incident.perpetrators.append(p);
    }
    for (int row = 0; row < m_victims->rowCount(); ++row) {
        Victim v;
        v.name = cellText(m_victims, row, VictimName);
        v.description = cellText(m_victims, row, VictimDescription);
        v.age = cellText(m_victims, row, VictimAge);
        if (auto* count = qobject_cast<QSpinBox*>(m_victims->cellWidget(row, VictimCount)))
            v.count = count->value();
        if (auto* gender = qobject_cast<QComboBox*>(m_victims->cellWidget(row, VictimGender)))
            v.gender = static_cast<Gender>(gender->currentData().toInt());
        if (auto* condition = qobject_cast<QComboBox*>(m_victims->cellWidget(row, VictimConditionColumn)))
            v.condition = static_cast<VictimCondition>(condition->currentData().toInt());
        incident.victims.append(v);
    }
    incident.description = m_description->toPlainText();
    return incident;
}

void IncidentsPage::onEdited()
{
    if (m_loading || m_current < 0)
        return;
    m_incidents[m_current] = readEditor();
    m_list->item(m_current)->setText(itemText(m_current));
    emit changed();
}

QString IncidentsPage::itemText(int index) const
{
    const Incident& incident = m_incidents.at(index);
    QString date;
    if (incident.date) {
        const FuzzyDate& d = *incident.date;
        date = d.precision == DatePrecision::Year ? QString::number(d.year)
               : d.precision == DatePrecision::Month
                   ? QDate(d.year, d.month, 1).toString(QStringLiteral("yyyy-MM"))
                   : QDate(d.year, d.month, d.day).toString(Qt::ISODate);
    }
    const QString act = incident.acts.isEmpty()
                            ? QString()
                            : esf::label(Vocabulary::Acts, incident.acts.front(), uiLanguage());
    const QString place = incident.place.displayText();
    QStringList parts;
    for (const QString& part : {date, act, place}) {
        if (!part.isEmpty())
            parts.append(part);
    }
    if (parts.isEmpty())
        return tr("Incident %1 (nothing entered yet)").arg(index + 1);
    return tr("%1. %2").arg(index + 1).arg(parts.join(QStringLiteral(" · ")));
}

bool IncidentsPage::showProblem(int index, const QString& subpath, const QString& message)
{
    if (index < 0 || index >= m_incidents.size())
        return false;
    if (m_current != index)
        m_list->setCurrentRow(index);
    if (!m_messages.show(subpath, message))
        m_messages.show(QStringLiteral("description"), message);
    return true;
}

void IncidentsPage::clearProblems()
{
    m_messages.clear();
}

} // namespace fv::desktop
