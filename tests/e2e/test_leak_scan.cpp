// The leak scan of quality.md: after a full workflow whose every text field carries canary
// strings (Arabic and Latin) and whose attachment is made of canary bytes, no file the CLI
// wrote (the vault folder, its TMPDIR, its HOME) contains a canary in UTF-8, UTF-16LE or
// UTF-16BE, no file name contains one, no file has a recognisable magic, and `file` does not
// recognise any file as a database, text, or a media or document format.
#include "Harness.h"
#include "MiniJson.h"

#include <catch2/catch.hpp>

using namespace fv::e2e;

namespace {

// Canaries that survive search normalisation unchanged: lower-case Latin; Arabic letters with
// no hamza, alef, taa marbuta or alef maqsura forms, no diacritics, and no leading prefix.
const std::string kLatin = "fvcanarylatinq7x3zk";
const std::string kArabic = "نزمرشدغطسخ";
const std::string kBytes = "FV-ATTACH-CANARY"; // 16 bytes

std::u16string toUtf16(const std::string& utf8)
{
    std::u16string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        char32_t cp = 0;
        int extra = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c >> 5) == 6) {
            cp = c & 0x1F;
            extra = 1;
        } else if ((c >> 4) == 14) {
            cp = c & 0x0F;
            extra = 2;
        } else {
            cp = c & 0x07;
            extra = 3;
        }
        ++i;
        for (int k = 0; k < extra; ++k, ++i)
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i]) & 0x3F);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out += static_cast<char16_t>(0xD800 + (cp >> 10));
            out += static_cast<char16_t>(0xDC00 + (cp & 0x3FF));
        } else {
            out += static_cast<char16_t>(cp);
        }
    }
    return out;
}

std::string utf16Bytes(const std::string& utf8, bool bigEndian)
{
    std::string out;
    for (const char16_t u : toUtf16(utf8)) {
        const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
        out += bigEndian ? hi : lo;
        out += bigEndian ? lo : hi;
    }
    return out;
}

std::string field(const std::string& name)
{
    return kLatin + " " + kArabic + " " + name;
}

std::string canaryTestimony(const std::string& variant)
{
    return "{\"title\": \"" + field("title" + variant) + "\", \"narrative\": \"" + field("narrative") +
           "\", \"summary\": \"" + field("summary") + "\", \"interview_date\": \"2024-03-14\", " +
           "\"interview_place\": {\"name\": \"" + field("place") + "\", \"city\": \"" + field("city") +
           "\", \"district\": \"" + field("district") + "\", \"landmark\": \"" + field("landmark") +
           "\"}, \"language\": [\"ar\", \"en\"], \"interpreter\": \"" + field("interpreter") +
           "\", \"interviewer\": \"" + field("interviewer") + "\", \"sensitivity\": \"critical\", " +
           "\"witness\": {\"pseudonym\": \"" + field("pseudonym") + "\", \"real_name\": \"" + field("real") +
           "\", \"contact\": \"" + field("contact") + "\", \"address\": \"" + field("address") +
           "\", \"gender\": \"female\", \"age_range\": \"18-29\", \"role\": \"victim\", "
           "\"relation_to_victims\": \"" +
           field("relation") + "\"}, " +
           "\"consent\": {\"given\": true, \"how\": \"oral_noted\", \"quote_anonymously\": true, "
           "\"share_with_un\": true, \"legal_proceedings\": true, \"contact_again\": true, \"date\": "
           "\"2024-03-14\"}, " +
           "\"incidents\": [{\"date\": \"2023\", \"date_precision\": \"year\", \"place\": {\"name\": \"" +
           field("incident place") + "\"}, \"acts\": [\"020111110000\"], \"perpetrators\": [{\"type\": " +
           "\"010106000000\", \"description\": \"" + field("perpetrator") +
           "\"}], \"victims\": [{\"name\": \"" + field("victim") + "\", \"description\": \"" +
           field("victim description") + "\", \"age\": \"" + kLatin + "\"}], \"description\": \"" +
           field("incident") + "\"}], " + "\"tags\": [\"" + kLatin + "\", \"" + kArabic + "\"]}";
}

} // namespace

TEST_CASE("Leak scan: no canary, no magic, only 'data' in any file the CLI wrote", "[e2e][leak]")
{
    VaultFixture fx;
    const auto ok = [](const RunResult& r) {
        INFO(r.describe());
        REQUIRE(r.exitCode == 0);
        return r;
    };
    ok(fx.init());
    const std::string id = fx.add(canaryTestimony(" one"));
    ok(fx.cli("add", {"--batch"}, canaryTestimony(" two") + "\n" + canaryTestimony(" three") + "\n"));
    ok(fx.cli("edit", {id, "--file", fx.writeInput("edit.json", canaryTestimony(" edited")).string()}));

    std::string media;
    while (media.size() < 1024 * 1024)
        media += kBytes;
    const fs::path mediaFile = fx.writeInput("recording-" + kLatin + "-" + kArabic + ".ogg", media);
    const std::string attachment = ok(fx.cli("attach", {id, mediaFile.string()})).outLines().at(0);

    // Reading everything back: the plaintext goes only to stdout or to out/, which is not scanned.
    ok(fx.cli("list", {"--json"}));
    CHECK(ok(fx.cli("show", {id})).out.find(kArabic) != std::string::npos);
    ok(fx.cli("history", {id, "--json"}));
    CHECK(ok(fx.cli("search", {kLatin, "--json"})).out.find(id) != std::string::npos);
    CHECK(ok(fx.cli("search", {kArabic})).out.find(id) != std::string::npos);
    fs::create_directories(fx.root() / "out");
    ok(fx.cli("extract", {attachment, (fx.root() / "out" / "x.ogg").string()}));
    ok(fx.cli("verify"));
    const fs::path newPass = fx.root() / "secrets" / "new";
    writeFile(newPass, "second passphrase " + kLatin + "\n");
    ok(fx.cli("passwd", {"--new-passphrase-file", newPass.string()}));

    std::vector<std::string> needles;
    for (const std::string& canary : {kLatin, kArabic, kBytes}) {
        needles.push_back(canary);
        needles.push_back(utf16Bytes(canary, false));
        needles.push_back(utf16Bytes(canary, true));
    }
    needles.push_back(std::string("SQLite format 3\0", 16));
    needles.push_back(std::string("\xd9\xd5\x05\xf9\x20\xa1\x63\xd7", 8)); // rollback journal magic

    // The scanner finds what it looks for: the input and the extracted file hold the canaries.
    const std::string input = readFile(fx.inputDir() / "edit.json");
    const std::string extracted = readFile(fx.root() / "out" / "x.ogg");
    CHECK(input.find(needles[0]) != std::string::npos);
    CHECK(input.find(needles[3]) != std::string::npos);
    CHECK(extracted.find(needles[6]) != std::string::npos);
    CHECK(utf16Bytes(kArabic, false).size() == 2 * 10);
    CHECK(runTool({"file", "-b", (fx.inputDir() / "edit.json").string()}) != "data\n");

    std::vector<fs::path> scanned;
    for (const fs::path& dir : {fx.vault(), fx.env().tmpDir(), fx.root() / "home"}) {
        for (const fs::path& file : filesUnder(dir))
            scanned.push_back(file);
    }
    CHECK(scanned.size() >= 4); // the key file, two stores, the attachment
    for (const fs::path& file : scanned) {
        INFO(file);
        const std::string name = file.filename().string();
        CHECK(name.find(kLatin) == std::string::npos);
        CHECK(name.find(kArabic) == std::string::npos);
        const std::string content = readFile(file);
        for (std::size_t i = 0; i < needles.size(); ++i) {
            INFO("needle " << i);
            CHECK(content.find(needles[i]) == std::string::npos);
        }
        if (content.size() >= 4) {
            const std::string head = content.substr(0, 4);
            CHECK(head != std::string("\x37\x7f\x06\x82", 4)); // WAL, little-endian checksums
            CHECK(head != std::string("\x37\x7f\x06\x83", 4)); // WAL, big-endian checksums
        }
        std::string kind = runTool({"file", "-b", file.string()});
        while (!kind.empty() && kind.back() == '\n')
            kind.pop_back();
        // Random bytes now and then hit one of file(1)'s two-byte "weak" magics (it once
        // called a store "OpenPGP Public Key"), so "data" cannot be demanded of every file.
        // What must never happen is that file(1) recognises what the vault holds: a
        // database, text, or the media and document formats testimonies come in.
        INFO("file(1) says: " << kind);
        for (const char* revealing : {"SQLite", "database", "text", "JSON", "UTF-", "ASCII", "Ogg", "audio",
                                      "JPEG", "PNG", "image", "PDF", "Zip", "gzip", "tar archive"})
            CHECK(kind.find(revealing) == std::string::npos);
    }
}
