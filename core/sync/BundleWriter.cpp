#include "core/sync/BundleWriter.h"

#include "core/TestimonyJson.h"
#include "core/TestimonyStore.h"
#include "core/sync/Seal.h"
#include "crypto/Age.h"
#include "crypto/ByteStream.h"
#include "crypto/Hash.h"
#include "crypto/Minisign.h"
#include "crypto/Random.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <archive.h>
#include <archive_entry.h>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <memory>
#include <set>
#include <unistd.h>

using namespace Qt::StringLiterals;
namespace fs = std::filesystem;

namespace fv {
namespace {

constexpr std::size_t kChunk = 64 * 1024;
constexpr std::uint64_t kTarBlock = 512;

std::uint64_t roundUp512(std::uint64_t n)
{
    return (n + kTarBlock - 1) / kTarBlock * kTarBlock;
}

std::string s8(const QString& s)
{
    return s.toStdString();
}

ByteView bytesOf(const QByteArray& a)
{
    return {reinterpret_cast<const std::uint8_t*>(a.constData()), static_cast<std::size_t>(a.size())};
}

Error ioError(const std::string& what, int err)
{
    if (err == ENOSPC || err == EDQUOT)
        return Error{ErrorCode::DiskFull, "The disk is full while writing " + what + "."};
    return Error{ErrorCode::Io, "Cannot write " + what + ": " + std::strerror(err)};
}

Status syncDirectory(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(ioError(dir.string(), errno));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return std::unexpected(ioError(dir.string(), err));
    return {};
}

// The age file's bytes, split into parts when asked, each written under a temporary name
// (".NAME.tmp") and renamed to its final name only by commit(). Anything not committed is
// removed by the destructor.
class PartSink final : public ByteSink
{
public:
    PartSink(fs::path dir, std::string name, std::uint64_t partSize,
             std::function<Status(std::uint64_t)> fault)
        : m_dir(std::move(dir)), m_name(std::move(name)), m_partSize(partSize), m_fault(std::move(fault))
    {
    }
    PartSink(const PartSink&) = delete;
    PartSink& operator=(const PartSink&) = delete;
    ~PartSink() override { abandon(); }

    Status write(ByteView data) override
    {
        while (!data.empty()) {
            if (m_fd < 0 || (m_partSize != 0 && m_inPart == m_partSize)) {
                if (auto st = nextPart(); !st)
                    return st;
            }
            std::size_t n = data.size();
            if (m_partSize != 0)
                n = static_cast<std::size_t>(std::min<std::uint64_t>(n, m_partSize - m_inPart));
            if (m_fault) {
                if (auto st = m_fault(m_total); !st)
                    return st;
            }
            FdSink sink(m_fd);
            if (auto st = sink.write(data.first(n)); !st)
                return st;
            m_inPart += n;
            m_total += n;
            data = data.subspan(n);
        }
        return {};
    }

    // Syncs the last part, renames every part (the first one last, so a set interrupted while
    // renaming lacks .001 and does not look complete) and syncs the directory.
    Result<std::vector<fs::path>> commit()
    {
        if (auto st = closeCurrent(); !st)
            return std::unexpected(st.error());
        for (std::size_t i = m_temps.size(); i-- > 0;) {
            if (::rename(m_temps[i].c_str(), m_finals[i].c_str()) != 0)
                return std::unexpected(ioError(m_finals[i].string(), errno));
            m_renamed.push_back(m_finals[i]);
        }
        if (auto st = syncDirectory(m_dir); !st)
            return std::unexpected(st.error());
        m_committed = true;
        return m_finals;
    }

    std::uint64_t total() const noexcept { return m_total; }

private:
    Status nextPart()
    {
        if (auto st = closeCurrent(); !st)
            return st;
        if (m_partSize != 0 && m_finals.size() >= static_cast<std::size_t>(kBundleMaxParts))
            return fail(ErrorCode::InvalidArgument,
                        "The part size is too small: the bundle would need more than " +
                            std::to_string(kBundleMaxParts) + " parts.");
        std::string finalName = m_name;
        if (m_partSize != 0) {
            char suffix[8];
            std::snprintf(suffix, sizeof suffix, ".%03zu", m_finals.size() + 1);
            finalName += suffix;
        }
        const fs::path temp = m_dir / ("." + finalName + ".tmp");
        const fs::path final = m_dir / finalName;
        std::error_code ec;
        if (fs::exists(final, ec))
            return fail(ErrorCode::Io, "A file named " + final.string() + " already exists.");
        m_fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (m_fd < 0)
            return std::unexpected(ioError(temp.string(), errno));
        m_temps.push_back(temp);
        m_finals.push_back(final);
        m_inPart = 0;
        return {};
    }

    Status closeCurrent()
    {
        if (m_fd < 0)
            return {};
        const int fd = m_fd;
        m_fd = -1;
        if (::fsync(fd) != 0) {
            const int err = errno;
            ::close(fd);
            return std::unexpected(ioError(m_temps.back().string(), err));
        }
        if (::close(fd) != 0)
            return std::unexpected(ioError(m_temps.back().string(), errno));
        return {};
    }

    void abandon() noexcept
    {
        if (m_committed)
            return;
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
        for (const fs::path& p : m_temps)
            ::unlink(p.c_str());
        for (const fs::path& p : m_renamed)
            ::unlink(p.c_str());
        m_temps.clear();
        m_renamed.clear();
        static_cast<void>(syncDirectory(m_dir));
    }

    fs::path m_dir;
    std::string m_name;
    std::uint64_t m_partSize;
    std::function<Status(std::uint64_t)> m_fault;
    int m_fd = -1;
    std::uint64_t m_inPart = 0;
    std::uint64_t m_total = 0;
    std::vector<fs::path> m_temps;
    std::vector<fs::path> m_finals;
    std::vector<fs::path> m_renamed;
    bool m_committed = false;
};

// libarchive writing into the age encryptor; tracks the logical tar size, the SHA256SUMS
// lines, progress and cancel.
class TarWriter
{
public:
    TarWriter(ByteSink& out, const ExportOptions& options) : m_out(out), m_options(options) {}
    TarWriter(const TarWriter&) = delete;
    TarWriter& operator=(const TarWriter&) = delete;
    ~TarWriter()
    {
        if (m_archive != nullptr)
            archive_write_free(m_archive);
    }

    Status open()
    {
        m_archive = archive_write_new();
        if (m_archive == nullptr)
            return fail(ErrorCode::Internal, "libarchive: cannot allocate a writer");
        if (archive_write_set_format_ustar(m_archive) != ARCHIVE_OK ||
            archive_write_set_bytes_per_block(m_archive, 10240) != ARCHIVE_OK ||
            archive_write_set_bytes_in_last_block(m_archive, 1) != ARCHIVE_OK)
            return archiveError("configure");
        if (archive_write_open2(m_archive, this, nullptr, &TarWriter::writeCallback, nullptr, nullptr) !=
            ARCHIVE_OK)
            return archiveError("open");
        return {};
    }

    // Starts a regular file member of `size` bytes.
    Status begin(const std::string& name, std::uint64_t size)
    {
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(),
                                                                            &archive_entry_free);
        if (!entry)
            return fail(ErrorCode::Internal, "libarchive: cannot allocate an entry");
        archive_entry_set_pathname(entry.get(), name.c_str());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
        archive_entry_set_mtime(entry.get(), 0, 0);
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        if (archive_write_header(m_archive, entry.get()) != ARCHIVE_OK)
            return archiveError("write the header of " + name);
        m_name = name;
        m_hash.emplace();
        m_logical += kTarBlock + roundUp512(size);
        return {};
    }

    Status data(ByteView bytes)
    {
        while (!bytes.empty()) {
            if (auto st = checkCancel(); !st)
                return st;
            const std::size_t n = std::min(bytes.size(), kChunk);
            const la_ssize_t written = archive_write_data(m_archive, bytes.data(), n);
            if (written < 0 || static_cast<std::size_t>(written) != n)
                return archiveError("write " + m_name);
            m_hash->update(bytes.first(n));
            bytes = bytes.subspan(n);
        }
        return {};
    }

    // Ends the member; `summed` adds its line to SHA256SUMS.
    Status end(bool summed = true)
    {
        if (archive_write_finish_entry(m_archive) != ARCHIVE_OK)
            return archiveError("finish " + m_name);
        const Sha256Digest digest = m_hash->finish();
        m_hash.reset();
        if (summed)
            m_sums += toHex(digest) + "  " + m_name + "\n";
        m_lastDigest = digest;
        return {};
    }

    Status member(const std::string& name, ByteView bytes, bool summed = true)
    {
        if (auto st = begin(name, bytes.size()); !st)
            return st;
        if (auto st = data(bytes); !st)
            return st;
        return end(summed);
    }

    Status close()
    {
        if (archive_write_close(m_archive) != ARCHIVE_OK)
            return archiveError("finish the archive");
        m_logical += 2 * kTarBlock;
        return {};
    }

    std::uint64_t logicalSize() const noexcept { return m_logical; }
    std::uint64_t written() const noexcept { return m_written; }
    const std::string& sums() const noexcept { return m_sums; }
    const Sha256Digest& lastDigest() const noexcept { return m_lastDigest; }
    void setEstimate(std::uint64_t total) noexcept { m_estimate = total; }

private:
    static la_ssize_t writeCallback(struct archive* a, void* self, const void* buffer, std::size_t length)
    {
        auto* w = static_cast<TarWriter*>(self);
        if (auto st = w->checkCancel(); !st) {
            archive_set_error(a, ECANCELED, "cancelled");
            return -1;
        }
        if (auto st = w->m_out.write(ByteView(static_cast<const std::uint8_t*>(buffer), length)); !st) {
            if (!w->m_error)
                w->m_error = st.error();
            archive_set_error(a, EIO, "%s", st.error().message.c_str());
            return -1;
        }
        w->m_written += length;
        if (w->m_options.progress)
            w->m_options.progress(ExportProgress{w->m_written, std::max(w->m_estimate, w->m_written)});
        return static_cast<la_ssize_t>(length);
    }

    Status checkCancel()
    {
        if (m_options.cancel != nullptr && m_options.cancel->load()) {
            if (!m_error)
                m_error = Error{ErrorCode::Cancelled, "The export was cancelled; nothing was written."};
            return std::unexpected(*m_error);
        }
        return {};
    }

    Status archiveError(const std::string& what)
    {
        if (m_error)
            return std::unexpected(*m_error);
        const char* msg = archive_error_string(m_archive);
        return fail(ErrorCode::Internal, "libarchive: cannot " + what + ": " + (msg ? msg : "unknown error"));
    }

    ByteSink& m_out;
    const ExportOptions& m_options;
    struct archive* m_archive = nullptr;
    std::optional<Error> m_error;
    std::string m_name;
    std::optional<Sha256> m_hash;
    Sha256Digest m_lastDigest{};
    std::string m_sums;
    std::uint64_t m_logical = 0;
    std::uint64_t m_written = 0;
    std::uint64_t m_estimate = 0;
};

struct VersionItem
{
    QString testimonyId;
    VersionInfo info;
};

struct AttachmentItem
{
    QString testimonyId;
    AttachmentInfo info;
    bool fileNameAllowed = false;
};

struct Selection
{
    QStringList testimonies;
    std::vector<VersionItem> versions;
    std::vector<AttachmentItem> attachments;
};

// What HQ acknowledged of one testimony: item (version number or attachment id) -> whether only
// a redacted copy (identifying fields or file name left out) reached HQ.
Result<std::map<std::string, bool>> deliveredItems(Database& db, const char* kind, const QString& testimonyId)
{
    auto stmt =
        db.prepare("SELECT item, redacted FROM delivered_items WHERE kind = ?1 AND testimony_id = ?2");
    if (!stmt)
        return std::unexpected(stmt.error());
    const std::string id = s8(testimonyId);
    stmt->bind(1, std::string_view(kind)).bind(2, id);
    std::map<std::string, bool> out;
    if (auto st = stmt->forEachRow(
            [&](const Statement& row) { out.emplace(row.columnText(0), row.columnInt(1) != 0); });
        !st)
        return std::unexpected(st.error());
    return out;
}

// The consent rule: identifying fields travel only when the export asks for them and the
// version records consent as given.
bool identifyingAllowed(const Testimony& content, const ExportOptions& options)
{
    return options.includeIdentifying && content.consent.given;
}

Result<Selection> select(Database& db, TestimonyStore& store, const ExportOptions& options)
{
    Selection sel;
    QStringList ids;
    const bool everything = !options.testimonyIds.has_value();
    if (everything) {
        auto list = store.list();
        if (!list)
            return std::unexpected(list.error());
        for (const TestimonySummary& s : *list)
            ids.append(s.id);
        std::sort(ids.begin(), ids.end());
    } else {
        ids = *options.testimonyIds;
        ids.removeDuplicates();
    }
    for (const QString& id : ids) {
        auto history = store.history(id);
        if (!history)
            return std::unexpected(history.error());
        auto current = store.current(id);
        if (!current)
            return std::unexpected(current.error());
        std::map<std::string, bool> deliveredVersions, deliveredAttachments;
        if (everything) {
            auto v = deliveredItems(db, "version", id);
            auto a = deliveredItems(db, "attachment", id);
            if (!v)
                return std::unexpected(v.error());
            if (!a)
                return std::unexpected(a.error());
            deliveredVersions = std::move(*v);
            deliveredAttachments = std::move(*a);
        }
        // A delivered item goes again only when HQ got it redacted and this export may carry
        // what was left out (HQ then upgrades its copy).
        const auto goesAgain = [&](const std::map<std::string, bool>& delivered, const std::string& item,
                                   const std::function<Result<bool>()>& identifyingNow) -> Result<bool> {
            const auto it = delivered.find(item);
            if (it == delivered.end())
                return true;
            if (!it->second || !options.includeIdentifying)
                return false;
            return identifyingNow();
        };
        bool any = false;
        for (const VersionInfo& v : history->versions) {
            auto go = goesAgain(deliveredVersions, std::to_string(v.number), [&]() -> Result<bool> {
                auto content = store.version(id, v.number);
                if (!content)
                    return std::unexpected(content.error());
                return identifyingAllowed(*content, options);
            });
            if (!go)
                return std::unexpected(go.error());
            if (!*go)
                continue;
            sel.versions.push_back({id, v});
            any = true;
        }
        const bool names = identifyingAllowed(*current, options);
        for (const AttachmentInfo& a : current->attachments) {
            auto go = goesAgain(deliveredAttachments, s8(a.id),
                                [&]() -> Result<bool> { return names && !a.fileName.isEmpty(); });
            if (!go)
                return std::unexpected(go.error());
            if (!*go)
                continue;
            sel.attachments.push_back({id, a, names});
            any = true;
        }
        if (any)
            sel.testimonies.append(id);
    }
    if (sel.versions.empty() && sel.attachments.empty())
        return fail(ErrorCode::NotFound, everything ? "Nothing to export: HQ has acknowledged everything."
                                                    : "Nothing to export in the testimonies chosen.");
    return sel;
}

Result<std::vector<IdentityCard>> chooseRecipients(Database& db, const ExportOptions& options)
{
    std::vector<IdentityCard> out;
    if (options.recipients.isEmpty()) {
        auto cards = enrolledCards(db, VaultRole::Hq);
        if (!cards)
            return std::unexpected(cards.error());
        for (const EnrolledCard& c : *cards)
            out.push_back(c.card);
        if (out.empty())
            return fail(ErrorCode::InvalidArgument,
                        "No HQ card is enrolled in this vault: enrol HQ's card before exporting.");
    } else {
        for (const QString& fp : options.recipients) {
            auto card = findEnrolledCard(db, s8(fp));
            if (!card) {
                if (card.error().code == ErrorCode::NotFound)
                    return fail(ErrorCode::InvalidArgument, "The recipient " + s8(fp.left(64)) +
                                                                " is not enrolled: enrol its card first.");
                return std::unexpected(card.error());
            }
            if (card->card.role != VaultRole::Hq)
                return fail(ErrorCode::InvalidArgument,
                            "The recipient " + s8(fp.left(64)) + " is not an HQ card.");
            out.push_back(card->card);
        }
    }
    std::sort(out.begin(), out.end(),
              [](const IdentityCard& a, const IdentityCard& b) { return a.fingerprint() < b.fingerprint(); });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const IdentityCard& a, const IdentityCard& b) {
                              return a.fingerprint() == b.fingerprint();
                          }),
              out.end());
    return out;
}

QString entryPath(const QString& id, int number)
{
    return u"entries/"_s + id + u'/' + QString::number(number) + u".json"_s;
}

QString attachmentPath(const QString& id)
{
    return u"attachments/"_s + id;
}

QByteArray quoted(const QString& s)
{
    return QJsonDocument(QJsonArray{s}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
}

// One entry member (docs/bundle-format.md, "Entry"), keys in sorted order. Unredacted: the
// canonical content verbatim with its chain fields and seal key, so HQ can check them. Redacted:
// the content without identifying fields and the seal only; nothing computed over the full
// content (a hash of it would confirm guesses of the withheld fields). The previous version's
// hash is given only when that version could travel unredacted too, for the same reason.
Result<QByteArray> entryJson(TestimonyStore& store, const VersionItem& item, const ExportOptions& options,
                             const SecretBuffer& sealSecret, bool& redacted)
{
    auto parsedVersion = [&](int number) -> Result<Testimony> {
        auto content = store.versionContent(item.testimonyId, number);
        if (!content)
            return std::unexpected(content.error());
        auto parsed = parseTestimonyJson(*content);
        if (!parsed)
            return fail(ErrorCode::StoreDamaged, "testimony " + s8(item.testimonyId) + " version " +
                                                     std::to_string(number) +
                                                     " no longer parses: " + parsed.error().message);
        return parsed;
    };
    auto content = store.versionContent(item.testimonyId, item.info.number);
    if (!content)
        return std::unexpected(content.error());
    auto parsed = parsedVersion(item.info.number);
    if (!parsed)
        return std::unexpected(parsed.error());
    redacted = !identifyingAllowed(*parsed, options);
    const SecretBuffer key = versionSealKey(sealSecret, item.info.hash);
    const QString seal = versionSeal(key.view(), item.info.hash);
    if (seal.isEmpty())
        return fail(ErrorCode::StoreDamaged, "testimony " + s8(item.testimonyId) + " version " +
                                                 std::to_string(item.info.number) + " has a malformed hash");
    bool prevHashShown = item.info.number == 1;
    if (!redacted && !prevHashShown) {
        auto previous = parsedVersion(item.info.number - 1);
        if (!previous)
            return std::unexpected(previous.error());
        prevHashShown = identifyingAllowed(*previous, options);
    }
    QByteArray body = redacted ? toTestimonyJson(*parsed, JsonWriteOptions{.indented = false,
                                                                           .includeRecord = false,
                                                                           .includeSensitive = false})
                               : *content;
    QByteArray out;
    out += "{\"content\":" + body;
    if (!redacted)
        out += ",\"content_sha256\":" + quoted(item.info.contentSha256);
    out += ",\"created\":" + quoted(item.info.created.toUTC().toString(Qt::ISODateWithMs));
    out += ",\"format\":\"fieldvault-entry\",\"format_version\":2";
    if (!redacted)
        out += ",\"hash\":" + quoted(item.info.hash);
    if (!redacted && prevHashShown)
        out += ",\"prev_hash\":" + quoted(item.info.prevHash);
    if (item.info.number > 1) {
        const SecretBuffer prevKey = versionSealKey(sealSecret, item.info.prevHash);
        out += ",\"prev_seal\":" + quoted(versionSeal(prevKey.view(), item.info.prevHash));
    }
    out += ",\"redacted\":" + QByteArray(redacted ? "true" : "false");
    out += ",\"seal\":" + quoted(seal);
    if (!redacted)
        out += ",\"seal_key\":" + quoted(QString::fromStdString(toHex(key.view())));
    out += ",\"testimony_id\":" + quoted(item.testimonyId);
    out += ",\"version\":" + QByteArray::number(item.info.number);
    out += "}\n";
    return out;
}

QByteArray custodyLine(const QString& id, const CustodyEvent& e)
{
    QJsonObject o{{u"testimony_id"_s, id},
                  {u"number"_s, e.number},
                  {u"at"_s, e.at.toUTC().toString(Qt::ISODateWithMs)},
                  {u"kind"_s, e.kind},
                  {u"detail"_s, QJsonDocument::fromJson(e.detail.toUtf8()).object()},
                  {u"hash"_s, e.hash}};
    if (e.version > 0)
        o.insert(u"version"_s, e.version);
    return QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject cardJson(const IdentityCard& card)
{
    return QJsonObject{{u"name"_s, card.displayName},
                       {u"role"_s, QString::fromStdString(roleText(card.role))},
                       {u"age_recipient"_s, QString::fromStdString(card.recipient.toString())},
                       {u"minisign_public_key"_s, QString::fromStdString(card.signingKey.toBase64())},
                       {u"fingerprint"_s, QString::fromStdString(card.fingerprint())}};
}

Result<QString> previousBundle(Database& db)
{
    auto stmt = db.prepare("SELECT id FROM bundles_out ORDER BY created DESC, rowid DESC LIMIT 1");
    if (!stmt)
        return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? QString::fromStdString(stmt->columnText(0)) : QString();
}

std::string trustedComment(const QString& bundleId, const IdentityCard& sender,
                           const std::vector<IdentityCard>& recipients)
{
    std::string tc =
        "fieldvault-bundle v1 bundle=" + s8(bundleId) + " sender=" + sender.fingerprint() + " recipients=";
    for (std::size_t i = 0; i < recipients.size(); ++i)
        tc += (i ? "," : "") + recipients[i].fingerprint();
    return tc;
}

Status recordExport(Database& db, TestimonyStore& store, const ExportResult& result, const Selection& sel,
                    const QDateTime& created, const QString& fileName)
{
    // The bundle, its items and an "exported" custody event per testimony: one transaction.
    const auto recordBundle = [&]() -> Status {
        auto bundle = db.prepare("INSERT INTO bundles_out (id, created, recipients, file_name, parts, size) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        if (!bundle)
            return std::unexpected(bundle.error());
        const std::string id = s8(result.bundleId);
        const std::string at = s8(created.toUTC().toString(Qt::ISODateWithMs));
        const std::string recipients = s8(result.recipients.join(u','));
        const std::string name = s8(fileName);
        bundle->bind(1, id)
            .bind(2, at)
            .bind(3, recipients)
            .bind(4, name)
            .bind(5, static_cast<std::int64_t>(result.files.size()))
            .bind(6, static_cast<std::int64_t>(result.size));
        if (auto st = bundle->run(); !st)
            return st;
        auto item = db.prepare("INSERT OR IGNORE INTO bundle_items (bundle_id, kind, testimony_id, item) "
                               "VALUES (?1, ?2, ?3, ?4)");
        if (!item)
            return std::unexpected(item.error());
        for (const VersionItem& v : sel.versions) {
            item->reset();
            item->bind(1, id)
                .bind(2, std::string_view("version"))
                .bind(3, s8(v.testimonyId))
                .bind(4, std::to_string(v.info.number));
            if (auto st = item->run(); !st)
                return st;
        }
        for (const AttachmentItem& a : sel.attachments) {
            item->reset();
            item->bind(1, id)
                .bind(2, std::string_view("attachment"))
                .bind(3, s8(a.testimonyId))
                .bind(4, s8(a.info.id));
            if (auto st = item->run(); !st)
                return st;
        }
        return {};
    };
    QJsonArray recipients;
    for (const QString& r : result.recipients)
        recipients.append(r);
    return store.recordCustodyForAll(
        [&]() -> Result<QList<QString>> {
            if (auto st = recordBundle(); !st)
                return std::unexpected(st.error());
            return sel.testimonies;
        },
        u"exported"_s, QJsonObject{{u"bundle"_s, result.bundleId}, {u"recipients"_s, recipients}});
}

} // namespace

std::uint64_t bundleBucketSize(std::uint64_t bytes) noexcept
{
    if (bytes <= kBundleMinBucket)
        return kBundleMinBucket;
    const int e = std::bit_width(bytes) - 1;                // floor(log2 L)
    const int s = std::bit_width(static_cast<unsigned>(e)); // floor(log2 E) + 1
    const int lastBits = e - s;
    const std::uint64_t mask = (std::uint64_t{1} << lastBits) - 1;
    return (bytes + mask) & ~mask;
}

Result<ExportResult> exportBundle(Database& db, BlobStore& blobs, const VaultIdentity& sender,
                                  const ExportOptions& options)
{
    if (options.destination.empty() || !fs::is_directory(options.destination))
        return fail(ErrorCode::InvalidArgument,
                    "The destination folder does not exist: " + options.destination.string());
    if (options.partSize != 0 && options.partSize < kBundleMinPartSize)
        return fail(ErrorCode::InvalidArgument,
                    "The part size must be at least " + std::to_string(kBundleMinPartSize) + " bytes.");
    auto recipientCards = chooseRecipients(db, options);
    if (!recipientCards)
        return std::unexpected(recipientCards.error());
    TestimonyStore store(db, blobs);
    auto sel = select(db, store, options);
    if (!sel)
        return std::unexpected(sel.error());
    auto previous = previousBundle(db);
    if (!previous)
        return std::unexpected(previous.error());

    const QDateTime created = (options.clock ? options.clock() : QDateTime::currentDateTimeUtc()).toUTC();
    ExportResult result;
    result.bundleId = options.bundleId.isEmpty() ? newRandomId() : options.bundleId;
    const QString fileName =
        options.fileName.isEmpty() ? QString::fromLatin1(toHex(randomBytes(10))) : options.fileName;
    std::vector<AgeRecipient> ageRecipients;
    QJsonArray recipientFps;
    for (const IdentityCard& c : *recipientCards) {
        ageRecipients.push_back(c.recipient);
        result.recipients.append(QString::fromStdString(c.fingerprint()));
        recipientFps.append(QString::fromStdString(c.fingerprint()));
    }
    const IdentityCard senderCard = sender.card();

    // The manifest: everything the bundle carries, known before any member is written.
    auto secret = sealSecret(db);
    if (!secret)
        return std::unexpected(secret.error());
    QJsonArray entries, attachments;
    std::uint64_t estimate = 0;
    for (const VersionItem& v : sel->versions) {
        const SecretBuffer key = versionSealKey(*secret, v.info.hash);
        entries.append(QJsonObject{{u"testimony_id"_s, v.testimonyId},
                                   {u"version"_s, v.info.number},
                                   {u"path"_s, entryPath(v.testimonyId, v.info.number)},
                                   {u"seal"_s, versionSeal(key.view(), v.info.hash)}});
        estimate += 2048;
    }
    for (const AttachmentItem& a : sel->attachments) {
        QJsonObject o{{u"id"_s, a.info.id},
                      {u"testimony_id"_s, a.testimonyId},
                      {u"path"_s, attachmentPath(a.info.id)},
                      {u"kind"_s, toString(a.info.kind)},
                      {u"media_type"_s, a.info.mediaType},
                      {u"size"_s, static_cast<double>(a.info.size)},
                      {u"sha256"_s, a.info.sha256},
                      {u"created"_s, a.info.created.toUTC().toString(Qt::ISODateWithMs)}};
        if (a.fileNameAllowed)
            o.insert(u"file_name"_s, a.info.fileName);
        if (a.info.captured)
            o.insert(u"captured"_s, a.info.captured->toUTC().toString(Qt::ISODateWithMs));
        if (!a.info.note.isEmpty())
            o.insert(u"note"_s, a.info.note);
        attachments.append(o);
        estimate += a.info.size + 512;
    }
    QJsonObject manifest{
        {u"format"_s, u"fieldvault-bundle"_s},
        {u"format_version"_s, 2},
        {u"bundle_id"_s, result.bundleId},
        {u"created"_s, created.toString(Qt::ISODateWithMs)},
        {u"previous_bundle_id"_s, previous->isEmpty() ? QJsonValue() : QJsonValue(*previous)},
        {u"sender"_s, cardJson(senderCard)},
        {u"recipients"_s, recipientFps},
        {u"identifying_included"_s, options.includeIdentifying},
        {u"testimonies"_s, QJsonArray::fromStringList(sel->testimonies)},
        {u"entries"_s, entries},
        {u"attachments"_s, attachments}};
    const QByteArray manifestBytes = QJsonDocument(manifest).toJson(QJsonDocument::Indented);

    PartSink sink(options.destination, s8(fileName), options.partSize, options.outputFault);
    auto encryptor = AgeEncryptor::create(sink, ageRecipients);
    if (!encryptor)
        return std::unexpected(encryptor.error());
    TarWriter tar(**encryptor, options);
    tar.setEstimate(estimate + manifestBytes.size());
    if (auto st = tar.open(); !st)
        return std::unexpected(st.error());

    if (auto st = tar.member("manifest.json", bytesOf(manifestBytes)); !st)
        return std::unexpected(st.error());
    for (const VersionItem& v : sel->versions) {
        bool redacted = false;
        auto json = entryJson(store, v, options, *secret, redacted);
        if (!json)
            return std::unexpected(json.error());
        if (auto st = tar.member(s8(entryPath(v.testimonyId, v.info.number)), bytesOf(*json)); !st)
            return std::unexpected(st.error());
        ++result.versions;
    }
    std::vector<std::uint8_t> buffer(kChunk);
    for (const AttachmentItem& a : sel->attachments) {
        auto reader = store.openAttachment(a.info.id);
        if (!reader)
            return std::unexpected(reader.error());
        if (reader->size() != a.info.size)
            return fail(ErrorCode::StoreDamaged, "attachment " + s8(a.info.id) + ": its size changed");
        if (auto st = tar.begin(s8(attachmentPath(a.info.id)), a.info.size); !st)
            return std::unexpected(st.error());
        std::uint64_t offset = 0;
        while (offset < a.info.size) {
            auto n = reader->read(offset, buffer);
            if (!n)
                return std::unexpected(n.error());
            if (*n == 0)
                return fail(ErrorCode::StoreDamaged,
                            "attachment " + s8(a.info.id) + " is shorter than recorded");
            if (auto st = tar.data(ByteView(buffer.data(), *n)); !st)
                return std::unexpected(st.error());
            offset += *n;
        }
        if (auto st = tar.end(); !st)
            return std::unexpected(st.error());
        if (QString::fromLatin1(toHex(tar.lastDigest())) != a.info.sha256)
            return fail(ErrorCode::StoreDamaged,
                        "attachment " + s8(a.info.id) + " does not match its recorded SHA-256; run verify");
        ++result.attachments;
    }
    QByteArray custody;
    for (const QString& id : sel->testimonies) {
        auto history = store.history(id);
        if (!history)
            return std::unexpected(history.error());
        for (const CustodyEvent& e : history->events)
            custody += custodyLine(id, e);
    }
    if (auto st = tar.member("custody.jsonl", bytesOf(custody)); !st)
        return std::unexpected(st.error());

    // Padding: sized so the finished tar is exactly a bucket size. The sizes of SHA256SUMS and
    // its signature are known in advance (fixed-length lines and signature encoding).
    const std::string comment = trustedComment(result.bundleId, senderCard, *recipientCards);
    auto probe = minisignSign(sender.signingKey(), asBytes("probe"), comment);
    if (!probe)
        return std::unexpected(probe.error());
    const std::uint64_t sigSize = probe->toFileText().size();
    const std::uint64_t sumsSize = tar.sums().size() + 64 + 2 + std::string_view("padding").size() + 1;
    const std::uint64_t unpadded = tar.logicalSize() + kTarBlock + kTarBlock + roundUp512(sumsSize) +
                                   kTarBlock + roundUp512(sigSize) + 2 * kTarBlock;
    result.tarSize = bundleBucketSize(unpadded);
    const std::uint64_t padding = result.tarSize - unpadded;
    tar.setEstimate(result.tarSize);
    if (auto st = tar.begin("padding", padding); !st)
        return std::unexpected(st.error());
    std::fill(buffer.begin(), buffer.end(), std::uint8_t{0});
    for (std::uint64_t left = padding; left > 0;) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, buffer.size()));
        if (auto st = tar.data(ByteView(buffer.data(), n)); !st)
            return std::unexpected(st.error());
        left -= n;
    }
    if (auto st = tar.end(); !st)
        return std::unexpected(st.error());

    const std::string sums = tar.sums();
    auto signature = minisignSign(sender.signingKey(), asBytes(sums), comment);
    if (!signature)
        return std::unexpected(signature.error());
    const std::string sigText = signature->toFileText();
    if (sums.size() != sumsSize || sigText.size() != sigSize)
        return fail(ErrorCode::Internal, "bundle export: padding arithmetic is off");
    if (auto st = tar.member("SHA256SUMS", asBytes(sums), false); !st)
        return std::unexpected(st.error());
    if (auto st = tar.member("SHA256SUMS.minisig", asBytes(sigText), false); !st)
        return std::unexpected(st.error());
    if (auto st = tar.close(); !st)
        return std::unexpected(st.error());
    if (tar.written() != result.tarSize || tar.logicalSize() != result.tarSize)
        return fail(ErrorCode::Internal, "bundle export: the tar size is not the bucket size");
    if (auto st = (*encryptor)->finish(); !st)
        return std::unexpected(st.error());
    result.size = sink.total();
    auto files = sink.commit();
    if (!files)
        return std::unexpected(files.error());
    result.files = std::move(*files);
    result.testimonies = static_cast<int>(sel->testimonies.size());
    if (auto st = recordExport(db, store, result, *sel, created, fileName); !st)
        return std::unexpected(
            Error{st.error().code,
                  "The bundle was written but recording the export failed: " + st.error().message});
    return result;
}

} // namespace fv
