// The sync parsers on their own (core/sync/SyncParsers.h): member checks of a bundle's tar, the
// manifest, and a receipt's archive and JSON, with inputs a hostile sender could sign. The
// fuzz targets (tests/fuzz/fuzz_bundle_tar.cpp, fuzz_manifest.cpp, fuzz_receipt.cpp) run the
// same functions on random bytes.
#include "core/Identity.h"
#include "core/sync/SyncParsers.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <archive.h>
#include <archive_entry.h>
#include <catch2/catch.hpp>

using namespace fv;
using namespace Qt::StringLiterals;

namespace {

struct TarMember
{
    std::string name;
    std::string data;
    unsigned type = AE_IFREG;
    std::string link{};
};

la_ssize_t toSink(struct archive*, void* sink, const void* buffer, std::size_t length)
{
    auto* s = static_cast<std::string*>(sink);
    s->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

// A ustar (or pax, for long names) archive written by libarchive.
std::string tarOf(const std::vector<TarMember>& members, bool pax = false)
{
    std::string out;
    struct archive* a = archive_write_new();
    REQUIRE((pax ? archive_write_set_format_pax(a) : archive_write_set_format_ustar(a)) == ARCHIVE_OK);
    REQUIRE(archive_write_open2(a, &out, nullptr, &toSink, nullptr, nullptr) == ARCHIVE_OK);
    for (const TarMember& m : members) {
        struct archive_entry* e = archive_entry_new();
        archive_entry_set_pathname(e, m.name.c_str());
        archive_entry_set_filetype(e, m.type);
        archive_entry_set_perm(e, 0644);
        if (!m.link.empty())
            archive_entry_set_symlink(e, m.link.c_str());
        archive_entry_set_size(e, m.type == AE_IFREG ? static_cast<la_int64_t>(m.data.size()) : 0);
        REQUIRE(archive_write_header(a, e) == ARCHIVE_OK);
        if (m.type == AE_IFREG && !m.data.empty())
            REQUIRE(archive_write_data(a, m.data.data(), m.data.size()) ==
                    static_cast<la_ssize_t>(m.data.size()));
        archive_entry_free(e);
    }
    REQUIRE(archive_write_close(a) == ARCHIVE_OK);
    archive_write_free(a);
    return out;
}

Result<BundleMembers> readTar(const std::string& tar, const BundleReadLimits& limits = {})
{
    MemorySource source(asBytes(tar));
    return readBundleMembers(source, nullptr, limits);
}

std::string refusal(const Result<BundleMembers>& r)
{
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::InvalidInput);
    return r.error().message;
}

} // namespace

TEST_CASE("readBundleMembers keeps allowed members and refuses the rest", "[sync][parsers]")
{
    const std::string sums =
        "0000000000000000000000000000000000000000000000000000000000000000  manifest.json\n";
    auto ok = readTar(tarOf({{"manifest.json", "{}"},
                             {"entries/abc/1.json", "{\"x\":1}"},
                             {"attachments/a1", std::string(100000, 'z')},
                             {"custody.jsonl", ""},
                             {"padding", std::string(2048, '\0')},
                             {"SHA256SUMS", sums},
                             {"SHA256SUMS.minisig", "sig"}}));
    REQUIRE(ok);
    CHECK(ok->members.size() == 7);
    CHECK(ok->entryOrder == std::vector<std::string>{"entries/abc/1.json"});
    CHECK(ok->members.at("attachments/a1").size == 100000);
    CHECK(ok->members.at("attachments/a1").bytes.isEmpty()); // attachments are streamed, not kept
    CHECK(ok->members.at("entries/abc/1.json").bytes == "{\"x\":1}");
    CHECK(ok->attachments.empty()); // no staging store given

    CHECK(refusal(readTar(tarOf({{"/manifest.json", "{}"}}))).find("absolute path") != std::string::npos);
    CHECK(refusal(readTar(tarOf({{"../manifest.json", "{}"}}))).find("\"..\" path") != std::string::npos);
    CHECK(refusal(readTar(tarOf({{"entries/../x", "{}"}}))).find("\"..\" path") != std::string::npos);
    CHECK(refusal(readTar(tarOf({{"attachments/a1", "", AE_IFLNK, "/etc/passwd"}}))).find("link") !=
          std::string::npos);
    CHECK(refusal(readTar(tarOf({{"entries", "", AE_IFDIR}}))).find("folder") != std::string::npos);
    CHECK(refusal(readTar(tarOf({{"padding", "", AE_IFCHR}}))).find("device") != std::string::npos);
    CHECK(refusal(readTar(tarOf({{"manifest.json", "{}"}, {"manifest.json", "[]"}}))).find("twice") !=
          std::string::npos);
    for (const char* name : {"entries/abc/01.json", "entries/ABC/1.json", "entries/abc/1.txt",
                             "attachments/a/b", "notes.txt", "SHA256SUMS.asc"}) {
        INFO(name);
        CHECK(refusal(readTar(tarOf({{name, "{}"}}))).find("unexpected member") != std::string::npos);
    }
    CHECK_FALSE(readTar(tarOf({{"attachments/", "{}"}}))); // read as a folder
    CHECK(refusal(readTar(tarOf({{"attachments/" + std::string(65, 'a'), "x"}}, true))).find("unexpected") !=
          std::string::npos);
    CHECK(readTar(tarOf({{"attachments/" + std::string(64, 'a'), "x"}}, true)).has_value());

    BundleReadLimits limits;
    limits.maxMembers = 2;
    limits.maxJsonBytes = 10;
    limits.maxAttachmentBytes = 100;
    CHECK(refusal(readTar(tarOf({{"manifest.json", "{}"}, {"custody.jsonl", ""}, {"padding", ""}}), limits))
              .find("too many members") != std::string::npos);
    CHECK(refusal(readTar(tarOf({{"manifest.json", std::string(11, ' ')}}), limits)).find("too large") !=
          std::string::npos);
    CHECK(refusal(readTar(tarOf({{"attachments/a1", std::string(101, 'x')}}), limits)).find("too large") !=
          std::string::npos);

    // Cut inside a member's data: refused as truncated or malformed, never accepted short.
    const std::string whole = tarOf({{"attachments/a1", std::string(5000, 'x')}});
    const auto cut = readTar(whole.substr(0, 512 + 2000));
    REQUIRE_FALSE(cut);
    CHECK(cut.error().code == ErrorCode::InvalidInput);
}

TEST_CASE("parseManifest refuses what the writer never writes", "[sync][parsers]")
{
    // A manifest with a real sender card.
    const AgeIdentity age = AgeIdentity::generate();
    const MinisignSecretKey key = MinisignSecretKey::generate();
    IdentityCard sender;
    sender.displayName = u"D-17"_s;
    sender.role = VaultRole::Field;
    sender.recipient = age.recipient();
    sender.signingKey = key.publicKey();
    const QString hash(64, u'a');
    const QJsonObject good{
        {u"format"_s, u"fieldvault-bundle"_s},
        {u"format_version"_s, 1},
        {u"bundle_id"_s, u"01abc"_s},
        {u"sender"_s,
         QJsonObject{{u"name"_s, sender.displayName},
                     {u"role"_s, u"field"_s},
                     {u"age_recipient"_s, QString::fromStdString(sender.recipient.toString())},
                     {u"minisign_public_key"_s, QString::fromStdString(sender.signingKey.toBase64())},
                     {u"fingerprint"_s, QString::fromStdString(sender.fingerprint())}}},
        {u"recipients"_s, QJsonArray{QString::fromStdString(sender.fingerprint())}},
        {u"entries"_s, QJsonArray{QJsonObject{{u"testimony_id"_s, u"t1"_s},
                                              {u"version"_s, 2},
                                              {u"path"_s, u"entries/t1/2.json"_s},
                                              {u"hash"_s, hash}}}},
        {u"attachments"_s, QJsonArray{QJsonObject{{u"id"_s, u"a1"_s},
                                                  {u"testimony_id"_s, u"t1"_s},
                                                  {u"path"_s, u"attachments/a1"_s},
                                                  {u"size"_s, 12345},
                                                  {u"sha256"_s, hash}}}}};
    const auto parse = [](const QJsonObject& o) { return parseManifest(QJsonDocument(o).toJson()); };
    auto m = parse(good);
    REQUIRE(m);
    CHECK(m->bundleId == u"01abc"_s);
    CHECK(m->sender == sender);
    REQUIRE(m->entries.size() == 1);
    CHECK(m->entries[0].version == 2);
    REQUIRE(m->attachments.size() == 1);
    CHECK(m->attachments[0].size == 12345);

    // Each change below is refused as InvalidInput (format_version 2 as Unsupported).
    const auto with = [&](const QString& name, const QJsonValue& v) {
        QJsonObject o = good;
        o.insert(name, v);
        return o;
    };
    const auto attachmentWith = [&](const QString& name, const QJsonValue& v) {
        QJsonObject a = good.value(u"attachments"_s).toArray().at(0).toObject();
        a.insert(name, v);
        return with(u"attachments"_s, QJsonArray{a});
    };
    const auto entryWith = [&](const QString& name, const QJsonValue& v) {
        QJsonObject e = good.value(u"entries"_s).toArray().at(0).toObject();
        e.insert(name, v);
        return with(u"entries"_s, QJsonArray{e});
    };
    QJsonObject badFp = good.value(u"sender"_s).toObject();
    badFp.insert(u"fingerprint"_s, u"AAAA-AAAA-AAAA-AAAA-AAAA-AAAA"_s);
    QJsonObject bidi = good.value(u"sender"_s).toObject();
    bidi.insert(u"name"_s, u"HQ\u202E"_s);
    const std::vector<std::pair<const char*, QJsonObject>> bad{
        {"size far beyond 2^64", attachmentWith(u"size"_s, 1e300)},
        {"negative size", attachmentWith(u"size"_s, -1)},
        {"fractional size", attachmentWith(u"size"_s, 1.5)},
        {"size as text", attachmentWith(u"size"_s, u"12345"_s)},
        {"sha256 not hex", attachmentWith(u"sha256"_s, u"xyz"_s)},
        {"attachment path for another id", attachmentWith(u"path"_s, u"attachments/a2"_s)},
        {"version 0", entryWith(u"version"_s, 0)},
        {"fractional version", entryWith(u"version"_s, 2.5)},
        {"entry path for another version", entryWith(u"path"_s, u"entries/t1/3.json"_s)},
        {"upper-case id", entryWith(u"testimony_id"_s, u"T1"_s)},
        {"duplicate entry", with(u"entries"_s, QJsonArray{good.value(u"entries"_s).toArray().at(0),
                                                          good.value(u"entries"_s).toArray().at(0)})},
        {"entries not an array", with(u"entries"_s, u"none"_s)},
        {"bundle id with a slash", with(u"bundle_id"_s, u"../x"_s)},
        {"sender fingerprint not its keys", with(u"sender"_s, badFp)},
        {"sender name with a bidi override", with(u"sender"_s, bidi)},
        {"recipient not a fingerprint", with(u"recipients"_s, QJsonArray{u"me"_s})},
        {"not a bundle manifest", with(u"format"_s, u"other"_s)},
        {"format_version 1.5", with(u"format_version"_s, 1.5)},
    };
    for (const auto& [what, o] : bad) {
        INFO(what);
        auto r = parse(o);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::InvalidInput);
    }
    auto newer = parse(with(u"format_version"_s, 3));
    REQUIRE_FALSE(newer);
    CHECK(newer.error().code == ErrorCode::Unsupported);
    CHECK_FALSE(parseManifest("[]"));
    CHECK_FALSE(parseManifest("{\"format\":"));
}

TEST_CASE("Receipt archive and JSON parsers", "[sync][parsers]")
{
    const MinisignSecretKey key = MinisignSecretKey::generate();
    const std::string json =
        R"({"format":"fieldvault-receipt","format_version":1,"bundle_id":"b1","hq":"H","to":"T","issued":"x",)"
        R"("versions":[{"testimony_id":"t1","version":1,"hash":")" +
        std::string(64, 'a') + R"("}],"attachments":[{"id":"a1","testimony_id":"t1","sha256":")" +
        std::string(64, 'b') + R"("}]})";
    auto sig = minisignSign(key, asBytes(json), "fieldvault-receipt v1 bundle=b1 hq=H to=T");
    REQUIRE(sig);
    const std::string sigText = sig->toFileText();

    auto env =
        readReceiptArchive(asBytes(tarOf({{"receipt.json", json}, {"receipt.json.minisig", sigText}})));
    REQUIRE(env);
    CHECK(env->json == json);
    CHECK(env->signature.trustedComment == "fieldvault-receipt v1 bundle=b1 hq=H to=T");
    auto content = parseReceiptJson(env->json);
    REQUIRE(content);
    CHECK(content->bundleId == u"b1"_s);
    CHECK(content->hq == "H");
    REQUIRE(content->versions.size() == 1);
    CHECK(content->versions[0].version == 1);
    REQUIRE(content->attachments.size() == 1);
    CHECK(content->attachments[0].id == u"a1"_s);

    const std::vector<std::pair<const char*, std::string>> badTars{
        {"duplicate",
         tarOf({{"receipt.json", json}, {"receipt.json", json}, {"receipt.json.minisig", sigText}})},
        {"extra member", tarOf({{"receipt.json", json}, {"receipt.json.minisig", sigText}, {"x", "1"}})},
        {"no signature", tarOf({{"receipt.json", json}})},
        {"symlink",
         tarOf({{"receipt.json", "", AE_IFLNK, "/etc/passwd"}, {"receipt.json.minisig", sigText}})},
        {"malformed signature", tarOf({{"receipt.json", json}, {"receipt.json.minisig", "nonsense\n"}})},
        {"not a tar", std::string(1024, 'x')},
    };
    for (const auto& [what, tar] : badTars) {
        INFO(what);
        auto r = readReceiptArchive(asBytes(tar));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::InvalidInput);
    }
    for (const std::string& badJson :
         {std::string(
              R"({"format":"fieldvault-receipt","format_version":1,"bundle_id":"b1","hq":"H","to":"T",)"
              R"("versions":[{"testimony_id":"t1","version":0,"hash":"x"}],"attachments":[]})"),
          std::string(
              R"({"format":"fieldvault-receipt","format_version":1,"bundle_id":"b1","hq":"H","to":"T",)"
              R"("versions":"all","attachments":[]})"),
          std::string(
              R"({"format":"fieldvault-receipt","format_version":1,"bundle_id":"B/1","hq":"H","to":"T",)"
              R"("versions":[],"attachments":[]})"),
          std::string("[]")}) {
        INFO(badJson);
        auto r = parseReceiptJson(badJson);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::InvalidInput);
    }
    auto newer = parseReceiptJson(R"({"format":"fieldvault-receipt","format_version":3})");
    REQUIRE_FALSE(newer);
    CHECK(newer.error().code == ErrorCode::Unsupported);
}

TEST_CASE("parseEntry: the fuzz seeds (written in Python from the docs) parse, and a changed byte is refused",
          "[sync][parsers]")
{
    const auto seed = [](const char* name) {
        QFile f(QStringLiteral(FV_SOURCE_DIR "/tests/fuzz/corpus/entry/") + QString::fromLatin1(name));
        REQUIRE(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        return std::pair{QString::fromLatin1(all.mid(1, 64)), all.mid(65)};
    };
    const auto [seal, full] = seed("unredacted");
    auto e = parseEntry(full, "entries/t/1.json", 2, seal);
    REQUIRE(e);
    CHECK_FALSE(e->redacted);
    CHECK(e->hash.size() == 64);
    const auto [seal2, red] = seed("redacted");
    auto r = parseEntry(red, "entries/t/1.json", 2, seal2);
    REQUIRE(r);
    CHECK(r->redacted);
    CHECK(r->hash.isEmpty());
    const auto [hash1, v1] = seed("format1");
    CHECK(parseEntry(v1, "entries/t/1.json", 1, hash1));

    // Each check of an unredacted entry can fail: the content, the seal, the name.
    QByteArray changed = full;
    changed.replace("\"title\":\"T\"", "\"title\":\"U\"");
    CHECK(parseEntry(changed, "entries/t/1.json", 2, seal).error().message.find("content_sha256") !=
          std::string::npos);
    QString otherSeal = seal;
    otherSeal[3] = otherSeal[3] == u'0' ? u'1' : u'0';
    CHECK_FALSE(parseEntry(full, "entries/t/1.json", 2, otherSeal));
    CHECK_FALSE(parseEntry(red, "entries/t/1.json", 2, otherSeal));
    CHECK_FALSE(parseEntry(full, "entries/t/2.json", 2, seal));
    QByteArray badHash = full;
    const qsizetype at = badHash.indexOf("\"hash\":\"") + 8;
    badHash[at] = badHash[at] == '0' ? '1' : '0';
    CHECK_FALSE(parseEntry(badHash, "entries/t/1.json", 2, seal));
}
