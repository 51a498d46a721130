#include "core/sync/BundleReader.h"

#include "crypto/Age.h"
#include "crypto/ByteStream.h"
#include "crypto/Hash.h"
#include "crypto/Minisign.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <optional>
#include <set>
#include <unistd.h>

using namespace Qt::StringLiterals;
namespace fs = std::filesystem;

namespace fv {
namespace {

constexpr std::size_t kChunk = 64 * 1024;

Error bad(std::string message)
{
    return Error{ErrorCode::InvalidInput, "bundle refused: " + std::move(message)};
}

Error forged(std::string message)
{
    return Error{ErrorCode::AuthenticationFailed, "bundle refused: " + std::move(message)};
}

// The part number of "NAME.NNN", or 0.
int partNumber(const fs::path& p)
{
    const std::string ext = p.extension().string();
    if (ext.size() != 4 || ext[0] != '.')
        return 0;
    int n = 0;
    for (std::size_t i = 1; i < 4; ++i) {
        if (ext[i] < '0' || ext[i] > '9')
            return 0;
        n = n * 10 + (ext[i] - '0');
    }
    return n;
}

// Reads the files one after the other.
class PartsSource final : public ByteSource
{
public:
    explicit PartsSource(std::span<const fs::path> files) : m_files(files) {}
    PartsSource(const PartsSource&) = delete;
    PartsSource& operator=(const PartsSource&) = delete;
    ~PartsSource() override
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    Result<std::size_t> read(MutableByteView out) override
    {
        while (true) {
            if (m_fd < 0) {
                if (m_next >= m_files.size())
                    return 0;
                m_fd = ::open(m_files[m_next].c_str(), O_RDONLY | O_CLOEXEC);
                if (m_fd < 0)
                    return fail(ErrorCode::Io,
                                "cannot open " + m_files[m_next].string() + ": " + std::strerror(errno));
                ++m_next;
            }
            FdSource src(m_fd);
            auto n = src.read(out);
            if (!n || *n > 0)
                return n;
            ::close(m_fd);
            m_fd = -1;
        }
    }

private:
    std::span<const fs::path> m_files;
    std::size_t m_next = 0;
    int m_fd = -1;
};

bool isIdText(std::string_view s)
{
    if (s.empty() || s.size() > 64)
        return false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')))
            return false;
    }
    return true;
}

enum class MemberKind
{
    Manifest,
    Entry,
    Attachment,
    Custody,
    Padding,
    Sums,
    Signature,
};

std::optional<MemberKind> memberKind(std::string_view name)
{
    if (name == "manifest.json")
        return MemberKind::Manifest;
    if (name == "custody.jsonl")
        return MemberKind::Custody;
    if (name == "padding")
        return MemberKind::Padding;
    if (name == "SHA256SUMS")
        return MemberKind::Sums;
    if (name == "SHA256SUMS.minisig")
        return MemberKind::Signature;
    if (name.starts_with("attachments/") && isIdText(name.substr(12)))
        return MemberKind::Attachment;
    if (name.starts_with("entries/")) {
        const std::string_view rest = name.substr(8);
        const std::size_t slash = rest.find('/');
        if (slash == std::string_view::npos || !isIdText(rest.substr(0, slash)))
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
        return MemberKind::Entry;
    }
    return std::nullopt;
}

struct Member
{
    MemberKind kind;
    std::uint64_t size = 0;
    Sha256Digest sha256{};
    QByteArray bytes; ///< JSON and text members only
};

// Everything staged so far; removed unless released.
struct Staging
{
    BlobStore& store;
    std::vector<StagedAttachment> items;
    bool released = false;
    ~Staging()
    {
        if (released)
            return;
        for (const StagedAttachment& a : items)
            static_cast<void>(store.remove(a.blobName));
    }
};

struct ReadContext
{
    ByteSource* source = nullptr;
    std::vector<std::uint8_t> buffer = std::vector<std::uint8_t>(kChunk);
    std::optional<Error> error;
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
    return static_cast<la_ssize_t>(*n);
}

Result<std::map<std::string, Sha256Digest>> parseSums(const QByteArray& text)
{
    std::map<std::string, Sha256Digest> out;
    const std::string s = text.toStdString();
    if (s.empty() || s.back() != '\n')
        return std::unexpected(bad("SHA256SUMS is empty or does not end with a line break"));
    std::size_t pos = 0;
    while (pos < s.size()) {
        const std::size_t end = s.find('\n', pos);
        const std::string line = s.substr(pos, end - pos);
        pos = end + 1;
        Bytes digest;
        if (line.size() < 67 || (line.compare(64, 2, "  ") != 0 && line.compare(64, 2, " *") != 0) ||
            !fromHex(line.substr(0, 64), digest) || digest.size() != 32)
            return std::unexpected(bad("SHA256SUMS has a malformed line"));
        Sha256Digest d{};
        std::copy(digest.begin(), digest.end(), d.begin());
        if (!out.emplace(line.substr(66), d).second)
            return std::unexpected(bad("SHA256SUMS lists " + line.substr(66) + " twice"));
    }
    return out;
}

Result<IdentityCard> senderOf(const QJsonObject& manifest)
{
    const QJsonObject s = manifest.value(u"sender"_s).toObject();
    IdentityCard card;
    card.displayName = s.value(u"name"_s).toString();
    const auto role = roleFromText(s.value(u"role"_s).toString().toStdString());
    auto recipient = AgeRecipient::parse(s.value(u"age_recipient"_s).toString().toStdString());
    auto key = MinisignPublicKey::parse(s.value(u"minisign_public_key"_s).toString().toStdString());
    if (!role || !recipient || !key || !checkDisplayName(card.displayName))
        return std::unexpected(bad("the manifest's sender is malformed"));
    card.role = *role;
    card.recipient = *recipient;
    card.signingKey = *key;
    if (s.value(u"fingerprint"_s).toString().toStdString() != card.fingerprint())
        return std::unexpected(bad("the manifest's sender fingerprint does not match its keys"));
    return card;
}

} // namespace

Result<VerifiedBundle> readBundle(std::span<const fs::path> files, const VaultIdentity& own, Database& db,
                                  BlobStore& staging, const BundleReadLimits& limits)
{
    if (files.empty())
        return fail(ErrorCode::InvalidArgument, "no bundle file given");
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (!fs::exists(files[i]))
            return fail(ErrorCode::NotFound, "There is no file " + files[i].string() + ".");
        if (files.size() > 1) {
            const int n = partNumber(files[i]);
            if (n != static_cast<int>(i) + 1 || files[i].stem() != files[0].stem()) {
                char want[24];
                std::snprintf(want, sizeof want, "%03zu", i + 1);
                return fail(ErrorCode::NotFound, std::string("part ") + want + " of the bundle is missing");
            }
        }
    }
    if (files.size() == 1 && partNumber(files[0]) > 1)
        return fail(ErrorCode::NotFound, "part 001 of the bundle is missing");

    PartsSource parts(files);
    std::vector<AgeIdentity> ids;
    ids.push_back(own.ageIdentity().clone());
    auto decryptor = AgeDecryptor::open(parts, ids);
    if (!decryptor) {
        if (decryptor.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound,
                        "bundle refused: it is not encrypted to this vault (wrong recipient)");
        return std::unexpected(decryptor.error());
    }

    ReadContext ctx;
    ctx.source = decryptor->get();
    std::unique_ptr<struct archive, decltype(&archive_read_free)> a(archive_read_new(), &archive_read_free);
    if (!a || archive_read_support_format_tar(a.get()) != ARCHIVE_OK ||
        archive_read_open(a.get(), &ctx, nullptr, &readCallback, nullptr) != ARCHIVE_OK)
        return ctx.error ? std::unexpected(*ctx.error)
                         : std::unexpected(bad("the payload is not a tar archive"));

    Staging staged{staging, {}, false};
    std::map<std::string, Member> members;
    std::vector<std::string> entryOrder;
    std::vector<std::uint8_t> buffer(kChunk);
    for (;;) {
        struct archive_entry* e = nullptr;
        const int rc = archive_read_next_header(a.get(), &e);
        if (rc == ARCHIVE_EOF)
            break;
        if (rc != ARCHIVE_OK) {
            if (ctx.error)
                return std::unexpected(*ctx.error);
            return std::unexpected(
                bad(std::string("the tar archive is malformed: ") +
                    (archive_error_string(a.get()) ? archive_error_string(a.get()) : "?")));
        }
        const char* rawName = archive_entry_pathname(e);
        const std::string name = rawName ? rawName : "";
        if (members.size() >= limits.maxMembers)
            return std::unexpected(bad("too many members"));
        if (name.starts_with('/'))
            return std::unexpected(bad("member " + name.substr(0, 100) + " has an absolute path"));
        if (name == ".." || name.starts_with("../") || name.find("/../") != std::string::npos ||
            name.ends_with("/.."))
            return std::unexpected(bad("member " + name.substr(0, 100) + " has a \"..\" path"));
        if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e) != nullptr ||
            archive_entry_symlink(e) != nullptr)
            return std::unexpected(bad("member " + name.substr(0, 100) + " is a link, a folder or a device"));
        const auto kind = memberKind(name);
        if (!kind)
            return std::unexpected(bad("unexpected member " + name.substr(0, 100)));
        if (members.contains(name))
            return std::unexpected(bad("member " + name + " appears twice"));
        if (!archive_entry_size_is_set(e) || archive_entry_size(e) < 0)
            return std::unexpected(bad("member " + name + " has no size"));
        const auto size = static_cast<std::uint64_t>(archive_entry_size(e));
        const bool text = *kind != MemberKind::Attachment && *kind != MemberKind::Padding;
        if ((text && size > limits.maxJsonBytes) || size > limits.maxAttachmentBytes)
            return std::unexpected(bad("member " + name + " is too large"));

        Member m{*kind, size, {}, {}};
        Sha256 hash;
        std::optional<BlobWriter> blob;
        SecretBuffer key;
        if (*kind == MemberKind::Attachment) {
            key = SecretBuffer::random(32);
            auto w = staging.create(key);
            if (!w)
                return std::unexpected(w.error());
            blob.emplace(std::move(*w));
        }
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
            hash.update(chunk);
            got += chunk.size();
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
        m.sha256 = hash.finish();
        if (blob) {
            auto info = blob->commit();
            if (!info)
                return std::unexpected(info.error());
            staged.items.push_back(StagedAttachment{QString::fromStdString(name.substr(12)), info->name,
                                                    std::move(key), size,
                                                    QString::fromLatin1(toHex(m.sha256))});
        }
        if (*kind == MemberKind::Entry)
            entryOrder.push_back(name);
        members.emplace(name, std::move(m));
    }
    // The tar ended; the age payload must end right after (this authenticates the final chunk).
    for (;;) {
        auto n = (*decryptor)->read(buffer);
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;
        for (std::size_t i = 0; i < *n; ++i) {
            if (buffer[i] != 0)
                return std::unexpected(bad("data follows the end of the tar archive"));
        }
    }

    // Signature over SHA256SUMS, by the key the manifest names, binding id and recipients.
    for (const char* required : {"manifest.json", "SHA256SUMS", "SHA256SUMS.minisig", "custody.jsonl"}) {
        if (!members.contains(required))
            return std::unexpected(bad(std::string("member ") + required + " is missing (unsigned bundle?)"));
    }
    QJsonParseError perr{};
    const QJsonDocument manifestDoc = QJsonDocument::fromJson(members.at("manifest.json").bytes, &perr);
    if (perr.error != QJsonParseError::NoError || !manifestDoc.isObject())
        return std::unexpected(bad("manifest.json is not a JSON object"));
    VerifiedBundle out;
    out.manifest = manifestDoc.object();
    if (out.manifest.value(u"format"_s).toString() != u"fieldvault-bundle"_s)
        return std::unexpected(bad("manifest.json is not a Fieldvault bundle manifest"));
    if (out.manifest.value(u"format_version"_s).toInt() != 1)
        return fail(ErrorCode::Unsupported, "bundle refused: made by a newer version of Fieldvault");
    out.bundleId = out.manifest.value(u"bundle_id"_s).toString();
    if (!isIdText(out.bundleId.toStdString()))
        return std::unexpected(bad("the manifest's bundle id is malformed"));
    auto sender = senderOf(out.manifest);
    if (!sender)
        return std::unexpected(sender.error());
    out.sender = *sender;

    const std::string sigText = members.at("SHA256SUMS.minisig").bytes.toStdString();
    auto sig = MinisignSignature::parse(sigText);
    if (!sig)
        return std::unexpected(bad("SHA256SUMS.minisig is malformed"));
    const QByteArray& sumsText = members.at("SHA256SUMS").bytes;
    if (auto st = minisignVerify(out.sender.signingKey, *sig,
                                 ByteView(reinterpret_cast<const std::uint8_t*>(sumsText.constData()),
                                          static_cast<std::size_t>(sumsText.size())));
        !st)
        return std::unexpected(forged("the signature does not verify with the sender's key"));
    std::string recipients;
    bool mine = false;
    const std::string myFp = own.card().fingerprint();
    for (const QJsonValue& v : out.manifest.value(u"recipients"_s).toArray()) {
        const std::string fp = v.toString().toStdString();
        recipients += (recipients.empty() ? "" : ",") + fp;
        mine = mine || fp == myFp;
    }
    const std::string expected = "fieldvault-bundle v1 bundle=" + out.bundleId.toStdString() +
                                 " sender=" + out.sender.fingerprint() + " recipients=" + recipients;
    if (sig->trustedComment != expected)
        return std::unexpected(
            forged("the signed comment does not match the bundle id, sender or recipients"));
    if (!mine)
        return std::unexpected(forged("this vault is not among the signed recipients (re-sealed bundle?)"));

    // SHA256SUMS covers every other member, and only members.
    auto sums = parseSums(sumsText);
    if (!sums)
        return std::unexpected(sums.error());
    for (const auto& [name, m] : members) {
        if (m.kind == MemberKind::Sums || m.kind == MemberKind::Signature)
            continue;
        const auto it = sums->find(name);
        if (it == sums->end())
            return std::unexpected(bad("member " + name + " is not in SHA256SUMS"));
        if (it->second != m.sha256)
            return std::unexpected(forged("member " + name + " does not match its checksum"));
    }
    for (const auto& [name, digest] : *sums) {
        if (!members.contains(name) || name == "SHA256SUMS" || name == "SHA256SUMS.minisig")
            return std::unexpected(
                bad("SHA256SUMS lists " + name.substr(0, 100) + ", which is not a member"));
    }

    // The manifest against the members.
    std::set<std::string> listedEntries, listedAttachments;
    for (const QJsonValue& v : out.manifest.value(u"entries"_s).toArray()) {
        const std::string path = v.toObject().value(u"path"_s).toString().toStdString();
        const auto it = members.find(path);
        if (it == members.end() || it->second.kind != MemberKind::Entry || !listedEntries.insert(path).second)
            return std::unexpected(
                bad("the manifest lists an entry the bundle does not hold: " + path.substr(0, 100)));
    }
    for (const QJsonValue& v : out.manifest.value(u"attachments"_s).toArray()) {
        const QJsonObject o = v.toObject();
        const std::string path = o.value(u"path"_s).toString().toStdString();
        const auto it = members.find(path);
        if (it == members.end() || it->second.kind != MemberKind::Attachment ||
            !listedAttachments.insert(path).second ||
            static_cast<std::uint64_t>(o.value(u"size"_s).toDouble(-1)) != it->second.size ||
            o.value(u"sha256"_s).toString() != QString::fromLatin1(toHex(it->second.sha256)))
            return std::unexpected(bad("the manifest and attachment " + path.substr(0, 100) + " disagree"));
    }
    for (const auto& [name, m] : members) {
        if ((m.kind == MemberKind::Entry && !listedEntries.contains(name)) ||
            (m.kind == MemberKind::Attachment && !listedAttachments.contains(name)))
            return std::unexpected(bad("member " + name + " is not in the manifest"));
    }
    for (const std::string& name : entryOrder) {
        const QByteArray& bytes = members.at(name).bytes;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject())
            return std::unexpected(bad(name + " is not a JSON object"));
        const QJsonObject o = doc.object();
        const std::string want = "entries/" + o.value(u"testimony_id"_s).toString().toStdString() + "/" +
                                 std::to_string(o.value(u"version"_s).toInt()) + ".json";
        if (want != name || !o.value(u"content"_s).isObject())
            return std::unexpected(bad(name + " does not describe the version its name says"));
        out.entries.append(bytes);
    }
    out.custody = members.at("custody.jsonl").bytes;

    // Sender pinning.
    auto pinned = findEnrolledCardByKeyId(db, out.sender.signingKey.keyId);
    if (pinned) {
        out.senderPinned = pinned->card.recipient == out.sender.recipient &&
                           pinned->card.signingKey == out.sender.signingKey;
    } else if (pinned.error().code != ErrorCode::NotFound) {
        return std::unexpected(pinned.error());
    }
    out.attachments = std::move(staged.items);
    staged.items.clear();
    staged.released = true;
    return out;
}

} // namespace fv
