#include "browse/TestimonyBrowser.h"

#include "core/Esf.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>
#include <utility>

namespace fv::desktop {
namespace {

constexpr int kTypingPauseMs = 150;

QString uiLanguage()
{
    return QLocale().language() == QLocale::Arabic ? QStringLiteral("ar") : QStringLiteral("en");
}

} // namespace

TestimonyBrowser::TestimonyBrowser(Session& session, QWidget* parent) : QWidget(parent), m_session(session)
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchBox"));
    m_search->setPlaceholderText(tr("Search (Arabic or English)…"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search testimonies"));

    m_act = new QComboBox(this);
    m_act->setObjectName(QStringLiteral("filterAct"));
    m_act->setAccessibleName(tr("Type of act"));
    m_act->addItem(tr("Any type of act"), QString());
    const QString language = uiLanguage();
    for (const EsfTerm& term : esf::terms(Vocabulary::Acts))
        m_act->addItem(QString(term.level * 2, QLatin1Char(' ')) +
                           (language == QLatin1String("ar") && !term.ar.isEmpty() ? term.ar : term.en),
                       term.code);
    m_act->setMaxVisibleItems(20);
    m_act->setMinimumContentsLength(12);
    m_act->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);

    m_place = new QLineEdit(this);
    m_place->setObjectName(QStringLiteral("filterPlace"));
    m_place->setPlaceholderText(tr("Place"));
    m_place->setAccessibleName(tr("Place"));
    m_place->setClearButtonEnabled(true);

    m_dated = new QCheckBox(tr("Between"), this);
    m_dated->setObjectName(QStringLiteral("filterDated"));
    m_from = new QDateEdit(QDate::currentDate().addYears(-1), this);
    m_from->setObjectName(QStringLiteral("filterFrom"));
    m_to = new QDateEdit(QDate::currentDate(), this);
    m_to->setObjectName(QStringLiteral("filterTo"));
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        edit->setEnabled(false);
    }
    m_from->setAccessibleName(tr("From date"));
    m_to->setAccessibleName(tr("To date"));

    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("filterStatus"));
    m_status->setAccessibleName(tr("Status"));
    m_status->addItem(tr("Any status"), -1);
    for (TestimonyStatus status : {TestimonyStatus::Draft, TestimonyStatus::Complete,
                                   TestimonyStatus::Exported, TestimonyStatus::Delivered})
        m_status->addItem(statusLabel(status), int(status));

    m_model = new TestimonyListModel(session, this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("testimonyList"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->horizontalHeader()->setSortIndicator(TestimonyListModel::UpdatedColumn, Qt::DescendingOrder);
    m_view->horizontalHeader()->setSectionResizeMode(TestimonyListModel::TitleColumn, QHeaderView::Stretch);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAccessibleName(tr("Testimonies"));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("browserMessage"));
    m_message->setWordWrap(true);
    m_message->hide();

    auto* filters = new QGridLayout;
    filters->addWidget(m_act, 0, 0, 1, 2);
    filters->addWidget(m_status, 0, 2, 1, 2);
    filters->addWidget(m_place, 1, 0, 1, 4);
    filters->addWidget(m_dated, 2, 0);
    filters->addWidget(m_from, 2, 1);
    filters->addWidget(new QLabel(tr("and"), this), 2, 2, Qt::AlignCenter);
    filters->addWidget(m_to, 2, 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addLayout(filters);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kTypingPauseMs);
    connect(&m_debounce, &QTimer::timeout, this, &TestimonyBrowser::applyNow);
    auto later = [this] { m_debounce.start(); };
    connect(m_search, &QLineEdit::textChanged, this, later);
    connect(m_search, &QLineEdit::returnPressed, this, &TestimonyBrowser::applyNow);
    connect(m_place, &QLineEdit::textChanged, this, later);
    connect(m_act, &QComboBox::currentIndexChanged, this, &TestimonyBrowser::applyNow);
    connect(m_status, &QComboBox::currentIndexChanged, this, &TestimonyBrowser::applyNow);
    connect(m_dated, &QCheckBox::toggled, this, [this](bool on) {
        m_from->setEnabled(on);
        m_to->setEnabled(on);
        applyNow();
    });
    connect(m_from, &QDateEdit::dateChanged, this, later);
    connect(m_to, &QDateEdit::dateChanged, this, later);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid())
                    emit openRequested(m_model->idAt(current.row()));
            });
    connect(m_model, &QAbstractItemModel::modelReset, this,
            [this] { emit resultsChanged(m_model->rowCount(), m_model->canFetchMore({})); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this] { emit resultsChanged(m_model->rowCount(), m_model->canFetchMore({})); });
    connect(&m_session, &Session::testimonyChanged, this, &TestimonyBrowser::onTestimonyChanged);
    connect(&m_session, &Session::locked, this, &TestimonyBrowser::forget);
    connect(&m_session, &Session::busyChanged, this, [this](bool busy) {
        if (busy)
            return;
        if (std::exchange(m_applyWhenIdle, false)) {
            m_reloadWhenIdle = false;
            applyNow();
        } else if (std::exchange(m_reloadWhenIdle, false)) {
            onTestimonyChanged(m_reloadId);
        }
    });
}

SearchQuery TestimonyBrowser::buildQuery() const
{
    SearchQuery query = m_model->query();
    query.text = m_search->text().trimmed();
    query.place = m_place->text().trimmed();
    query.acts.clear();
    if (const QString act = m_act->currentData().toString(); !act.isEmpty())
        query.acts.append(act);
    query.from.reset();
    query.to.reset();
    if (m_dated->isChecked()) {
        query.from = std::min(m_from->date(), m_to->date());
        query.to = std::max(m_from->date(), m_to->date());
    }
    query.status.reset();
    if (const int status = m_status->currentData().toInt(); status >= 0)
        query.status = TestimonyStatus(status);
    return query;
}

void TestimonyBrowser::applyNow()
{
    m_debounce.stop();
    if (m_session.isBusy()) {
        m_applyWhenIdle = true;
        return;
    }
    const QString selected = selectedId();
    m_model->setQuery(buildQuery());
    m_message->setText(m_model->lastError());
    m_message->setVisible(!m_model->lastError().isEmpty());
    if (!selected.isEmpty())
        select(selected);
}

void TestimonyBrowser::forget()
{
    m_debounce.stop();
    m_applyWhenIdle = false;
    m_reloadWhenIdle = false;
    m_reloadId.clear();
    {
        // No query may run for these changes: the session is locked.
        const QSignalBlocker search(m_search), place(m_place), act(m_act), status(m_status), dated(m_dated),
            from(m_from), to(m_to), header(m_view->horizontalHeader());
        m_search->setText(QString()); // setText(), not clear(): clear() can be undone
        m_place->setText(QString());
        m_act->setCurrentIndex(0);
        m_status->setCurrentIndex(0);
        m_dated->setChecked(false);
        m_from->setDate(QDate::currentDate().addYears(-1));
        m_to->setDate(QDate::currentDate());
        m_from->setEnabled(false);
        m_to->setEnabled(false);
        m_view->horizontalHeader()->setSortIndicator(TestimonyListModel::UpdatedColumn, Qt::DescendingOrder);
    }
    QHeaderView* header = m_view->horizontalHeader();
    for (int column = 0; column < header->count(); ++column) {
        if (header->sectionResizeMode(column) == QHeaderView::Interactive)
            header->resizeSection(column, header->defaultSectionSize());
    }
    m_model->forget();
    m_view->selectionModel()->clearCurrentIndex();
    m_view->scrollToTop();
    m_message->clear();
    m_message->hide();
}

QString TestimonyBrowser::selectedId() const
{
    const QModelIndex current = m_view->selectionModel()->currentIndex();
    return current.isValid() ? m_model->idAt(current.row()) : QString();
}

void TestimonyBrowser::select(const QString& id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_model->index(row, TestimonyListModel::TitleColumn);
    const QSignalBlocker blocker(m_view->selectionModel());
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
    m_view->viewport()->update();
}

void TestimonyBrowser::onTestimonyChanged(const QString& id)
{
    if (m_session.isBusy()) {
        m_reloadId = m_reloadWhenIdle && m_reloadId != id ? QString() : id;
        m_reloadWhenIdle = true;
        return;
    }
    const QString selected = selectedId();
    m_model->reload();
    select(id.isEmpty() ? selected : id);
}

} // namespace fv::desktop
