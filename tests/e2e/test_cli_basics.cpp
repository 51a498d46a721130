// The command line itself: version, help, usage errors and their exit codes.
#include "Harness.h"
#include "MiniJson.h"

#include <catch2/catch.hpp>
#include <fstream>

using namespace fv::e2e;

TEST_CASE("--version and --help exit 0 and say what they are", "[e2e][cli]")
{
    TempDir dir;
    const ChildEnv env{dir.path()};
    const RunResult version = runCli(env, {"--version"});
    CHECK(version.exitCode == 0);
    CHECK(version.out.rfind("fieldvault-cli ", 0) == 0);

    const RunResult help = runCli(env, {"--help"});
    CHECK(help.exitCode == 0);
    for (const char* command : {"init", "add", "list", "show", "edit", "history", "search", "attach",
                                "extract", "passwd", "verify", "erase"}) {
        INFO(command);
        CHECK(help.out.find(std::string("  ") + command + " ") != std::string::npos);
        const RunResult commandHelp = runCli(env, {command, "--help"});
        CHECK(commandHelp.exitCode == 0);
        CHECK(commandHelp.out.find(std::string("usage: fieldvault-cli ") + command) != std::string::npos);
    }
}

TEST_CASE("Usage errors exit 2 with one line naming the problem", "[e2e][cli]")
{
    TempDir dir;
    const ChildEnv env{dir.path()};
    struct Case
    {
        std::vector<std::string> args;
        std::string expect;
    };
    const std::vector<Case> cases{
        {{}, "usage"},
        {{"frobnicate"}, "Unknown command 'frobnicate'"},
        {{"list", "v", "--bogus"}, "Unknown option --bogus"},
        {{"show", "a", "b", "c"}, "fewer arguments"},
        {{"list", "v", "--passphrase-file"}, "needs a value"},
        {{"list", "v", "--passphrase-fd", "x"}, "--passphrase-fd"},
        {{"list", "v", "--passphrase", "secret"}, "Unknown option --passphrase"},
        {{"add", "v", "--kdf-profile", "fast-insecure-testing"}, "Unknown option --kdf-profile"},
    };
    for (const Case& c : cases) {
        const RunResult r = runCli(env, c.args);
        INFO(r.describe());
        CHECK(r.exitCode == 2);
        CHECK(r.err.find(c.expect) != std::string::npos);
    }
}

TEST_CASE("The fast test KDF is refused unless the environment names it", "[e2e][cli][duress]")
{
    TempDir dir;
    ChildEnv env{dir.path()};
    env.allowFastKdf = false;
    const fs::path pass = dir.path() / "pass";
    {
        std::ofstream out(pass);
        out << "correct horse battery staple\n";
    }
    const fs::path vault = dir.path() / "v";
    const RunResult refused = runCli(env, {"init", vault.string(), "--kdf-profile", "fast-insecure-testing",
                                           "--passphrase-file", pass.string()});
    INFO(refused.describe());
    CHECK(refused.exitCode == 2);
    CHECK(refused.err.find("for automated tests only") != std::string::npos);
    CHECK_FALSE(fs::exists(vault / "0"));

    env.allowFastKdf = true;
    const RunResult allowed = runCli(env, {"init", vault.string(), "--kdf-profile", "fast-insecure-testing",
                                           "--passphrase-file", pass.string()});
    INFO(allowed.describe());
    CHECK(allowed.exitCode == 0);
    CHECK(fs::exists(vault / "0"));
}

TEST_CASE("--json errors add one JSON object on stderr", "[e2e][cli]")
{
    TempDir dir;
    const ChildEnv env{dir.path()};
    const RunResult r = runCli(env, {"list", (dir.path() / "nowhere").string(), "--json", "--passphrase-file",
                                     (dir.path() / "nofile").string()});
    INFO(r.describe());
    CHECK(r.exitCode != 0);
    const auto lines = RunResult{0, 0, r.err, {}}.outLines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].rfind("fieldvault-cli: ", 0) == 0);
    const json::Value error = json::parse(lines[1]);
    CHECK(error["error"].isString());
    CHECK(error["message"].string == lines[0].substr(16));
    CHECK(r.out.empty());
}

TEST_CASE("Without a terminal and without --passphrase-file the CLI refuses instead of hanging", "[e2e][cli]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const RunResult r = runCli(fx.env(), {"list", fx.vault().string()});
    INFO(r.describe());
    CHECK(r.exitCode == 2);
    CHECK(r.err.find("--passphrase-file") != std::string::npos);
}
