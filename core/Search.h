#pragma once
// Full-text search over the vault's testimonies: FTS5 over the title, narrative, summary,
// places, victims (names and descriptions) and tags of each testimony's current version,
// normalised by SearchText.h (Arabic-aware) before indexing and before querying. Results are
// ranked by bm25 and carry a snippet of the ORIGINAL text with the matching words marked.

#include "core/Testimony.h"
#include "crypto/Result.h"

#include <QDate>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>

namespace fv {

class Database;

/// How run() orders its results. Default: best matches first when the query has words,
/// otherwise the most recently updated first.
enum class SearchOrder
{
    ByDefault,
    ByUpdated,
    ByTitle,
    ByInterviewDate,
    ByStatus,
};

struct SearchQuery
{
    QString text{};              ///< words that must all appear (any field); a trailing * matches a prefix
    QString place{};             ///< words that must all appear in the places (interview and incidents)
    QStringList acts{};          ///< ESF act codes: some incident has one of them or a narrower act
    std::optional<QDate> from{}; ///< some incident date overlaps [from, to] (the interview date
    std::optional<QDate> to{};   ///< stands in when no incident is dated)
    std::optional<TestimonyStatus> status{};
    SearchOrder order = SearchOrder::ByDefault;
    bool descending = false; ///< for an order other than ByDefault
    int limit = 50;
    int offset = 0;
};

/// A piece of original text with the ranges (offset, length) of the words that matched.
struct Snippet
{
    QString text{};
    QList<QPair<qsizetype, qsizetype>> highlights{};

    /// The text with every highlight wrapped in `open` and `close` ("[" and "]" by default).
    QString marked(QStringView open = u"[", QStringView close = u"]") const;
};

struct SearchHit
{
    QString id{};
    QString title{};
    TestimonyStatus status = TestimonyStatus::Draft;
    QString interviewDate{};
    QDateTime updated{};
    double score = 0;  ///< bm25: lower is better; 0 when the query has no words or the order is by a column
    QString field{};   ///< where the snippet comes from: "title", "narrative", "summary", …
    Snippet snippet{}; ///< empty when the query has no words
};

class Search
{
public:
    explicit Search(Database& db) : m_db(&db) {}

    /// Runs `query`: best matches first when it has words (text or place), otherwise most
    /// recently updated first. An empty query lists everything that passes the filters.
    /// InvalidInput for an unknown act code; InvalidArgument for a negative limit or offset.
    [[nodiscard]] Result<QList<SearchHit>> run(const SearchQuery& query);

    /// The SQLite query plan of run(query), one line per step (for diagnostics and tests).
    [[nodiscard]] Result<QStringList> explain(const SearchQuery& query);

private:
    Database* m_db;
};

/// Replaces what the search tables hold about the testimony with rowid `rowid` by the content
/// of `testimony`. Called by TestimonyStore inside the transaction that saves a version.
[[nodiscard]] Status indexTestimony(Database& db, std::int64_t rowid, const Testimony& testimony);

/// A snippet of `text` around the first words matching the normalised `terms` (a term ending
/// in '*' matches as a prefix), about `words` words long; empty when nothing matches.
Snippet makeSnippet(QStringView text, const QStringList& terms, int words = 24);

} // namespace fv
