// Bundle export: stock age/tar/minisign/sha256sum open and verify it; parts; redaction;
// padding buckets; scope; custody; atomicity under injected failures and cancel.

#include "core/Identity.h"
#include "core/sync/BundleReader.h"
#include "core/sync/BundleWriter.h"
#include "core/sync/Importer.h"
#include "core/sync/Purge.h"
#include "core/sync/Receipt.h"
#include "core/sync/Report.h"
#include "crypto/Age.h"
#include "crypto/ByteStream.h"
#include "crypto/ExternalTools.h"
#include "crypto/Hash.h"
#include "crypto/Minisign.h"
#include "test_domain_support.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <atomic>
#include <csignal>
#include <filesystem>
#include <sys/wait.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
namespace fs = std::filesystem;
using fv::test::run;
using fv::test::runOutput;
using fv::test::shellQuote;

namespace {

QByteArray pattern(qsizetype size, char seed)
{
    QByteArray out(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        out[i] = static_cast<char>(seed + (i * 7) % 251);
    return out;
}

// A field vault with an identity, an enrolled HQ card, two testimonies (one with two versions
// and an attachment), and the HQ side's keys written in the stock tools' formats.
struct Fixture
{
    fvtest::Vault field;
    fvtest::Vault hqVault;
    fv::test::TempDir tmp;
    std::optional<fv::VaultIdentity> sender;
    std::optional<fv::VaultIdentity> hq;
    QString first, second;
    fv::AttachmentInfo attachment;
    fs::path out;

    Fixture()
    {
        auto s = fv::VaultIdentity::loadOrCreate(*field.db, fv::VaultRole::Field, u"D-17"_s);
        REQUIRE(s);
        sender.emplace(std::move(*s));
        auto h = fv::VaultIdentity::loadOrCreate(*hqVault.db, fv::VaultRole::Hq, u"HQ"_s);
        REQUIRE(h);
        hq.emplace(std::move(*h));
        REQUIRE(fv::enrolCard(*field.db, hq->card(), fv::VaultRole::Field, *sender,
                              QDateTime::currentDateTimeUtc()));

        auto a = field.store->add(fvtest::sampleTestimony());
        REQUIRE(a);
        first = *a;
        fv::Testimony edited = fvtest::sampleTestimony();
        edited.summary = u"Edited summary"_s;
        REQUIRE(field.store->edit(first, edited));
        QBuffer media;
        media.setData(pattern(150000, 3));
        REQUIRE(media.open(QIODevice::ReadOnly));
        auto att = field.store->attach(first, media, {.fileName = u"CANARY-FILE-NAME.ogg"_s});
        REQUIRE(att);
        attachment = *att;
        auto b = field.store->add(fvtest::minimalTestimony(u"Second"_s, u"short"_s));
        REQUIRE(b);
        second = *b;

        out = tmp.file("out");
        fs::create_directory(out);
        auto key = fv::formatAgeIdentityFile(hq->ageIdentity(), "2026-01-01T00:00:00Z");
        fv::test::writeFile(tmp.file("hq.key"), key.view());
        fv::test::writeFile(tmp.file("sender.pub"),
                            fv::asBytes(sender->signingKey().publicKey().toFileText()));
    }

    fv::ExportOptions options() const
    {
        fv::ExportOptions o;
        o.destination = out;
        return o;
    }

    fv::Result<fv::ExportResult> exportNow(const fv::ExportOptions& o)
    {
        return fv::exportBundle(*field.db, *field.blobs, *sender, o);
    }

    // The stock-tool path of the issue, on `bundle` (a shell word, e.g. a quoted path or a
    // "<(cat …)" substitution); extracts into `dir`.
    int stockVerify(const std::string& bundle, const std::string& dir)
    {
        fs::create_directories(dir);
        const std::string cmd =
            "bash -c " +
            shellQuote("set -o pipefail; age -d -i " + shellQuote(tmp.file("hq.key")) + " " + bundle +
                       " | tar -x -C " + shellQuote(dir) + " && minisign -q -Vm " +
                       shellQuote(dir + "/SHA256SUMS") + " -p " + shellQuote(tmp.file("sender.pub")) +
                       " && (cd " + shellQuote(dir) + " && sha256sum --quiet -c SHA256SUMS)");
        return run(cmd + " >/dev/null 2>&1");
    }

    // Decrypts the (joined) bundle with our own code into memory.
    fv::Bytes decrypt(const std::vector<fs::path>& files)
    {
        fv::Bytes all;
        for (const fs::path& f : files) {
            const fv::Bytes part = fv::test::readFile(f.string());
            all.insert(all.end(), part.begin(), part.end());
        }
        fv::MemorySource src(all);
        fv::MemorySink sink;
        std::vector<fv::AgeIdentity> ids;
        ids.push_back(hq->ageIdentity().clone());
        REQUIRE(fv::ageDecrypt(src, sink, ids));
        return sink.take();
    }
};

std::size_t filesIn(const fs::path& dir)
{
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir))
        ++n;
    return n;
}

std::string readText(const std::string& path)
{
    const fv::Bytes b = fv::test::readFile(path);
    return std::string(b.begin(), b.end());
}

bool treeContains(const std::string& dir, const std::string& needle)
{
    return run("grep -rqF " + shellQuote(needle) + " " + shellQuote(dir)) == 0;
}

} // namespace

TEST_CASE("Padding buckets", "[sync][export]")
{
    CHECK(fv::bundleBucketSize(0) == fv::kBundleMinBucket);
    CHECK(fv::bundleBucketSize(1) == fv::kBundleMinBucket);
    CHECK(fv::bundleBucketSize(fv::kBundleMinBucket) == fv::kBundleMinBucket);
    CHECK(fv::bundleBucketSize(fv::kBundleMinBucket + 1) == fv::kBundleMinBucket + 2048);
    CHECK(fv::bundleBucketSize(1'000'000) == 1'015'808);
    for (std::uint64_t n = 512; n < (std::uint64_t{1} << 40); n = n * 3 + 512) {
        const std::uint64_t b = fv::bundleBucketSize(n);
        CHECK(b >= n);
        CHECK(b % 512 == 0);
        CHECK(b <= std::max<std::uint64_t>(fv::kBundleMinBucket, n + n / 8));
        CHECK(fv::bundleBucketSize(b) == b);
    }
}

TEST_CASE("An export opens and verifies with stock age, tar, minisign and sha256sum", "[sync][export]")
{
    Fixture f;
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    REQUIRE(r->files.size() == 1);
    CHECK(r->testimonies == 2);
    CHECK(r->versions == 3);
    CHECK(r->attachments == 1);
    CHECK(r->recipients == QStringList{QString::fromStdString(f.hq->card().fingerprint())});
    // Neutral name: 20 hex characters, nothing else in the folder.
    const std::string name = r->files[0].filename().string();
    CHECK(name.size() == 20);
    CHECK(name.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(filesIn(f.out) == 1);
    CHECK(fs::file_size(r->files[0]) == r->size);

    const std::string x = f.tmp.file("x");
    REQUIRE(f.stockVerify(shellQuote(r->files[0].string()), x) == 0);

    // Members: exactly those SHA256SUMS lists, plus the two signature files.
    const std::string listing = runOutput("age -d -i " + shellQuote(f.tmp.file("hq.key")) + " " +
                                          shellQuote(r->files[0].string()) + " | tar -t");
    const std::string sums = readText(x + "/SHA256SUMS");
    std::string expected;
    std::istringstream lines(sums);
    for (std::string line; std::getline(lines, line);)
        expected += line.substr(66) + "\n";
    expected += "SHA256SUMS\nSHA256SUMS.minisig\n";
    CHECK(listing == expected);
    CHECK(sums.find("  manifest.json\n") == 64);
    CHECK(sums.find("  custody.jsonl\n") != std::string::npos);
    CHECK(sums.find("  padding\n") != std::string::npos);
    CHECK(sums.find("  attachments/" + f.attachment.id.toStdString() + "\n") != std::string::npos);
    CHECK(sums.find("  entries/" + f.first.toStdString() + "/2.json\n") != std::string::npos);

    // The tar is exactly a bucket size.
    const fv::Bytes tar = f.decrypt(r->files);
    CHECK(tar.size() == r->tarSize);
    CHECK(r->tarSize == fv::bundleBucketSize(r->tarSize));

    // The trusted comment binds the bundle id, the sender and the recipients.
    const std::string sigText = readText(x + "/SHA256SUMS.minisig");
    auto sig = fv::MinisignSignature::parse(sigText);
    REQUIRE(sig);
    CHECK(sig->trustedComment == "fieldvault-bundle v1 bundle=" + r->bundleId.toStdString() +
                                     " sender=" + f.sender->card().fingerprint() +
                                     " recipients=" + f.hq->card().fingerprint());

    // The manifest.
    const QJsonObject m =
        QJsonDocument::fromJson(QByteArray::fromStdString(readText(x + "/manifest.json"))).object();
    CHECK(m.value(u"format"_s).toString() == u"fieldvault-bundle"_s);
    CHECK(m.value(u"format_version"_s).toInt() == 2);
    CHECK(m.value(u"bundle_id"_s).toString() == r->bundleId);
    CHECK(m.value(u"previous_bundle_id"_s).isNull());
    CHECK(m.value(u"identifying_included"_s).toBool() == false);
    CHECK(m.value(u"sender"_s).toObject().value(u"fingerprint"_s).toString().toStdString() ==
          f.sender->card().fingerprint());
    CHECK(m.value(u"entries"_s).toArray().size() == 3);
    const QJsonObject att = m.value(u"attachments"_s).toArray().at(0).toObject();
    CHECK(att.value(u"sha256"_s).toString() == f.attachment.sha256);
    CHECK_FALSE(att.contains(u"file_name"_s));
    const QByteArray media = pattern(150000, 3);
    CHECK(fv::test::readFile(x + "/attachments/" + f.attachment.id.toStdString()) ==
          fv::Bytes(media.begin(), media.end()));

    // Entries: chain fields, redacted content without identifying fields.
    const QJsonObject e =
        QJsonDocument::fromJson(
            QByteArray::fromStdString(readText(x + "/entries/" + f.first.toStdString() + "/2.json")))
            .object();
    CHECK(e.value(u"redacted"_s).toBool());
    CHECK(e.value(u"version"_s).toInt() == 2);
    CHECK(e.value(u"content"_s).toObject().value(u"summary"_s).toString() == u"Edited summary"_s);
    // Nothing computed over the full content, only the keyed seal (docs/bundle-format.md, "Seals").
    for (const QString& k : {u"content_sha256"_s, u"hash"_s, u"prev_hash"_s, u"seal_key"_s})
        CHECK_FALSE(e.contains(k));
    CHECK(e.value(u"seal"_s).toString().size() == 64);
    CHECK(e.value(u"prev_seal"_s).toString().size() == 64);
    CHECK(m.value(u"entries"_s).toArray().at(1).toObject().value(u"seal"_s).toString().size() == 64);
    CHECK_FALSE(m.value(u"entries"_s).toArray().at(1).toObject().contains(u"hash"_s));
    CHECK_FALSE(treeContains(x, "CANARY-REAL-NAME"));
    CHECK_FALSE(treeContains(x, "+963 000 000"));
    CHECK_FALSE(treeContains(x, "CANARY-FILE-NAME"));
    CHECK_FALSE(treeContains(x, "Interpreter 3"));

    // Custody: the carried events, and a new "exported" event in the vault.
    CHECK(readText(x + "/custody.jsonl").find("\"kind\":\"attached\"") != std::string::npos);
    auto history = f.field.store->history(f.first);
    REQUIRE(history);
    const fv::CustodyEvent last = history->events.back();
    CHECK(last.kind == u"exported"_s);
    CHECK(last.detail.contains(r->bundleId));
    CHECK(last.detail.contains(QString::fromStdString(f.hq->card().fingerprint())));
    CHECK(f.field.rows("bundles_out") == 1);
    CHECK(f.field.rows("bundle_items") == 4);

    // A second export names the first as its predecessor (nothing was acknowledged).
    fs::remove_all(x);
    auto again = f.exportNow(f.options());
    REQUIRE(again);
    REQUIRE(f.stockVerify(shellQuote(again->files[0].string()), x) == 0);
    const QJsonObject m2 =
        QJsonDocument::fromJson(QByteArray::fromStdString(readText(x + "/manifest.json"))).object();
    CHECK(m2.value(u"previous_bundle_id"_s).toString() == r->bundleId);
}

TEST_CASE("Identifying fields travel only when asked and consent is given", "[sync][export]")
{
    Fixture f;
    fv::ExportOptions o = f.options();
    o.includeIdentifying = true;
    auto r = f.exportNow(o);
    REQUIRE(r);
    const std::string x = f.tmp.file("x");
    REQUIRE(f.stockVerify(shellQuote(r->files[0].string()), x) == 0);
    CHECK(treeContains(x, "CANARY-REAL-NAME"));
    CHECK(treeContains(x, "CANARY-FILE-NAME"));
    // Unredacted content is the stored canonical bytes, so HQ can recompute the hash chain.
    const std::string entry = readText(x + "/entries/" + f.first.toStdString() + "/1.json");
    auto canonical = f.field.store->versionContent(f.first, 1);
    REQUIRE(canonical);
    CHECK(entry.starts_with("{\"content\":" + canonical->toStdString() + ",\"content_sha256\":"));

    // Without consent, the version stays redacted even when asked.
    fv::Testimony noConsent = fvtest::sampleTestimony();
    noConsent.consent = fv::Consent{};
    noConsent.witness.realName = u"CANARY-NO-CONSENT"_s;
    auto id = f.field.store->add(noConsent);
    REQUIRE(id);
    o.testimonyIds = QStringList{*id};
    auto r2 = f.exportNow(o);
    REQUIRE(r2);
    const std::string y = f.tmp.file("y");
    REQUIRE(f.stockVerify(shellQuote(r2->files[0].string()), y) == 0);
    CHECK_FALSE(treeContains(y, "CANARY-NO-CONSENT"));
    CHECK(r2->testimonies == 1);
}

TEST_CASE("Parts join with cat into the whole bundle", "[sync][export]")
{
    Fixture f;
    fv::ExportOptions o = f.options();
    o.partSize = 40000;
    o.fileName = u"bundle"_s;
    auto r = f.exportNow(o);
    REQUIRE(r);
    REQUIRE(r->files.size() == (r->size + o.partSize - 1) / o.partSize);
    REQUIRE(r->files.size() >= 5);
    CHECK(r->files[0].filename() == "bundle.001");
    CHECK(r->files[1].filename() == "bundle.002");
    for (std::size_t i = 0; i + 1 < r->files.size(); ++i)
        CHECK(fs::file_size(r->files[i]) == o.partSize);
    CHECK(filesIn(f.out) == r->files.size());
    REQUIRE(f.stockVerify("<(cat " + shellQuote(f.out.string()) + "/bundle.*)", f.tmp.file("x")) == 0);
    CHECK(f.decrypt(r->files).size() == r->tarSize);

    // A missing part fails decryption (never a short, valid-looking payload).
    fs::remove(r->files[2]);
    CHECK(f.stockVerify("<(cat " + shellQuote(f.out.string()) + "/bundle.*)", f.tmp.file("y")) != 0);

    o.partSize = 100;
    auto tooSmall = f.exportNow(o);
    REQUIRE_FALSE(tooSmall);
    CHECK(tooSmall.error().code == fv::ErrorCode::InvalidArgument);
}

TEST_CASE("Scope: what HQ acknowledged is left out, a selection is exported whole", "[sync][export]")
{
    Fixture f;
    // Mark the first testimony's version 1 and its attachment delivered.
    REQUIRE(f.field.execError("INSERT INTO delivered_items VALUES ('version', '" + f.first.toStdString() +
                              "', '1', 'b', 'now', 0), ('attachment', '" + f.first.toStdString() + "', '" +
                              f.attachment.id.toStdString() + "', 'b', 'now', 0)") == "");
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    CHECK(r->versions == 2);
    CHECK(r->attachments == 0);
    CHECK(r->testimonies == 2);

    fv::ExportOptions o = f.options();
    o.testimonyIds = QStringList{f.first};
    auto sel = f.exportNow(o);
    REQUIRE(sel);
    CHECK(sel->versions == 2);
    CHECK(sel->attachments == 1);
    CHECK(sel->testimonies == 1);

    o.testimonyIds = QStringList{u"nosuchid"_s};
    auto unknown = f.exportNow(o);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == fv::ErrorCode::NotFound);

    // Everything delivered: nothing to export.
    REQUIRE(f.field.execError("INSERT OR IGNORE INTO delivered_items SELECT 'version', testimony_id, "
                              "CAST(number AS TEXT), 'b', 'now', 0 FROM versions") == "");
    auto nothing = f.exportNow(f.options());
    REQUIRE_FALSE(nothing);
    CHECK(nothing.error().code == fv::ErrorCode::NotFound);
}

TEST_CASE("Recipients must be enrolled HQ cards", "[sync][export]")
{
    Fixture f;
    fv::ExportOptions o = f.options();
    o.recipients = QStringList{u"AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"_s};
    auto r = f.exportNow(o);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == fv::ErrorCode::InvalidArgument);

    // Two HQ recipients: each can open it.
    fvtest::Vault other;
    auto hq2 = fv::VaultIdentity::loadOrCreate(*other.db, fv::VaultRole::Hq, u"HQ 2"_s);
    REQUIRE(hq2);
    REQUIRE(fv::enrolCard(*f.field.db, hq2->card(), fv::VaultRole::Field, *f.sender,
                          QDateTime::currentDateTimeUtc()));
    auto both = f.exportNow(f.options());
    REQUIRE(both);
    CHECK(both->recipients.size() == 2);
    REQUIRE(f.stockVerify(shellQuote(both->files[0].string()), f.tmp.file("x")) == 0);
    auto key2 = fv::formatAgeIdentityFile(hq2->ageIdentity(), "2026-01-01T00:00:00Z");
    fv::test::writeFile(f.tmp.file("hq.key"), key2.view());
    REQUIRE(f.stockVerify(shellQuote(both->files[0].string()), f.tmp.file("y")) == 0);

    // No HQ card at all.
    fvtest::Vault lonely;
    auto id = fv::VaultIdentity::loadOrCreate(*lonely.db, fv::VaultRole::Field);
    REQUIRE(id);
    REQUIRE(lonely.store->add(fvtest::minimalTestimony(u"t"_s)));
    fv::ExportOptions lo;
    lo.destination = f.out;
    auto none = fv::exportBundle(*lonely.db, *lonely.blobs, *id, lo);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == fv::ErrorCode::InvalidArgument);
}

TEST_CASE("A failed or cancelled export leaves no file and records nothing", "[sync][export]")
{
    Fixture f;
    const qint64 eventsBefore = f.field.rows("custody_events");
    const std::uint64_t failAt = GENERATE(0, 1000, 65536, 120000);
    const std::uint64_t partSize = GENERATE(0, 30000);
    INFO("fail at " << failAt << ", part size " << partSize);
    fv::ExportOptions o = f.options();
    o.partSize = partSize;
    o.outputFault = [failAt](std::uint64_t written) -> fv::Status {
        if (written >= failAt)
            return fv::fail(fv::ErrorCode::DiskFull, "injected: disk full");
        return {};
    };
    auto r = f.exportNow(o);
    REQUIRE_FALSE(r);
    CHECK(r.error().code == fv::ErrorCode::DiskFull);
    CHECK(filesIn(f.out) == 0);
    CHECK(f.field.rows("bundles_out") == 0);
    CHECK(f.field.rows("custody_events") == eventsBefore);

    std::atomic<bool> cancel{false};
    fv::ExportOptions c = f.options();
    c.partSize = partSize;
    c.cancel = &cancel;
    std::uint64_t calls = 0;
    c.progress = [&](const fv::ExportProgress& p) {
        ++calls;
        CHECK(p.bytesDone <= p.bytesTotal);
        if (p.bytesDone > 20000)
            cancel = true;
    };
    auto cancelled = f.exportNow(c);
    REQUIRE_FALSE(cancelled);
    CHECK(cancelled.error().code == fv::ErrorCode::Cancelled);
    CHECK(calls > 0);
    CHECK(filesIn(f.out) == 0);
    CHECK(f.field.rows("bundles_out") == 0);
}

// ---- Reading and verifying at HQ (core/sync/BundleReader.h) ----

namespace {

fv::Result<fv::VerifiedBundle> readAtHq(Fixture& f, const std::vector<fs::path>& files)
{
    return fv::readBundle(files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
}

// Decrypts `bundle` with the stock tools, runs `edit` (a shell command) in the extracted
// folder, then re-tars the regular files and symlinks with GNU tar (POSIX ustar) and encrypts to
// `recipient` with stock age. Returns the new bundle's path.
std::string reseal(Fixture& f, const std::string& bundle, const std::string& edit,
                   const std::string& recipient, const std::string& tarOptions = {})
{
    static int counter = 0;
    const std::string dir = f.tmp.file("reseal" + std::to_string(++counter));
    const std::string outFile = dir + ".age";
    fs::create_directories(dir);
    const std::string cmd =
        "set -e; age -d -i " + shellQuote(f.tmp.file("hq.key")) + " " + shellQuote(bundle) + " | tar -x -C " +
        shellQuote(dir) + "; cd " + shellQuote(dir) + "; " + edit +
        "; find . \\( -type f -o -type l \\) | sed 's|^\\./||' | sort > ../list" + std::to_string(counter) +
        "; tar --format=ustar -c " + tarOptions + " --no-recursion -T ../list" + std::to_string(counter) +
        " | age -r " + recipient + " -o " + shellQuote(outFile);
    REQUIRE(run("bash -c " + shellQuote(cmd) + " >/dev/null 2>&1") == 0);
    return outFile;
}

} // namespace

TEST_CASE("HQ reads and verifies a bundle; sender pinning decides quarantine", "[sync][import]")
{
    Fixture f;
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    auto v = readAtHq(f, r->files);
    REQUIRE(v);
    CHECK(v->bundleId == r->bundleId);
    CHECK(v->sender == f.sender->card());
    CHECK_FALSE(v->senderPinned); // HQ has not enrolled the delegate: quarantine
    CHECK(v->entries.size() == 3);
    REQUIRE(v->attachments.size() == 1);
    CHECK(v->attachments[0].id == f.attachment.id);
    CHECK(v->attachments[0].sha256 == f.attachment.sha256);
    CHECK(f.hqVault.blobs->list()->size() == 1);

    REQUIRE(fv::enrolCard(*f.hqVault.db, f.sender->card(), fv::VaultRole::Hq, *f.hq,
                          QDateTime::currentDateTimeUtc()));
    auto pinned = readAtHq(f, r->files);
    REQUIRE(pinned);
    CHECK(pinned->senderPinned);

    // The stock tools' re-tar of the same members is accepted too.
    const std::string recipient = f.hq->card().recipient.toString();
    auto same = readAtHq(f, {reseal(f, r->files[0].string(), "true", recipient)});
    REQUIRE(same);
}

TEST_CASE("HQ refuses bad bundles and keeps nothing staged", "[sync][import]")
{
    Fixture f;
    fv::ExportOptions o = f.options();
    o.partSize = 40000;
    o.fileName = u"b"_s;
    auto r = f.exportNow(o);
    REQUIRE(r);
    REQUIRE(r->files.size() >= 4);
    const std::size_t blobsBefore = f.hqVault.blobs->list()->size();
    auto refused = [&](const std::vector<fs::path>& files, fv::ErrorCode code, const std::string& needle) {
        auto v = readAtHq(f, files);
        REQUIRE_FALSE(v);
        CHECK(v.error().code == code);
        INFO(v.error().message);
        CHECK(v.error().message.find(needle) != std::string::npos);
        CHECK(f.hqVault.blobs->list()->size() == blobsBefore);
    };

    // Missing parts.
    std::vector<fs::path> noSecond = r->files;
    noSecond.erase(noSecond.begin() + 1);
    refused(noSecond, fv::ErrorCode::NotFound, "part 002");
    std::vector<fs::path> noLast = r->files;
    noLast.pop_back();
    {
        auto v = readAtHq(f, noLast);
        REQUIRE_FALSE(v);
        CHECK(f.hqVault.blobs->list()->size() == blobsBefore);
    }

    // Whole file: tampered and truncated.
    const std::string whole = f.tmp.file("whole");
    REQUIRE(run("cat " + shellQuote(f.out.string()) + "/b.* > " + shellQuote(whole)) == 0);
    fv::Bytes bytes = fv::test::readFile(whole);
    fv::Bytes flipped = bytes;
    flipped[bytes.size() / 2] ^= 0x01;
    fv::test::writeFile(f.tmp.file("flipped"), flipped);
    refused({f.tmp.file("flipped")}, fv::ErrorCode::AuthenticationFailed, "");
    fv::test::writeFile(f.tmp.file("short"), fv::ByteView(bytes).first(bytes.size() - 100));
    {
        auto v = readAtHq(f, {f.tmp.file("short")});
        REQUIRE_FALSE(v);
        CHECK(f.hqVault.blobs->list()->size() == blobsBefore);
    }

    // Wrong recipient.
    fvtest::Vault other;
    auto stranger = fv::VaultIdentity::loadOrCreate(*other.db, fv::VaultRole::Hq);
    REQUIRE(stranger);
    {
        auto v = fv::readBundle(std::vector<fs::path>{whole}, *stranger, *other.db, *other.blobs);
        REQUIRE_FALSE(v);
        CHECK(v.error().code == fv::ErrorCode::NotFound);
        CHECK(v.error().message.find("wrong recipient") != std::string::npos);
    }

    // Tar-level tampering, re-sealed with stock tools to this HQ.
    const std::string me = f.hq->card().recipient.toString();
    refused({reseal(f, whole, "echo x > evil", me)}, fv::ErrorCode::InvalidInput, "unexpected member evil");
    refused({reseal(f, whole, "echo x > attachments/zz", me)}, fv::ErrorCode::InvalidInput,
            "not in SHA256SUMS");
    refused({reseal(f, whole, "ln -s /etc/passwd attachments/zz", me)}, fv::ErrorCode::InvalidInput, "link");
    refused({reseal(f, whole, "rm SHA256SUMS.minisig", me)}, fv::ErrorCode::InvalidInput, "unsigned");
    refused({reseal(f, whole, "printf ' ' >> custody.jsonl", me)}, fv::ErrorCode::AuthenticationFailed,
            "checksum");
    refused({reseal(f, whole, "sed -i 's/^\\(.\\)/0/' SHA256SUMS", me)}, fv::ErrorCode::AuthenticationFailed,
            "signature");
    refused({reseal(f, whole, "true", me, "-P --transform='s|^padding$|../padding|'")},
            fv::ErrorCode::InvalidInput, "..");
    refused({reseal(f, whole, "true", me, "-P --transform='s|^padding$|/tmp/padding|'")},
            fv::ErrorCode::InvalidInput, "absolute");

    // Re-sealed to another HQ that was not a signed recipient.
    const std::string strangerKey = f.tmp.file("stranger.key");
    auto sk = fv::formatAgeIdentityFile(stranger->ageIdentity(), "2026-01-01T00:00:00Z");
    fv::test::writeFile(strangerKey, sk.view());
    const std::string resealed = reseal(f, whole, "true", stranger->card().recipient.toString());
    auto v = fv::readBundle(std::vector<fs::path>{resealed}, *stranger, *other.db, *other.blobs);
    REQUIRE_FALSE(v);
    CHECK(v.error().code == fv::ErrorCode::AuthenticationFailed);
    CHECK(v.error().message.find("not among the signed recipients") != std::string::npos);
    CHECK(other.blobs->list()->empty());
}

TEST_CASE("A process killed during export leaves nothing that looks like a bundle", "[sync][export]")
{
    Fixture f;
    const std::uint64_t killAt = GENERATE(1, 40000, 70000, 120000);
    const std::uint64_t partSize = GENERATE(0, 30000);
    INFO("kill at " << killAt << ", part size " << partSize);
    fv::ExportOptions o = f.options();
    o.partSize = partSize;
    o.outputFault = [killAt](std::uint64_t written) -> fv::Status {
        if (written >= killAt)
            ::raise(SIGKILL);
        return {};
    };
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto r = f.exportNow(o);
        ::_exit(r ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    // Only hidden temporary files may remain; no name without the leading dot.
    for (const auto& e : fs::directory_iterator(f.out)) {
        const std::string name = e.path().filename().string();
        CHECK(name.starts_with("."));
        CHECK(name.ends_with(".tmp"));
    }
    CHECK(f.field.rows("bundles_out") == 0);
}

namespace {

std::string script(const char* name)
{
    return shellQuote(std::string(FV_SOURCE_DIR) + "/tests/core/scripts/" + name);
}

} // namespace

TEST_CASE("Entries carry what HQ needs to check the hash chain", "[sync][export]")
{
    // Checked by tests/core/scripts/check_entries.py, written from the docs with Python's own
    // json and hashlib, over the members as stock age and tar extract them.
    Fixture f;
    fv::ExportOptions o = f.options();
    o.includeIdentifying = true;
    auto r = f.exportNow(o);
    REQUIRE(r);
    const std::string dir = f.tmp.file("full");
    REQUIRE(f.stockVerify(shellQuote(r->files[0].string()), dir) == 0);
    const std::string checked =
        fv::test::runOutput("python3 " + script("check_entries.py") + " " + shellQuote(dir) + " 2>&1");
    // The first testimony's two versions travel in full (consent given) and link; the minimal
    // one records no consent and travels redacted.
    CHECK(checked == "checked 2 unredacted, 1 redacted, 1 links\n");

    // The checker is able to fail: one changed character of a content is caught.
    const fs::path entry = fs::path(dir) / "entries" / f.first.toStdString() / "2.json";
    std::string text = readText(entry.string());
    const auto at = text.find("Edited summary");
    REQUIRE(at != std::string::npos);
    text[at] = 'e';
    fv::test::writeFile(entry.string(), fv::asBytes(text));
    CHECK(fv::test::run("python3 " + script("check_entries.py") + " " + shellQuote(dir) +
                        " >/dev/null 2>&1") == 1);

    // Redacted entries still parse as testimonies, and HQ's reader accepts them.
    auto red = f.exportNow(f.options());
    REQUIRE(red);
    auto rv = fv::readBundle(red->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE(rv);
    for (const fv::BundleEntry& be : rv->entries) {
        const QJsonObject e = QJsonDocument::fromJson(be.bytes).object();
        CHECK(be.redacted);
        CHECK(be.hash.isEmpty());
        auto t = fv::parseTestimonyJson(QJsonDocument(e.value(u"content"_s).toObject()).toJson());
        REQUIRE(t);
        CHECK(t->witness.realName.isEmpty());
    }
}

TEST_CASE("A redacted bundle and HQ's report confirm no guess of the withheld fields",
          "[sync][export][redaction]")
{
    // The attacker of finding H1: HQ's decrypted bundle and report, and a dictionary that holds
    // the true name, phone and interpreter among decoys (tests/core/scripts/redaction_oracle.py).
    Fixture f;
    REQUIRE(fv::enrolCard(*f.hqVault.db, f.sender->card(), fv::VaultRole::Hq, *f.hq,
                          QDateTime::currentDateTimeUtc()));
    const std::string dictionary = f.tmp.file("dictionary.json");
    fv::test::writeFile(dictionary, fv::asBytes(R"({
        "real_name": ["Ahmad Khalil", "CANARY-REAL-NAME", "Omar Haddad", "Rana Saleh", "Yusuf Idris"],
        "contact": ["+963 000 000", "+963 944 123 456", "+963 000 001", ""],
        "address": ["", "Bab al-Hadid 4"],
        "interpreter": ["", "Interpreter 3", "Interpreter 1"]})"));
    const auto attack = [&](const std::vector<std::string>& targets) {
        std::string cmd = "python3 " + script("redaction_oracle.py") + " " + shellQuote(dictionary);
        for (const std::string& t : targets)
            cmd += " " + shellQuote(t);
        return fv::test::runOutput(cmd + " 2>&1");
    };

    // The default export is redacted; HQ imports it and writes both reports.
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    const std::string bundleDir = f.tmp.file("redacted");
    REQUIRE(f.stockVerify(shellQuote(r->files[0].string()), bundleDir) == 0);
    REQUIRE(fv::importBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs));
    const std::string csv = f.tmp.file("report.csv"), json = f.tmp.file("report.json");
    REQUIRE(fv::writeHqReport(*f.hqVault.db, csv, fv::ReportFormat::Csv));
    REQUIRE(fv::writeHqReport(*f.hqVault.db, json, fv::ReportFormat::Json));
    const std::string redacted = attack({bundleDir, csv, json});
    INFO(redacted);
    // 5 x 4 x 2 x 3 guesses on each of the three redacted entries.
    CHECK(redacted.find("guesses 360,") != std::string::npos);
    CHECK(redacted.find("matches 0\n") != std::string::npos);
    CHECK(redacted.find("MATCH") == std::string::npos);

    // Positive control: the same attack on entries that show the hashes of the full content
    // (the format before seals, rebuilt from an unredacted export) confirms the true values.
    fv::ExportOptions o = f.options();
    o.includeIdentifying = true;
    o.testimonyIds = QStringList{f.first};
    auto full = f.exportNow(o);
    REQUIRE(full);
    const std::string fullDir = f.tmp.file("full");
    REQUIRE(f.stockVerify(shellQuote(full->files[0].string()), fullDir) == 0);
    for (const auto& e : fs::recursive_directory_iterator(fs::path(fullDir) / "entries")) {
        if (!e.is_regular_file())
            continue;
        QJsonObject entry =
            QJsonDocument::fromJson(QByteArray::fromStdString(readText(e.path().string()))).object();
        QJsonObject content = entry.value(u"content"_s).toObject();
        QJsonObject witness = content.value(u"witness"_s).toObject();
        for (const QString& k : {u"real_name"_s, u"contact"_s, u"address"_s})
            witness.remove(k);
        content.insert(u"witness"_s, witness);
        content.remove(u"interpreter"_s);
        entry.insert(u"content"_s, content);
        fv::test::writeFile(e.path().string(), fv::asBytes(QJsonDocument(entry).toJson().toStdString()));
    }
    const std::string control = attack({fullDir});
    INFO(control);
    CHECK(control.find("MATCH " + f.first.toStdString() +
                       " 1 ('CANARY-REAL-NAME', '+963 000 000', '', "
                       "'Interpreter 3')") != std::string::npos);
    CHECK(control.find("MATCH " + f.first.toStdString() + " 2 ") != std::string::npos);
}

TEST_CASE("Import at HQ: quarantine, provenance, idempotence, new versions", "[sync][import]")
{
    Fixture f;
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    auto rep = fv::importBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE(rep);
    CHECK(rep->bundleId == r->bundleId);
    CHECK(rep->sender.toStdString() == f.sender->card().fingerprint());
    CHECK(rep->senderName == u"D-17"_s);
    CHECK(rep->quarantined);
    CHECK_FALSE(rep->verified);
    CHECK(rep->entriesAdded == 2);
    CHECK(rep->versionsAdded == 3);
    CHECK(rep->attachmentsAdded == 1);
    CHECK(f.hqVault.rows("bundles_in") == 1);
    CHECK(f.hqVault.rows("received_versions") == 3);
    CHECK(f.hqVault.rows("received_attachments") == 1);
    auto names = fv::referencedBlobNames(*f.hqVault.db);
    REQUIRE(names);
    CHECK(*names == *f.hqVault.blobs->list()); // received blobs are not orphans

    // The same bundle again changes nothing.
    auto again = fv::importBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE(again);
    CHECK(again->alreadyImported);
    CHECK(again->versionsAdded == 0);
    CHECK(f.hqVault.rows("received_versions") == 3);
    CHECK(f.hqVault.blobs->list()->size() == 1);

    // A new version; the sender now pinned: verified, not quarantined; nothing overwritten.
    fv::Testimony edited = fvtest::sampleTestimony();
    edited.summary = u"Third version"_s;
    REQUIRE(f.field.store->edit(f.first, edited));
    REQUIRE(fv::enrolCard(*f.hqVault.db, f.sender->card(), fv::VaultRole::Hq, *f.hq,
                          QDateTime::currentDateTimeUtc()));
    auto second = f.exportNow(f.options());
    REQUIRE(second);
    auto rep2 = fv::importBundle(second->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE(rep2);
    CHECK(rep2->verified);
    CHECK_FALSE(rep2->quarantined);
    CHECK(rep2->entriesAdded == 0);
    CHECK(rep2->versionsAdded == 1);
    CHECK(rep2->attachmentsAdded == 0);
    CHECK(f.hqVault.rows("received_versions") == 4);
    CHECK(f.hqVault.blobs->list()->size() == 1);

    // A refused bundle leaves the vault unchanged.
    fv::Bytes bytes = fv::test::readFile(second->files[0].string());
    bytes[bytes.size() - 20] ^= 0x40;
    fv::test::writeFile(f.tmp.file("bad"), bytes);
    auto bad =
        fv::importBundle(std::vector<fs::path>{f.tmp.file("bad")}, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE_FALSE(bad);
    CHECK(f.hqVault.rows("bundles_in") == 2);
    CHECK(f.hqVault.blobs->list()->size() == 1);
}

TEST_CASE("The loop: export, import, receipt, apply; then nothing is left to export", "[sync][receipt]")
{
    Fixture f;
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    // Quarantined bundles get no receipt.
    auto q = fv::importBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE(q);
    REQUIRE(q->quarantined);
    auto refused = fv::issueReceipt(*f.hqVault.db, *f.hq, r->bundleId, f.out);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == fv::ErrorCode::InvalidInput);

    REQUIRE(fv::enrolCard(*f.hqVault.db, f.sender->card(), fv::VaultRole::Hq, *f.hq,
                          QDateTime::currentDateTimeUtc()));
    auto second = f.exportNow(f.options());
    REQUIRE(second);
    auto imported = fv::importBundle(second->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE(imported);
    REQUIRE(imported->verified);
    const fs::path receipts = f.tmp.file("receipts");
    fs::create_directory(receipts);
    auto receipt = fv::issueReceipt(*f.hqVault.db, *f.hq, second->bundleId, receipts);
    REQUIRE(receipt);
    CHECK(receipt->versions == 3);
    CHECK(receipt->attachments == 1);

    // Stock tools: the delegate's age key opens it, HQ's minisign key verifies it.
    auto fieldKey = fv::formatAgeIdentityFile(f.sender->ageIdentity(), "2026-01-01T00:00:00Z");
    fv::test::writeFile(f.tmp.file("field.key"), fieldKey.view());
    fv::test::writeFile(f.tmp.file("hq.pub"), fv::asBytes(f.hq->signingKey().publicKey().toFileText()));
    const std::string rx = f.tmp.file("rx");
    fs::create_directory(rx);
    CHECK(run("age -d -i " + shellQuote(f.tmp.file("field.key")) + " " + shellQuote(receipt->file.string()) +
              " | tar -x -C " + shellQuote(rx) + " && minisign -q -Vm " + shellQuote(rx + "/receipt.json") +
              " -p " + shellQuote(f.tmp.file("hq.pub")) + " >/dev/null 2>&1") == 0);

    // The field vault applies it; the items are delivered and the default export is empty.
    auto applied = fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, receipt->file);
    REQUIRE(applied);
    CHECK(applied->versions == 3);
    CHECK(applied->attachments == 1);
    CHECK(f.field.rows("delivered_items") == 4);
    CHECK(f.field.store->history(f.first)->events.back().kind == u"received"_s);
    auto again = fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, receipt->file);
    REQUIRE(again);
    CHECK(again->alreadyApplied);
    auto nothing = f.exportNow(f.options());
    REQUIRE_FALSE(nothing);
    CHECK(nothing.error().code == fv::ErrorCode::NotFound);

    // A receipt signed by an HQ the field vault has not enrolled is refused.
    fvtest::Vault rogueVault;
    auto rogue = fv::VaultIdentity::loadOrCreate(*rogueVault.db, fv::VaultRole::Hq);
    REQUIRE(rogue);
    // Give the rogue HQ a copy of the bundle record so it can issue a receipt.
    fv::ExportOptions o = f.options();
    o.testimonyIds = QStringList{f.second};
    REQUIRE(fv::enrolCard(*f.field.db, rogue->card(), fv::VaultRole::Field, *f.sender,
                          QDateTime::currentDateTimeUtc()));
    auto third = f.exportNow(o);
    REQUIRE(third);
    REQUIRE(fv::removeEnrolledCard(*f.field.db, rogue->card().fingerprint()));
    REQUIRE(fv::enrolCard(*rogueVault.db, f.sender->card(), fv::VaultRole::Hq, *rogue,
                          QDateTime::currentDateTimeUtc()));
    REQUIRE(fv::importBundle(third->files, *rogue, *rogueVault.db, *rogueVault.blobs));
    auto forged = fv::issueReceipt(*rogueVault.db, *rogue, third->bundleId, receipts);
    REQUIRE(forged);
    auto bad = fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, forged->file);
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == fv::ErrorCode::AuthenticationFailed);

    // A damaged receipt is refused.
    fv::Bytes bytes = fv::test::readFile(receipt->file.string());
    bytes[bytes.size() - 5] ^= 1;
    fv::test::writeFile(f.tmp.file("bad-receipt"), bytes);
    CHECK_FALSE(fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, f.tmp.file("bad-receipt")));
}

namespace {

// A receipt as an enrolled HQ would write it, with whatever receipt.json the attacker of a test
// chooses: signed by `hq`, tarred by stock tar, encrypted to `to` (the stock-tool path of
// docs/bundle-format.md, "Receipts", run backwards).
fs::path forgeReceipt(Fixture& f, const QJsonObject& json, const std::string& name)
{
    const QByteArray text = QJsonDocument(json).toJson();
    const std::string bundle = json.value(u"bundle_id"_s).toString().toStdString();
    const std::string comment = "fieldvault-receipt v1 bundle=" + bundle +
                                " hq=" + f.hq->card().fingerprint() +
                                " to=" + json.value(u"to"_s).toString().toStdString();
    auto sig = fv::minisignSign(f.hq->signingKey(), fv::asBytes(text.toStdString()), comment);
    REQUIRE(sig);
    const std::string dir = f.tmp.file(name + ".d");
    fs::create_directories(dir);
    fv::test::writeFile(dir + "/receipt.json", fv::asBytes(text.toStdString()));
    fv::test::writeFile(dir + "/receipt.json.minisig", fv::asBytes(sig->toFileText()));
    const std::string tarFile = f.tmp.file(name + ".tar");
    REQUIRE(run("tar --format=ustar -cf " + shellQuote(tarFile) + " -C " + shellQuote(dir) +
                " receipt.json receipt.json.minisig") == 0);
    const fv::Bytes tar = fv::test::readFile(tarFile);
    fv::MemorySource src(tar);
    fv::MemorySink out;
    const std::vector<fv::AgeRecipient> to{f.sender->card().recipient};
    REQUIRE(fv::ageEncrypt(src, out, to));
    const fs::path file = f.tmp.file(name);
    fv::test::writeFile(file.string(), out.data());
    return file;
}

} // namespace

TEST_CASE("A receipt lists only what HQ stored, and the field checks every item of it", "[sync][receipt]")
{
    Fixture f;
    REQUIRE(fv::enrolCard(*f.hqVault.db, f.sender->card(), fv::VaultRole::Hq, *f.hq,
                          QDateTime::currentDateTimeUtc()));
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    REQUIRE(fv::importBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs));

    // HQ lost one version after the import (say, a restore of HQ's own vault from a backup):
    // the receipt does not acknowledge it, and the field keeps that testimony.
    const std::string second = f.second.toStdString();
    REQUIRE(f.hqVault.execError("DELETE FROM received_versions WHERE testimony_id = '" + second + "'") == "");
    auto receipt = fv::issueReceipt(*f.hqVault.db, *f.hq, r->bundleId, f.out);
    REQUIRE(receipt);
    CHECK(receipt->versions == 2);
    CHECK(receipt->attachments == 1);
    auto applied = fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, receipt->file);
    REQUIRE(applied);
    CHECK(applied->versions == 2);
    auto p = fv::purgeDelivered(*f.field.db, *f.field.blobs, {.forgetWithheld = true});
    REQUIRE(p);
    CHECK(p->testimonies == QStringList{f.first});
    CHECK(f.field.store->current(f.second)); // not acknowledged: kept

    // Receipts an enrolled HQ signed that lie are refused, and change nothing.
    const auto deliveredBefore = f.field.rows("delivered_items");
    const QJsonObject base{{u"format"_s, u"fieldvault-receipt"_s},
                           {u"format_version"_s, 2},
                           {u"bundle_id"_s, r->bundleId},
                           {u"hq"_s, QString::fromStdString(f.hq->card().fingerprint())},
                           {u"to"_s, QString::fromStdString(f.sender->card().fingerprint())},
                           {u"issued"_s, u"2026-01-01T00:00:00.000Z"_s},
                           {u"versions"_s, QJsonArray{}},
                           {u"attachments"_s, QJsonArray{}}};
    const auto version = [&](const QString& seal, int n = 1) {
        return QJsonArray{QJsonObject{
            {u"testimony_id"_s, f.second}, {u"version"_s, n}, {u"seal"_s, seal}, {u"redacted"_s, true}}};
    };
    // (the seal the bundle carried for the second testimony, from its manifest)
    auto bundle = fv::readBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE(bundle);
    QString goodSeal;
    for (const fv::BundleEntry& e : bundle->entries) {
        if (e.testimonyId == f.second)
            goodSeal = e.digest;
    }
    REQUIRE(goodSeal.size() == 64);
    // The genuine item passes through the same forger (the refusals below are not the forger's fault).
    {
        QJsonObject ok = base;
        ok.insert(u"versions"_s, version(goodSeal));
        auto good = fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, forgeReceipt(f, ok, "good"));
        INFO((good ? std::string() : good.error().message));
        CHECK(good);
        REQUIRE(f.field.execError("DELETE FROM delivered_items WHERE testimony_id = '" + second + "'") == "");
    }
    struct Lie
    {
        const char* what;
        QJsonObject json;
        fv::ErrorCode code;
        const char* message;
    };
    QJsonObject changedSeal = base, extraVersion = base, unknownBundle = base, otherVault = base,
                changedAttachment = base;
    QString flipped = goodSeal;
    flipped[0] = flipped[0] == u'0' ? u'1' : u'0';
    changedSeal.insert(u"versions"_s, version(flipped));
    extraVersion.insert(u"versions"_s, version(goodSeal, 2));
    unknownBundle.insert(u"bundle_id"_s, u"0000000000000000000000000a"_s);
    unknownBundle.insert(u"versions"_s, version(goodSeal));
    otherVault.insert(u"to"_s, u"AAAA-BBBB-CCCC-DDDD-EEEE-FFFF"_s);
    changedAttachment.insert(u"attachments"_s, QJsonArray{QJsonObject{{u"id"_s, f.attachment.id},
                                                                      {u"testimony_id"_s, f.first},
                                                                      {u"sha256"_s, QString(64, u'a')},
                                                                      {u"redacted"_s, true}}});
    const std::vector<Lie> lies{
        {"a changed seal", changedSeal, fv::ErrorCode::AuthenticationFailed, "a version hash differs"},
        {"a version never sent", extraVersion, fv::ErrorCode::AuthenticationFailed, "a version hash differs"},
        {"an unknown bundle", unknownBundle, fv::ErrorCode::NotFound, "did not export bundle"},
        {"another vault", otherVault, fv::ErrorCode::AuthenticationFailed, "addressing does not match"},
        {"a changed attachment", changedAttachment, fv::ErrorCode::AuthenticationFailed,
         "an attachment hash differs"},
    };
    int n = 0;
    for (const Lie& lie : lies) {
        INFO(lie.what);
        auto refused = fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender,
                                        forgeReceipt(f, lie.json, "lie" + std::to_string(n++)));
        REQUIRE_FALSE(refused);
        CHECK(refused.error().code == lie.code);
        CHECK(refused.error().message.find(lie.message) != std::string::npos);
        CHECK(f.field.rows("delivered_items") == deliveredBefore);
    }
}

TEST_CASE("Purge removes fully delivered testimonies and keeps a stub", "[sync][purge]")
{
    Fixture f;
    REQUIRE(fv::enrolCard(*f.hqVault.db, f.sender->card(), fv::VaultRole::Hq, *f.hq,
                          QDateTime::currentDateTimeUtc()));
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    REQUIRE(fv::importBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs));
    auto receipt = fv::issueReceipt(*f.hqVault.db, *f.hq, r->bundleId, f.out);
    REQUIRE(receipt);
    REQUIRE(fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, receipt->file));

    // A new version of the first testimony is not delivered: it stays whole.
    fv::Testimony edited = fvtest::sampleTestimony();
    edited.summary = u"After delivery"_s;
    REQUIRE(f.field.store->edit(f.first, edited));

    auto p = fv::purgeDelivered(*f.field.db, *f.field.blobs);
    REQUIRE(p);
    CHECK(p->testimonies == QStringList{f.second});
    CHECK(p->versions == 1);
    CHECK(p->kept == 1);
    CHECK(f.field.store->count() == 1);
    CHECK_FALSE(f.field.store->current(f.second));
    CHECK(f.field.rows("purged_stubs") == 1);
    REQUIRE(f.field.store->verifyChain(f.first));
    // The triggers are back.
    CHECK_FALSE(f.field.execError("DELETE FROM versions").empty());

    // Once the new version is delivered too, the first is fully delivered, but only redacted:
    // HQ never received the witness's name, contact, interpreter or the file name, so purge
    // keeps it (the only copy of those fields) and says so.
    auto r2 = f.exportNow(f.options());
    REQUIRE(r2);
    REQUIRE(fv::importBundle(r2->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs));
    auto receipt2 = fv::issueReceipt(*f.hqVault.db, *f.hq, r2->bundleId, f.out);
    REQUIRE(receipt2);
    REQUIRE(fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, receipt2->file));
    auto withheld = fv::purgeDelivered(*f.field.db, *f.field.blobs, {.keepStub = false});
    REQUIRE(withheld);
    CHECK(withheld->testimonies.isEmpty());
    CHECK(withheld->withheld == QStringList{f.first});
    CHECK(withheld->kept == 0);
    auto still = f.field.store->current(f.first);
    REQUIRE(still);
    CHECK(still->witness.realName == u"CANARY-REAL-NAME"_s);
    CHECK(f.field.store->attachment(f.attachment.id)->fileName == u"CANARY-FILE-NAME.ogg"_s);
    // The preview agrees with what purge does.
    auto plan = fv::planPurge(*f.field.db, {.keepStub = false});
    REQUIRE(plan);
    CHECK(plan->withheld == QStringList{f.first});

    // The witness consented: an export with identifying fields carries the delivered versions
    // again, HQ completes its redacted copies, and the receipt says HQ now holds them in full.
    fv::ExportOptions full = f.options();
    full.includeIdentifying = true;
    auto r3 = f.exportNow(full);
    REQUIRE(r3);
    CHECK(r3->versions == 3);
    CHECK(r3->attachments == 1);
    auto imported3 = fv::importBundle(r3->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE(imported3);
    CHECK(imported3->versionsAdded == 0);
    CHECK(imported3->versionsUpgraded == 3);
    CHECK(imported3->attachmentsUpgraded == 1);
    CHECK(imported3->conflicts == 0);
    auto receipt3 = fv::issueReceipt(*f.hqVault.db, *f.hq, r3->bundleId, f.out);
    REQUIRE(receipt3);
    auto applied3 = fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, receipt3->file);
    REQUIRE(applied3);
    CHECK(applied3->versions == 3);
    CHECK(applied3->attachments == 1);
    // Receipts are padded: three receipts of 4, 1 and 4 items have one size.
    CHECK(fs::file_size(receipt->file) == fs::file_size(receipt2->file));
    CHECK(fs::file_size(receipt->file) == fs::file_size(receipt3->file));
    // The attachment's blob and key, as someone who later learns the passphrase would want them.
    std::string blobName;
    fv::SecretBuffer blobKey;
    {
        const std::string firstId = f.first.toStdString();
        auto keyRow =
            f.field.db->prepare("SELECT blob_name, blob_key FROM attachments WHERE testimony_id = ?1");
        REQUIRE(keyRow);
        keyRow->bind(1, std::string_view(firstId));
        auto hasKey = keyRow->step();
        REQUIRE((hasKey && *hasKey));
        blobName = keyRow->columnText(0);
        blobKey = fv::SecretBuffer::copyOf(keyRow->columnBlob(1));
    }
    auto p2 = fv::purgeDelivered(*f.field.db, *f.field.blobs, {.keepStub = false});
    REQUIRE(p2);
    CHECK(p2->testimonies == QStringList{f.first});
    CHECK(p2->attachments == 1);
    CHECK(p2->withheld.isEmpty());
    CHECK(p2->forgotten.isEmpty());
    CHECK(f.field.store->count() == 0);
    CHECK(f.field.rows("custody_events") == 0);
    CHECK(f.field.rows("search_fts") == 0);
    CHECK(f.field.rows("purged_stubs") == 1); // keep-nothing added no stub
    // The blob file stays (a vault never deletes a committed file: core/Chaff.h), but even its
    // old key reads nothing from it: it was overwritten in place.
    CHECK(f.field.blobs->list()->contains(blobName));
    auto reader = f.field.blobs->open(blobName, blobKey);
    if (reader) {
        fv::Bytes first(64);
        CHECK_FALSE(reader->read(0, first));
    }
}

TEST_CASE("HQ report as CSV and JSON with provenance", "[sync][report]")
{
    Fixture f;
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    REQUIRE(fv::importBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs));
    const std::string csv = f.tmp.file("report.csv");
    auto n = fv::writeHqReport(*f.hqVault.db, csv, fv::ReportFormat::Csv);
    REQUIRE(n);
    CHECK(*n == 2);
    const std::string text = readText(csv);
    CHECK(text.starts_with("\xEF\xBB\xBFtestimony_id,version,sender_name,"));
    CHECK(text.find("مظاهرة") != std::string::npos);
    CHECK(text.find("D-17") != std::string::npos);
    CHECK(text.find("CANARY-REAL-NAME") == std::string::npos);
    // Every record line (CRLF-terminated, quoted newlines inside) parses back with Python's csv.
    CHECK(
        run("python3 -c " +
            shellQuote(
                "import csv,sys; rows=list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''))); "
                "assert len(rows)==3 and all(len(r)==21 for r in rows), rows") +
            " " + shellQuote(csv)) == 0);

    const std::string json = f.tmp.file("report.json");
    REQUIRE(fv::writeHqReport(*f.hqVault.db, json, fv::ReportFormat::Json));
    const QJsonArray a = QJsonDocument::fromJson(QByteArray::fromStdString(readText(json))).array();
    REQUIRE(a.size() == 2);
    const QJsonObject first = a.at(0).toObject();
    // The sender is not enrolled: its name is only a claim, and the report says so.
    CHECK(first.value(u"sender_name"_s).toString() == u"(unverified) D-17"_s);
    CHECK(first.value(u"quarantined"_s).toBool());
    CHECK_FALSE(first.value(u"verified"_s).toBool());
    CHECK(first.contains(u"content"_s));
}

TEST_CASE("HQ refuses duplicate members and bundles over the limits", "[sync][import]")
{
    Fixture f;
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    const std::string me = f.hq->card().recipient.toString();
    {
        auto v = readAtHq(f, {reseal(f, r->files[0].string(), "true", me, "padding")});
        REQUIRE_FALSE(v);
        CHECK(v.error().code == fv::ErrorCode::InvalidInput);
        // GNU tar stores the second copy as a hard link; either way it is refused.
        INFO(v.error().message);
        CHECK((v.error().message.find("appears twice") != std::string::npos ||
               v.error().message.find("link") != std::string::npos));
    }
    {
        // A genuine duplicate, written by Python's tarfile.
        const std::string dir = f.tmp.file("dup");
        const std::string dup = f.tmp.file("dup.age");
        fs::create_directories(dir);
        const std::string py =
            "import tarfile,sys,os\n"
            "d=sys.argv[1]\n"
            "with tarfile.open(fileobj=sys.stdout.buffer, mode='w|', format=tarfile.USTAR_FORMAT) as t:\n"
            "  for root,_,files in os.walk(d):\n"
            "    for n in files:\n"
            "      p=os.path.join(root,n); t.add(p, arcname=os.path.relpath(p,d))\n"
            "  t.add(os.path.join(d,'padding'), arcname='padding')\n";
        fv::test::writeFile(f.tmp.file("dup.py"), fv::asBytes(py));
        REQUIRE(run("age -d -i " + shellQuote(f.tmp.file("hq.key")) + " " + shellQuote(r->files[0].string()) +
                    " | tar -x -C " + shellQuote(dir) + " && python3 " + shellQuote(f.tmp.file("dup.py")) +
                    " " + shellQuote(dir) + " | age -r " + me + " -o " + shellQuote(dup)) == 0);
        auto v = readAtHq(f, {dup});
        REQUIRE_FALSE(v);
        INFO(v.error().message);
        CHECK(v.error().message.find("appears twice") != std::string::npos);
    }
    fv::BundleReadLimits few;
    few.maxMembers = 3;
    auto tooMany = fv::readBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs, few);
    REQUIRE_FALSE(tooMany);
    CHECK(tooMany.error().message.find("too many members") != std::string::npos);
    fv::BundleReadLimits small;
    small.maxJsonBytes = 100;
    auto tooLarge = fv::readBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs, small);
    REQUIRE_FALSE(tooLarge);
    CHECK(tooLarge.error().message.find("too large") != std::string::npos);
    CHECK(f.hqVault.blobs->list()->empty());
}

TEST_CASE("Hostile bundles leave nothing in HQ's vault: no staged file, no row", "[sync][import][hostile]")
{
    // The corpus of tests/e2e/scripts/hostile_bundles.py, encrypted to HQ as a stranger holding
    // HQ's card would; here on the bare store (no lock chaff), so any file left is the import's.
    Fixture f;
    const std::string corpus = f.tmp.file("corpus");
    REQUIRE(run("python3 " +
                shellQuote(std::string(FV_SOURCE_DIR) + "/tests/e2e/scripts/hostile_bundles.py") + " " +
                shellQuote(corpus) + " >/dev/null") == 0);
    const auto blobsBefore = *f.hqVault.blobs->list();
    const auto dirBytes = [&] {
        std::uintmax_t total = 0;
        for (const auto& e : fs::recursive_directory_iterator(f.hqVault.blobs->directory()))
            total += e.is_regular_file() ? e.file_size() : 0;
        return total;
    };
    const std::uintmax_t bytesBefore = dirBytes();
    for (const char* name : {"sparse.tar", "gnu.tar", "many.tar", "huge.tar", "duplicate.tar", "unsigned.tar",
                             "outoforder.tar"}) {
        INFO(name);
        const fv::Bytes tar = fv::test::readFile(corpus + "/" + name);
        fv::MemorySource src(tar);
        fv::MemorySink sealed;
        const std::vector<fv::AgeRecipient> to{f.hq->card().recipient};
        REQUIRE(fv::ageEncrypt(src, sealed, to));
        const fs::path file = f.tmp.file(std::string(name) + ".age");
        fv::test::writeFile(file.string(), sealed.data());
        auto r = fv::importBundle(std::vector<fs::path>{file}, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.starts_with("bundle refused: "));
        CHECK(*f.hqVault.blobs->list() == blobsBefore);
        CHECK(dirBytes() == bytesBefore);
        CHECK(f.hqVault.rows("bundles_in") == 0);
    }
}

TEST_CASE("A card enrolled with the same minisign key id does not hide the genuine sender", "[sync][import]")
{
    // Finding L3: cards were looked up by the 8-byte key id and the first match won, so a card
    // made with a copied key id (anyone can) and enrolled first quarantined the genuine sender.
    Fixture f;
    fv::IdentityCard impostor;
    impostor.displayName = u"D-17"_s;
    impostor.role = fv::VaultRole::Field;
    impostor.recipient = fv::AgeIdentity::generate().recipient();
    impostor.signingKey = fv::MinisignSecretKey::generate().publicKey();
    impostor.signingKey.keyId = f.sender->card().signingKey.keyId;
    REQUIRE(
        fv::enrolCard(*f.hqVault.db, impostor, fv::VaultRole::Hq, *f.hq, QDateTime::currentDateTimeUtc()));
    REQUIRE(fv::enrolCard(*f.hqVault.db, f.sender->card(), fv::VaultRole::Hq, *f.hq,
                          QDateTime::currentDateTimeUtc()));
    auto r = f.exportNow(f.options());
    REQUIRE(r);
    auto imported = fv::importBundle(r->files, *f.hq, *f.hqVault.db, *f.hqVault.blobs);
    REQUIRE(imported);
    CHECK(imported->verified);
    CHECK_FALSE(imported->quarantined);

    // The same on the field side: an HQ card with HQ's key id enrolled first does not make HQ's
    // genuine receipt fail.
    fv::IdentityCard fakeHq = impostor;
    fakeHq.role = fv::VaultRole::Hq;
    fakeHq.signingKey = fv::MinisignSecretKey::generate().publicKey();
    fakeHq.signingKey.keyId = f.hq->card().signingKey.keyId;
    REQUIRE(fv::removeEnrolledCard(*f.field.db, f.hq->card().fingerprint()));
    REQUIRE(
        fv::enrolCard(*f.field.db, fakeHq, fv::VaultRole::Field, *f.sender, QDateTime::currentDateTimeUtc()));
    REQUIRE(fv::enrolCard(*f.field.db, f.hq->card(), fv::VaultRole::Field, *f.sender,
                          QDateTime::currentDateTimeUtc()));
    auto receipt = fv::issueReceipt(*f.hqVault.db, *f.hq, r->bundleId, f.out);
    REQUIRE(receipt);
    auto applied = fv::applyReceipt(*f.field.db, *f.field.blobs, *f.sender, receipt->file);
    INFO((applied ? std::string() : applied.error().message));
    REQUIRE(applied);
    CHECK(applied->versions == 3);
}
