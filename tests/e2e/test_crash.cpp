// kill -9 at random moments during `add --batch` and `attach`: every id the CLI printed before
// it died is in the vault afterwards, the vault verifies, and no orphan or temporary blob file
// is left once it has been opened again. Set FV_E2E_SEED to replay a run.
#include "Harness.h"
#include "MiniJson.h"
#include "crypto/Bytes.h"
#include "crypto/Hash.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <cstdlib>
#include <map>
#include <random>
#include <regex>
#include <set>

using namespace fv::e2e;
using Clock = std::chrono::steady_clock;

namespace {

// The complete lines of `out`: a line cut by the kill (no newline yet) was not acknowledged.
std::vector<std::string> completeLines(const std::string& out)
{
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (std::size_t nl = out.find('\n'); nl != std::string::npos; nl = out.find('\n', start)) {
        lines.push_back(out.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

} // namespace

TEST_CASE("kill -9 during add --batch and attach loses no acknowledged id", "[e2e][crash]")
{
    const char* seedText = std::getenv("FV_E2E_SEED");
    const std::uint32_t seed =
        seedText ? static_cast<std::uint32_t>(std::strtoul(seedText, nullptr, 10)) : std::random_device{}();
    WARN("crash loop seed (FV_E2E_SEED): " << seed);
    std::mt19937 random(seed);

    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const std::string target = fx.add(testimonyJson("Holds the attachments", "Words."));

    // A 4 MiB file that is not all one byte.
    std::string media(4 * 1024 * 1024, '\0');
    for (std::size_t i = 0; i < media.size(); ++i)
        media[i] = static_cast<char>((i * 7919u) ^ (i >> 9));
    const fs::path mediaFile = fx.writeInput("recording.ogg", media);
    const std::string mediaSha = fv::toHex(fv::sha256(fv::asBytes(media)));

    std::set<std::string> ackedTestimonies{target};
    std::set<std::string> ackedAttachments;

    // One uninterrupted attach sets the time scale for the kills.
    const auto t0 = Clock::now();
    const RunResult first = fx.cli("attach", {target, mediaFile.string()});
    const auto attachTime = Clock::now() - t0;
    INFO(first.describe());
    REQUIRE(first.exitCode == 0);
    ackedAttachments.insert(first.outLines().at(0));
    const auto attachMs = std::chrono::duration_cast<std::chrono::milliseconds>(attachTime).count();

    const std::vector<std::string> passArgs{"--passphrase-file", fx.passFile().string()};
    const auto loopDeadline = Clock::now() + std::chrono::seconds(75);
    int iterations = 0, kills = 0;
    for (; iterations < 40 && Clock::now() < loopDeadline; ++iterations) {
        const bool batch = iterations % 2 == 0;
        std::vector<std::string> args =
            batch ? std::vector<std::string>{"add", fx.vault().string(), "--batch"}
                  : std::vector<std::string>{"attach", fx.vault().string(), target, mediaFile.string()};
        args.insert(args.end(), passArgs.begin(), passArgs.end());
        const auto maxDelay = batch ? 1500 : attachMs * 13 / 10;
        const auto killAt = Clock::now() + std::chrono::milliseconds(std::uniform_int_distribution<long>(
                                               0, static_cast<long>(maxDelay))(random));
        Child child(fx.env(), args);
        int line = 0;
        while (Clock::now() < killAt && !child.poll()) {
            if (batch) {
                ++line;
                const std::string title = "crash " + std::to_string(iterations) + "." + std::to_string(line);
                if (!child.write(testimonyJson(title, std::string(200 + line % 500, 'w')) + "\n"))
                    break;
            }
            child.pump(std::chrono::milliseconds(batch ? 0 : 5));
        }
        if (!child.poll()) {
            child.kill(SIGKILL);
            ++kills;
        }
        const RunResult r = child.wait();
        const std::vector<std::string> lines = completeLines(r.out);
        if (r.signal == 0)
            CHECK((r.exitCode == 0 || r.exitCode == 4)); // 4: the previous victim's lock was not yet released
        for (const std::string& id : lines) {
            CHECK(std::regex_match(id, std::regex("[0-9a-z]{26}")));
            (batch ? ackedTestimonies : ackedAttachments).insert(id);
        }
    }
    WARN(iterations << " iterations, " << kills << " killed, " << ackedTestimonies.size()
                    << " testimonies and " << ackedAttachments.size() << " attachments acknowledged");
    CHECK(kills >= iterations / 2);

    // Reopen: everything acknowledged is there.
    const std::vector<std::string> listed = fx.listIds();
    const std::set<std::string> present(listed.begin(), listed.end());
    for (const std::string& id : ackedTestimonies) {
        INFO(id);
        CHECK(present.count(id) == 1);
    }
    const RunResult show = fx.cli("show", {target, "--json"});
    REQUIRE(show.exitCode == 0);
    std::set<std::string> attached;
    const json::Value shown = json::parse(show.out);
    for (const json::Value& a : shown["attachments"].array) {
        attached.insert(a["id"].string);
        CHECK(a["size"].string == std::to_string(media.size()));
        CHECK(a["sha256"].string == mediaSha);
    }
    for (const std::string& id : ackedAttachments) {
        INFO(id);
        CHECK(attached.count(id) == 1);
    }

    const RunResult verify = fx.cli("verify", {"--json"});
    INFO(verify.describe());
    CHECK(verify.exitCode == 0);

    // After that open and lock, the blob folders hold no temporary file, at least the attached
    // blobs, and the same multiset of sizes in both folders (chaff, core/Chaff.h): what a
    // killed run committed but never recorded stays as chaff, with its twin in the other folder.
    std::map<std::string, std::multiset<std::uintmax_t>> sizes;
    for (const fs::path& file : filesUnder(fx.vault())) {
        if (file.parent_path() == fx.vault())
            continue;
        INFO(file);
        CHECK(std::regex_match(file.filename().string(), std::regex("[0-9a-f]{32}")));
        sizes[file.parent_path().filename().string()].insert(fs::file_size(file));
    }
    CHECK(sizes["1.d"] == sizes["2.d"]);
    CHECK(sizes["1.d"].size() >= attached.size());

    // And the last acknowledged attachment reads back byte for byte.
    const fs::path out = fx.root() / "out.ogg";
    REQUIRE(fx.cli("extract", {*ackedAttachments.rbegin(), out.string()}).exitCode == 0);
    CHECK(readFile(out) == media);
}
