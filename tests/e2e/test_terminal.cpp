// Passphrases and confirmations typed at a terminal (a pseudo-terminal here): no echo, asked
// twice for a new passphrase, and erase only after the word ERASE.
#include "Harness.h"

#include <catch2/catch.hpp>

using namespace fv::e2e;

TEST_CASE("A passphrase typed at the terminal is not echoed and is asked twice on init", "[e2e][tty]")
{
    VaultFixture fx;
    const std::string secret = "typed secret phrase";
    const RunResult init =
        runCliOnPty(fx.env(), {"init", fx.vault().string(), "--kdf-profile", "fast-insecure-testing"},
                    {{"New passphrase for", secret + "\n"}, {"Repeat the passphrase", secret + "\n"}});
    INFO(init.describe());
    REQUIRE(init.exitCode == 0);
    CHECK(init.out.find("RECOVERY KEY") != std::string::npos);
    CHECK(init.out.find(secret) == std::string::npos);

    // It is the passphrase: a script can use it from a file.
    writeFile(fx.passFile(), secret + "\n");
    CHECK(fx.cli("list").exitCode == 0);

    // Typed at the terminal for an existing vault.
    const RunResult list =
        runCliOnPty(fx.env(), {"list", fx.vault().string()}, {{"Passphrase for", secret + "\n"}});
    INFO(list.describe());
    CHECK(list.exitCode == 0);
    CHECK(list.out.find(secret) == std::string::npos);

    // Two different new passphrases: nothing is created.
    const fs::path other = fx.root() / "other";
    const RunResult mismatch =
        runCliOnPty(fx.env(), {"init", other.string(), "--kdf-profile", "fast-insecure-testing"},
                    {{"New passphrase for", "one\n"}, {"Repeat the passphrase", "two\n"}});
    CHECK(mismatch.exitCode == 10);
    CHECK(mismatch.out.find("differ") != std::string::npos);
    CHECK(!fs::exists(other / "0"));
}

TEST_CASE("erase at the terminal needs the word ERASE", "[e2e][tty]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const RunResult no = runCliOnPty(fx.env(), {"erase", fx.vault().string()}, {{"Type ERASE", "erase\n"}});
    INFO(no.describe());
    CHECK(no.exitCode == 10);
    CHECK(fs::exists(fx.vault()));
    const RunResult yes = runCliOnPty(fx.env(), {"erase", fx.vault().string()}, {{"Type ERASE", "ERASE\n"}});
    INFO(yes.describe());
    CHECK(yes.exitCode == 0);
    CHECK(!fs::exists(fx.vault()));
}
