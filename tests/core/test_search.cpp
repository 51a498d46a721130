// Arabic-aware full-text search: the normaliser, the index kept in sync with edits, filters,
// ranking, snippets of the original text, and the query plan.
#include "core/Search.h"
#include "core/SearchText.h"
#include "test_domain_support.h"

using namespace fv;
using namespace Qt::StringLiterals;

namespace {

QString norm(const QString& s)
{
    return normalizeForSearch(s);
}

QStringList idsOf(const QList<SearchHit>& hits)
{
    QStringList ids;
    for (const SearchHit& h : hits)
        ids.append(h.id);
    return ids;
}

struct Corpus
{
    fvtest::Vault v;
    Search search{*v.db};

    QString add(const QString& title, const QString& narrative, const QStringList& tags = {})
    {
        Testimony t = fvtest::minimalTestimony(title, narrative);
        t.tags = tags;
        auto id = v.store->add(t);
        REQUIRE(id);
        return *id;
    }

    QStringList find(const QString& text)
    {
        auto hits = search.run({.text = text});
        if (!hits)
            FAIL(hits.error().message);
        return idsOf(*hits);
    }
};

} // namespace

TEST_CASE("the normaliser folds Arabic spelling variants")
{
    // Hamza and alef forms.
    CHECK(norm(u"أحمد"_s) == u"احمد");
    CHECK(norm(u"إحمد"_s) == u"احمد");
    CHECK(norm(u"آمنة"_s) == u"امنه");
    CHECK(norm(u"ٱحمد"_s) == u"احمد");
    CHECK(norm(u"مؤمن"_s) == u"مومن");
    CHECK(norm(u"رئيس"_s) == u"رييس");
    // Alef maqsura and taa marbuta.
    CHECK(norm(u"مستشفى"_s) == norm(u"مستشفي"_s));
    CHECK(norm(u"مدرسة"_s) == u"مدرسه");
    // Harakat, superscript alef and tatweel.
    CHECK(norm(u"مُظَاهَرَة"_s) == u"مظاهره");
    CHECK(norm(u"مـــظاهرة"_s) == u"مظاهره");
    CHECK(norm(u"هٰذا"_s) == u"هذا");
    // Digits.
    CHECK(norm(u"٢٠١٢"_s) == u"2012");
    CHECK(norm(u"۱۲"_s) == u"12");
    // Prefixes: the definite article and the particles before it, only on long enough words.
    CHECK(norm(u"الشهداء"_s) == u"شهداء");
    CHECK(norm(u"والشهداء"_s) == u"شهداء");
    CHECK(norm(u"بالمستشفى"_s) == u"مستشفي");
    CHECK(norm(u"للمستشفى"_s) == u"مستشفي");
    CHECK(norm(u"فالأمن"_s) == u"امن");
    CHECK(norm(u"كالعادة"_s) == u"عاده");
    CHECK(norm(u"الم"_s) == u"الم");   // too short to strip
    CHECK(norm(u"والد"_s) == u"والد"); // "father", not و + ال
    // Presentation forms (as some old keyboards and PDFs produce them).
    CHECK(norm(u"\uFE8D\uFEE0\uFEA4\uFEE0\uFE90"_s) == norm(u"الحلب"_s));
    // Latin case and diacritics.
    CHECK(norm(u"Ḥalab"_s) == u"halab");
    CHECK(norm(u"ALEPPO Édition"_s) == u"aleppo edition");
    // Tokens and separators.
    CHECK(norm(u"  مستشفى، الميداني!  "_s) == u"مستشفي ميداني");
}

TEST_CASE("tokens keep their offsets in the original text")
{
    const QString text = u"قال: مُظَاهَرَة كبيرة"_s;
    const QList<SearchToken> tokens = searchTokens(text);
    REQUIRE(tokens.size() == 3);
    CHECK(tokens[1].text == u"مظاهره");
    CHECK(text.mid(tokens[1].begin, tokens[1].end - tokens[1].begin) == u"مُظَاهَرَة");
}

TEST_CASE("Arabic queries find their spelling variants")
{
    Corpus c;
    const QString martyrs = c.add(u"شهادة"_s, u"سقط شهداء كثيرون في الحي"_s);
    const QString hospital = c.add(u"المستشفي الميداني"_s, u"نقلوا الجرحى إلى مستشفي سري"_s);
    const QString ahmad = c.add(u"شهادة أخرى"_s, u"قتل أحمد عند الحاجز"_s);
    const QString school = c.add(u"قصف"_s, u"قصفت مدرسة البنات"_s);
    const QString demo = c.add(u"Aleppo"_s, u"خرجت مُظَاهَرَة بعد الصلاة"_s);
    const QString tatweel = c.add(u"حلب"_s, u"مـــظاهرة ثانية في Ḥalab"_s);

    CHECK(c.find(u"الشهداء"_s) == QStringList{martyrs});
    CHECK(c.find(u"شهداء"_s) == QStringList{martyrs});
    CHECK(c.find(u"مستشفى"_s) == QStringList{hospital});
    CHECK(c.find(u"المستشفى"_s) == QStringList{hospital});
    for (const QString& q : {u"أحمد"_s, u"احمد"_s, u"إحمد"_s})
        CHECK(c.find(q) == QStringList{ahmad});
    CHECK(c.find(u"مدرسه"_s) == QStringList{school});
    CHECK(c.find(u"المدرسة"_s) == QStringList{school});
    QStringList demos = c.find(u"مظاهرة"_s);
    demos.sort();
    QStringList expected{demo, tatweel};
    expected.sort();
    CHECK(demos == expected);
    CHECK(c.find(u"مُظَاهَرَة"_s).size() == 2);
    CHECK(c.find(u"مـظـاهـرة"_s).size() == 2);
    CHECK(c.find(u"halab"_s) == QStringList{tatweel});
    CHECK(c.find(u"HALAB"_s) == QStringList{tatweel});
    CHECK(c.find(u"Ḥalab"_s) == QStringList{tatweel});
    CHECK(c.find(u"aleppo"_s) == QStringList{demo});
    // All words must match; a trailing * matches a prefix.
    CHECK(c.find(u"مظاهرة ثانية"_s) == QStringList{tatweel});
    CHECK(c.find(u"مظاهرة غائبة"_s).isEmpty());
    CHECK(c.find(u"مستش*"_s) == QStringList{hospital});
    CHECK(c.find(u"ale*"_s) == QStringList{demo});
    // Punctuation alone is no query: everything is listed.
    CHECK(c.find(u"!!"_s).size() == 6);
    // FTS5 syntax in the query is taken as words, never as operators.
    CHECK(c.find(u"NEAR(\"x\" OR) AND"_s).isEmpty());
}

TEST_CASE("the index follows edits and covers every searched field")
{
    Corpus c;
    Testimony t = fvtest::sampleTestimony();
    const QString id = *c.v.store->add(t);
    CHECK(c.find(u"demonstration"_s) == QStringList{id}); // title and tags
    CHECK(c.find(u"peaceful"_s) == QStringList{id});      // summary
    CHECK(c.find(u"احمد"_s) == QStringList{id});          // narrative and victims' names
    CHECK(c.find(u"protesters"_s) == QStringList{id});    // a victim's description
    CHECK(c.find(u"Qasr"_s) == QStringList{id});          // an incident place
    CHECK(c.find(u"halab"_s) == QStringList{id});         // the interview place
    CHECK(c.find(u"fire"_s) == QStringList{id});          // a tag and the narrative
    CHECK(c.find(u"CANARY"_s).isEmpty());                 // identifying fields are not indexed

    t.narrative = u"Rewritten narrative about a checkpoint"_s;
    t.tags = {u"checkpoint"_s};
    REQUIRE(c.v.store->edit(id, t));
    CHECK(c.find(u"checkpoint"_s) == QStringList{id});
    CHECK(c.find(u"prayers"_s).isEmpty());
    CHECK(c.v.rows("search_fts") == 1);
}

TEST_CASE("results are ranked and carry a snippet of the original text")
{
    Corpus c;
    const QString weak =
        c.add(u"Report"_s, u"A long narrative. "_s + QString(u"Nothing to see here. "_s).repeated(40) +
                               u"Then the مُظَاهَرَة began."_s);
    const QString strong = c.add(u"مظاهرة الجمعة"_s, u"مظاهرة كبيرة ثم مظاهرة ثانية"_s);
    auto hits = c.search.run({.text = u"مظاهره"_s});
    REQUIRE(hits);
    REQUIRE(hits->size() == 2);
    CHECK(hits->at(0).id == strong);
    CHECK(hits->at(1).id == weak);
    CHECK(hits->at(0).score < hits->at(1).score);

    const SearchHit& w = hits->at(1);
    CHECK(w.field == u"narrative");
    // The snippet shows the words as written (harakat included), not the normalised index text.
    CHECK(w.snippet.text.contains(u"مُظَاهَرَة"));
    CHECK(w.snippet.text.startsWith(u"…"));
    REQUIRE(w.snippet.highlights.size() == 1);
    CHECK(w.snippet.marked().contains(u"[مُظَاهَرَة]"));
    CHECK(w.snippet.marked(u"<b>", u"</b>").contains(u"<b>مُظَاهَرَة</b>"));
    CHECK(hits->at(0).snippet.highlights.size() == 2);
    CHECK(hits->at(0).title == u"مظاهرة الجمعة");
}

TEST_CASE("snippets are built from the original text")
{
    const Snippet s = makeSnippet(u"وصلنا إلى المستشفى\nالميداني ليلاً"_s, {u"مستشفي"_s}, 24);
    CHECK(s.text == u"وصلنا إلى المستشفى الميداني ليلاً");
    CHECK(s.marked() == u"وصلنا إلى [المستشفى] الميداني ليلاً");
    CHECK(makeSnippet(u"nothing here"_s, {u"absent"_s}).text.isEmpty());
    const Snippet p = makeSnippet(u"Halab and Halabi"_s, {u"halab*"_s});
    CHECK(p.marked() == u"[Halab] and [Halabi]");
}

TEST_CASE("filters narrow the results")
{
    Corpus c;
    Testimony a = fvtest::minimalTestimony(u"torture in detention"_s, u"شهادة عن التعذيب"_s);
    a.interviewPlace.name = u"Aleppo"_s;
    a.incidents.append({.date = FuzzyDate{2012, 5, 25, DatePrecision::Exact},
                        .place = {.name = u"Bab al-Nairab"_s},
                        .acts = {u"020111110000"_s}});
    Testimony b = fvtest::minimalTestimony(u"killing at a demonstration"_s, u"شهادة عن القتل"_s);
    b.incidents.append({.date = FuzzyDate{2011, 12, 0, DatePrecision::Month},
                        .place = {.name = u"Homs"_s},
                        .acts = {u"010105010000"_s}});
    Testimony undated = fvtest::minimalTestimony(u"undated"_s, u"شهادة بلا تاريخ"_s);
    undated.interviewDate = u"2013-03-01T10:00:00Z"_s;
    const QString ida = *c.v.store->add(a);
    const QString idb = *c.v.store->add(b);
    const QString idu = *c.v.store->add(undated);
    REQUIRE(c.v.store->setStatus(idb, TestimonyStatus::Complete));

    auto ids = [&](const SearchQuery& q) {
        auto hits = c.search.run(q);
        if (!hits)
            FAIL(hits.error().message);
        QStringList out = idsOf(*hits);
        out.sort();
        return out;
    };
    auto sorted = [](QStringList l) {
        l.sort();
        return l;
    };
    CHECK(ids({.text = u"شهادة"_s}) == sorted({ida, idb, idu}));
    // Type of act: the code itself or any narrower act.
    CHECK(ids({.acts = {u"020111110000"_s}}) == QStringList{ida});
    CHECK(ids({.acts = {u"020000000000"_s}}) == QStringList{ida});
    CHECK(ids({.acts = {u"010000000000"_s}}) == QStringList{idb});
    CHECK(ids({.text = u"شهادة"_s, .acts = {u"010105010000"_s, u"020111110000"_s}}) == sorted({ida, idb}));
    CHECK(c.search.run({.acts = {u"99999"_s}}).error().message == "act filter: unknown act code \"99999\"");
    // Status.
    CHECK(ids({.status = TestimonyStatus::Complete}) == QStringList{idb});
    CHECK(ids({.text = u"شهادة"_s, .status = TestimonyStatus::Draft}) == sorted({ida, idu}));
    // Date range: overlap with the incident dates; a month-precise date covers the whole month.
    CHECK(ids({.from = QDate(2012, 5, 25), .to = QDate(2012, 5, 25)}) == QStringList{ida});
    CHECK(ids({.from = QDate(2011, 12, 31), .to = QDate(2012, 1, 10)}) == QStringList{idb});
    CHECK(ids({.from = QDate(2012, 1, 1)}) == sorted({ida, idu}));
    CHECK(ids({.to = QDate(2011, 12, 1)}) == QStringList{idb});
    // Without dated incidents the interview date stands in.
    CHECK(ids({.from = QDate(2013, 3, 1), .to = QDate(2013, 3, 1)}) == QStringList{idu});
    // Place: words that must appear in the places.
    CHECK(ids({.place = u"homs"_s}) == QStringList{idb});
    CHECK(ids({.place = u"aleppo"_s}) == QStringList{ida});
    CHECK(ids({.place = u"nairab"_s}) == QStringList{ida});
    CHECK(ids({.text = u"homs"_s, .place = u"aleppo"_s}).isEmpty());
    // Paging.
    CHECK(ids({.limit = 2}).size() == 2);
    CHECK(ids({.limit = 2, .offset = 2}).size() == 1);
}

TEST_CASE("a text query uses the full-text index, not a scan of the testimonies")
{
    Corpus c;
    c.add(u"t"_s, u"مظاهرة"_s);
    auto plan = c.search.explain({.text = u"مظاهرة"_s,
                                  .acts = {u"020111110000"_s},
                                  .from = QDate(2012, 1, 1),
                                  .status = TestimonyStatus::Draft});
    REQUIRE(plan);
    const QString joined = plan->join(u'\n');
    INFO(joined.toStdString());
    CHECK(joined.contains(u"SCAN search_fts VIRTUAL TABLE INDEX"));
    CHECK(joined.contains(u"SEARCH t USING INTEGER PRIMARY KEY"));
    CHECK_FALSE(joined.contains(u"SCAN t"));
    CHECK_FALSE(joined.contains(u"SCAN f"));
    // The listing query walks the testimonies by their update time.
    auto list = c.search.explain({});
    REQUIRE(list);
    CHECK(list->join(u'\n').contains(u"testimonies_by_updated"));
}

TEST_CASE("results can be ordered by title, interview date or status, both ways, with an index")
{
    Corpus c;
    const QString b = c.add(u"Bravo"_s, u"market"_s);
    const QString a = c.add(u"Alpha"_s, u"market"_s);
    const QString d = c.add(u"Delta"_s, u"market"_s);
    REQUIRE(c.v.store->setStatus(a, TestimonyStatus::Complete));

    auto ordered = [&](SearchOrder order, bool descending, const QString& text = {}) {
        auto hits = c.search.run({.text = text, .order = order, .descending = descending});
        REQUIRE(hits);
        return idsOf(*hits);
    };
    CHECK(ordered(SearchOrder::ByTitle, false) == QStringList{a, b, d});
    CHECK(ordered(SearchOrder::ByTitle, true) == QStringList{d, b, a});
    CHECK(ordered(SearchOrder::ByTitle, false, u"market"_s) == QStringList{a, b, d}); // overrides rank
    // Ordered by a column, matches are not scored (bm25 over every match costs time for nothing);
    // by rank they are.
    auto byTitle = c.search.run({.text = u"market"_s, .order = SearchOrder::ByTitle});
    REQUIRE(byTitle);
    for (const auto& hit : *byTitle)
        CHECK(hit.score == 0.0);
    auto byRank = c.search.run({.text = u"market"_s});
    REQUIRE(byRank);
    REQUIRE(byRank->size() == 3);
    CHECK(byRank->front().score != 0.0);
    CHECK(ordered(SearchOrder::ByStatus, false).first() == a); // "complete" sorts before "draft"
    CHECK(ordered(SearchOrder::ByStatus, true).last() == a);

    auto plan = c.search.explain({.order = SearchOrder::ByTitle});
    REQUIRE(plan);
    CHECK(plan->join(u'\n').contains(u"testimonies_by_title"_s));
    CHECK_FALSE(plan->join(u'\n').contains(u"TEMP B-TREE"_s));
}
