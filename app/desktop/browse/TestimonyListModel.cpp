#include "browse/TestimonyListModel.h"

#include "session/UserMessage.h"

#include <QLocale>
#include <utility>

namespace fv::desktop {

QString statusLabel(TestimonyStatus status)
{
    switch (status) {
    case TestimonyStatus::Draft:
        return TestimonyListModel::tr("Draft");
    case TestimonyStatus::Complete:
        return TestimonyListModel::tr("Complete");
    case TestimonyStatus::Exported:
        return TestimonyListModel::tr("Exported");
    case TestimonyStatus::Delivered:
        return TestimonyListModel::tr("Delivered to HQ");
    }
    return {};
}

TestimonyListModel::TestimonyListModel(Session& session, QObject* parent)
    : QAbstractTableModel(parent), m_session(session)
{
    connect(&m_session, &Session::locked, this, &TestimonyListModel::forget);
    connect(&m_session, &Session::unlocked, this, [this] { setQuery(m_query); });
    // Queued: a view that reacts to the same signal may run its own query first, which makes
    // the one kept here unnecessary.
    connect(&m_session, &Session::busyChanged, this, [this](bool busy) {
        if (!busy && m_whenIdle != WhenIdle::Nothing)
            QMetaObject::invokeMethod(this, &TestimonyListModel::runWhenIdle, Qt::QueuedConnection);
    });
}

bool TestimonyListModel::deferWhileBusy(WhenIdle what)
{
    if (!m_session.isBusy())
        return false;
    m_whenIdle = std::max(m_whenIdle, what);
    return true;
}

void TestimonyListModel::runWhenIdle()
{
    if (m_session.isBusy())
        return;
    switch (std::exchange(m_whenIdle, WhenIdle::Nothing)) {
    case WhenIdle::Nothing:
        return;
    case WhenIdle::FetchMore:
        fetchMore({});
        return;
    case WhenIdle::Reload:
        reload();
        return;
    case WhenIdle::SetQuery:
        setQuery(m_query);
        return;
    }
}

void TestimonyListModel::clearRows()
{
    beginResetModel();
    m_rows.clear();
    m_exhausted = true;
    endResetModel();
}

void TestimonyListModel::forget()
{
    m_whenIdle = WhenIdle::Nothing;
    m_query = SearchQuery{};
    m_query.order = SearchOrder::ByUpdated;
    m_query.descending = true;
    m_error.clear();
    clearRows();
}

void TestimonyListModel::setQuery(const SearchQuery& query)
{
    // The first page is loaded inside the reset, so views (and fetchMore() calls they make on
    // modelReset) see a consistent model.
    if (deferWhileBusy(WhenIdle::SetQuery)) {
        m_query = query;
        return;
    }
    m_whenIdle = WhenIdle::Nothing;
    m_notifying = true;
    beginResetModel();
    m_query = query;
    m_rows = load(0, kPageSize);
    endReset();
}

void TestimonyListModel::reload()
{
    if (deferWhileBusy(WhenIdle::Reload))
        return;
    m_whenIdle = WhenIdle::Nothing;
    const int keep = std::max<int>(int(m_rows.size()), kPageSize);
    m_notifying = true;
    beginResetModel();
    m_rows = load(0, keep);
    endReset();
}

void TestimonyListModel::endReset()
{
    endResetModel();
    m_notifying = false;
}

QList<SearchHit> TestimonyListModel::load(int offset, int count)
{
    Database* db = m_session.database();
    if (!db) {
        m_exhausted = true;
        return {};
    }
    SearchQuery query = m_query;
    query.offset = offset;
    query.limit = count;
    ++m_queries;
    auto hits = Search(*db).run(query);
    if (!hits) {
        m_error = userMessage(hits.error());
        m_exhausted = true;
        return {};
    }
    m_error.clear();
    m_exhausted = hits->size() < count;
    return std::move(*hits);
}

int TestimonyListModel::rowOf(const QString& id) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].id == id)
            return row;
    return -1;
}

QString TestimonyListModel::idAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].id : QString();
}

int TestimonyListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TestimonyListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TestimonyListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchHit& hit = m_rows[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TitleColumn:
            return hit.title.isEmpty() ? tr("(untitled)") : hit.title;
        case InterviewDateColumn:
            return hit.interviewDate;
        case StatusColumn:
            return statusLabel(hit.status);
        case UpdatedColumn:
            return QLocale().toString(hit.updated.toLocalTime(), QLocale::ShortFormat);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return hit.snippet.text.isEmpty() ? QVariant() : QVariant(hit.snippet.marked(u"«", u"»"));
    case IdRole:
        return hit.id;
    case SnippetRole:
        return hit.snippet.text.isEmpty() ? QVariant() : QVariant(hit.snippet.marked());
    default:
        return {};
    }
}

QVariant TestimonyListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TitleColumn:
        return tr("Title");
    case InterviewDateColumn:
        return tr("Interview date");
    case StatusColumn:
        return tr("Status");
    case UpdatedColumn:
        return tr("Last change");
    default:
        return {};
    }
}

bool TestimonyListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_exhausted;
}

void TestimonyListModel::fetchMore(const QModelIndex& parent)
{
    if (!canFetchMore(parent) || deferWhileBusy(WhenIdle::FetchMore))
        return;
    if (m_whenIdle == WhenIdle::FetchMore)
        m_whenIdle = WhenIdle::Nothing;
    if (m_notifying) {
        // Asked from a handler of our own reset or insert: insert once that notification is over.
        QMetaObject::invokeMethod(
            this, [this] { fetchMore({}); }, Qt::QueuedConnection);
        return;
    }
    QList<SearchHit> more = load(int(m_rows.size()), kPageSize);
    if (more.isEmpty())
        return;
    m_notifying = true;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size() - 1));
    m_rows.append(std::move(more));
    endInsertRows();
    m_notifying = false;
}

void TestimonyListModel::sort(int column, Qt::SortOrder order)
{
    SearchOrder by = SearchOrder::ByDefault;
    switch (column) {
    case TitleColumn:
        by = SearchOrder::ByTitle;
        break;
    case InterviewDateColumn:
        by = SearchOrder::ByInterviewDate;
        break;
    case StatusColumn:
        by = SearchOrder::ByStatus;
        break;
    case UpdatedColumn:
        by = SearchOrder::ByUpdated;
        break;
    default:
        break;
    }
    if (m_query.order == by && m_query.descending == (order == Qt::DescendingOrder))
        return;
    SearchQuery query = m_query;
    query.order = by;
    query.descending = order == Qt::DescendingOrder;
    setQuery(query);
}

} // namespace fv::desktop
