// What goes wrong: a wrong passphrase, a vault open in another process, bad input, things
// that do not exist. Each gives one clear line, a documented exit code, and changes nothing.
#include "Harness.h"
#include "MiniJson.h"

#include <catch2/catch.hpp>
#include <thread>

using namespace fv::e2e;

namespace {

std::size_t lineCount(const std::string& text)
{
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

} // namespace

TEST_CASE("A wrong passphrase exits 3 with a message, and the vault is untouched", "[e2e][errors]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const std::string id = fx.add(testimonyJson("Kept safe", "Words."));
    const fs::path wrong = fx.root() / "secrets" / "wrong";
    writeFile(wrong, "not the passphrase\n");
    for (const char* command : {"list", "verify", "passwd"}) {
        INFO(command);
        const RunResult r = runCli(fx.env(), {command, fx.vault().string(), "--json", "--passphrase-file",
                                              wrong.string(), "--new-passphrase-file", wrong.string()});
        if (std::string(command) != "passwd") {
            // list and verify have no --new-passphrase-file: rerun without it.
            const RunResult plain = runCli(
                fx.env(), {command, fx.vault().string(), "--json", "--passphrase-file", wrong.string()});
            INFO(plain.describe());
            CHECK(plain.exitCode == 3);
            CHECK(plain.err.find("passphrase is not correct") != std::string::npos);
            CHECK(plain.out.empty());
            const auto lines = RunResult{0, 0, plain.err, {}}.outLines();
            REQUIRE(lines.size() == 2);
            CHECK(json::parse(lines[1])["error"].string == "wrong-passphrase");
        } else {
            INFO(r.describe());
            CHECK(r.exitCode == 3);
        }
    }
    // A recovery key with a typo is caught by its checksum.
    const fs::path badKey = fx.root() / "secrets" / "badkey";
    writeFile(badKey, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA\n");
    const RunResult r = runCli(
        fx.env(), {"list", fx.vault().string(), "--recovery-key", "--passphrase-file", badKey.string()});
    CHECK((r.exitCode == 5 || r.exitCode == 3));
    CHECK(fx.listIds() == std::vector<std::string>{id});
}

TEST_CASE("A second process gets 'open elsewhere' (exit 4) while the vault is open", "[e2e][errors]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const std::vector<std::string> holderArgs{"add", fx.vault().string(), "--passphrase-file",
                                              fx.passFile().string()};
    // The holder unlocks, then waits for its JSON on stdin, which we keep open.
    auto holder = std::make_unique<Child>(fx.env(), holderArgs);
    RunResult busy;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        if (holder->poll()) // it lost the race against our probe: start it again
            holder = std::make_unique<Child>(fx.env(), holderArgs);
        busy = fx.cli("list", {"--json"});
        if (busy.exitCode == 4)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    INFO(busy.describe());
    REQUIRE(busy.exitCode == 4);
    CHECK(busy.err.find("open elsewhere") != std::string::npos);
    CHECK(busy.err.find("\"error\":\"busy\"") != std::string::npos);
    CHECK(fx.cli("add", {}, testimonyJson("Second writer", "Words.")).exitCode == 4);

    // The holder finishes normally; then the vault opens again and holds exactly its entry.
    holder->write(testimonyJson("First writer", "Words."));
    const RunResult done = holder->wait();
    INFO(done.describe());
    REQUIRE(done.exitCode == 0);
    REQUIRE(done.outLines().size() == 1);
    CHECK(fx.listIds() == done.outLines());
}

TEST_CASE("Bad input gives one message naming the field, and nothing is saved", "[e2e][errors]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const std::string existing = fx.add(testimonyJson("Already there", "Words."));
    const std::string good = testimonyJson("T", "N", "030101000000");
    const auto replace = [&good](const std::string& from, const std::string& to) {
        std::string s = good;
        const auto at = s.find(from);
        REQUIRE(at != std::string::npos);
        s.replace(at, from.size(), to);
        return s;
    };
    struct Case
    {
        const char* what;
        std::string input;
        std::string mention;
    };
    const std::vector<Case> cases{
        {"malformed JSON", good.substr(0, good.size() / 2), "JSON"},
        {"not an object", "[1, 2]", "object"},
        {"empty input", "", "empty"},
        {"invalid UTF-8", replace("\"title\": \"T\"", "\"title\": \"T\xff\xfe\""), "UTF-8"},
        {"overlong UTF-8", replace("\"narrative\": \"N\"", "\"narrative\": \"\xc0\xaf\""), "UTF-8"},
        {"unknown ESF act", replace("030101000000", "999999999999"), "incidents[0].acts[0]"},
        {"unknown perpetrator", replace("010104000000", "123"), "incidents[0].perpetrators[0]"},
        {"oversize title", replace("\"title\": \"T\"", "\"title\": \"" + std::string(5000, 'x') + "\""),
         "title"},
        {"oversize narrative",
         replace("\"narrative\": \"N\"", "\"narrative\": \"" + std::string(1024 * 1024 + 10, 'n') + "\""),
         "narrative"},
        {"missing title", replace("\"title\": \"T\", ", ""), "title"},
        {"unknown key", replace("\"title\": \"T\"", "\"title\": \"T\", \"titel\": \"x\""), "titel"},
        {"bad date", replace("2024-03-14", "2024-02-30"), "interview_date"},
        {"bad consent", replace("\"share_with_un\": false", "\"share_with_un\": \"yes\""),
         "consent.share_with_un"},
        {"bad age range", replace("30-44", "31-44"), "witness.age_range"},
    };
    for (const Case& c : cases) {
        INFO(c.what);
        const RunResult r = fx.cli("add", {}, c.input);
        INFO(r.describe());
        CHECK(r.exitCode == 5);
        CHECK(r.out.empty());
        CHECK(lineCount(r.err) == 1);
        CHECK(r.err.find(c.mention) != std::string::npos);
        // The same through edit: the old version stays.
        const RunResult e = fx.cli("edit", {existing}, c.input);
        CHECK(e.exitCode == 5);
    }
    CHECK(fx.listIds() == std::vector<std::string>{existing});
    CHECK(fx.cli("history", {existing, "--json"}).out.find("\"edited\"") == std::string::npos);

    // A bad file name is an I/O or not-found error, not a crash.
    const RunResult missing = fx.cli("add", {"--file", (fx.root() / "no-such.json").string()});
    CHECK(missing.exitCode == 6);
}

TEST_CASE("add --batch saves the lines before a bad one, names the line, and stops", "[e2e][errors]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const std::string input = testimonyJson("One", "first") + "\n" + testimonyJson("Two", "second") + "\n\n" +
                              "{\"title\": \"Three\", \"narrative\": 5}\n" + testimonyJson("Four", "fourth") +
                              "\n";
    const RunResult r = fx.cli("add", {"--batch"}, input);
    INFO(r.describe());
    CHECK(r.exitCode == 5);
    CHECK(r.outLines().size() == 2);
    CHECK(r.err.find("line 4") != std::string::npos);
    CHECK(r.err.find("narrative") != std::string::npos);
    CHECK(lineCount(r.err) == 1);
    const auto ids = fx.listIds();
    CHECK(ids.size() == 2);
    for (const std::string& id : r.outLines())
        CHECK(std::find(ids.begin(), ids.end(), id) != ids.end());

    // A good batch, from a file, with Windows line ends and a trailing line without newline.
    const fs::path file =
        fx.writeInput("batch.jsonl", testimonyJson("Five", "5") + "\r\n" + testimonyJson("Six", "6"));
    const RunResult ok = fx.cli("add", {"--batch", "--file", file.string()});
    INFO(ok.describe());
    CHECK(ok.exitCode == 0);
    CHECK(ok.outLines().size() == 2);
    CHECK(fx.listIds().size() == 4);
}

TEST_CASE("Things that do not exist exit 6", "[e2e][errors]")
{
    VaultFixture fx;
    CHECK(fx.cli("list").exitCode == 6);
    REQUIRE(fx.init().exitCode == 0);
    const std::string id = fx.add(testimonyJson("Exists", "Words."));
    const std::string absent = std::string(26, 'a');
    CHECK(fx.cli("show", {absent}).exitCode == 6);
    CHECK(fx.cli("history", {absent}).exitCode == 6);
    CHECK(fx.cli("edit", {absent}, testimonyJson("X", "Y")).exitCode == 6);
    CHECK(fx.cli("extract", {absent, (fx.root() / "out.bin").string()}).exitCode == 6);
    CHECK(!fs::exists(fx.root() / "out.bin"));
    const fs::path file = fx.writeInput("a.bin", "abc");
    CHECK(fx.cli("attach", {absent, file.string()}).exitCode == 6);
    CHECK(fx.cli("attach", {id, (fx.root() / "missing.bin").string()}).exitCode == 6);
}
