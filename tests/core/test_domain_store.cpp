// TestimonyStore over an encrypted vault store: add, edit, versions and their hash chain,
// custody log, status, attachments, and nothing half-saved.
#include "crypto/Hash.h"
#include "crypto/Random.h"
#include "test_domain_support.h"

#include <QBuffer>
#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

using namespace fv;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int minutes)
{
    return QDateTime(QDate(2012, 6, 2), QTime(12, 0), Qt::UTC).addSecs(minutes * 60);
}

struct Clock
{
    int minutes = 0;
    std::function<QDateTime()> fn()
    {
        return [this] { return at(minutes++); };
    }
};

QByteArray randomData(qsizetype size)
{
    const Bytes b = randomBytes(static_cast<std::size_t>(size));
    return QByteArray(reinterpret_cast<const char*>(b.data()), size);
}

QString sha256Hex(const QByteArray& data)
{
    return QString::fromLatin1(toHex(sha256(ByteView(reinterpret_cast<const std::uint8_t*>(data.constData()),
                                                     static_cast<std::size_t>(data.size())))));
}

} // namespace

TEST_CASE("a testimony is added, read back and listed")
{
    fvtest::Vault v;
    Clock clock;
    v.store->setClock(clock.fn());
    const Testimony sample = fvtest::sampleTestimony();
    auto id = v.store->add(sample);
    REQUIRE(id);
    CHECK(QRegularExpression(u"^[0-9a-z]{26}$"_s).match(*id).hasMatch());

    auto t = v.store->current(*id);
    REQUIRE(t);
    CHECK(t->sameContent(sample));
    CHECK(t->id == *id);
    CHECK(t->version == 1);
    CHECK(t->status == TestimonyStatus::Draft);
    CHECK(t->created == at(0));
    CHECK(t->updated == at(0));

    // What `show` prints parses back to the same testimony.
    auto shown = parseTestimonyJson(toTestimonyJson(*t, {.indented = true}));
    REQUIRE(shown);
    CHECK(*shown == *t);

    auto list = v.store->list();
    REQUIRE(list);
    REQUIRE(list->size() == 1);
    CHECK(list->at(0).id == *id);
    CHECK(list->at(0).title == sample.title);
    CHECK(list->at(0).interviewDate == sample.interviewDate);
    CHECK(list->at(0).status == TestimonyStatus::Draft);
    CHECK(*v.store->count() == 1);
}

TEST_CASE("ids are random, not sequential")
{
    fvtest::Vault v;
    QSet<QString> ids;
    QStringList order;
    for (int i = 0; i < 20; ++i) {
        auto id = v.store->add(fvtest::minimalTestimony(u"t%1"_s.arg(i)));
        REQUIRE(id);
        ids.insert(*id);
        order.append(*id);
    }
    CHECK(ids.size() == 20);
    QStringList sorted = order;
    sorted.sort();
    CHECK(sorted != order); // 1 in 20! chance of a false failure
    QSet<QString> fresh;
    for (int i = 0; i < 1000; ++i)
        fresh.insert(newRandomId());
    CHECK(fresh.size() == 1000);
}

TEST_CASE("the status of a new testimony is draft or complete")
{
    fvtest::Vault v;
    Testimony t = fvtest::minimalTestimony(u"t"_s);
    t.status = TestimonyStatus::Complete;
    CHECK(v.store->current(*v.store->add(t))->status == TestimonyStatus::Complete);
    t.status = TestimonyStatus::Delivered; // only HQ's receipt makes a testimony delivered
    CHECK(v.store->current(*v.store->add(t))->status == TestimonyStatus::Draft);
}

TEST_CASE("a failed add saves nothing")
{
    fvtest::Vault v;
    REQUIRE(v.store->add(fvtest::minimalTestimony(u"kept"_s)));
    const char* tables[] = {"testimonies",    "versions",       "custody_events", "search_fts",
                            "incident_facts", "testimony_tags", "attachments"};
    std::map<std::string, qint64> before;
    for (const char* table : tables)
        before[table] = v.rows(table);

    SECTION("invalid content")
    {
        Testimony bad = fvtest::sampleTestimony();
        bad.incidents[1].acts.append(u"99999"_s);
        auto r = v.store->add(bad);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::InvalidInput);
        CHECK(r.error().message == "incidents[1].acts[1]: unknown act code \"99999\"");
        Testimony noPseudonym = fvtest::minimalTestimony(u"x"_s);
        noPseudonym.witness.pseudonym.clear();
        CHECK(v.store->add(noPseudonym).error().message == "witness.pseudonym: must not be empty");
    }
    SECTION("a failure in the middle of the transaction")
    {
        // A trigger makes the custody insert fail after the testimony and version rows are written.
        REQUIRE(v.db->exec("CREATE TRIGGER fail_custody BEFORE INSERT ON custody_events "
                           "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"));
        auto r = v.store->add(fvtest::sampleTestimony());
        REQUIRE_FALSE(r);
        CHECK_THAT(r.error().message, Catch::Contains("injected failure"));
    }
    for (const char* table : tables) {
        INFO(table);
        CHECK(v.rows(table) == before[table]);
    }
    CHECK(v.store->count() == 1);
}

TEST_CASE("edits make new immutable versions linked by hash")
{
    fvtest::Vault v;
    Clock clock;
    v.store->setClock(clock.fn());
    const Testimony first = fvtest::sampleTestimony();
    const QString id = *v.store->add(first);

    Testimony second = first;
    second.narrative += u"\nلقد عدت في اليوم التالي."_s;
    second.tags.append(u"follow-up"_s);
    auto n = v.store->edit(id, second);
    REQUIRE(n);
    CHECK(*n == 2);
    Testimony third = second;
    third.title = u"Corrected title"_s;
    CHECK(*v.store->edit(id, third) == 3);
    // Saving the same content again makes no version.
    CHECK(*v.store->edit(id, third) == 3);

    CHECK(v.store->current(id)->sameContent(third));
    CHECK(v.store->current(id)->version == 3);
    CHECK(v.store->version(id, 1)->sameContent(first));
    CHECK(v.store->version(id, 2)->sameContent(second));
    CHECK(v.store->version(id, 1)->updated == at(0));
    CHECK(v.store->version(id, 4).error().code == ErrorCode::NotFound);
    CHECK(v.store->list()->at(0).title == u"Corrected title");

    auto h = v.store->history(id);
    REQUIRE(h);
    REQUIRE(h->versions.size() == 3);
    CHECK(h->versions[0].prevHash == QString(64, u'0'));
    CHECK(h->versions[1].prevHash == h->versions[0].hash);
    CHECK(h->versions[2].prevHash == h->versions[1].hash);
    QStringList kinds;
    for (const CustodyEvent& e : h->events)
        kinds.append(e.kind);
    CHECK(kinds == QStringList{u"created"_s, u"edited"_s, u"edited"_s});
    CHECK(h->events[2].version == 3);
    CHECK(v.store->verifyChain(id));
}

TEST_CASE("unknown ids are NotFound")
{
    fvtest::Vault v;
    const QString nobody = newRandomId();
    CHECK(v.store->current(nobody).error().code == ErrorCode::NotFound);
    CHECK(v.store->edit(nobody, fvtest::minimalTestimony(u"t"_s)).error().code == ErrorCode::NotFound);
    CHECK(v.store->history(nobody).error().code == ErrorCode::NotFound);
    CHECK(v.store->setStatus(nobody, TestimonyStatus::Complete).error().code == ErrorCode::NotFound);
    CHECK(v.store->verifyChain(nobody).error().code == ErrorCode::NotFound);
    QBuffer empty;
    empty.open(QIODevice::ReadOnly);
    CHECK(v.store->attach(nobody, empty, {}).error().code == ErrorCode::NotFound);
    CHECK(v.store->openAttachment(nobody).error().code == ErrorCode::NotFound);
    CHECK(v.store->attachment(nobody).error().code == ErrorCode::NotFound);
    CHECK(v.rows("custody_events") == 0);
}

TEST_CASE("status changes are logged without a new version")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    REQUIRE(v.store->setStatus(id, TestimonyStatus::Complete));
    REQUIRE(v.store->setStatus(id, TestimonyStatus::Complete)); // no change, no event
    REQUIRE(v.store->setStatus(id, TestimonyStatus::Exported));
    auto t = v.store->current(id);
    CHECK(t->status == TestimonyStatus::Exported);
    CHECK(t->version == 1);
    auto h = v.store->history(id);
    REQUIRE(h->events.size() == 3);
    CHECK(h->events[1].kind == u"status");
    CHECK(h->events[1].detail == uR"({"from":"draft","to":"complete"})"_s);
    CHECK(h->events[2].detail == uR"({"from":"complete","to":"exported"})"_s);
    CHECK(v.store->verifyChain(id));
}

TEST_CASE("versions and custody events cannot be changed or deleted")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::sampleTestimony());
    CHECK_THAT(v.execError("UPDATE versions SET content = '{}'"), Catch::Contains("versions are immutable"));
    CHECK_THAT(v.execError("DELETE FROM versions"), Catch::Contains("versions are immutable"));
    CHECK_THAT(v.execError("UPDATE custody_events SET kind = 'edited'"),
               Catch::Contains("custody events are append-only"));
    CHECK_THAT(v.execError("DELETE FROM custody_events"), Catch::Contains("custody events are append-only"));
    CHECK(v.rows("versions") == 1);
    CHECK(v.rows("custody_events") == 1);
    CHECK(v.store->verifyChain(id));
}

TEST_CASE("verifyChain detects a tampered version or custody event")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::sampleTestimony());
    Testimony edited = fvtest::sampleTestimony();
    edited.summary = u"second"_s;
    REQUIRE(v.store->edit(id, edited));
    Testimony third = edited;
    third.summary = u"third"_s;
    REQUIRE(v.store->edit(id, third));
    REQUIRE(v.store->verifyChain(id));
    const std::string sid = id.toStdString();

    // Someone holding the store key removes the guard and rewrites history.
    REQUIRE(v.db->exec("DROP TRIGGER versions_no_update; DROP TRIGGER versions_no_delete; "
                       "DROP TRIGGER custody_no_update; DROP TRIGGER custody_no_delete;"));
    std::string expected;
    SECTION("content changed")
    {
        REQUIRE(v.db->exec(
            "UPDATE versions SET content = replace(content, 'second', 'SECOND') WHERE number = 2"));
        expected = "testimony " + sid + ": version 2 was altered (its content does not match its SHA-256)";
    }
    SECTION("content and its SHA-256 changed together")
    {
        REQUIRE(v.db->exec(
            "UPDATE versions SET content = replace(content, 'second', 'SECOND') WHERE number = 2"));
        // Recompute the SHA-256 properly so only the chain hash can catch it.
        auto stmt = v.db->prepare("SELECT content FROM versions WHERE number = 2");
        REQUIRE(stmt);
        REQUIRE(*stmt->step());
        const std::string content = stmt->columnText(0);
        const Sha256Digest digest = sha256(asBytes(content));
        auto upd = v.db->prepare("UPDATE versions SET content_sha256 = ? WHERE number = 2");
        REQUIRE(upd);
        upd->bind(1, ByteView(digest));
        REQUIRE(upd->run());
        expected = "testimony " + sid + ": version 2 was altered (its hash does not match)";
    }
    SECTION("a version removed")
    {
        REQUIRE(v.db->exec("DELETE FROM versions WHERE number = 2"));
        expected = "testimony " + sid + ": version 2 is missing";
    }
    SECTION("the newest version removed and the pointer moved back")
    {
        REQUIRE(v.db->exec("DELETE FROM versions WHERE number = 3"));
        expected = "testimony " + sid + ": its current version is missing";
    }
    SECTION("a custody event changed")
    {
        REQUIRE(v.db->exec("UPDATE custody_events SET at = '2000-01-01T00:00:00.000Z' WHERE number = 2"));
        expected = "testimony " + sid + ": custody event 2 was altered (its hash does not match)";
    }
    SECTION("a custody event removed")
    {
        REQUIRE(v.db->exec("DELETE FROM custody_events WHERE number = 1"));
        expected = "testimony " + sid + ": custody event 1 is missing";
    }
    auto st = v.store->verifyChain(id);
    REQUIRE_FALSE(st);
    CHECK(st.error().code == ErrorCode::StoreDamaged);
    CHECK(st.error().message == expected);
    auto all = v.store->verifyAll();
    REQUIRE(all);
    CHECK(all->size() == 1);
}

TEST_CASE("attachments round-trip through the encrypted blob store")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"with media"_s));
    const qsizetype size = GENERATE(0, 1, 200000);
    INFO("size " << size);
    const QByteArray data = randomData(size);
    QBuffer source;
    source.setData(data);
    REQUIRE(source.open(QIODevice::ReadOnly));
    auto a = v.store->attach(
        id, source, {.fileName = u"CANARY-وثيقة.bin"_s, .mediaType = u"audio/ogg"_s, .note = u"interview"_s});
    REQUIRE(a);
    CHECK(a->size == static_cast<std::uint64_t>(size));
    CHECK(a->sha256 == sha256Hex(data));
    CHECK(a->kind == AttachmentKind::Audio);
    CHECK(a->fileName == u"CANARY-وثيقة.bin");

    auto stored = v.store->attachment(a->id);
    REQUIRE(stored);
    CHECK(*stored == *a);
    CHECK(*v.store->attachmentOwner(a->id) == id);
    REQUIRE(v.store->current(id)->attachments.size() == 1);

    // Random access.
    auto reader = v.store->openAttachment(a->id);
    REQUIRE(reader);
    CHECK(reader->size() == static_cast<std::uint64_t>(size));
    if (size > 0) {
        const std::uint64_t offset = static_cast<std::uint64_t>(size) / 2;
        Bytes out(std::min<std::size_t>(100, static_cast<std::size_t>(size) - offset));
        auto n = reader->read(offset, out);
        REQUIRE(n);
        CHECK(*n == out.size());
        CHECK(QByteArray(reinterpret_cast<const char*>(out.data()), static_cast<qsizetype>(*n)) ==
              data.mid(static_cast<qsizetype>(offset), static_cast<qsizetype>(*n)));
    }

    // Extraction to a file.
    const QString outPath = v.dir.filePath(u"out.bin"_s);
    REQUIRE(v.store->extractAttachment(a->id, outPath));
    QFile out(outPath);
    REQUIRE(out.open(QIODevice::ReadOnly));
    CHECK(out.readAll() == data);

    auto h = v.store->history(id);
    REQUIRE(h->events.size() == 2);
    CHECK(h->events[1].kind == u"attached");
    CHECK(h->events[1].detail.contains(a->id));
    CHECK(v.store->verifyChain(id));
    CHECK(v.store->verifyAll()->isEmpty());
    CHECK(referencedBlobNames(*v.db)->size() == 1);
}

TEST_CASE("attachFile streams a file and guesses the kind")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"photos"_s));
    const QString path = v.dir.filePath(u"wound.png"_s);
    QFile f(path);
    REQUIRE(f.open(QIODevice::WriteOnly));
    // A PNG signature and header, enough for the type to be recognised.
    f.write(QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"));
    f.close();
    auto a = v.store->attachFile(id, path);
    REQUIRE(a);
    CHECK(a->fileName == u"wound.png");
    CHECK(a->mediaType == u"image/png");
    CHECK(a->kind == AttachmentKind::Photo);
    // Guessing the type peeks at the first bytes without losing them.
    CHECK(a->size == 33);
    REQUIRE(f.open(QIODevice::ReadOnly));
    CHECK(a->sha256 == sha256Hex(f.readAll()));
    CHECK(v.store->attachFile(id, v.dir.filePath(u"missing.jpg"_s)).error().code == ErrorCode::NotFound);
    CHECK(attachmentKindForMediaType(u"video/mp4") == AttachmentKind::Video);
    CHECK(attachmentKindForMediaType(u"application/pdf") == AttachmentKind::Document);
}

TEST_CASE("a failed attachment row leaves no blob behind")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    REQUIRE(v.db->exec("CREATE TRIGGER fail_attach BEFORE INSERT ON attachments "
                       "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"));
    QBuffer source;
    source.setData(randomData(1000));
    REQUIRE(source.open(QIODevice::ReadOnly));
    auto a = v.store->attach(id, source, {.mediaType = u"image/jpeg"_s});
    REQUIRE_FALSE(a);
    CHECK(v.rows("attachments") == 0);
    CHECK(v.rows("custody_events") == 1);
    // The written blob is retired, not deleted: overwritten in place and kept as chaff.
    CHECK(v.blobs->list()->size() == 1);
}

TEST_CASE("extraction refuses an attachment whose content changed")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    QBuffer source;
    source.setData(randomData(5000));
    REQUIRE(source.open(QIODevice::ReadOnly));
    auto a = v.store->attach(id, source, {.mediaType = u"image/jpeg"_s});
    REQUIRE(a);
    // Another attachment's blob swapped in under this row: it decrypts under its own key only,
    // so pointing the row at a different blob AND key gives valid but different bytes.
    QBuffer other;
    other.setData(randomData(5000));
    REQUIRE(other.open(QIODevice::ReadOnly));
    auto b = v.store->attach(id, other, {.mediaType = u"image/jpeg"_s});
    REQUIRE(b);
    REQUIRE(v.db->exec("UPDATE attachments SET blob_name = 'x' || blob_name WHERE id = '" +
                       b->id.toStdString() + "'"));
    REQUIRE(v.db->exec(
        "UPDATE attachments SET (blob_name, blob_key) = (SELECT substr(blob_name, 2), blob_key FROM "
        "attachments WHERE id = '" +
        b->id.toStdString() + "') WHERE id = '" + a->id.toStdString() + "'"));
    const QString outPath = v.dir.filePath(u"out.bin"_s);
    auto st = v.store->extractAttachment(a->id, outPath);
    REQUIRE_FALSE(st);
    CHECK(st.error().code == ErrorCode::StoreDamaged);
    CHECK_FALSE(QFile::exists(outPath));
    CHECK(v.store->verifyAll()->size() == 2); // a: wrong content; b: its blob is gone
}

TEST_CASE("a failed edit keeps the previous version")
{
    fvtest::Vault v;
    const Testimony first = fvtest::sampleTestimony();
    const QString id = *v.store->add(first);
    Testimony bad = first;
    bad.title.clear();
    auto r = v.store->edit(id, bad);
    REQUIRE_FALSE(r);
    CHECK(r.error().message == "title: must not be empty");
    REQUIRE(v.db->exec("CREATE TRIGGER fail_version BEFORE INSERT ON versions "
                       "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"));
    Testimony good = first;
    good.summary = u"changed"_s;
    REQUIRE_FALSE(v.store->edit(id, good));
    CHECK(v.rows("versions") == 1);
    CHECK(v.rows("custody_events") == 1);
    auto t = v.store->current(id);
    REQUIRE(t);
    CHECK(t->version == 1);
    CHECK(t->sameContent(first));
    CHECK(v.store->verifyChain(id));
}

TEST_CASE("sync records custody events and reads the stored canonical content")
{
    fvtest::Vault v;
    const Testimony t = fvtest::sampleTestimony();
    const QString id = *v.store->add(t);
    auto content = v.store->versionContent(id, 1);
    REQUIRE(content);
    CHECK(*content == canonicalContentJson(t));
    CHECK(QString::fromLatin1(toHex(sha256(asBytes(content->toStdString())))) ==
          v.store->history(id)->versions[0].contentSha256);
    CHECK(v.store->versionContent(id, 2).error().code == ErrorCode::NotFound);

    REQUIRE(v.store->recordCustody(id, u"exported"_s, QJsonObject{{u"bundle"_s, u"b1"_s}}));
    CHECK(v.store->recordCustody(id, u"edited"_s, {}).error().code == ErrorCode::InvalidArgument);
    auto h = v.store->history(id);
    REQUIRE(h->events.size() == 2);
    CHECK(h->events[1].kind == u"exported");
    CHECK(h->events[1].version == 1);
    CHECK(h->events[1].detail == uR"({"bundle":"b1"})"_s);
    CHECK(v.store->verifyChain(id));
}
