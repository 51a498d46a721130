// Tampering: a flipped byte in the store or in an attachment is found by verify and refused
// by the commands that read it; never wrong data, never a partial plaintext file.
#include "Harness.h"
#include "MiniJson.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <map>

using namespace fv::e2e;

namespace {

std::map<fs::path, std::string> snapshot(const fs::path& dir)
{
    std::map<fs::path, std::string> files;
    for (const fs::path& file : filesUnder(dir))
        files[file] = readFile(file);
    return files;
}

void flipByte(const fs::path& file, std::uint64_t offset)
{
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    REQUIRE(f);
    f.seekg(static_cast<std::streamoff>(offset));
    char c = 0;
    f.read(&c, 1);
    c = static_cast<char>(c ^ 0x20);
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(&c, 1);
    REQUIRE(f);
}

} // namespace

TEST_CASE("verify finds a flipped byte in the store; page 1 damage refuses to open", "[e2e][tamper]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    for (int i = 0; i < 20; ++i)
        fx.add(
            testimonyJson("Entry " + std::to_string(i), std::string(3000, static_cast<char>('a' + i % 26))));
    REQUIRE(fx.cli("verify").exitCode == 0);

    // The real store is the big file that changes when an entry is added (the decoy does not).
    const auto before = snapshot(fx.vault());
    fx.add(testimonyJson("One more", "Words."));
    const auto after = snapshot(fx.vault());
    fs::path store;
    for (const auto& [path, content] : after) {
        const auto old = before.find(path);
        if (old != before.end() && old->second != content && content.size() > 16384 &&
            path.parent_path() == fx.vault())
            store = path;
    }
    REQUIRE(!store.empty());

    SECTION("a byte in a later page")
    {
        flipByte(store, fs::file_size(store) - 5000);
        const RunResult r = fx.cli("verify", {"--json"});
        INFO(r.describe());
        CHECK(r.exitCode != 0);
        if (r.exitCode == 1) {
            const json::Value report = json::parse(r.out);
            CHECK_FALSE(report["ok"].boolean);
        } else {
            CHECK(r.exitCode == 7);
        }
    }
    SECTION("a byte in page 1")
    {
        flipByte(store, 100);
        const RunResult list = fx.cli("list");
        INFO(list.describe());
        CHECK(list.exitCode == 7);
        CHECK(list.out.empty());
        CHECK(fx.cli("verify").exitCode != 0);
    }
    SECTION("the store truncated")
    {
        fs::resize_file(store, fs::file_size(store) - 4096);
        CHECK(fx.cli("verify").exitCode != 0);
    }
}

TEST_CASE("verify finds a flipped byte in an attachment; extract refuses and leaves no file", "[e2e][tamper]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const std::string id = fx.add(testimonyJson("With a photo", "Words."));
    const std::string photo(1024 * 1024 + 77, 'p');
    const auto before = snapshot(fx.vault());
    const RunResult attach = fx.cli("attach", {id, fx.writeInput("photo.jpg", photo).string()});
    INFO(attach.describe());
    REQUIRE(attach.exitCode == 0);
    const std::string attachment = attach.outLines().at(0);
    fs::path blob;
    for (const fs::path& file : filesUnder(fx.vault())) {
        if (!before.count(file) && file.parent_path() != fx.vault())
            blob = file;
    }
    REQUIRE(!blob.empty());
    REQUIRE(fx.cli("verify").exitCode == 0);

    flipByte(blob, fs::file_size(blob) / 2);
    const RunResult verify = fx.cli("verify", {"--json"});
    INFO(verify.describe());
    CHECK(verify.exitCode == 1);
    CHECK(json::parse(verify.out)["blobs_damaged"].string == "1");

    const fs::path out = fx.root() / "out" / "photo.jpg";
    fs::create_directories(out.parent_path());
    const RunResult extract = fx.cli("extract", {attachment, out.string()});
    INFO(extract.describe());
    CHECK(extract.exitCode == 7);
    CHECK(filesUnder(out.parent_path()).empty());

    // A missing blob is reported too.
    fs::remove(blob);
    const RunResult missing = fx.cli("verify", {"--json"});
    CHECK(missing.exitCode == 1);
    CHECK(json::parse(missing.out)["blobs_missing"].string == "1");
}
