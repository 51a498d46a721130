#include "core/Search.h"

#include "core/Esf.h"
#include "core/SearchText.h"
#include "core/TestimonyJson.h"
#include "storage/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <variant>
#include <vector>

using namespace Qt::StringLiterals;

namespace fv {
namespace {

struct Fields
{
    QString title, narrative, summary, places, victims, tags;
};

Fields fieldsOf(const Testimony& t)
{
    Fields f{t.title, t.narrative, t.summary, {}, {}, t.tags.join(u", ")};
    QStringList places;
    if (!t.interviewPlace.isEmpty())
        places.append(t.interviewPlace.displayText());
    QStringList victims;
    for (const Incident& in : t.incidents) {
        if (!in.place.isEmpty())
            places.append(in.place.displayText());
        for (const Victim& v : in.victims) {
            for (const QString* s : {&v.name, &v.description}) {
                if (!s->isEmpty())
                    victims.append(*s);
            }
        }
    }
    places.removeDuplicates();
    f.places = places.join(u" · ");
    f.victims = victims.join(u" · ");
    return f;
}

Place placeFromJson(const QJsonValue& v)
{
    Place p;
    if (v.isString()) {
        p.name = v.toString();
    } else {
        const QJsonObject o = v.toObject();
        p.name = o.value(u"name").toString();
        p.city = o.value(u"city").toString();
        p.district = o.value(u"district").toString();
        p.landmark = o.value(u"landmark").toString();
    }
    return p;
}

// The searched fields of a stored version's canonical content. The content was validated when
// it was saved, so only the fields snippets need are read (a full parse costs more than the
// query itself).
Fields fieldsOfContent(const std::string& json)
{
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    Testimony t;
    t.title = o.value(u"title").toString();
    t.narrative = o.value(u"narrative").toString();
    t.summary = o.value(u"summary").toString();
    t.interviewPlace = placeFromJson(o.value(u"interview_place"));
    for (const QJsonValue& tag : o.value(u"tags").toArray())
        t.tags.append(tag.toString());
    for (const QJsonValue& iv : o.value(u"incidents").toArray()) {
        const QJsonObject io = iv.toObject();
        Incident in;
        in.place = placeFromJson(io.value(u"place"));
        for (const QJsonValue& vv : io.value(u"victims").toArray()) {
            const QJsonObject vo = vv.toObject();
            in.victims.append(
                {.name = vo.value(u"name").toString(), .description = vo.value(u"description").toString()});
        }
        t.incidents.append(std::move(in));
    }
    return fieldsOf(t);
}

using Param = std::variant<std::int64_t, std::string>;

struct Built
{
    std::string sql;
    std::vector<Param> params;
    QStringList terms; ///< normalised text terms, '*' suffix for prefixes (for snippets)
    bool ranked = false;
};

// Turns words into normalised FTS5 terms; a word ending in '*' makes its last token a prefix.
QStringList termsOf(const QString& words)
{
    QStringList terms;
    for (const QString& word : words.split(QRegularExpression(u"\\s+"_s), Qt::SkipEmptyParts)) {
        const bool prefix = word.endsWith(u'*');
        const QStringList tokens = normalizeWord(prefix ? QStringView(word).chopped(1) : QStringView(word));
        for (qsizetype i = 0; i < tokens.size(); ++i)
            terms.append(prefix && i + 1 == tokens.size() ? tokens[i] + u'*' : tokens[i]);
    }
    return terms;
}

QString ftsTerm(const QString& term)
{
    // Tokens hold only letters and digits, so quoting cannot be escaped from.
    if (term.endsWith(u'*'))
        return u'"' + term.chopped(1) + u"\"*"_s;
    return u'"' + term + u'"';
}

Result<Built> build(const SearchQuery& q)
{
    if (q.limit < 0 || q.offset < 0)
        return fail(ErrorCode::InvalidArgument, "search: limit and offset must not be negative");
    Built b;
    b.terms = termsOf(q.text);
    const QStringList placeTerms = termsOf(q.place);
    QStringList match;
    for (const QString& t : b.terms)
        match.append(ftsTerm(t));
    for (const QString& t : placeTerms)
        match.append(u"places : "_s + ftsTerm(t));
    b.ranked = !match.isEmpty();

    std::string where;
    if (b.ranked) {
        // bm25 is computed for every match before LIMIT applies (about 40% of a search for a
        // common word over 100,000): only when the order is by rank.
        const bool scored = q.order == SearchOrder::ByDefault;
        b.sql =
            std::string("SELECT t.id, t.title, t.status, t.interview_date, t.updated, t.current_version, ") +
            (scored ? "bm25(search_fts, 10.0, 1.0, 3.0, 2.0, 4.0, 3.0)" : "0.0") +
            " AS score FROM search_fts JOIN testimonies AS t ON t.rowid = search_fts.rowid "
            "WHERE search_fts MATCH ?";
        b.params.emplace_back(match.join(u" AND "_s).toStdString());
    } else {
        b.sql =
            "SELECT t.id, t.title, t.status, t.interview_date, t.updated, t.current_version, 0.0 AS score "
            "FROM testimonies AS t WHERE 1";
    }
    if (q.status) {
        b.sql += " AND t.status = ?";
        b.params.emplace_back(toString(*q.status).toStdString());
    }
    if (!q.acts.isEmpty()) {
        QJsonArray codes;
        for (const QString& code : q.acts) {
            if (!esf::isValid(Vocabulary::Acts, code))
                return fail(ErrorCode::InvalidInput,
                            "act filter: unknown act code \"" + code.left(40).toStdString() + "\"");
            for (const EsfTerm& term : esf::terms(Vocabulary::Acts)) {
                if (esf::isWithin(Vocabulary::Acts, term.code, code))
                    codes.append(term.code);
            }
        }
        b.sql += " AND EXISTS (SELECT 1 FROM incident_facts AS f WHERE f.testimony = t.rowid "
                 "AND f.act IN (SELECT value FROM json_each(?)))";
        b.params.emplace_back(QJsonDocument(codes).toJson(QJsonDocument::Compact).toStdString());
    }
    if (q.from || q.to) {
        const std::string from = q.from ? q.from->toString(Qt::ISODate).toStdString() : "0000-01-01";
        const std::string to = q.to ? q.to->toString(Qt::ISODate).toStdString() : "9999-12-31";
        b.sql += " AND (EXISTS (SELECT 1 FROM incident_facts AS f WHERE f.testimony = t.rowid "
                 "AND f.date_from <= ? AND f.date_to >= ?) "
                 "OR (NOT EXISTS (SELECT 1 FROM incident_facts AS f WHERE f.testimony = t.rowid "
                 "AND f.date_from IS NOT NULL) AND substr(t.interview_date, 1, 10) BETWEEN ? AND ?))";
        b.params.insert(b.params.end(), {to, from, from, to});
    }
    const char* direction = q.descending ? " DESC" : "";
    switch (q.order) {
    case SearchOrder::ByDefault:
        b.sql += b.ranked ? " ORDER BY score, t.id" : " ORDER BY t.updated DESC, t.id";
        break;
    case SearchOrder::ByUpdated:
        b.sql += std::string(" ORDER BY t.updated") + direction + ", t.id";
        break;
    case SearchOrder::ByTitle:
        b.sql += std::string(" ORDER BY t.title") + direction + ", t.id";
        break;
    case SearchOrder::ByInterviewDate:
        b.sql += std::string(" ORDER BY t.interview_date") + direction + ", t.id";
        break;
    case SearchOrder::ByStatus:
        b.sql += std::string(" ORDER BY t.status") + direction + ", t.updated DESC, t.id";
        break;
    }
    b.sql += " LIMIT ? OFFSET ?";
    b.params.emplace_back(std::int64_t{q.limit});
    b.params.emplace_back(std::int64_t{q.offset});
    return b;
}

Result<Statement> prepared(Database& db, const std::string& sql, const std::vector<Param>& params)
{
    auto stmt = db.prepare(sql);
    if (!stmt)
        return std::unexpected(stmt.error());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const int index = static_cast<int>(i) + 1;
        if (const auto* n = std::get_if<std::int64_t>(&params[i]))
            stmt->bind(index, *n);
        else
            stmt->bind(index, std::string_view(std::get<std::string>(params[i])));
    }
    return stmt;
}

Status runWith(Database& db, std::string_view sql, std::initializer_list<Param> params)
{
    auto stmt = prepared(db, std::string(sql), std::vector<Param>(params));
    if (!stmt)
        return std::unexpected(stmt.error());
    return stmt->run();
}

bool termMatches(const QString& token, const QString& term)
{
    if (term.endsWith(u'*'))
        return token.startsWith(QStringView(term).chopped(1));
    return token == term;
}

} // namespace

QString Snippet::marked(QStringView open, QStringView close) const
{
    QString out;
    qsizetype pos = 0;
    for (const auto& [offset, length] : highlights) {
        out += QStringView(text).sliced(pos, offset - pos);
        out += open;
        out += QStringView(text).sliced(offset, length);
        out += close;
        pos = offset + length;
    }
    out += QStringView(text).sliced(pos);
    return out;
}

Snippet makeSnippet(QStringView text, const QStringList& terms, int words)
{
    words = std::max(words, 1);
    const qsizetype lead = words / 4;
    // Tokens are normalised only up to the end of the window: a long narrative is not read
    // past the snippet.
    QList<SearchToken> window;
    QList<bool> hit;
    bool hasHit = false;
    bool droppedBefore = false;
    bool stoppedEarly = false;
    scanSearchTokens(text, [&](const SearchToken& token) {
        bool matches = false;
        for (const QString& term : terms)
            matches = matches || termMatches(token.text, term);
        if (!hasHit) {
            window.append(token);
            hit.append(matches);
            hasHit = matches;
            if (!hasHit && window.size() > lead) {
                window.removeFirst();
                hit.removeFirst();
                droppedBefore = true;
            }
            return true;
        }
        if (window.size() >= words) {
            stoppedEarly = true;
            return false;
        }
        window.append(token);
        hit.append(matches);
        return true;
    });
    if (!hasHit)
        return {};
    const qsizetype begin = droppedBefore ? window.front().begin : 0;
    const qsizetype end = stoppedEarly ? window.back().end : text.size();

    Snippet s;
    const QString leadText = begin > 0 ? u"…"_s : QString();
    s.text = leadText + text.sliced(begin, end - begin).toString();
    for (QChar& c : s.text) {
        if (c == u'\n' || c == u'\r' || c == u'\t')
            c = u' ';
    }
    if (end < text.size())
        s.text += u"…"_s;
    qsizetype lastBegin = -1;
    for (qsizetype i = 0; i < window.size(); ++i) {
        if (!hit[i] || window[i].begin == lastBegin)
            continue;
        lastBegin = window[i].begin;
        s.highlights.append({window[i].begin - begin + leadText.size(), window[i].end - window[i].begin});
    }
    return s;
}

Status indexTestimony(Database& db, std::int64_t rowid, const Testimony& t)
{
    const Fields f = fieldsOf(t);
    const auto n = [](const QString& s) { return normalizeForSearch(s).toStdString(); };
    if (auto st = runWith(db, "DELETE FROM search_fts WHERE rowid = ?", {rowid}); !st)
        return st;
    if (auto st =
            runWith(db,
                    "INSERT INTO search_fts (rowid, title, narrative, summary, places, victims, tags) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    {rowid, n(f.title), n(f.narrative), n(f.summary), n(f.places), n(f.victims), n(f.tags)});
        !st)
        return st;
    if (auto st = runWith(db, "DELETE FROM testimony_tags WHERE testimony = ?", {rowid}); !st)
        return st;
    for (const QString& tag : t.tags) {
        if (auto st = runWith(db, "INSERT OR IGNORE INTO testimony_tags (testimony, tag) VALUES (?, ?)",
                              {rowid, tag.toStdString()});
            !st)
            return st;
    }
    if (auto st = runWith(db, "DELETE FROM incident_facts WHERE testimony = ?", {rowid}); !st)
        return st;
    auto insert = db.prepare(
        "INSERT INTO incident_facts (testimony, incident, act, date_from, date_to) VALUES (?, ?, ?, ?, ?)");
    if (!insert)
        return std::unexpected(insert.error());
    for (qsizetype i = 0; i < t.incidents.size(); ++i) {
        const Incident& in = t.incidents[i];
        QStringList acts = in.acts;
        if (acts.isEmpty())
            acts.append(QString()); // one row for the date, with no act
        for (const QString& act : acts) {
            insert->reset();
            insert->bind(1, rowid).bind(2, std::int64_t{i});
            if (act.isEmpty())
                insert->bindNull(3);
            else
                insert->bind(3, std::string_view(act.toStdString()));
            if (in.date) {
                insert->bind(4, std::string_view(in.date->first().toString(Qt::ISODate).toStdString()));
                insert->bind(5, std::string_view(in.date->last().toString(Qt::ISODate).toStdString()));
            } else {
                insert->bindNull(4).bindNull(5);
            }
            if (auto st = insert->run(); !st)
                return st;
        }
    }
    return {};
}

Result<QList<SearchHit>> Search::run(const SearchQuery& query)
{
    auto built = build(query);
    if (!built)
        return std::unexpected(built.error());
    auto stmt = prepared(*m_db, built->sql, built->params);
    if (!stmt)
        return std::unexpected(stmt.error());
    QList<SearchHit> hits;
    QList<int> versions;
    auto st = stmt->forEachRow([&](const Statement& row) {
        SearchHit h;
        h.id = QString::fromStdString(row.columnText(0));
        h.title = QString::fromStdString(row.columnText(1));
        h.status = testimonyStatusFromString(QString::fromStdString(row.columnText(2)))
                       .value_or(TestimonyStatus::Draft);
        h.interviewDate = QString::fromStdString(row.columnText(3));
        h.updated = QDateTime::fromString(QString::fromStdString(row.columnText(4)), Qt::ISODateWithMs);
        versions.append(static_cast<int>(row.columnInt(5)));
        h.score = row.columnDouble(6);
        hits.append(std::move(h));
    });
    if (!st)
        return std::unexpected(st.error());
    if (built->terms.isEmpty())
        return hits;

    // Snippets come from the original text of the current version, not from the index.
    auto content = m_db->prepare("SELECT content FROM versions WHERE testimony_id = ? AND number = ?");
    if (!content)
        return std::unexpected(content.error());
    for (qsizetype i = 0; i < hits.size(); ++i) {
        content->reset();
        content->bind(1, std::string_view(hits[i].id.toStdString())).bind(2, std::int64_t{versions[i]});
        auto row = content->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return fail(ErrorCode::StoreDamaged,
                        "testimony " + hits[i].id.toStdString() + ": current version missing");
        const Fields f = fieldsOfContent(content->columnText(0));
        const std::pair<const char16_t*, const QString*> order[] = {
            {u"narrative", &f.narrative}, {u"summary", &f.summary}, {u"title", &f.title},
            {u"victims", &f.victims},     {u"places", &f.places},   {u"tags", &f.tags}};
        for (const auto& [name, text] : order) {
            Snippet s = makeSnippet(*text, built->terms);
            if (!s.highlights.isEmpty()) {
                hits[i].field = QString::fromUtf16(name);
                hits[i].snippet = std::move(s);
                break;
            }
        }
    }
    return hits;
}

Result<QStringList> Search::explain(const SearchQuery& query)
{
    auto built = build(query);
    if (!built)
        return std::unexpected(built.error());
    auto stmt = prepared(*m_db, "EXPLAIN QUERY PLAN " + built->sql, built->params);
    if (!stmt)
        return std::unexpected(stmt.error());
    QStringList lines;
    if (auto st = stmt->forEachRow(
            [&](const Statement& row) { lines.append(QString::fromStdString(row.columnText(3))); });
        !st)
        return std::unexpected(st.error());
    return lines;
}

} // namespace fv
