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

    // Which store is real cannot be seen from the files (both change at every lock, to one size:
    // docs/threat-model.md), so each change is made to both; the real one must notice.
    const std::vector<fs::path> stores = {fx.vault() / "1", fx.vault() / "2"};
    for (const fs::path& store : stores)
        REQUIRE(fs::file_size(store) == fs::file_size(stores.front()));

    SECTION("a byte in a later page")
    {
        // Page 4: inside every store's page count (a fresh store has about 50 pages), not in the
        // lock-time padding past it, which is never read.
        for (const fs::path& store : stores)
            flipByte(store, 3 * 4096 + 1000);
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
        for (const fs::path& store : stores)
            flipByte(store, 100);
        const RunResult list = fx.cli("list");
        INFO(list.describe());
        CHECK(list.exitCode == 7);
        CHECK(list.out.empty());
        CHECK(fx.cli("verify").exitCode != 0);
    }
    SECTION("the store truncated")
    {
        for (const fs::path& store : stores)
            fs::resize_file(store, 8 * 4096);
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
    // The new files: the blob, and its twin of the same size in the other store's folder (and
    // perhaps a phantom pair): which one is the blob cannot be seen, so all are changed.
    std::vector<fs::path> blobs;
    for (const fs::path& file : filesUnder(fx.vault())) {
        if (!before.count(file) && file.parent_path() != fx.vault())
            blobs.push_back(file);
    }
    REQUIRE(blobs.size() >= 2);
    REQUIRE(fx.cli("verify").exitCode == 0);

    for (const fs::path& blob : blobs)
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
    for (const fs::path& blob : blobs)
        fs::remove(blob);
    const RunResult missing = fx.cli("verify", {"--json"});
    CHECK(missing.exitCode == 1);
    CHECK(json::parse(missing.out)["blobs_missing"].string == "1");
}
