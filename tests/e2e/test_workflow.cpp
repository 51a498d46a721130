// The whole command set on one vault, the way a delegate or an HQ script uses it.
#include "Harness.h"
#include "MiniJson.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <regex>

using namespace fv::e2e;

namespace {

std::string findEvent(const json::Value& history, const std::string& event)
{
    for (const json::Value& e : history["custody"].array) {
        if (e["event"].string == event)
            return e["event"].string;
    }
    return {};
}

std::vector<std::string> searchIds(const VaultFixture& fx, std::vector<std::string> args)
{
    args.push_back("--json");
    const RunResult r = fx.cli("search", args);
    INFO(r.describe());
    REQUIRE(r.exitCode == 0);
    std::vector<std::string> ids;
    const json::Value hits = json::parse(r.out);
    for (const json::Value& hit : hits.array) {
        CHECK(hit.has("score"));
        CHECK(hit.has("snippet"));
        ids.push_back(hit["id"].string);
    }
    return ids;
}

bool contains(const std::vector<std::string>& ids, const std::string& id)
{
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

} // namespace

TEST_CASE("A vault goes through init, add, list, show, edit, history, attach, extract, search, verify",
          "[e2e]")
{
    VaultFixture fx;

    // init prints the recovery key once, then refuses to overwrite the vault.
    const RunResult init = fx.cli("init", {"--kdf-profile", "fast-insecure-testing", "--json"});
    INFO(init.describe());
    REQUIRE(init.exitCode == 0);
    const json::Value created = json::parse(init.out);
    const std::string recoveryKey = created["recovery_key"].string;
    CHECK(std::regex_match(recoveryKey, std::regex("([0-9A-Z]{4}-){8}[0-9A-Z]{4}")));
    CHECK(fs::is_directory(fx.vault()));
    const RunResult again = fx.init();
    CHECK(again.exitCode != 0);
    CHECK(again.err.find("already") != std::string::npos);

    // add from stdin and from --file.
    const std::string english =
        fx.add(testimonyJson("Night raid on the bakery street",
                             "Soldiers came at dawn and took my brother to the checkpoint.", "030101000000"));
    const fs::path arabicFile = fx.writeInput(
        "ar.json", testimonyJson("مداهمة ليلية", "خرجنا في المظاهرة السلمية يوم الجمعة ثم اعتقلوا أخي.",
                                 "020111110000"));
    const RunResult addFile = fx.cli("add", {"--file", arabicFile.string()});
    INFO(addFile.describe());
    REQUIRE(addFile.exitCode == 0);
    REQUIRE(addFile.outLines().size() == 1);
    const std::string arabic = addFile.outLines().front();
    CHECK(arabic != english);

    // list, human and JSON.
    const RunResult list = fx.cli("list");
    CHECK(list.exitCode == 0);
    CHECK(list.out.find("Night raid on the bakery street") != std::string::npos);
    CHECK(list.out.find("مداهمة ليلية") != std::string::npos);
    const RunResult listJson = fx.cli("list", {"--json"});
    REQUIRE(listJson.exitCode == 0);
    const json::Value items = json::parse(listJson.out);
    REQUIRE(items.array.size() == 2);
    for (const json::Value& item : items.array) {
        CHECK(item["id"].isString());
        CHECK(item["title"].isString());
        CHECK(item["status"].isString());
        CHECK(item["interview_date"].isString());
    }

    // show prints the input format: it parses back through edit unchanged but as a new version.
    const RunResult show = fx.cli("show", {english, "--json"});
    INFO(show.describe());
    REQUIRE(show.exitCode == 0);
    const json::Value shown = json::parse(show.out);
    CHECK(shown["title"].string == "Night raid on the bakery street");
    CHECK(shown["narrative"].string == "Soldiers came at dawn and took my brother to the checkpoint.");
    const RunResult showHuman = fx.cli("show", {arabic});
    CHECK(showHuman.exitCode == 0);
    CHECK(showHuman.out.find("مداهمة ليلية") != std::string::npos);

    // edit: a new version; the old one stays in the history.
    const fs::path edited = fx.writeInput(
        "edit.json",
        testimonyJson("Night raid on the bakery street (corrected)",
                      "Soldiers came before dawn and took my brother to the checkpoint.", "030101000000"));
    const RunResult edit = fx.cli("edit", {english, "--file", edited.string()});
    INFO(edit.describe());
    REQUIRE(edit.exitCode == 0);
    CHECK(fx.cli("show", {english, "--json"}).out.find("(corrected)") != std::string::npos);

    // attach and extract: byte-identical, streamed.
    std::string audio(3 * 1024 * 1024 + 123, '\0');
    for (std::size_t i = 0; i < audio.size(); ++i)
        audio[i] = static_cast<char>((i * 2654435761u) >> 13);
    const fs::path audioFile = fx.writeInput("interview.ogg", audio);
    const RunResult attach = fx.cli("attach", {english, audioFile.string()});
    INFO(attach.describe());
    REQUIRE(attach.exitCode == 0);
    REQUIRE(attach.outLines().size() == 1);
    const std::string attachment = attach.outLines().front();
    const fs::path out = fx.root() / "out" / "extracted.ogg";
    fs::create_directories(out.parent_path());
    const RunResult extract = fx.cli("extract", {attachment, out.string()});
    INFO(extract.describe());
    REQUIRE(extract.exitCode == 0);
    CHECK(readFile(out) == audio);
    CHECK(runTool({"cmp", audioFile.string(), out.string()}).empty());
    CHECK(fx.cli("extract", {attachment, out.string()}).exitCode != 0); // never overwrites
    const RunResult extractStdout = fx.cli("extract", {attachment, "-"});
    CHECK(extractStdout.exitCode == 0);
    CHECK(extractStdout.out == audio);
    const json::Value withAttachment = json::parse(fx.cli("show", {english, "--json"}).out);
    REQUIRE(withAttachment["attachments"].array.size() == 1);
    CHECK(withAttachment["attachments"].array[0]["id"].string == attachment);

    // history: versions and custody events.
    const RunResult history = fx.cli("history", {english, "--json"});
    INFO(history.describe());
    REQUIRE(history.exitCode == 0);
    const json::Value h = json::parse(history.out);
    CHECK(h["versions"].array.size() == 2);
    CHECK(findEvent(h, "created") == "created");
    CHECK(findEvent(h, "edited") == "edited");
    CHECK(findEvent(h, "attached") == "attached");
    const RunResult historyHuman = fx.cli("history", {english});
    CHECK(historyHuman.exitCode == 0);
    CHECK(historyHuman.out.find("attached") != std::string::npos);

    // search: English, Arabic with other spellings, filters.
    CHECK(contains(searchIds(fx, {"checkpoint"}), english));
    CHECK(!contains(searchIds(fx, {"checkpoint"}), arabic));
    CHECK(contains(searchIds(fx, {"مظاهره"}), arabic));  // taa marbuta written as haa
    CHECK(contains(searchIds(fx, {"السلميه"}), arabic)); // with the article and haa
    CHECK(contains(searchIds(fx, {"مُظاهَرة"}), arabic));  // with diacritics
    CHECK(searchIds(fx, {"checkpoint", "--act", "020111110000"}).empty());
    CHECK(contains(searchIds(fx, {"checkpoint", "--act", "030101000000"}), english));
    CHECK(searchIds(fx, {"checkpoint", "--from", "2030-01-01"}).empty());
    const RunResult searchHuman = fx.cli("search", {"مظاهرة"});
    CHECK(searchHuman.exitCode == 0);
    CHECK(searchHuman.out.find(arabic) != std::string::npos);
    CHECK(fx.cli("search", {"x", "--from", "yesterday"}).exitCode == 2);

    // verify passes on a good vault.
    const RunResult verify = fx.cli("verify");
    INFO(verify.describe());
    CHECK(verify.exitCode == 0);
    const RunResult verifyJson = fx.cli("verify", {"--json"});
    CHECK(verifyJson.exitCode == 0);
    CHECK(json::parse(verifyJson.out)["ok"].boolean);

    // The recovery key opens the vault too.
    const fs::path keyFile = fx.root() / "secrets" / "recovery";
    writeFile(keyFile, recoveryKey + "\n");
    const RunResult byRecovery = runCli(
        fx.env(), {"list", fx.vault().string(), "--recovery-key", "--passphrase-file", keyFile.string()});
    INFO(byRecovery.describe());
    CHECK(byRecovery.exitCode == 0);
    CHECK(byRecovery.out.find("Night raid") != std::string::npos);
}

TEST_CASE("passwd changes the passphrase: the old one stops working, the new one works", "[e2e]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const std::string id = fx.add(testimonyJson("Before the change", "Some words."));
    const fs::path newPass = fx.root() / "secrets" / "new";
    writeFile(newPass, "a new, longer passphrase for the vault\n");
    const RunResult passwd = fx.cli("passwd", {"--new-passphrase-file", newPass.string()});
    INFO(passwd.describe());
    REQUIRE(passwd.exitCode == 0);

    const RunResult old = fx.cli("list");
    CHECK(old.exitCode == 3);
    const RunResult fresh =
        runCli(fx.env(), {"list", fx.vault().string(), "--json", "--passphrase-file", newPass.string()});
    INFO(fresh.describe());
    REQUIRE(fresh.exitCode == 0);
    CHECK(json::parse(fresh.out).array.at(0)["id"].string == id);

    // Without a source for the new passphrase and without a terminal: a usage error, no change.
    const RunResult noNew =
        runCli(fx.env(), {"passwd", fx.vault().string(), "--passphrase-file", newPass.string()});
    CHECK(noNew.exitCode == 2);
}

TEST_CASE("A passphrase can come from an inherited file descriptor", "[e2e]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    // The child's stdin is descriptor 0: hand the passphrase over it.
    const RunResult r = runCli(fx.env(), {"list", fx.vault().string(), "--json", "--passphrase-fd", "0"},
                               readFile(fx.passFile()));
    INFO(r.describe());
    CHECK(r.exitCode == 0);
    CHECK(json::parse(r.out).isArray());
}

TEST_CASE("The default vault is used when VAULT is left out", "[e2e]")
{
    VaultFixture fx;
    const std::string pass = fx.passFile().string();
    const RunResult init =
        runCli(fx.env(), {"init", "--kdf-profile", "fast-insecure-testing", "--passphrase-file", pass});
    INFO(init.describe());
    REQUIRE(init.exitCode == 0);
    const fs::path expected = fx.root() / "home" / "data" / "fieldvault" / "vault";
    CHECK(fs::is_directory(expected));
    const RunResult add =
        runCli(fx.env(), {"add", "--passphrase-file", pass}, testimonyJson("In the default vault", "Words."));
    INFO(add.describe());
    REQUIRE(add.exitCode == 0);
    const std::string id = add.outLines().at(0);
    const RunResult show = runCli(fx.env(), {"show", id, "--json", "--passphrase-file", pass});
    INFO(show.describe());
    CHECK(show.exitCode == 0);
    CHECK(json::parse(show.out)["title"].string == "In the default vault");
}

TEST_CASE("erase asks for confirmation, then removes the vault folder entirely", "[e2e]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    fx.add(testimonyJson("To be erased", "Words."));
    // No terminal to confirm on and no --yes: nothing happens.
    const RunResult refused = fx.cli("erase");
    CHECK(refused.exitCode == 10);
    CHECK(fs::exists(fx.vault()));
    CHECK(fx.listIds().size() == 1);

    // erase needs no passphrase (an emergency erase must not be blockable), but refuses a
    // folder that is not a vault.
    fs::create_directories(fx.root() / "not-a-vault");
    writeFile(fx.root() / "not-a-vault" / "keep.txt", "precious");
    const RunResult notVault = runCli(fx.env(), {"erase", (fx.root() / "not-a-vault").string(), "--yes"});
    CHECK(notVault.exitCode == 6);
    CHECK(readFile(fx.root() / "not-a-vault" / "keep.txt") == "precious");

    const RunResult erase = fx.cli("erase", {"--yes"});
    INFO(erase.describe());
    CHECK(erase.exitCode == 0);
    CHECK(!fs::exists(fx.vault()));
    CHECK(fx.cli("list").exitCode == 6);
}

TEST_CASE("A duress passphrase opens a decoy vault that shows none of the real testimonies", "[e2e]")
{
    VaultFixture fx;
    const fs::path duress = fx.root() / "secrets" / "duress";
    writeFile(duress, "the passphrase I give at the checkpoint\n");
    const RunResult init = fx.cli(
        "init", {"--kdf-profile", "fast-insecure-testing", "--duress-passphrase-file", duress.string()});
    INFO(init.describe());
    REQUIRE(init.exitCode == 0);
    const std::string real = fx.add(testimonyJson("The real one", "Words."));

    const auto listWith = [&fx](const fs::path& pass) {
        return runCli(fx.env(), {"list", fx.vault().string(), "--json", "--passphrase-file", pass.string()});
    };
    const RunResult decoy = listWith(duress);
    INFO(decoy.describe());
    REQUIRE(decoy.exitCode == 0);
    CHECK(json::parse(decoy.out).array.empty());
    const RunResult decoyAdd =
        runCli(fx.env(), {"add", fx.vault().string(), "--passphrase-file", duress.string()},
               testimonyJson("Harmless decoy entry", "Words."));
    REQUIRE(decoyAdd.exitCode == 0);
    const json::Value realList = json::parse(listWith(fx.passFile()).out);
    REQUIRE(realList.array.size() == 1);
    CHECK(realList.array[0]["id"].string == real);
    CHECK(json::parse(listWith(duress).out).array.size() == 1);
    CHECK(json::parse(listWith(duress).out).array[0]["id"].string != real);
}

TEST_CASE("A lost passphrase is replaced with the recovery key (passwd --recovery-key)", "[e2e]")
{
    VaultFixture fx;
    const RunResult init = fx.cli("init", {"--kdf-profile", "fast-insecure-testing", "--json"});
    REQUIRE(init.exitCode == 0);
    const std::string key = json::parse(init.out)["recovery_key"].string;
    const std::string id = fx.add(testimonyJson("Survives a lost passphrase", "Words."));

    // Typed the way a person might: lower case, spaces instead of dashes.
    std::string typed;
    for (const char c : key)
        typed += c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const fs::path keyFile = fx.root() / "secrets" / "key";
    writeFile(keyFile, typed + "\n");
    const fs::path newPass = fx.root() / "secrets" / "new";
    writeFile(newPass, "a fresh passphrase\n");
    const RunResult passwd =
        runCli(fx.env(), {"passwd", fx.vault().string(), "--recovery-key", "--passphrase-file",
                          keyFile.string(), "--new-passphrase-file", newPass.string()});
    INFO(passwd.describe());
    REQUIRE(passwd.exitCode == 0);
    CHECK(fx.cli("list").exitCode == 3);
    const RunResult list =
        runCli(fx.env(), {"list", fx.vault().string(), "--json", "--passphrase-file", newPass.string()});
    REQUIRE(list.exitCode == 0);
    CHECK(json::parse(list.out).array.at(0)["id"].string == id);
    // The recovery key still works afterwards.
    CHECK(runCli(fx.env(),
                 {"list", fx.vault().string(), "--recovery-key", "--passphrase-file", keyFile.string()})
              .exitCode == 0);
}

TEST_CASE("The demo samples that app/run.sh uses are valid and searchable", "[e2e]")
{
    VaultFixture fx;
    REQUIRE(fx.init().exitCode == 0);
    const fs::path demo = FV_CLI_DEMO_DIR;
    const RunResult ar = fx.cli("add", {"--file", (demo / "testimony-ar.json").string()});
    const RunResult en = fx.cli("add", {"--file", (demo / "testimony-en.json").string()});
    INFO(ar.describe() << en.describe());
    REQUIRE(ar.exitCode == 0);
    REQUIRE(en.exitCode == 0);
    CHECK(searchIds(fx, {"مظاهره"}) == ar.outLines());
    CHECK(searchIds(fx, {"market"}) == en.outLines());
    CHECK(searchIds(fx, {"", "--act", "030101000000"}) == ar.outLines());
}
