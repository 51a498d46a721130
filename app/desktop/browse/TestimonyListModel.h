#pragma once
// The testimonies of the open vault as a table, loaded lazily page by page (canFetchMore /
// fetchMore), so a vault of 100,000 entries opens as fast as one of 100. The rows are what
// core's Search returns for the current query (text, filters, order); an empty query lists
// everything, most recently updated first.
//
// While the session is busy (Session::isBusy()) nothing is queried: the rows stay as they are
// and the latest request (new query, reload, next page) runs once the session is idle again.
#include "core/Search.h"
#include "session/Session.h"

#include <QAbstractTableModel>
#include <QList>

namespace fv::desktop {

class TestimonyListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn,
        InterviewDateColumn,
        StatusColumn,
        UpdatedColumn,
        ColumnCount,
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1, ///< the testimony id (QString)
        SnippetRole,               ///< the matching text with [brackets], when searching
    };
    /// Rows fetched per page: a little more than a window shows (25–40), because each row of a
    /// page costs its snippet while the person types (docs/performance.md, search as you type).
    static constexpr int kPageSize = 64;

    explicit TestimonyListModel(Session& session, QObject* parent = nullptr);

    /// Runs `query` (its limit and offset are ignored) and resets the model to its first page
    /// (when the session is busy: once it is idle).
    void setQuery(const SearchQuery& query);
    const SearchQuery& query() const noexcept { return m_query; }
    /// Re-runs the current query, keeping as many rows loaded as before.
    void reload();
    /// Drops the rows, the query (search text, filters, order back to the default) and the last
    /// error, without asking core; done at lock, so nothing of one store reaches the next.
    void forget();
    /// The error of the last query, empty when it succeeded (e.g. an unknown act code).
    QString lastError() const { return m_error; }
    /// The row of testimony `id` among the loaded rows, or -1.
    int rowOf(const QString& id) const;
    QString idAt(int row) const;
    /// How many store queries the model has run (for tests).
    quint64 queryCount() const noexcept { return m_queries; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

private:
    /// What to run once the session is idle again; a later value includes the earlier ones.
    enum class WhenIdle
    {
        Nothing,
        FetchMore,
        Reload,
        SetQuery,
    };
    /// Records `what` and returns true when the session is busy.
    bool deferWhileBusy(WhenIdle what);
    void runWhenIdle();
    /// One page of the current query from `offset`; sets m_exhausted and m_error.
    QList<SearchHit> load(int offset, int count);
    void endReset();
    void clearRows();

    Session& m_session;
    SearchQuery m_query;
    QList<SearchHit> m_rows;
    bool m_exhausted = true;
    bool m_notifying = false; ///< inside endResetModel() / endInsertRows()
    WhenIdle m_whenIdle = WhenIdle::Nothing;
    quint64 m_queries = 0;
    QString m_error;
};

/// The translated name of a status, for lists and filters.
QString statusLabel(TestimonyStatus status);

} // namespace fv::desktop
