#include "core/TestimonyStore.h"

#include "core/Search.h"
#include "core/TestimonyJson.h"
#include "crypto/Crypto.h"
#include "crypto/Hash.h"
#include "crypto/Random.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMimeDatabase>
#include <QSaveFile>
#include <array>

using namespace Qt::StringLiterals;

namespace fv {
namespace {

constexpr std::size_t kChunk = 64 * 1024;
/// How many leading bytes QMimeDatabase looks at when it guesses a type from content.
constexpr qsizetype kMediaSniffBytes = 16 * 1024;
constexpr std::array<std::uint8_t, 32> kZeroHash{};

std::string s8(const QString& s)
{
    return s.toStdString();
}

QString q8(const std::string& s)
{
    return QString::fromStdString(s);
}

std::string timeText(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs).toStdString();
}

QDateTime timeOf(const std::string& s)
{
    return QDateTime::fromString(q8(s), Qt::ISODateWithMs).toUTC();
}

ByteView bytesOf(const QByteArray& a)
{
    return {reinterpret_cast<const std::uint8_t*>(a.constData()), static_cast<std::size_t>(a.size())};
}

QString hexOf(ByteView b)
{
    return QString::fromLatin1(toHex(b));
}

void updateField(Sha256& h, std::string_view text)
{
    h.update(asBytes(text));
    const std::uint8_t zero = 0;
    h.update(ByteView(&zero, 1));
}

Sha256Digest versionHash(ByteView prev, const QByteArray& content, const std::string& id, int number,
                         const std::string& created)
{
    Sha256 h;
    updateField(h, "fieldvault-version-v1");
    h.update(prev);
    std::array<std::uint8_t, 8> len{};
    std::uint64_t n = static_cast<std::uint64_t>(content.size());
    for (int i = 7; i >= 0; --i, n >>= 8)
        len[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(n & 0xff);
    h.update(len);
    h.update(bytesOf(content));
    updateField(h, id);
    updateField(h, std::to_string(number));
    h.update(asBytes(created));
    return h.finish();
}

Sha256Digest custodyHash(ByteView prev, const std::string& id, int number, const std::string& at,
                         const std::string& kind, int version, const std::string& detail)
{
    Sha256 h;
    updateField(h, "fieldvault-custody-v1");
    h.update(prev);
    updateField(h, id);
    updateField(h, std::to_string(number));
    updateField(h, at);
    updateField(h, kind);
    updateField(h, version > 0 ? std::to_string(version) : std::string());
    h.update(asBytes(detail));
    return h.finish();
}

bool sameBytes(ByteView a, ByteView b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

Error notFound(const QString& what, const QString& id)
{
    return Error{ErrorCode::NotFound, s8(what) + " " + s8(id.left(64)) + " not found"};
}

// Validates a model by the rules of the JSON input and returns its canonical form.
Result<std::pair<Testimony, QByteArray>> canonical(const Testimony& t)
{
    auto parsed = parseTestimonyJson(canonicalContentJson(t));
    if (!parsed)
        return std::unexpected(parsed.error());
    QByteArray bytes = canonicalContentJson(*parsed);
    return std::pair{std::move(*parsed), std::move(bytes)};
}

Result<Statement> prepare(Database& db, std::string_view sql)
{
    return db.prepare(sql);
}

} // namespace

QString versionChainHash(const QString& prevHashHex, const QByteArray& content, const QString& id, int number,
                         const QString& created)
{
    Bytes prev;
    if (prevHashHex.size() != 64 || !fromHex(prevHashHex.toStdString(), prev) || prev.size() != 32)
        return {};
    return QString::fromStdString(toHex(versionHash(prev, content, s8(id), number, s8(created))));
}

struct TestimonyStore::Current
{
    std::int64_t rowid = 0;
    int version = 0;
    TestimonyStatus status = TestimonyStatus::Draft;
    QDateTime created;
    QDateTime updated;
    Bytes lastHash;
};

QString newRandomId()
{
    static constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
    const Bytes bytes = randomBytes(16);
    QString id;
    id.reserve(26);
    // 128 bits read as 26 groups of 5 bits, with two zero bits in front.
    for (int group = 0; group < 26; ++group) {
        int value = 0;
        for (int bit = group * 5 - 2; bit < group * 5 + 3; ++bit) {
            value <<= 1;
            if (bit >= 0)
                value |= (bytes[static_cast<std::size_t>(bit / 8)] >> (7 - bit % 8)) & 1;
        }
        id.append(QLatin1Char(kAlphabet[value]));
    }
    return id;
}

TestimonyStore::TestimonyStore(Database& db, BlobStore& blobs)
    : m_db(&db), m_blobs(&blobs), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
}

void TestimonyStore::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
}

QDateTime TestimonyStore::now() const
{
    return m_clock().toUTC();
}

Result<TestimonyStore::Current> TestimonyStore::lookup(const QString& id)
{
    auto stmt = prepare(*m_db, "SELECT t.rowid, t.current_version, t.status, t.created, t.updated, v.hash "
                               "FROM testimonies AS t LEFT JOIN versions AS v "
                               "ON v.testimony_id = t.id AND v.number = t.current_version WHERE t.id = ?");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(s8(id)));
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::unexpected(notFound(u"testimony"_s, id));
    Current c;
    c.rowid = stmt->columnInt(0);
    c.version = static_cast<int>(stmt->columnInt(1));
    c.status = testimonyStatusFromString(q8(stmt->columnText(2))).value_or(TestimonyStatus::Draft);
    c.created = timeOf(stmt->columnText(3));
    c.updated = timeOf(stmt->columnText(4));
    c.lastHash = stmt->columnBlob(5);
    if (c.lastHash.size() != 32)
        return fail(ErrorCode::StoreDamaged, "testimony " + s8(id) + ": its current version is missing");
    return c;
}

Status TestimonyStore::appendCustody(const QString& id, const QString& kind, int version,
                                     const QByteArray& detail)
{
    auto last = prepare(*m_db, "SELECT number, hash FROM custody_events WHERE testimony_id = ? "
                               "ORDER BY number DESC LIMIT 1");
    if (!last)
        return std::unexpected(last.error());
    last->bind(1, std::string_view(s8(id)));
    auto row = last->step();
    if (!row)
        return std::unexpected(row.error());
    int number = 1;
    Bytes prev(kZeroHash.begin(), kZeroHash.end());
    if (*row) {
        number = static_cast<int>(last->columnInt(0)) + 1;
        prev = last->columnBlob(1);
    }
    const std::string at = timeText(now());
    const std::string detailText = detail.toStdString();
    const Sha256Digest hash = custodyHash(prev, s8(id), number, at, s8(kind), version, detailText);
    auto insert =
        prepare(*m_db, "INSERT INTO custody_events (testimony_id, number, at, kind, version, detail, "
                       "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return std::unexpected(insert.error());
    insert->bind(1, std::string_view(s8(id)))
        .bind(2, std::int64_t{number})
        .bind(3, std::string_view(at))
        .bind(4, std::string_view(s8(kind)))
        .bind(6, std::string_view(detailText))
        .bind(7, ByteView(prev))
        .bind(8, ByteView(hash));
    if (version > 0)
        insert->bind(5, std::int64_t{version});
    else
        insert->bindNull(5);
    return insert->run();
}

namespace {

Status insertVersion(Database& db, const std::string& id, int number, const std::string& created,
                     const QByteArray& content, ByteView prev)
{
    const Sha256Digest contentHash = sha256(bytesOf(content));
    const Sha256Digest hash = versionHash(prev, content, id, number, created);
    auto stmt = db.prepare("INSERT INTO versions (testimony_id, number, created, content, content_sha256, "
                           "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(id))
        .bind(2, std::int64_t{number})
        .bind(3, std::string_view(created))
        .bind(4, std::string_view(content.constData(), static_cast<std::size_t>(content.size())))
        .bind(5, ByteView(contentHash))
        .bind(6, prev)
        .bind(7, ByteView(hash));
    return stmt->run();
}

QByteArray detailJson(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

Result<QString> TestimonyStore::add(const Testimony& testimony)
{
    auto checked = canonical(testimony);
    if (!checked)
        return std::unexpected(checked.error());
    const auto& [content, json] = *checked;
    const QString id = newRandomId();
    const std::string at = timeText(now());
    const TestimonyStatus status =
        testimony.status == TestimonyStatus::Complete ? TestimonyStatus::Complete : TestimonyStatus::Draft;

    auto tx = Transaction::begin(*m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto insert =
        prepare(*m_db, "INSERT INTO testimonies (id, status, title, interview_date, current_version, "
                       "created, updated) VALUES (?, ?, ?, ?, 1, ?, ?)");
    if (!insert)
        return std::unexpected(insert.error());
    insert->bind(1, std::string_view(s8(id)))
        .bind(2, std::string_view(s8(toString(status))))
        .bind(3, std::string_view(s8(content.title)))
        .bind(4, std::string_view(s8(content.interviewDate)))
        .bind(5, std::string_view(at))
        .bind(6, std::string_view(at));
    if (auto st = insert->run(); !st)
        return std::unexpected(st.error());
    const std::int64_t rowid = m_db->lastInsertRowId();
    if (auto st = insertVersion(*m_db, s8(id), 1, at, json, kZeroHash); !st)
        return std::unexpected(st.error());
    if (auto st = appendCustody(id, u"created"_s, 1, detailJson({{u"version"_s, 1}})); !st)
        return std::unexpected(st.error());
    if (auto st = indexTestimony(*m_db, rowid, content); !st)
        return std::unexpected(st.error());
    if (auto st = tx->commit(); !st)
        return std::unexpected(st.error());
    return id;
}

Result<int> TestimonyStore::edit(const QString& id, const Testimony& testimony)
{
    auto checked = canonical(testimony);
    if (!checked)
        return std::unexpected(checked.error());
    const auto& [content, json] = *checked;

    auto tx = Transaction::begin(*m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto cur = lookup(id);
    if (!cur)
        return std::unexpected(cur.error());
    auto old = prepare(*m_db, "SELECT content FROM versions WHERE testimony_id = ? AND number = ?");
    if (!old)
        return std::unexpected(old.error());
    old->bind(1, std::string_view(s8(id))).bind(2, std::int64_t{cur->version});
    auto row = old->step();
    if (!row)
        return std::unexpected(row.error());
    if (*row && old->columnText(0) == json.toStdString())
        return cur->version;

    const int number = cur->version + 1;
    const std::string at = timeText(now());
    if (auto st = insertVersion(*m_db, s8(id), number, at, json, cur->lastHash); !st)
        return std::unexpected(st.error());
    auto update = prepare(*m_db, "UPDATE testimonies SET title = ?, interview_date = ?, current_version = ?, "
                                 "updated = ? WHERE id = ?");
    if (!update)
        return std::unexpected(update.error());
    update->bind(1, std::string_view(s8(content.title)))
        .bind(2, std::string_view(s8(content.interviewDate)))
        .bind(3, std::int64_t{number})
        .bind(4, std::string_view(at))
        .bind(5, std::string_view(s8(id)));
    if (auto st = update->run(); !st)
        return std::unexpected(st.error());
    if (auto st = appendCustody(id, u"edited"_s, number, detailJson({{u"version"_s, number}})); !st)
        return std::unexpected(st.error());
    if (auto st = indexTestimony(*m_db, cur->rowid, content); !st)
        return std::unexpected(st.error());
    if (auto st = tx->commit(); !st)
        return std::unexpected(st.error());
    return number;
}

Result<Testimony> TestimonyStore::loadVersion(const QString& id, int number)
{
    auto cur = lookup(id);
    if (!cur)
        return std::unexpected(cur.error());
    auto stmt = prepare(*m_db, "SELECT content, created FROM versions WHERE testimony_id = ? AND number = ?");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(s8(id))).bind(2, std::int64_t{number});
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, "testimony " + s8(id) + " has no version " + std::to_string(number) +
                                             " (it has " + std::to_string(cur->version) + ")");
    const std::string json = stmt->columnText(0);
    auto t = parseTestimonyJson(QByteArrayView(json.data(), static_cast<qsizetype>(json.size())));
    if (!t)
        return fail(ErrorCode::StoreDamaged, "testimony " + s8(id) + " version " + std::to_string(number) +
                                                 ": stored content unreadable (" + t.error().message + ")");
    t->id = id;
    t->status = cur->status;
    t->version = number;
    t->created = cur->created;
    t->updated = number == cur->version ? cur->updated : timeOf(stmt->columnText(1));
    auto atts = attachments(id);
    if (!atts)
        return std::unexpected(atts.error());
    t->attachments = std::move(*atts);
    return t;
}

Result<Testimony> TestimonyStore::current(const QString& id)
{
    auto cur = lookup(id);
    if (!cur)
        return std::unexpected(cur.error());
    return loadVersion(id, cur->version);
}

Result<Testimony> TestimonyStore::version(const QString& id, int number)
{
    return loadVersion(id, number);
}

Result<QList<TestimonySummary>> TestimonyStore::list(int limit, int offset)
{
    auto stmt = prepare(*m_db, "SELECT id, title, status, interview_date, current_version, created, updated "
                               "FROM testimonies ORDER BY updated DESC, id LIMIT ? OFFSET ?");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::int64_t{limit < 0 ? -1 : limit}).bind(2, std::int64_t{std::max(offset, 0)});
    QList<TestimonySummary> out;
    auto st = stmt->forEachRow([&](const Statement& row) {
        TestimonySummary s;
        s.id = q8(row.columnText(0));
        s.title = q8(row.columnText(1));
        s.status = testimonyStatusFromString(q8(row.columnText(2))).value_or(TestimonyStatus::Draft);
        s.interviewDate = q8(row.columnText(3));
        s.version = static_cast<int>(row.columnInt(4));
        s.created = timeOf(row.columnText(5));
        s.updated = timeOf(row.columnText(6));
        out.append(std::move(s));
    });
    if (!st)
        return std::unexpected(st.error());
    return out;
}

Result<qsizetype> TestimonyStore::count()
{
    auto stmt = prepare(*m_db, "SELECT count(*) FROM testimonies");
    if (!stmt)
        return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    return static_cast<qsizetype>(stmt->columnInt(0));
}

Result<History> TestimonyStore::history(const QString& id)
{
    if (auto cur = lookup(id); !cur)
        return std::unexpected(cur.error());
    History h;
    auto versions = prepare(*m_db, "SELECT number, created, content_sha256, prev_hash, hash FROM versions "
                                   "WHERE testimony_id = ? ORDER BY number");
    if (!versions)
        return std::unexpected(versions.error());
    versions->bind(1, std::string_view(s8(id)));
    auto st = versions->forEachRow([&](const Statement& row) {
        h.versions.append({static_cast<int>(row.columnInt(0)), timeOf(row.columnText(1)),
                           hexOf(row.columnBlob(2)), hexOf(row.columnBlob(3)), hexOf(row.columnBlob(4))});
    });
    if (!st)
        return std::unexpected(st.error());
    auto events = prepare(*m_db, "SELECT number, at, kind, version, detail, hash FROM custody_events "
                                 "WHERE testimony_id = ? ORDER BY number");
    if (!events)
        return std::unexpected(events.error());
    events->bind(1, std::string_view(s8(id)));
    st = events->forEachRow([&](const Statement& row) {
        h.events.append({static_cast<int>(row.columnInt(0)), timeOf(row.columnText(1)), q8(row.columnText(2)),
                         row.isNull(3) ? 0 : static_cast<int>(row.columnInt(3)), q8(row.columnText(4)),
                         hexOf(row.columnBlob(5))});
    });
    if (!st)
        return std::unexpected(st.error());
    return h;
}

Result<QByteArray> TestimonyStore::versionContent(const QString& id, int number)
{
    auto stmt = prepare(*m_db, "SELECT content FROM versions WHERE testimony_id = ? AND number = ?");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(s8(id))).bind(2, std::int64_t{number});
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound,
                    "testimony " + s8(id.left(64)) + " has no version " + std::to_string(number));
    const std::string content = stmt->columnText(0);
    return QByteArray(content.data(), static_cast<qsizetype>(content.size()));
}

Status TestimonyStore::recordCustody(const QString& id, const QString& kind, const QJsonObject& detail)
{
    if (kind != u"exported" && kind != u"received" && kind != u"purged")
        return fail(ErrorCode::InvalidArgument, "recordCustody: unsupported kind " + s8(kind.left(32)));
    auto tx = Transaction::begin(*m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto cur = lookup(id);
    if (!cur)
        return std::unexpected(cur.error());
    if (auto st = appendCustody(id, kind, cur->version, detailJson(detail)); !st)
        return st;
    return tx->commit();
}

Status TestimonyStore::recordCustodyForAll(const std::function<Result<QList<QString>>()>& work,
                                           const QString& kind, const QJsonObject& detail)
{
    if (kind != u"exported" && kind != u"received" && kind != u"purged")
        return fail(ErrorCode::InvalidArgument, "recordCustody: unsupported kind " + s8(kind.left(32)));
    auto tx = Transaction::begin(*m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto ids = work();
    if (!ids)
        return std::unexpected(ids.error());
    const QByteArray d = detailJson(detail);
    for (const QString& id : *ids) {
        auto cur = lookup(id);
        if (!cur)
            return std::unexpected(cur.error());
        if (auto st = appendCustody(id, kind, cur->version, d); !st)
            return st;
    }
    return tx->commit();
}

Status TestimonyStore::setStatus(const QString& id, TestimonyStatus status)
{
    auto tx = Transaction::begin(*m_db);
    if (!tx)
        return std::unexpected(tx.error());
    auto cur = lookup(id);
    if (!cur)
        return std::unexpected(cur.error());
    if (cur->status == status)
        return {};
    auto update = prepare(*m_db, "UPDATE testimonies SET status = ?, updated = ? WHERE id = ?");
    if (!update)
        return std::unexpected(update.error());
    update->bind(1, std::string_view(s8(toString(status))))
        .bind(2, std::string_view(timeText(now())))
        .bind(3, std::string_view(s8(id)));
    if (auto st = update->run(); !st)
        return st;
    const QJsonObject detail{{u"from"_s, toString(cur->status)}, {u"to"_s, toString(status)}};
    if (auto st = appendCustody(id, u"status"_s, 0, detailJson(detail)); !st)
        return st;
    return tx->commit();
}

struct AttachmentWriter::Impl
{
    Impl(TestimonyStore& owner, QString testimony, AttachOptions opts, SecretBuffer blobKey,
         BlobWriter writer)
        : store(&owner), testimonyId(std::move(testimony)), options(std::move(opts)), key(std::move(blobKey)),
          blob(std::move(writer))
    {
    }
    ~Impl() { head.fill('\0'); }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    TestimonyStore* store;
    QString testimonyId;
    AttachOptions options;
    SecretBuffer key;
    BlobWriter blob; ///< deletes its temporary file when destroyed uncommitted
    QByteArray head; ///< the first bytes, kept in memory to guess the media type
    std::uint64_t size = 0;
    std::optional<Error> broken;
};

AttachmentWriter::AttachmentWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
AttachmentWriter::AttachmentWriter(AttachmentWriter&&) noexcept = default;
AttachmentWriter& AttachmentWriter::operator=(AttachmentWriter&&) noexcept = default;
AttachmentWriter::~AttachmentWriter() = default;

Status AttachmentWriter::write(ByteView data)
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, "the attachment is already finished");
    Impl& w = *m_impl;
    if (w.broken)
        return std::unexpected(*w.broken);
    if (auto st = w.blob.write(data); !st) {
        w.broken = st.error();
        return st;
    }
    if (w.head.size() < kMediaSniffBytes) {
        const auto take =
            std::min<std::size_t>(data.size(), static_cast<std::size_t>(kMediaSniffBytes - w.head.size()));
        w.head.append(reinterpret_cast<const char*>(data.data()), static_cast<qsizetype>(take));
    }
    w.size += data.size();
    return {};
}

std::uint64_t AttachmentWriter::size() const noexcept
{
    return m_impl ? m_impl->size : 0;
}

Result<AttachmentInfo> AttachmentWriter::commit()
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, "the attachment is already finished");
    std::unique_ptr<Impl> w = std::move(m_impl);
    if (w->broken)
        return std::unexpected(*w->broken);
    return w->store->recordAttachment(*w);
}

void AttachmentWriter::abandon() noexcept
{
    m_impl.reset();
}

Result<AttachmentWriter> TestimonyStore::beginAttachment(const QString& id, AttachOptions options)
{
    if (auto cur = lookup(id); !cur)
        return std::unexpected(cur.error());
    SecretBuffer key = SecretBuffer::random(32);
    auto blob = m_blobs->create(key);
    if (!blob)
        return std::unexpected(blob.error());
    return AttachmentWriter(std::make_unique<AttachmentWriter::Impl>(*this, id, std::move(options),
                                                                     std::move(key), std::move(*blob)));
}

Result<AttachmentInfo> TestimonyStore::recordAttachment(AttachmentWriter::Impl& w)
{
    const QString& id = w.testimonyId;
    auto blob = w.blob.commit();
    if (!blob)
        return std::unexpected(blob.error());

    AttachmentInfo info;
    info.id = newRandomId();
    info.fileName = w.options.fileName;
    info.mediaType = w.options.mediaType;
    if (info.mediaType.isEmpty()) {
        const QMimeDatabase mime;
        info.mediaType = (info.fileName.isEmpty() ? mime.mimeTypeForData(w.head)
                                                  : mime.mimeTypeForFileNameAndData(info.fileName, w.head))
                             .name();
        if (info.mediaType.isEmpty())
            info.mediaType = u"application/octet-stream"_s;
    }
    info.kind = w.options.kind.value_or(attachmentKindForMediaType(info.mediaType));
    info.captured = w.options.captured;
    info.note = w.options.note;
    info.size = blob->size;
    info.sha256 = hexOf(blob->sha256);
    info.created = now();

    // The blob is durable; from here on a failure retires it (overwritten, kept as chaff).
    auto saved = [&]() -> Status {
        auto tx = Transaction::begin(*m_db);
        if (!tx)
            return std::unexpected(tx.error());
        auto cur = lookup(id);
        if (!cur)
            return std::unexpected(cur.error());
        auto insert = prepare(*m_db, "INSERT INTO attachments (id, testimony_id, blob_name, blob_key, kind, "
                                     "media_type, file_name, size, sha256, created, captured, note) "
                                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        if (!insert)
            return std::unexpected(insert.error());
        insert->bind(1, std::string_view(s8(info.id)))
            .bind(2, std::string_view(s8(id)))
            .bind(3, std::string_view(blob->name))
            .bind(4, w.key.view())
            .bind(5, std::string_view(s8(toString(info.kind))))
            .bind(6, std::string_view(s8(info.mediaType)))
            .bind(7, std::string_view(s8(info.fileName)))
            .bind(8, static_cast<std::int64_t>(info.size))
            .bind(9, ByteView(blob->sha256))
            .bind(10, std::string_view(timeText(info.created)))
            .bind(12, std::string_view(s8(info.note)));
        if (info.captured)
            insert->bind(11, std::string_view(timeText(*info.captured)));
        else
            insert->bindNull(11);
        if (auto st = insert->run(); !st)
            return st;
        auto touch = prepare(*m_db, "UPDATE testimonies SET updated = ? WHERE id = ?");
        if (!touch)
            return std::unexpected(touch.error());
        touch->bind(1, std::string_view(timeText(info.created))).bind(2, std::string_view(s8(id)));
        if (auto st = touch->run(); !st)
            return st;
        const QJsonObject detail{{u"attachment"_s, info.id},
                                 {u"kind"_s, toString(info.kind)},
                                 {u"sha256"_s, info.sha256},
                                 {u"size"_s, static_cast<double>(info.size)}};
        if (auto st = appendCustody(id, u"attached"_s, cur->version, detailJson(detail)); !st)
            return st;
        return tx->commit();
    }();
    if (!saved) {
        static_cast<void>(m_blobs->retire(blob->name));
        return std::unexpected(saved.error());
    }
    return info;
}

Result<AttachmentInfo> TestimonyStore::attach(const QString& id, QIODevice& device,
                                              const AttachOptions& options)
{
    auto writer = beginAttachment(id, options);
    if (!writer)
        return std::unexpected(writer.error());
    if (!device.isOpen() || !device.isReadable())
        return fail(ErrorCode::InvalidArgument, "attach: the source is not open for reading");
    std::vector<char> buffer(kChunk);
    for (;;) {
        const qint64 n = device.read(buffer.data(), static_cast<qint64>(buffer.size()));
        if (n < 0)
            return fail(ErrorCode::Io,
                        "reading the attachment failed: " + device.errorString().toStdString());
        if (n == 0 && (device.atEnd() || !device.waitForReadyRead(30000)))
            break;
        if (auto st = writer->write(
                ByteView(reinterpret_cast<const std::uint8_t*>(buffer.data()), static_cast<std::size_t>(n)));
            !st)
            return std::unexpected(st.error());
    }
    return writer->commit();
}

Result<AttachmentInfo> TestimonyStore::attachFile(const QString& id, const QString& path,
                                                  AttachOptions options)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.error() == QFileDevice::OpenError && !QFileInfo::exists(path) ? ErrorCode::NotFound
                                                                                       : ErrorCode::Io,
                    "cannot read " + s8(path) + ": " + s8(file.errorString()));
    if (options.fileName.isEmpty())
        options.fileName = QFileInfo(path).fileName();
    return attach(id, file, options);
}

namespace {

AttachmentInfo attachmentFromRow(const Statement& s, int first)
{
    AttachmentInfo a;
    a.id = q8(s.columnText(first));
    a.kind = attachmentKindFromString(q8(s.columnText(first + 1))).value_or(AttachmentKind::Document);
    a.mediaType = q8(s.columnText(first + 2));
    a.fileName = q8(s.columnText(first + 3));
    a.size = static_cast<std::uint64_t>(s.columnInt(first + 4));
    a.sha256 = hexOf(s.columnBlob(first + 5));
    a.created = timeOf(s.columnText(first + 6));
    if (!s.isNull(first + 7))
        a.captured = timeOf(s.columnText(first + 7));
    a.note = q8(s.columnText(first + 8));
    return a;
}

constexpr std::string_view kAttachmentColumns =
    "id, kind, media_type, file_name, size, sha256, created, captured, note";

} // namespace

Result<AttachmentInfo> TestimonyStore::attachment(const QString& attachmentId)
{
    auto stmt =
        prepare(*m_db, "SELECT " + std::string(kAttachmentColumns) + " FROM attachments WHERE id = ?");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(s8(attachmentId)));
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::unexpected(notFound(u"attachment"_s, attachmentId));
    return attachmentFromRow(*stmt, 0);
}

Result<QList<AttachmentInfo>> TestimonyStore::attachments(const QString& id)
{
    auto stmt = prepare(*m_db, "SELECT " + std::string(kAttachmentColumns) +
                                   " FROM attachments WHERE testimony_id = ? ORDER BY created, id");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(s8(id)));
    QList<AttachmentInfo> out;
    if (auto st = stmt->forEachRow([&](const Statement& row) { out.append(attachmentFromRow(row, 0)); }); !st)
        return std::unexpected(st.error());
    return out;
}

Result<QString> TestimonyStore::attachmentOwner(const QString& attachmentId)
{
    auto stmt = prepare(*m_db, "SELECT testimony_id FROM attachments WHERE id = ?");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(s8(attachmentId)));
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::unexpected(notFound(u"attachment"_s, attachmentId));
    return q8(stmt->columnText(0));
}

Result<BlobReader> TestimonyStore::openAttachment(const QString& attachmentId)
{
    auto stmt = prepare(*m_db, "SELECT blob_name, blob_key FROM attachments WHERE id = ?");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(s8(attachmentId)));
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return std::unexpected(notFound(u"attachment"_s, attachmentId));
    const std::string name = stmt->columnText(0);
    Bytes keyBytes = stmt->columnBlob(1);
    SecretBuffer key = SecretBuffer::copyOf(keyBytes);
    wipeMemory(keyBytes);
    auto reader = m_blobs->open(name, key);
    if (!reader && reader.error().code == ErrorCode::NotFound)
        return fail(ErrorCode::StoreDamaged,
                    "attachment " + s8(attachmentId) + ": its encrypted file is missing");
    return reader;
}

Status TestimonyStore::extractAttachment(const QString& attachmentId, const QString& path)
{
    auto info = attachment(attachmentId);
    if (!info)
        return std::unexpected(info.error());
    auto reader = openAttachment(attachmentId);
    if (!reader)
        return std::unexpected(reader.error());
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, "cannot write " + s8(path) + ": " + s8(out.errorString()));
    Sha256 hash;
    Bytes buffer(kChunk);
    std::uint64_t offset = 0;
    for (;;) {
        auto n = reader->read(offset, buffer);
        if (!n) {
            out.cancelWriting();
            return std::unexpected(n.error());
        }
        if (*n == 0)
            break;
        const ByteView chunk(buffer.data(), *n);
        hash.update(chunk);
        if (out.write(reinterpret_cast<const char*>(chunk.data()), static_cast<qint64>(chunk.size())) !=
            static_cast<qint64>(chunk.size())) {
            out.cancelWriting();
            return fail(ErrorCode::Io, "cannot write " + s8(path) + ": " + s8(out.errorString()));
        }
        offset += *n;
    }
    if (offset != info->size || hexOf(hash.finish()) != info->sha256) {
        out.cancelWriting();
        return fail(ErrorCode::StoreDamaged,
                    "attachment " + s8(attachmentId) + ": its content does not match its recorded SHA-256");
    }
    if (!out.commit())
        return fail(ErrorCode::Io, "cannot write " + s8(path) + ": " + s8(out.errorString()));
    return {};
}

Status TestimonyStore::verifyChain(const QString& id)
{
    auto cur = lookup(id);
    if (!cur)
        return std::unexpected(cur.error());
    const std::string sid = s8(id);
    auto damaged = [&](const std::string& what) {
        return fail(ErrorCode::StoreDamaged, "testimony " + sid + ": " + what);
    };

    auto versions = prepare(*m_db, "SELECT number, created, content, content_sha256, prev_hash, hash "
                                   "FROM versions WHERE testimony_id = ? ORDER BY number");
    if (!versions)
        return std::unexpected(versions.error());
    versions->bind(1, std::string_view(sid));
    Bytes prev(kZeroHash.begin(), kZeroHash.end());
    int expected = 1;
    auto st = versions->forEachRow([&](const Statement& row) -> Status {
        const std::string v = "version " + std::to_string(expected);
        if (row.columnInt(0) != expected)
            return damaged(v + " is missing");
        const std::string text = row.columnText(2);
        const QByteArray content(text.data(), static_cast<qsizetype>(text.size()));
        if (!sameBytes(row.columnBlob(3), sha256(bytesOf(content))))
            return damaged(v + " was altered (its content does not match its SHA-256)");
        if (!sameBytes(row.columnBlob(4), prev))
            return damaged(v + " does not link to the version before it");
        const Sha256Digest hash = versionHash(prev, content, sid, expected, row.columnText(1));
        if (!sameBytes(row.columnBlob(5), hash))
            return damaged(v + " was altered (its hash does not match)");
        prev.assign(hash.begin(), hash.end());
        ++expected;
        return {};
    });
    if (!st)
        return st;
    if (expected - 1 != cur->version)
        return damaged("the current version is " + std::to_string(cur->version) + " but " +
                       std::to_string(expected - 1) + " versions are stored");

    auto events = prepare(*m_db, "SELECT number, at, kind, version, detail, prev_hash, hash "
                                 "FROM custody_events WHERE testimony_id = ? ORDER BY number");
    if (!events)
        return std::unexpected(events.error());
    events->bind(1, std::string_view(sid));
    prev.assign(kZeroHash.begin(), kZeroHash.end());
    int n = 1;
    return events->forEachRow([&](const Statement& row) -> Status {
        const std::string e = "custody event " + std::to_string(n);
        if (row.columnInt(0) != n)
            return damaged(e + " is missing");
        if (!sameBytes(row.columnBlob(5), prev))
            return damaged(e + " does not link to the event before it");
        const int version = row.isNull(3) ? 0 : static_cast<int>(row.columnInt(3));
        const Sha256Digest hash =
            custodyHash(prev, sid, n, row.columnText(1), row.columnText(2), version, row.columnText(4));
        if (!sameBytes(row.columnBlob(6), hash))
            return damaged(e + " was altered (its hash does not match)");
        prev.assign(hash.begin(), hash.end());
        ++n;
        return {};
    });
}

Result<QStringList> TestimonyStore::verifyAll()
{
    QStringList problems;
    auto ids = prepare(*m_db, "SELECT id FROM testimonies ORDER BY rowid");
    if (!ids)
        return std::unexpected(ids.error());
    QStringList all;
    if (auto st = ids->forEachRow([&](const Statement& row) { all.append(q8(row.columnText(0))); }); !st)
        return std::unexpected(st.error());
    for (const QString& id : all) {
        if (auto st = verifyChain(id); !st)
            problems.append(q8(st.error().message));
    }
    auto atts =
        prepare(*m_db, "SELECT id, blob_name, blob_key, size, sha256 FROM attachments ORDER BY rowid");
    if (!atts)
        return std::unexpected(atts.error());
    auto st = atts->forEachRow([&](const Statement& row) {
        const std::string attId = row.columnText(0);
        Bytes keyBytes = row.columnBlob(2);
        const SecretBuffer key = SecretBuffer::copyOf(keyBytes);
        wipeMemory(keyBytes);
        auto digest = m_blobs->verify(row.columnText(1), key);
        if (!digest)
            problems.append(q8("attachment " + attId + ": " + digest.error().message));
        else if (!sameBytes(*digest, row.columnBlob(4)))
            problems.append(q8("attachment " + attId + ": its content does not match its recorded SHA-256"));
    });
    if (!st)
        return std::unexpected(st.error());
    return problems;
}

} // namespace fv
