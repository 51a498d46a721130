// kill -9 at random moments during `export` (written in parts) and `import`.
//
// Export: after each kill, no file in the destination has a final name without being a whole
// bundle (every part set that has its .001, and every single file, decrypts completely with
// stock age), the field vault verifies clean, and a new export works.
// Import: after each kill, the HQ vault verifies clean, and the bundle is either wholly imported
// or not at all: importing it again either says "already imported" (the killed run committed)
// or adds exactly what the bundle carries; after that HQ holds it. Set FV_E2E_SEED to replay.
#include "Harness.h"
#include "MiniJson.h"

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

std::mt19937 seededRandom()
{
    const char* seedText = std::getenv("FV_E2E_SEED");
    const std::uint32_t seed =
        seedText ? static_cast<std::uint32_t>(std::strtoul(seedText, nullptr, 10)) : std::random_device{}();
    WARN("crash loop seed (FV_E2E_SEED): " << seed);
    return std::mt19937(seed);
}

std::string mediaBytes(std::size_t size, unsigned salt)
{
    std::string media(size, '\0');
    for (std::size_t i = 0; i < media.size(); ++i)
        media[i] = static_cast<char>((i * 7919u + salt) ^ (i >> 9));
    return media;
}

/// Runs `args` and kills it with SIGKILL at `killAfter` unless it ended first. Returns the
/// result and whether it was killed.
std::pair<RunResult, bool> runAndKill(const ChildEnv& env, const std::vector<std::string>& args,
                                      std::chrono::milliseconds killAfter)
{
    const auto killAt = Clock::now() + killAfter;
    Child child(env, args);
    child.closeStdin();
    while (Clock::now() < killAt && !child.poll())
        child.pump(std::chrono::milliseconds(2));
    bool killed = false;
    if (!child.poll()) {
        child.kill(SIGKILL);
        killed = true;
    }
    RunResult r = child.wait();
    return {r, killed && r.signal == SIGKILL};
}

/// The files in `dir` that carry a final (not hidden temporary) name, grouped by bundle name:
/// "NAME" -> part numbers (0 for a single file).
std::map<std::string, std::set<int>> finalNames(const fs::path& dir)
{
    static const std::regex part("([0-9a-f]{20})\\.([0-9]{3})");
    static const std::regex whole("[0-9a-f]{20}");
    std::map<std::string, std::set<int>> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        const std::string name = e.path().filename().string();
        std::smatch m;
        if (name.starts_with(".")) {
            CHECK(name.ends_with(".tmp")); // a temporary left by the kill: hidden, never final
            continue;
        }
        if (std::regex_match(name, m, part))
            out[m[1].str()].insert(std::stoi(m[2].str()));
        else if (std::regex_match(name, whole))
            out[name].insert(0);
        else
            FAIL("unexpected file in the destination: " << name);
    }
    return out;
}

/// True when `files` (in order) decrypt completely with the stock `age` and hold a tar.
bool decryptsWhole(const std::vector<fs::path>& files, const fs::path& key)
{
    std::string cat = "cat";
    for (const fs::path& f : files)
        cat += " '" + f.string() + "'";
    return runTool(
               {"bash", "-c", cat + " | age -d -i '" + key.string() + "' | tar -t >/dev/null && echo WHOLE"})
               .find("WHOLE") != std::string::npos;
}

int jsonInt(const json::Value& v, const std::string& key)
{
    return std::stoi(v[key].string);
}

struct Pair
{
    VaultFixture field;
    VaultFixture hq;
    fs::path hqKey;

    Pair()
    {
        REQUIRE(field.init().exitCode == 0);
        REQUIRE(hq.cli("init", {"--kdf-profile", "fast-insecure-testing", "--role", "hq"}).exitCode == 0);
        const std::string fieldCard = field.cli("card", {"--name", "D-9"}).out;
        const std::string hqCard = hq.cli("card").out;
        REQUIRE(field.cli("enrol", {field.writeInput("hq.card", hqCard).string()}).exitCode == 0);
        REQUIRE(hq.cli("enrol", {hq.writeInput("d9.card", fieldCard).string()}).exitCode == 0);
        hqKey = hq.root() / "secrets" / "hq.key";
        REQUIRE(hq.cli("identity-export", {"--age-identity", hqKey.string()}).exitCode == 0);
    }
};

} // namespace

TEST_CASE("kill -9 during export (in parts) never leaves a bundle-looking file", "[e2e][crash][sync]")
{
    std::mt19937 random = seededRandom();
    Pair p;
    for (int i = 0; i < 3; ++i) {
        const std::string id = p.field.add(testimonyJson("export crash " + std::to_string(i), "words"));
        const fs::path media = p.field.writeInput("m" + std::to_string(i), mediaBytes(8 * 1024 * 1024, i));
        REQUIRE(p.field.cli("attach", {id, media.string()}).exitCode == 0);
    }
    const fs::path usb = p.field.root() / "usb";
    fs::create_directories(usb);
    const std::vector<std::string> exportArgs{"export",
                                              p.field.vault().string(),
                                              "--to",
                                              usb.string(),
                                              "--part-size",
                                              "1M",
                                              "--passphrase-file",
                                              p.field.passFile().string()};

    // Uninterrupted exports set the time scale for the kills: the faster of two, because the
    // first one runs with cold caches and can take twice as long as the others (then most
    // kills would come too late).
    long exportMs = 0;
    for (int run = 0; run < 2; ++run) {
        const auto t0 = Clock::now();
        const RunResult whole = runCli(p.field.env(), exportArgs);
        const long ms = static_cast<long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count());
        INFO(whole.describe());
        REQUIRE(whole.exitCode == 0);
        REQUIRE(whole.outLines().size() >= 24);
        exportMs = run == 0 ? ms : std::min(exportMs, ms);
    }

    int kills = 0;
    const int iterations = 12;
    for (int it = 0; it < iterations; ++it) {
        // Mostly within the export; one draw in ten past its end, so completed runs are seen too.
        const auto delay =
            std::chrono::milliseconds(std::uniform_int_distribution<long>(0, exportMs * 10 / 9)(random));
        auto [r, killed] = runAndKill(p.field.env(), exportArgs, delay);
        kills += killed ? 1 : 0;
        if (!killed) {
            INFO(r.describe());
            CHECK(r.exitCode == 0);
        }

        // Every part set with a .001 (and every single file) is a whole bundle.
        for (const auto& [name, numbers] : finalNames(usb)) {
            INFO("bundle " << name << " after a kill at " << delay.count() << " ms of " << exportMs);
            if (numbers.count(0)) {
                CHECK(decryptsWhole({usb / name}, p.hqKey));
                continue;
            }
            if (!numbers.count(1))
                continue; // parts without .001: left by a kill during the renames, never "complete"
            std::vector<fs::path> files;
            for (int n = 1; numbers.count(n); ++n) {
                char suffix[8];
                std::snprintf(suffix, sizeof suffix, ".%03d", n);
                files.push_back(usb / (name + suffix));
            }
            CHECK(files.size() == numbers.size()); // no gap
            CHECK(decryptsWhole(files, p.hqKey));
        }
        // The field vault verifies clean (the next open removes nothing it needs).
        const RunResult verify = p.field.cli("verify", {"--json"});
        INFO(verify.describe());
        CHECK(verify.exitCode == 0);
        CHECK(json::parse(verify.out)["ok"].boolean);
    }
    WARN(iterations << " exports, " << kills << " killed (export takes " << exportMs << " ms)");
    CHECK(kills >= iterations / 2);

    // A re-export works and HQ imports it, verified, with everything.
    const fs::path again = p.field.root() / "again";
    fs::create_directories(again);
    const RunResult re = p.field.cli("export", {"--to", again.string(), "--part-size", "1M"});
    INFO(re.describe());
    REQUIRE(re.exitCode == 0);
    const RunResult imported = p.hq.cli("import", {re.outLines().at(0), "--json"});
    INFO(imported.describe());
    REQUIRE(imported.exitCode == 0);
    const json::Value report = json::parse(imported.out);
    CHECK(report["verified"].boolean);
    CHECK(jsonInt(report, "entries_added") == 3);
    CHECK(jsonInt(report, "attachments_added") == 3);
}

TEST_CASE("kill -9 during import leaves the bundle wholly imported or not at all", "[e2e][crash][sync]")
{
    std::mt19937 random = seededRandom();
    Pair p;
    const int bundles = 9;
    std::vector<std::string> files; // one bundle per testimony, each with an 8 MiB attachment
    const fs::path usb = p.field.root() / "usb";
    fs::create_directories(usb);
    for (int i = 0; i < bundles; ++i) {
        const std::string id = p.field.add(testimonyJson("import crash " + std::to_string(i), "words"));
        const fs::path media = p.field.writeInput("m" + std::to_string(i), mediaBytes(8 * 1024 * 1024, i));
        REQUIRE(p.field.cli("attach", {id, media.string()}).exitCode == 0);
        const RunResult e = p.field.cli("export", {"--to", usb.string(), "--ids", id});
        INFO(e.describe());
        REQUIRE(e.exitCode == 0);
        files.push_back(e.outLines().at(0));
    }

    // One uninterrupted import (of the first bundle) sets the time scale for the kills.
    const std::vector<std::string> pass{"--passphrase-file", p.hq.passFile().string()};
    const auto t0 = Clock::now();
    const RunResult timing = p.hq.cli("import", {files.at(0), "--json"});
    const auto importMs = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    INFO(timing.describe());
    REQUIRE(timing.exitCode == 0);

    int kills = 0, foundWhole = 0;
    for (int i = 1; i < bundles; ++i) {
        const auto delay = std::chrono::milliseconds(
            std::uniform_int_distribution<long>(0, static_cast<long>(importMs))(random));
        std::vector<std::string> args{"import", p.hq.vault().string(), files.at(i), "--json"};
        args.insert(args.end(), pass.begin(), pass.end());
        auto [r, killed] = runAndKill(p.hq.env(), args, delay);
        kills += killed ? 1 : 0;
        if (!killed) {
            INFO(r.describe());
            CHECK(r.exitCode == 0);
        }

        // HQ verifies clean (a staged blob the killed run committed stays as chaff).
        const RunResult verify = p.hq.cli("verify", {"--json"});
        INFO(verify.describe());
        CHECK(verify.exitCode == 0);
        CHECK(json::parse(verify.out)["ok"].boolean);

        // All or nothing: importing again either finds it whole or adds all of it.
        const RunResult again = p.hq.cli("import", {files.at(i), "--json"});
        INFO(again.describe());
        REQUIRE(again.exitCode == 0);
        const json::Value rep = json::parse(again.out);
        CHECK(rep["verified"].boolean);
        if (rep["already_imported"].boolean) {
            ++foundWhole;
            CHECK(jsonInt(rep, "versions_added") == 0);
        } else {
            CHECK(jsonInt(rep, "entries_added") == 1);
            CHECK(jsonInt(rep, "versions_added") == 1);
            CHECK(jsonInt(rep, "attachments_added") == 1);
        }
    }
    WARN(bundles - 1 << " imports, " << kills << " killed, " << foundWhole
                     << " found whole on re-import (import takes " << importMs << " ms)");
    CHECK(kills >= (bundles - 1) / 3); // the loop did kill (the rest ran to the end)

    // Every bundle is there once, verified, and the vault is clean.
    const fs::path report = p.hq.root() / "report.json";
    REQUIRE(p.hq.cli("report", {"--json", report.string()}).exitCode == 0);
    const json::Value rows = json::parse(readFile(report));
    CHECK(rows.array.size() == static_cast<std::size_t>(bundles));
    for (const json::Value& row : rows.array)
        CHECK(row["verified"].boolean);
    CHECK(p.hq.cli("verify").exitCode == 0);
}
