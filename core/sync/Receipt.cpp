#include "core/sync/Receipt.h"

#include "core/TestimonyStore.h"
#include "core/sync/BundleWriter.h"
#include "core/sync/Seal.h"
#include "core/sync/SyncParsers.h"
#include "crypto/Age.h"
#include "crypto/ByteStream.h"
#include "crypto/Minisign.h"
#include "crypto/Random.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <archive.h>
#include <archive_entry.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <set>
#include <unistd.h>

using namespace Qt::StringLiterals;
namespace fs = std::filesystem;

namespace fv {
namespace {

constexpr std::size_t kMaxReceiptBytes = 64 * 1024 * 1024;

std::string s8(const QString& s)
{
    return s.toStdString();
}

std::string receiptComment(const QString& bundleId, const std::string& hq, const std::string& to)
{
    return "fieldvault-receipt v1 bundle=" + s8(bundleId) + " hq=" + hq + " to=" + to;
}

la_ssize_t toSink(struct archive*, void* sink, const void* buffer, std::size_t length)
{
    auto* s = static_cast<MemorySink*>(sink);
    if (!s->write(ByteView(static_cast<const std::uint8_t*>(buffer), length)))
        return -1;
    return static_cast<la_ssize_t>(length);
}

// A ustar archive of the given members, in memory (receipts are small).
Result<Bytes> tarOf(const std::vector<std::pair<std::string, std::string>>& members)
{
    MemorySink sink;
    std::unique_ptr<struct archive, decltype(&archive_write_free)> a(archive_write_new(),
                                                                     &archive_write_free);
    if (!a || archive_write_set_format_ustar(a.get()) != ARCHIVE_OK ||
        archive_write_set_bytes_in_last_block(a.get(), 1) != ARCHIVE_OK ||
        archive_write_open2(a.get(), &sink, nullptr, &toSink, nullptr, nullptr) != ARCHIVE_OK)
        return fail(ErrorCode::Internal, "libarchive: cannot start a receipt archive");
    for (const auto& [name, data] : members) {
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(),
                                                                        &archive_entry_free);
        archive_entry_set_pathname(e.get(), name.c_str());
        archive_entry_set_filetype(e.get(), AE_IFREG);
        archive_entry_set_perm(e.get(), 0644);
        archive_entry_set_size(e.get(), static_cast<la_int64_t>(data.size()));
        if (archive_write_header(a.get(), e.get()) != ARCHIVE_OK ||
            archive_write_data(a.get(), data.data(), data.size()) != static_cast<la_ssize_t>(data.size()) ||
            archive_write_finish_entry(a.get()) != ARCHIVE_OK)
            return fail(ErrorCode::Internal, "libarchive: cannot write the receipt archive");
    }
    if (archive_write_close(a.get()) != ARCHIVE_OK)
        return fail(ErrorCode::Internal, "libarchive: cannot finish the receipt archive");
    return sink.take();
}

Status writeAtomically(const fs::path& path, ByteView data)
{
    const fs::path temp = path.parent_path() / ("." + path.filename().string() + ".tmp");
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return fail(ErrorCode::Io, "cannot create " + temp.string() + ": " + std::strerror(errno));
    FdSink sink(fd);
    Status st = sink.write(data);
    if (st && ::fsync(fd) != 0)
        st = fail(ErrorCode::Io, "cannot sync " + temp.string());
    ::close(fd);
    if (st && ::rename(temp.c_str(), path.c_str()) != 0)
        st = fail(ErrorCode::Io, "cannot rename " + temp.string());
    if (!st) {
        ::unlink(temp.c_str());
        return st;
    }
    const int dfd = ::open(path.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

Error bad(const std::string& m)
{
    return Error{ErrorCode::InvalidInput, "receipt refused: " + m};
}

} // namespace

Result<ReceiptIssued> issueReceipt(Database& db, const VaultIdentity& hq, const QString& bundleId,
                                   const fs::path& directory, const QDateTime& now)
{
    auto stmt = db.prepare("SELECT sender_fingerprint, quarantined, manifest "
                           "FROM bundles_in WHERE id = ?1");
    if (!stmt)
        return std::unexpected(stmt.error());
    const std::string id = s8(bundleId);
    stmt->bind(1, id);
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, "No bundle " + id.substr(0, 64) + " was imported into this vault.");
    const std::string senderFp = stmt->columnText(0);
    if (stmt->columnInt(1) != 0)
        return fail(ErrorCode::InvalidInput, "Bundle " + id +
                                                 " is quarantined (its sender was not enrolled): "
                                                 "enrol the sender's card, then import a new bundle.");
    const std::string manifestText = stmt->columnText(2);
    auto sender = findEnrolledCard(db, senderFp);
    if (!sender)
        return fail(ErrorCode::NotFound, "The sender of bundle " + id + " is no longer enrolled.");
    auto manifest =
        parseManifest(QByteArray(manifestText.data(), static_cast<qsizetype>(manifestText.size())));
    if (!manifest)
        return fail(ErrorCode::StoreDamaged, "The stored manifest of bundle " + id + " no longer parses.");

    // Only what HQ holds in exactly the form the bundle carried: each item joined on its digest
    // with what is stored (a copy that differed from one held before is stored too, as a
    // conflict, and so is acknowledged; a copy never stored is not).
    QJsonArray versions, attachments;
    auto heldVersion = db.prepare("SELECT redacted FROM received_versions WHERE sender_fingerprint = ?1 AND "
                                  "testimony_id = ?2 AND version = ?3 AND digest = ?4");
    auto heldAttachment =
        db.prepare("SELECT metadata FROM received_attachments WHERE sender_fingerprint = ?1 "
                   "AND id = ?2 AND sha256 = ?3");
    if (!heldVersion)
        return std::unexpected(heldVersion.error());
    if (!heldAttachment)
        return std::unexpected(heldAttachment.error());
    for (const ManifestEntry& e : manifest->entries) {
        heldVersion->reset();
        heldVersion->bind(1, senderFp)
            .bind(2, s8(e.testimonyId))
            .bind(3, std::int64_t{e.version})
            .bind(4, s8(e.digest));
        auto held = heldVersion->step();
        if (!held)
            return std::unexpected(held.error());
        if (!*held)
            continue;
        versions.append(QJsonObject{{u"testimony_id"_s, e.testimonyId},
                                    {u"version"_s, e.version},
                                    {u"seal"_s, e.digest},
                                    {u"redacted"_s, heldVersion->columnInt(0) != 0}});
    }
    for (const ManifestAttachment& a : manifest->attachments) {
        heldAttachment->reset();
        heldAttachment->bind(1, senderFp).bind(2, s8(a.id)).bind(3, s8(a.sha256));
        auto held = heldAttachment->step();
        if (!held)
            return std::unexpected(held.error());
        if (!*held)
            continue;
        const std::string meta = heldAttachment->columnText(0);
        const bool named =
            QJsonDocument::fromJson(QByteArray(meta.data(), static_cast<qsizetype>(meta.size())))
                .object()
                .contains(u"file_name"_s);
        attachments.append(QJsonObject{{u"id"_s, a.id},
                                       {u"testimony_id"_s, a.testimonyId},
                                       {u"sha256"_s, a.sha256},
                                       {u"redacted"_s, !named}});
    }
    const std::string hqFp = hq.card().fingerprint();
    QJsonObject receipt{{u"format"_s, u"fieldvault-receipt"_s},
                              {u"format_version"_s, 2},
                              {u"bundle_id"_s, bundleId},
                              {u"hq"_s, QString::fromStdString(hqFp)},
                              {u"to"_s, QString::fromStdString(senderFp)},
                              {u"issued"_s, now.toUTC().toString(Qt::ISODateWithMs)},
                              {u"versions"_s, versions},
                              {u"attachments"_s, attachments}};
    // Padded like a bundle (docs/bundle-format.md, "Padding"), so the file's size does not count
    // the items: receipt.json grows to a bucket size with spaces in "padding".
    receipt.insert(u"padding"_s, QString());
    const qsizetype unpadded = QJsonDocument(receipt).toJson(QJsonDocument::Indented).size();
    const auto bucket = static_cast<qsizetype>(bundleBucketSize(static_cast<std::uint64_t>(unpadded)));
    receipt.insert(u"padding"_s, QString(bucket - unpadded, u' '));
    const QByteArray json = QJsonDocument(receipt).toJson(QJsonDocument::Indented);
    if (json.size() != bucket)
        return fail(ErrorCode::Internal, "receipt: padding arithmetic is off");
    auto sig = minisignSign(hq.signingKey(),
                            ByteView(reinterpret_cast<const std::uint8_t*>(json.constData()),
                                     static_cast<std::size_t>(json.size())),
                            receiptComment(bundleId, hqFp, senderFp));
    if (!sig)
        return std::unexpected(sig.error());
    auto tar = tarOf({{"receipt.json", json.toStdString()}, {"receipt.json.minisig", sig->toFileText()}});
    if (!tar)
        return std::unexpected(tar.error());
    MemorySource src(*tar);
    MemorySink encrypted;
    const std::vector<AgeRecipient> to{sender->card.recipient};
    if (auto st = ageEncrypt(src, encrypted, to); !st)
        return std::unexpected(st.error());
    ReceiptIssued out;
    out.file = directory / toHex(randomBytes(10));
    if (auto st = writeAtomically(out.file, encrypted.data()); !st)
        return std::unexpected(st.error());
    out.bundleId = bundleId;
    out.versions = static_cast<int>(versions.size());
    out.attachments = static_cast<int>(attachments.size());
    return out;
}

Result<ReceiptApplied> applyReceipt(Database& db, BlobStore& blobs, const VaultIdentity& own,
                                    const fs::path& file, const QDateTime& now)
{
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec)
        return fail(ErrorCode::NotFound, "There is no file " + file.string() + ".");
    if (size > kMaxReceiptBytes)
        return std::unexpected(bad("the file is too large to be a receipt"));
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::Io, "cannot open " + file.string());
    FdSource in(fd);
    MemorySink plain;
    std::vector<AgeIdentity> ids;
    ids.push_back(own.ageIdentity().clone());
    Status st = ageDecrypt(in, plain, ids);
    ::close(fd);
    if (!st) {
        if (st.error().code == ErrorCode::NotFound)
            return fail(ErrorCode::NotFound, "receipt refused: it is not addressed to this vault");
        return std::unexpected(st.error());
    }

    auto envelope = readReceiptArchive(plain.data());
    if (!envelope)
        return std::unexpected(envelope.error());
    const MinisignSignature& sig = envelope->signature;
    // The enrolled HQ card whose full key verifies the signature (several may share its key id).
    auto candidates = enrolledCardsByKeyId(db, sig.keyId);
    if (!candidates)
        return std::unexpected(candidates.error());
    std::optional<EnrolledCard> hq;
    bool anyHq = false;
    for (const EnrolledCard& c : *candidates) {
        if (c.card.role != VaultRole::Hq)
            continue;
        anyHq = true;
        if (!hq && minisignVerify(c.card.signingKey, sig, asBytes(envelope->json)))
            hq = c;
    }
    if (!anyHq)
        return fail(ErrorCode::AuthenticationFailed,
                    "receipt refused: it is not signed by an enrolled HQ card");
    if (!hq)
        return fail(ErrorCode::AuthenticationFailed, "receipt refused: the signature does not verify");
    auto content = parseReceiptJson(envelope->json);
    if (!content)
        return std::unexpected(content.error());
    ReceiptApplied out;
    out.bundleId = content->bundleId;
    const std::string myFp = own.card().fingerprint();
    if (sig.trustedComment != receiptComment(out.bundleId, hq->card.fingerprint(), myFp) ||
        content->hq != hq->card.fingerprint() || content->to != myFp)
        return fail(ErrorCode::AuthenticationFailed, "receipt refused: its signed addressing does not match");

    auto secret = sealSecret(db);
    if (!secret)
        return std::unexpected(secret.error());
    TestimonyStore store(db, blobs);
    const std::string bid = s8(out.bundleId);
    // Mark the items delivered and log "received" for each testimony concerned: one transaction.
    const auto markDelivered = [&]() -> Result<QList<QString>> {
        std::set<QString> testimonies;
        auto known = db.prepare("SELECT 1 FROM bundles_out WHERE id = ?1");
        if (!known)
            return std::unexpected(known.error());
        known->bind(1, bid);
        auto k = known->step();
        if (!k)
            return std::unexpected(k.error());
        if (!*k)
            return fail(ErrorCode::NotFound,
                        "receipt refused: this vault did not export bundle " + bid.substr(0, 64));
        auto carried = db.prepare("SELECT 1 FROM bundle_items WHERE bundle_id = ?1 AND kind = "
                                  "?2 AND testimony_id = ?3 AND item = ?4");
        // New, or (once) upgraded from a redacted to a full delivery.
        auto mark =
            db.prepare("INSERT INTO delivered_items (kind, testimony_id, item, bundle_id, delivered, "
                       "redacted) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (kind, testimony_id, item) "
                       "DO UPDATE SET redacted = 0, bundle_id = excluded.bundle_id, delivered = "
                       "excluded.delivered WHERE delivered_items.redacted = 1 AND excluded.redacted = 0");
        if (!carried)
            return std::unexpected(carried.error());
        if (!mark)
            return std::unexpected(mark.error());
        const std::string at = s8(now.toUTC().toString(Qt::ISODateWithMs));
        auto markItem = [&](const char* kind, const QString& tid, const std::string& item,
                            bool redacted) -> Result<bool> {
            carried->reset();
            carried->bind(1, bid).bind(2, std::string_view(kind)).bind(3, s8(tid)).bind(4, item);
            auto c = carried->step();
            if (!c)
                return std::unexpected(c.error());
            if (!*c)
                return std::unexpected(bad("it lists an item the bundle did not carry"));
            mark->reset();
            mark->bind(1, std::string_view(kind))
                .bind(2, s8(tid))
                .bind(3, item)
                .bind(4, bid)
                .bind(5, at)
                .bind(6, std::int64_t{redacted ? 1 : 0});
            if (auto s = mark->run(); !s)
                return std::unexpected(s.error());
            return db.changes() > 0;
        };
        for (const ReceiptVersion& rv : content->versions) {
            const QString& tid = rv.testimonyId;
            const int number = rv.version;
            auto history = store.history(tid);
            if (!history)
                return std::unexpected(bad("it lists an unknown testimony"));
            bool match = false;
            for (const VersionInfo& vi : history->versions) {
                if (vi.number != number)
                    continue;
                if (content->formatVersion == 1) {
                    match = vi.hash == rv.hash;
                } else {
                    // The seal of our version, or its hash for a copy HQ received in format 1.
                    const SecretBuffer key = versionSealKey(*secret, vi.hash);
                    match = rv.seal == versionSeal(key.view(), vi.hash) || rv.seal == vi.hash;
                }
            }
            if (!match)
                return fail(ErrorCode::AuthenticationFailed,
                            "receipt refused: a version hash differs from what was sent");
            auto added = markItem("version", tid, std::to_string(number), rv.redacted);
            if (!added)
                return std::unexpected(added.error());
            if (*added) {
                ++out.versions;
                testimonies.insert(tid);
            }
        }
        for (const ReceiptAttachment& ra : content->attachments) {
            const QString& tid = ra.testimonyId;
            const QString& aid = ra.id;
            auto info = store.attachment(aid);
            if (!info || info->sha256 != ra.sha256)
                return fail(ErrorCode::AuthenticationFailed,
                            "receipt refused: an attachment hash differs from what was sent");
            auto added = markItem("attachment", tid, s8(aid), ra.redacted);
            if (!added)
                return std::unexpected(added.error());
            if (*added) {
                ++out.attachments;
                testimonies.insert(tid);
            }
        }
        return QList<QString>(testimonies.begin(), testimonies.end());
    };
    if (auto recorded = store.recordCustodyForAll(
            markDelivered, u"received"_s,
            QJsonObject{{u"bundle"_s, out.bundleId},
                        {u"receipt_from"_s, QString::fromStdString(hq->card.fingerprint())}});
        !recorded)
        return std::unexpected(recorded.error());
    out.alreadyApplied = out.versions == 0 && out.attachments == 0;
    return out;
}

} // namespace fv
