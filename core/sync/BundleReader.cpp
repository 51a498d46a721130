#include "core/sync/BundleReader.h"

#include "core/sync/SyncParsers.h"
#include "crypto/Age.h"
#include "crypto/ByteStream.h"
#include "crypto/Hash.h"
#include "crypto/Minisign.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>
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

// A part that is not a regular file (a pipe) cannot be read twice: it is read once, whole, into
// memory (at most this much; it is ciphertext), and both passes read that copy.
constexpr std::size_t kMaxStreamedPart = 64 * 1024 * 1024;
using PartCache = std::vector<std::optional<Bytes>>;

Result<PartCache> cacheStreams(std::span<const fs::path> files)
{
    PartCache cache(files.size());
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::error_code ec;
        if (fs::is_regular_file(files[i], ec))
            continue;
        const int fd = ::open(files[i].c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return fail(ErrorCode::Io, "cannot open " + files[i].string() + ": " + std::strerror(errno));
        FdSource src(fd);
        Bytes all;
        std::vector<std::uint8_t> chunk(kChunk);
        Status st;
        for (;;) {
            auto n = src.read(chunk);
            if (!n) {
                st = std::unexpected(n.error());
                break;
            }
            if (*n == 0)
                break;
            if (all.size() + *n > kMaxStreamedPart) {
                st = fail(ErrorCode::InvalidArgument,
                          files[i].string() + " is not a regular file and too large to read from a "
                                              "stream: save it to a file first");
                break;
            }
            all.insert(all.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(*n));
        }
        ::close(fd);
        if (!st)
            return std::unexpected(st.error());
        cache[i] = std::move(all);
    }
    return cache;
}

// Reads the files one after the other (a cached part from memory).
class PartsSource final : public ByteSource
{
public:
    PartsSource(std::span<const fs::path> files, const PartCache& cache) : m_files(files), m_cache(cache) {}
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
            if (m_memory) {
                const std::size_t n = std::min(out.size(), m_memory->size());
                std::copy_n(m_memory->begin(), n, out.begin());
                *m_memory = m_memory->subspan(n);
                if (n > 0)
                    return n;
                m_memory.reset();
            }
            if (m_fd < 0) {
                if (m_next >= m_files.size())
                    return 0;
                if (m_cache[m_next]) {
                    m_memory = ByteView(*m_cache[m_next]);
                    ++m_next;
                    continue;
                }
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
    const PartCache& m_cache;
    std::optional<ByteView> m_memory;
    std::size_t m_next = 0;
    int m_fd = -1;
};

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

// The staged attachment blobs; removed unless released.
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

// Decrypts the bundle in `files` and reads its members (readBundleMembers), then checks that the
// age payload ends right after the tar (this authenticates the final chunk).
Result<BundleMembers> readPass(std::span<const fs::path> files, const PartCache& cache,
                               const VaultIdentity& own, BlobStore* staging, const BundleReadLimits& limits,
                               const std::map<std::string, Sha256Digest>* expected)
{
    PartsSource parts(files, cache);
    std::vector<AgeIdentity> ids;
    ids.push_back(own.ageIdentity().clone());
    auto decryptor = AgeDecryptor::open(parts, ids);
    if (!decryptor) {
        if (decryptor.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound,
                        "bundle refused: it is not encrypted to this vault (wrong recipient)");
        return std::unexpected(decryptor.error());
    }
    auto read = readBundleMembers(**decryptor, staging, limits, expected);
    if (!read)
        return std::unexpected(read.error());
    const auto refuse = [&](Error e) -> Result<BundleMembers> {
        for (const StagedAttachment& a : read->attachments)
            static_cast<void>(staging->remove(a.blobName));
        return std::unexpected(std::move(e));
    };
    std::vector<std::uint8_t> buffer(kChunk);
    for (;;) {
        auto n = (*decryptor)->read(buffer);
        if (!n)
            return refuse(n.error());
        if (*n == 0)
            break;
        for (std::size_t i = 0; i < *n; ++i) {
            if (buffer[i] != 0)
                return refuse(bad("data follows the end of the tar archive"));
        }
    }
    return read;
}

// Every check of the members read (docs/bundle-format.md, "Verification at HQ", 4-9); the
// result has no attachments yet.
Result<VerifiedBundle> verifyMembers(const BundleMembers& read, const VaultIdentity& own, Database& db)
{
    const std::map<std::string, BundleMember>& members = read.members;
    // Signature over SHA256SUMS, by the key the manifest names, binding id and recipients.
    for (const char* required : {"manifest.json", "SHA256SUMS", "SHA256SUMS.minisig", "custody.jsonl"}) {
        if (!members.contains(required))
            return std::unexpected(bad(std::string("member ") + required + " is missing (unsigned bundle?)"));
    }
    auto manifest = parseManifest(members.at("manifest.json").bytes);
    if (!manifest)
        return std::unexpected(manifest.error());
    VerifiedBundle out;
    out.manifest = manifest->json;
    out.bundleId = manifest->bundleId;
    out.sender = manifest->sender;

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
    const std::string myFp = own.card().fingerprint();
    const std::string recipients = manifest->recipients.join(u',').toStdString();
    const bool mine = manifest->recipients.contains(QString::fromStdString(myFp));
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
        if (m.kind == BundleMemberKind::Sums || m.kind == BundleMemberKind::Signature)
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

    // The manifest against the members (parseManifest already refused a path listed twice).
    std::set<std::string> listed;
    for (const ManifestEntry& e : manifest->entries) {
        const auto it = members.find(e.path);
        if (it == members.end() || it->second.kind != BundleMemberKind::Entry)
            return std::unexpected(
                bad("the manifest lists an entry the bundle does not hold: " + e.path.substr(0, 100)));
        listed.insert(e.path);
    }
    for (const ManifestAttachment& a : manifest->attachments) {
        const auto it = members.find(a.path);
        if (it == members.end() || it->second.kind != BundleMemberKind::Attachment ||
            a.size != it->second.size || a.sha256 != QString::fromLatin1(toHex(it->second.sha256)))
            return std::unexpected(bad("the manifest and attachment " + a.path.substr(0, 100) + " disagree"));
        listed.insert(a.path);
    }
    for (const auto& [name, m] : members) {
        if ((m.kind == BundleMemberKind::Entry || m.kind == BundleMemberKind::Attachment) &&
            !listed.contains(name))
            return std::unexpected(bad("member " + name + " is not in the manifest"));
    }
    std::map<std::string, QString> digests;
    for (const ManifestEntry& e : manifest->entries)
        digests.emplace(e.path, e.digest);
    for (const std::string& name : read.entryOrder) {
        auto entry = parseEntry(members.at(name).bytes, name, manifest->formatVersion, digests.at(name));
        if (!entry)
            return std::unexpected(entry.error());
        out.entries.push_back(std::move(*entry));
    }
    out.custody = members.at("custody.jsonl").bytes;

    // Sender pinning: an enrolled card with exactly these keys (a key id is only a hint).
    auto candidates = enrolledCardsByKeyId(db, out.sender.signingKey.keyId);
    if (!candidates)
        return std::unexpected(candidates.error());
    for (const EnrolledCard& c : *candidates)
        out.senderPinned = out.senderPinned || (c.card.recipient == out.sender.recipient &&
                                                c.card.signingKey == out.sender.signingKey);
    return out;
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

    // Pass 1: every check, nothing staged, so an unsigned, forged or malformed bundle costs HQ the
    // time to read it and no disk. Pass 2 stages the attachments, and every member must end with
    // the digest pass 1 verified (the file may have changed in between), then the checks run again.
    auto cache = cacheStreams(files);
    if (!cache)
        return std::unexpected(cache.error());
    std::map<std::string, Sha256Digest> digests;
    {
        auto first = readPass(files, *cache, own, nullptr, limits, nullptr);
        if (!first)
            return std::unexpected(first.error());
        auto checked = verifyMembers(*first, own, db);
        if (!checked)
            return std::unexpected(checked.error());
        for (const auto& [name, m] : first->members)
            digests.emplace(name, m.sha256);
    }

    // Attachments go into encrypted staging blobs. Those get no twin while they are untrusted (a
    // twin would outlive a refused bundle's staged file in the other folder); the ones imported get
    // theirs at the next lock (core/Chaff.h).
    auto untwinned = BlobStore::open(staging.directory());
    if (!untwinned)
        return std::unexpected(untwinned.error());
    auto read = readPass(files, *cache, own, &*untwinned, limits, &digests);
    if (!read)
        return std::unexpected(read.error());
    Staging staged{staging, std::move(read->attachments), false};
    auto out = verifyMembers(*read, own, db);
    if (!out)
        return std::unexpected(out.error());
    out->attachments = std::move(staged.items);
    out->keys = std::move(read->keys);
    staged.items.clear();
    staged.released = true;
    return out;
}

} // namespace fv
