#include "core/sync/SyncParsers.h"

#include "core/Card.h"
#include "core/TestimonyStore.h"
#include "core/sync/Seal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cmath>
#include <memory>
#include <set>

using namespace Qt::StringLiterals;

namespace fv {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

Error bad(std::string message)
{
    return Error{ErrorCode::InvalidInput, "bundle refused: " + std::move(message)};
}

Error badReceipt(std::string message)
{
    return Error{ErrorCode::InvalidInput, "receipt refused: " + std::move(message)};
}

// A name for a message: at most 100 bytes, control characters replaced.
std::string shown(std::string_view name)
{
    std::string out(name.substr(0, 100));
    for (char& c : out) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            c = '?';
    }
    return out;
}

bool isLowerHex(const QString& s, qsizetype length)
{
    if (s.size() != length)
        return false;
    for (QChar c : s) {
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    }
    return true;
}

// A non-negative integral JSON number no larger than `max` (exactly representable).
std::optional<std::uint64_t> wholeNumber(const QJsonValue& v, double max)
{
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < 0 || d > max || std::floor(d) != d)
        return std::nullopt;
    return static_cast<std::uint64_t>(d);
}

// A string JSON value of the id form.
std::optional<QString> idValue(const QJsonValue& v)
{
    if (!v.isString() || !isBundleIdText(v.toString().toStdString()))
        return std::nullopt;
    return v.toString();
}

struct ReadContext
{
    ByteSource* source = nullptr;
    std::vector<std::uint8_t> buffer = std::vector<std::uint8_t>(kChunk);
    std::optional<Error> error;
    std::uint64_t consumed = 0; ///< bytes handed to libarchive so far
};

la_ssize_t readCallback(struct archive* a, void* self, const void** buffer)
{
    auto* ctx = static_cast<ReadContext*>(self);
    auto n = ctx->source->read(ctx->buffer);
    if (!n) {
        ctx->error = n.error();
        archive_set_error(a, EIO, "%s", n.error().message.c_str());
        return -1;
    }
    *buffer = ctx->buffer.data();
    ctx->consumed += *n;
    return static_cast<la_ssize_t>(*n);
}

// Removes the staged blobs unless released.
struct StagingGuard
{
    BlobStore* store;
    std::vector<StagedAttachment>& items;
    bool released = false;
    ~StagingGuard()
    {
        if (released || store == nullptr)
            return;
        for (const StagedAttachment& a : items)
            static_cast<void>(store->remove(a.blobName));
    }
};

using ArchivePtr = std::unique_ptr<struct archive, decltype(&archive_read_free)>;

std::optional<IdentityCard> cardOf(const QJsonObject& s)
{
    for (const char* key : {"name", "role", "age_recipient", "minisign_public_key", "fingerprint"}) {
        if (!s.value(QLatin1StringView(key)).isString())
            return std::nullopt;
    }
    IdentityCard card;
    card.displayName = s.value(u"name"_s).toString();
    const auto role = roleFromText(s.value(u"role"_s).toString().toStdString());
    auto recipient = AgeRecipient::parse(s.value(u"age_recipient"_s).toString().toStdString());
    auto key = MinisignPublicKey::parse(s.value(u"minisign_public_key"_s).toString().toStdString());
    if (!role || !recipient || !key || !checkDisplayName(card.displayName))
        return std::nullopt;
    card.role = *role;
    card.recipient = *recipient;
    card.signingKey = *key;
    return card;
}

} // namespace

std::size_t StagedKeys::add(ByteView key)
{
    if (m_count % kPerChunk == 0)
        m_chunks.emplace_back(kPerChunk * kKeyBytes);
    std::copy(key.begin(), key.end(), m_chunks.back().data() + (m_count % kPerChunk) * kKeyBytes);
    return m_count++;
}

ByteView StagedKeys::at(std::size_t index) const
{
    return ByteView(m_chunks.at(index / kPerChunk).data() + (index % kPerChunk) * kKeyBytes, kKeyBytes);
}

bool isBundleIdText(std::string_view s) noexcept
{
    if (s.empty() || s.size() > 64)
        return false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')))
            return false;
    }
    return true;
}

std::optional<BundleMemberKind> bundleMemberKind(std::string_view name)
{
    if (name == "manifest.json")
        return BundleMemberKind::Manifest;
    if (name == "custody.jsonl")
        return BundleMemberKind::Custody;
    if (name == "padding")
        return BundleMemberKind::Padding;
    if (name == "SHA256SUMS")
        return BundleMemberKind::Sums;
    if (name == "SHA256SUMS.minisig")
        return BundleMemberKind::Signature;
    if (name.starts_with("attachments/") && isBundleIdText(name.substr(12)))
        return BundleMemberKind::Attachment;
    if (name.starts_with("entries/")) {
        const std::string_view rest = name.substr(8);
        const std::size_t slash = rest.find('/');
        if (slash == std::string_view::npos || !isBundleIdText(rest.substr(0, slash)))
            return std::nullopt;
        std::string_view file = rest.substr(slash + 1);
        if (!file.ends_with(".json"))
            return std::nullopt;
        file.remove_suffix(5);
        if (file.empty() || file.size() > 9 || file[0] == '0')
            return std::nullopt;
        for (char c : file) {
            if (c < '0' || c > '9')
                return std::nullopt;
        }
        return BundleMemberKind::Entry;
    }
    return std::nullopt;
}

Result<BundleMembers> readBundleMembers(ByteSource& tar, BlobStore* staging, const BundleReadLimits& limits,
                                        const std::map<std::string, Sha256Digest>* expected)
{
    ReadContext ctx;
    ctx.source = &tar;
    ArchivePtr a(archive_read_new(), &archive_read_free);
    if (!a || archive_read_support_format_tar(a.get()) != ARCHIVE_OK ||
        archive_read_open(a.get(), &ctx, nullptr, &readCallback, nullptr) != ARCHIVE_OK)
        return ctx.error ? std::unexpected(*ctx.error)
                         : std::unexpected(bad("the payload is not a tar archive"));

    BundleMembers out;
    StagingGuard guard{staging, out.attachments};
    std::vector<std::uint8_t> buffer(kChunk);
    std::uint64_t textBytes = 0, memberBytes = 0;
    for (;;) {
        struct archive_entry* e = nullptr;
        const int rc = archive_read_next_header(a.get(), &e);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc != ARCHIVE_OK) {
            if (ctx.error)
                return std::unexpected(*ctx.error);
            const char* why = archive_error_string(a.get());
            return std::unexpected(bad(std::string("the tar archive is malformed: ") + (why ? why : "?")));
        }
        const char* rawName = archive_entry_pathname(e);
        const std::string name = rawName ? rawName : "";
        if (out.members.size() >= limits.maxMembers)
            return std::unexpected(bad("too many members"));
        if (name.starts_with('/'))
            return std::unexpected(bad("member " + shown(name) + " has an absolute path"));
        if (name == ".." || name.starts_with("../") || name.find("/../") != std::string::npos ||
            name.ends_with("/.."))
            return std::unexpected(bad("member " + shown(name) + " has a \"..\" path"));
        if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e) != nullptr ||
            archive_entry_symlink(e) != nullptr)
            return std::unexpected(bad("member " + shown(name) + " is a link, a folder or a device"));
        // Plain ustar only: pax and GNU headers carry sparse maps (a few bytes that expand to
        // gigabytes), long names and other extensions no bundle needs.
        if (archive_format(a.get()) != ARCHIVE_FORMAT_TAR_USTAR || archive_entry_sparse_count(e) > 0)
            return std::unexpected(
                bad("member " + shown(name) + " uses a tar extension (pax, GNU or sparse)"));
        const auto kind = bundleMemberKind(name);
        if (!kind)
            return std::unexpected(bad("unexpected member " + shown(name)));
        if (expected != nullptr && !expected->contains(name))
            return std::unexpected(
                bad("member " + shown(name) + " was not there when the bundle was checked"));
        if (out.members.contains(name))
            return std::unexpected(bad("member " + name + " appears twice"));
        if (!archive_entry_size_is_set(e) || archive_entry_size(e) < 0)
            return std::unexpected(bad("member " + name + " has no size"));
        const auto size = static_cast<std::uint64_t>(archive_entry_size(e));
        const bool text = *kind != BundleMemberKind::Attachment && *kind != BundleMemberKind::Padding;
        if ((text && size > limits.maxJsonBytes) || size > limits.maxAttachmentBytes)
            return std::unexpected(bad("member " + name + " is too large"));
        if (text && size > limits.maxTextBytes - textBytes)
            return std::unexpected(bad("the text members are too large together (split the export)"));
        if (text)
            textBytes += size;

        BundleMember m{*kind, size, {}, {}};
        std::optional<BlobWriter> blob;
        std::size_t keyIndex = 0;
        if (*kind == BundleMemberKind::Attachment && staging != nullptr) {
            const SecretBuffer key = SecretBuffer::random(StagedKeys::kKeyBytes);
            keyIndex = out.keys.add(key.view());
            auto w = staging->create(key);
            if (!w)
                return std::unexpected(w.error());
            blob.emplace(std::move(*w));
        }
        // An attachment is hashed once: the blob store's digest of the plaintext it wrote is the
        // member's digest (checked against SHA256SUMS and the manifest by the caller).
        std::optional<Sha256> hash;
        if (!blob)
            hash.emplace();
        std::uint64_t got = 0;
        for (;;) {
            const la_ssize_t n = archive_read_data(a.get(), buffer.data(), buffer.size());
            if (n < 0) {
                if (ctx.error)
                    return std::unexpected(*ctx.error);
                return std::unexpected(bad("member " + name + " cannot be read"));
            }
            if (n == 0)
                break;
            const ByteView chunk(buffer.data(), static_cast<std::size_t>(n));
            got += chunk.size();
            if (got > size) // libarchive never gives more than the header says; be sure
                return std::unexpected(bad("member " + name + " is longer than its header says"));
            if (hash)
                hash->update(chunk);
            if (text)
                m.bytes.append(reinterpret_cast<const char*>(chunk.data()),
                               static_cast<qsizetype>(chunk.size()));
            if (blob) {
                if (auto st = blob->write(chunk); !st)
                    return std::unexpected(st.error());
            }
        }
        if (got != size)
            return std::unexpected(bad("member " + name + " is truncated"));
        memberBytes += size;
        if (memberBytes > ctx.consumed)
            return std::unexpected(bad("the members are longer than the archive"));
        if (blob) {
            auto info = blob->commit();
            if (!info)
                return std::unexpected(info.error());
            if (info->size != size) { // cannot happen: every byte read was written
                static_cast<void>(staging->remove(info->name));
                return std::unexpected(bad("member " + name + " was not staged whole"));
            }
            m.sha256 = info->sha256;
            out.attachments.push_back(StagedAttachment{QString::fromStdString(name.substr(12)), info->name,
                                                       keyIndex, size, QString::fromLatin1(toHex(m.sha256))});
        } else {
            m.sha256 = hash->finish();
        }
        if (expected != nullptr && expected->at(name) != m.sha256)
            return std::unexpected(Error{ErrorCode::AuthenticationFailed,
                                         "bundle refused: member " + name + " changed while it was read"});
        if (*kind == BundleMemberKind::Entry)
            out.entryOrder.push_back(name);
        out.members.emplace(name, std::move(m));
    }
    guard.released = true;
    return out;
}

Result<BundleManifest> parseManifest(const QByteArray& bytes)
{
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return std::unexpected(bad("manifest.json is not a JSON object"));
    BundleManifest out;
    out.json = doc.object();
    const QJsonObject& m = out.json;
    if (m.value(u"format"_s).toString() != u"fieldvault-bundle"_s)
        return std::unexpected(bad("manifest.json is not a Fieldvault bundle manifest"));
    const auto version = wholeNumber(m.value(u"format_version"_s), 1e6);
    if (!version || *version == 0)
        return std::unexpected(bad("the manifest's format_version is malformed"));
    if (*version > 2)
        return fail(ErrorCode::Unsupported, "bundle refused: made by a newer version of Fieldvault");
    out.formatVersion = static_cast<int>(*version);
    const auto id = idValue(m.value(u"bundle_id"_s));
    if (!id)
        return std::unexpected(bad("the manifest's bundle id is malformed"));
    out.bundleId = *id;

    const QJsonObject s = m.value(u"sender"_s).toObject();
    const auto card = cardOf(s);
    if (!card)
        return std::unexpected(bad("the manifest's sender is malformed"));
    if (s.value(u"fingerprint"_s).toString().toStdString() != card->fingerprint())
        return std::unexpected(bad("the manifest's sender fingerprint does not match its keys"));
    out.sender = *card;

    if (!m.value(u"recipients"_s).isArray())
        return std::unexpected(bad("the manifest's recipients are malformed"));
    for (const QJsonValue& v : m.value(u"recipients"_s).toArray()) {
        // A fingerprint: six groups of four base32 characters.
        const QString fp = v.toString();
        bool ok = v.isString() && fp.size() == 29;
        for (qsizetype i = 0; ok && i < fp.size(); ++i) {
            const QChar c = fp.at(i);
            ok = i % 5 == 4 ? c == u'-' : ((c >= u'A' && c <= u'Z') || (c >= u'2' && c <= u'7'));
        }
        if (!ok)
            return std::unexpected(bad("the manifest's recipients are malformed"));
        out.recipients.append(fp);
    }

    std::set<std::string> paths;
    if (!m.value(u"entries"_s).isArray() || !m.value(u"attachments"_s).isArray())
        return std::unexpected(bad("the manifest's entries or attachments are missing"));
    for (const QJsonValue& v : m.value(u"entries"_s).toArray()) {
        const QJsonObject o = v.toObject();
        ManifestEntry e;
        const auto tid = idValue(o.value(u"testimony_id"_s));
        const auto n = wholeNumber(o.value(u"version"_s), 999999999);
        const QString digest = o.value(out.formatVersion == 1 ? u"hash"_s : u"seal"_s).toString();
        if (!v.isObject() || !tid || !n || *n == 0 || !o.value(u"path"_s).isString() ||
            !isLowerHex(digest, 64))
            return std::unexpected(bad("the manifest lists a malformed entry"));
        e.testimonyId = *tid;
        e.version = static_cast<int>(*n);
        e.path = o.value(u"path"_s).toString().toStdString();
        e.digest = digest;
        if (e.path != "entries/" + tid->toStdString() + "/" + std::to_string(e.version) + ".json")
            return std::unexpected(bad("the manifest lists entry " + shown(e.path) + " under another name"));
        if (!paths.insert(e.path).second)
            return std::unexpected(bad("the manifest lists " + shown(e.path) + " twice"));
        out.entries.push_back(std::move(e));
    }
    for (const QJsonValue& v : m.value(u"attachments"_s).toArray()) {
        const QJsonObject o = v.toObject();
        ManifestAttachment a;
        const auto aid = idValue(o.value(u"id"_s));
        const auto tid = idValue(o.value(u"testimony_id"_s));
        const auto size = wholeNumber(o.value(u"size"_s), 9007199254740992.0); // 2^53
        if (!v.isObject() || !aid || !tid || !size || !o.value(u"path"_s).isString() ||
            !isLowerHex(o.value(u"sha256"_s).toString(), 64))
            return std::unexpected(bad("the manifest lists a malformed attachment"));
        a.id = *aid;
        a.testimonyId = *tid;
        a.size = *size;
        a.sha256 = o.value(u"sha256"_s).toString();
        a.path = o.value(u"path"_s).toString().toStdString();
        if (a.path != "attachments/" + aid->toStdString())
            return std::unexpected(
                bad("the manifest lists attachment " + shown(a.path) + " under another name"));
        if (!paths.insert(a.path).second)
            return std::unexpected(bad("the manifest lists " + shown(a.path) + " twice"));
        out.attachments.push_back(std::move(a));
    }
    return out;
}

Result<BundleEntry> parseEntry(const QByteArray& bytes, const std::string& name, int formatVersion,
                               const QString& digest)
{
    const auto refuse = [&](const std::string& what) {
        return std::unexpected(bad(shown(name) + " " + what));
    };
    QJsonParseError perr{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return refuse("is not a JSON object");
    const QJsonObject o = doc.object();
    BundleEntry out;
    const auto tid = idValue(o.value(u"testimony_id"_s));
    const auto n = wholeNumber(o.value(u"version"_s), 999999999);
    if (!tid || !n || *n == 0 ||
        name != "entries/" + tid->toStdString() + "/" + std::to_string(*n) + ".json" ||
        !o.value(u"content"_s).isObject())
        return refuse("does not describe the version its name says");
    out.testimonyId = *tid;
    out.version = static_cast<int>(*n);
    out.digest = digest;
    out.bytes = bytes;
    if (formatVersion == 1) {
        out.redacted = o.value(u"redacted"_s).toBool();
        out.hash = o.value(u"hash"_s).toString();
        return out;
    }
    if (o.value(u"format_version"_s) != QJsonValue(2) || o.value(u"seal"_s).toString() != digest ||
        !o.value(u"redacted"_s).isBool())
        return refuse("does not match the manifest (format or seal)");
    out.redacted = o.value(u"redacted"_s).toBool();
    if (out.redacted)
        return out;
    // Unredacted: the canonical content is the text between {"content": and the last
    // ,"content_sha256":" (the keys are sorted and no later key contains that text).
    const QString contentSha = o.value(u"content_sha256"_s).toString();
    const QString hash = o.value(u"hash"_s).toString();
    const QString sealKey = o.value(u"seal_key"_s).toString();
    const QByteArray head = "{\"content\":";
    const qsizetype end = bytes.lastIndexOf(",\"content_sha256\":\"");
    if (!isLowerHex(contentSha, 64) || !isLowerHex(hash, 64) || !isLowerHex(sealKey, 64) ||
        !bytes.startsWith(head) || end < head.size())
        return refuse("lacks the fields an unredacted entry carries");
    const QByteArray content = bytes.mid(head.size(), end - head.size());
    if (QString::fromStdString(
            toHex(sha256(ByteView(reinterpret_cast<const std::uint8_t*>(content.constData()),
                                  static_cast<std::size_t>(content.size()))))) != contentSha)
        return refuse("does not match its content_sha256");
    Bytes key;
    if (!fromHex(sealKey.toStdString(), key) || versionSeal(key, hash) != digest)
        return refuse("is not the version its seal names");
    if (o.contains(u"prev_hash"_s)) {
        const QString chain = versionChainHash(o.value(u"prev_hash"_s).toString(), content, out.testimonyId,
                                               out.version, o.value(u"created"_s).toString());
        if (chain != hash)
            return refuse("does not match its chain hash");
    }
    out.hash = hash;
    return out;
}

Result<ReceiptEnvelope> readReceiptArchive(ByteView tar)
{
    ArchivePtr a(archive_read_new(), &archive_read_free);
    if (!a || archive_read_support_format_tar(a.get()) != ARCHIVE_OK ||
        archive_read_open_memory(a.get(), tar.data(), tar.size()) != ARCHIVE_OK)
        return std::unexpected(badReceipt("the payload is not a tar archive"));
    std::optional<std::string> json, sigText;
    std::size_t total = 0;
    std::vector<char> buffer(kChunk);
    for (;;) {
        struct archive_entry* e = nullptr;
        const int rc = archive_read_next_header(a.get(), &e);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc != ARCHIVE_OK)
            return std::unexpected(badReceipt("the tar archive is malformed"));
        const std::string name = archive_entry_pathname(e) ? archive_entry_pathname(e) : "";
        if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e) != nullptr ||
            archive_entry_symlink(e) != nullptr || !archive_entry_size_is_set(e) || archive_entry_size(e) < 0)
            return std::unexpected(badReceipt("unexpected member " + shown(name)));
        const auto size = static_cast<std::uint64_t>(archive_entry_size(e));
        if (size > kReceiptMaxBytes - total)
            return std::unexpected(badReceipt("the receipt is too large"));
        std::optional<std::string>* target = name == "receipt.json"           ? &json
                                             : name == "receipt.json.minisig" ? &sigText
                                                                              : nullptr;
        if (target == nullptr || target->has_value())
            return std::unexpected(badReceipt("unexpected or duplicate member " + shown(name)));
        target->emplace();
        for (;;) {
            const la_ssize_t n = archive_read_data(a.get(), buffer.data(), buffer.size());
            if (n < 0)
                return std::unexpected(badReceipt("member " + name + " cannot be read"));
            if (n == 0)
                break;
            if ((*target)->size() + static_cast<std::size_t>(n) > size)
                return std::unexpected(badReceipt("member " + name + " is longer than its header says"));
            (*target)->append(buffer.data(), static_cast<std::size_t>(n));
        }
        if ((*target)->size() != size)
            return std::unexpected(badReceipt("member " + name + " is truncated"));
        total += size;
    }
    if (!json || !sigText || json->empty())
        return std::unexpected(badReceipt("receipt.json or its signature is missing"));
    auto sig = MinisignSignature::parse(*sigText);
    if (!sig)
        return std::unexpected(badReceipt("the signature is malformed"));
    return ReceiptEnvelope{std::move(*json), std::move(*sig)};
}

Result<ReceiptContent> parseReceiptJson(std::string_view json)
{
    if (json.size() > kReceiptMaxBytes)
        return std::unexpected(badReceipt("receipt.json is too large"));
    QJsonParseError perr{};
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray(json.data(), static_cast<qsizetype>(json.size())), &perr);
    if (perr.error != QJsonParseError::NoError || !doc.isObject())
        return std::unexpected(badReceipt("receipt.json is not a JSON object"));
    const QJsonObject r = doc.object();
    if (r.value(u"format"_s).toString() != u"fieldvault-receipt"_s)
        return std::unexpected(badReceipt("receipt.json is not a Fieldvault receipt"));
    const auto version = wholeNumber(r.value(u"format_version"_s), 1e6);
    if (!version || *version == 0)
        return std::unexpected(badReceipt("the receipt's format_version is malformed"));
    if (*version > 2)
        return fail(ErrorCode::Unsupported, "receipt refused: made by a newer version of Fieldvault");
    ReceiptContent out;
    out.formatVersion = static_cast<int>(*version);
    const bool v2 = out.formatVersion == 2;
    const auto bid = idValue(r.value(u"bundle_id"_s));
    if (!bid || !r.value(u"hq"_s).isString() || !r.value(u"to"_s).isString() ||
        !r.value(u"versions"_s).isArray() || !r.value(u"attachments"_s).isArray())
        return std::unexpected(badReceipt("receipt.json is malformed"));
    out.bundleId = *bid;
    out.hq = r.value(u"hq"_s).toString().toStdString();
    out.to = r.value(u"to"_s).toString().toStdString();
    for (const QJsonValue& v : r.value(u"versions"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const auto tid = idValue(o.value(u"testimony_id"_s));
        const auto n = wholeNumber(o.value(u"version"_s), 999999999);
        const QString digest = o.value(v2 ? u"seal"_s : u"hash"_s).toString();
        if (!v.isObject() || !tid || !n || *n == 0 || !isLowerHex(digest, 64) ||
            (v2 && !o.value(u"redacted"_s).isBool()))
            return std::unexpected(badReceipt("receipt.json lists a malformed version"));
        ReceiptVersion rv{*tid, static_cast<int>(*n), {}, {}, true};
        (v2 ? rv.seal : rv.hash) = digest;
        rv.redacted = !v2 || o.value(u"redacted"_s).toBool();
        out.versions.push_back(std::move(rv));
    }
    for (const QJsonValue& v : r.value(u"attachments"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const auto aid = idValue(o.value(u"id"_s));
        const auto tid = idValue(o.value(u"testimony_id"_s));
        if (!v.isObject() || !aid || !tid || !isLowerHex(o.value(u"sha256"_s).toString(), 64) ||
            (v2 && !o.value(u"redacted"_s).isBool()))
            return std::unexpected(badReceipt("receipt.json lists a malformed attachment"));
        out.attachments.push_back(ReceiptAttachment{*aid, *tid, o.value(u"sha256"_s).toString(),
                                                    !v2 || o.value(u"redacted"_s).toBool()});
    }
    return out;
}

} // namespace fv
