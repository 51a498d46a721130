// The field side of the sync loop through fieldvault-cli (card, enrol, export, identity-export,
// bundle-decrypt, purge), with HQ played by the stock tools: age, tar, minisign, sha256sum.
#include "Harness.h"
#include "MiniJson.h"
#include "crypto/Age.h"
#include "crypto/Hash.h"
#include "crypto/Minisign.h"

#include <catch2/catch.hpp>

using namespace fv::e2e;

namespace {

// An HQ card for stock-tool keys, with the fingerprint computed as docs/bundle-format.md says.
std::string hqCard(const fv::AgeIdentity& age, const fv::MinisignSecretKey& key)
{
    const std::string r = age.recipient().toString();
    const std::string k = key.publicKey().toBase64();
    const fv::Bytes d =
        fv::blake2b(fv::asBytes("fieldvault-card-fingerprint-v1\n" + r + "\n" + k + "\n"), 32);
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string b32;
    std::uint64_t acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < 15; ++i) {
        acc = (acc << 8) | d[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            b32 += alphabet[(acc >> bits) & 31];
        }
    }
    std::string fp;
    for (std::size_t i = 0; i < b32.size(); i += 4)
        fp += (i ? "-" : "") + b32.substr(i, 4);
    return "fieldvault identity card v1\nname: HQ\nrole: hq\nage-recipient: " + r +
           "\nminisign-public-key: " + k + "\nfingerprint: " + fp + "\n";
}

std::string quote(const fs::path& p)
{
    return "'" + p.string() + "'";
}

} // namespace

TEST_CASE("Field side of the loop through the CLI, opened at HQ with stock tools", "[e2e][sync]")
{
    VaultFixture v;
    REQUIRE(v.init().exitCode == 0);
    v.add(testimonyJson("Sync through the CLI", "narrative"));

    const fv::AgeIdentity hqAge = fv::AgeIdentity::generate();
    const fv::MinisignSecretKey hqSign = fv::MinisignSecretKey::generate();
    const fs::path card = v.writeInput("hq.card", hqCard(hqAge, hqSign));
    const fs::path hqKey = v.inputDir() / "hq.key";
    auto keyText = fv::formatAgeIdentityFile(hqAge, "2026-01-01T00:00:00Z");
    writeFile(hqKey, std::string(reinterpret_cast<const char*>(keyText.data()), keyText.size()));

    auto own = v.cli("card", {"--name", "D-17"});
    REQUIRE(own.exitCode == 0);
    CHECK(own.out.starts_with("fieldvault identity card v1\nname: D-17\nrole: field\n"));
    auto enrol = v.cli("enrol", {card.string()});
    REQUIRE(enrol.exitCode == 0);
    CHECK(enrol.out.starts_with("enrolled HQ (hq), fingerprint "));
    CHECK(v.cli("enrol", {v.writeInput("bad.card", "not a card\n").string()}).exitCode == 5);

    const fs::path out = v.root() / "usb";
    fs::create_directories(out);
    auto exported = v.cli("export", {"--to", out.string(), "--part-size", "20K"});
    REQUIRE(exported.exitCode == 0);
    const auto parts = exported.outLines();
    REQUIRE(parts.size() >= 4);
    CHECK(parts[0].ends_with(".001"));

    const fs::path pub = v.root() / "sender.pub";
    REQUIRE(v.cli("identity-export", {"--minisign-pub", pub.string()}).exitCode == 0);
    const fs::path x = v.root() / "x";
    fs::create_directories(x);
    std::string joined = parts[0].substr(0, parts[0].size() - 4);
    const std::string stock = "cat '" + joined + "'.* | age -d -i " + quote(hqKey) + " | tar -x -C " +
                              quote(x) + " && minisign -q -Vm " + quote(x / "SHA256SUMS") + " -p " +
                              quote(pub) + " && (cd " + quote(x) +
                              " && sha256sum --quiet -c SHA256SUMS) && echo STOCK-OK";
    CHECK(runTool({"bash", "-c", stock}).find("STOCK-OK") != std::string::npos);

    // bundle-decrypt needs no vault and reads standard input.
    const std::string listing =
        runTool({"bash", "-c",
                 "cat '" + joined + "'.* | '" FV_CLI_PATH "' bundle-decrypt --identity " + quote(hqKey) +
                     " - | tar -t"});
    CHECK(listing.find("manifest.json\n") != std::string::npos);
    CHECK(listing.find("SHA256SUMS.minisig\n") != std::string::npos);

    // Nothing is delivered yet: purge keeps everything.
    auto purge = v.cli("purge", {"--delivered"});
    REQUIRE(purge.exitCode == 0);
    CHECK(purge.out.starts_with("purged 0 testimonies"));
    CHECK(v.cli("purge").exitCode == 2);
}

TEST_CASE("The whole loop through the CLI: field -> HQ -> receipt -> purge", "[e2e][sync]")
{
    VaultFixture field;
    VaultFixture hq;
    REQUIRE(field.init().exitCode == 0);
    REQUIRE(hq.cli("init", {"--kdf-profile", "fast-insecure-testing", "--role", "hq"}).exitCode == 0);
    CHECK(hq.cli("init", {"--role", "boss"}).exitCode == 2);

    const std::string id = field.add(testimonyJson("Loop through the CLI", "the checkpoint at the bridge"));
    const fs::path media = field.writeInput("photo.bin", std::string(70000, '\x5a'));
    REQUIRE(field.cli("attach", {id, media.string()}).exitCode == 0);

    // Each side pins the other's card.
    auto fieldCard = field.cli("card", {"--name", "D-17"});
    auto hqCardText = hq.cli("card", {"--name", "HQ Geneva"});
    REQUIRE(fieldCard.exitCode == 0);
    REQUIRE(hqCardText.exitCode == 0);
    CHECK(hqCardText.out.find("role: hq\n") != std::string::npos);
    REQUIRE(field.cli("enrol", {field.writeInput("hq.card", hqCardText.out).string()}).exitCode == 0);
    REQUIRE(hq.cli("enrol", {hq.writeInput("d17.card", fieldCard.out).string()}).exitCode == 0);

    // Export, and import at HQ: verified, then idempotent.
    const fs::path usb = field.root() / "usb";
    fs::create_directories(usb);
    auto exported = field.cli("export", {"--to", usb.string()});
    INFO(exported.describe());
    REQUIRE(exported.exitCode == 0);
    const std::string bundle = exported.outLines().at(0);
    CHECK(field.cli("import", {bundle}).exitCode != 0); // a field vault does not import

    auto imported = hq.cli("import", {bundle, "--json"});
    INFO(imported.describe());
    REQUIRE(imported.exitCode == 0);
    CHECK(imported.out.find("\"verified\":true") != std::string::npos);
    CHECK(imported.out.find("\"quarantined\":false") != std::string::npos);
    CHECK(imported.out.find("\"entries_added\":1") != std::string::npos);
    CHECK(imported.out.find("\"attachments_added\":1") != std::string::npos);
    auto again = hq.cli("import", {bundle, "--json"});
    REQUIRE(again.exitCode == 0);
    CHECK(again.out.find("\"already_imported\":true") != std::string::npos);
    CHECK(again.out.find("\"entries_added\":0") != std::string::npos);

    // A tampered copy is refused and changes nothing.
    std::string bytes = readFile(bundle);
    bytes[bytes.size() / 2] ^= 0x01;
    const fs::path bad = hq.writeInput("tampered.bin", bytes);
    CHECK(hq.cli("import", {bad.string()}).exitCode != 0);

    // HQ issues a receipt; the field applies it and can purge.
    const std::string bundleId = [&] {
        const auto& out = imported.out;
        const auto at = out.find("\"bundle_id\":\"") + 13;
        return out.substr(at, out.find('"', at) - at);
    }();
    const fs::path back = hq.root() / "back";
    fs::create_directories(back);
    auto issued = runCli(hq.env(), {"receipt", "issue", hq.vault().string(), bundleId, "--to", back.string(),
                                    "--passphrase-file", hq.passFile().string()});
    INFO(issued.describe());
    REQUIRE(issued.exitCode == 0);
    const std::string receipt = issued.outLines().at(0);
    auto applied = runCli(field.env(), {"receipt", "apply", field.vault().string(), receipt,
                                        "--passphrase-file", field.passFile().string()});
    INFO(applied.describe());
    REQUIRE(applied.exitCode == 0);
    CHECK(applied.out.find("now delivered") != std::string::npos);

    REQUIRE(field.listIds().size() == 1);
    auto purged = field.cli("purge", {"--delivered"});
    INFO(purged.describe());
    REQUIRE(purged.exitCode == 0);
    CHECK(purged.out.starts_with("purged 1 testimon"));
    CHECK(field.listIds().empty());
    CHECK(field.cli("verify").exitCode == 0);
    // HQ's verify authenticates the received attachment too (it used to say "0 checked ... OK").
    auto verified = hq.cli("verify");
    INFO(verified.describe());
    CHECK(verified.exitCode == 0);
    CHECK(verified.out.find("attachments: 1 referenced, 1 checked, 0 damaged, 0 missing") != std::string::npos);
}

TEST_CASE("export to several recipients, import several bundles and parts at once, report --csv/--json",
          "[e2e][sync]")
{
    VaultFixture field;
    VaultFixture hq;
    VaultFixture hq2;
    REQUIRE(field.init().exitCode == 0);
    for (const VaultFixture* h : {&hq, &hq2})
        REQUIRE(h->cli("init", {"--kdf-profile", "fast-insecure-testing", "--role", "hq"}).exitCode == 0);
    const std::string first = field.add(testimonyJson("شهادة أولى", "first narrative, at the bridge"));

    const std::string fieldCard = field.cli("card", {"--name", "D-17"}).out;
    const fs::path hqCard1 = field.writeInput("hq1.card", hq.cli("card", {"--name", "HQ Geneva"}).out);
    const fs::path hqCard2 = field.writeInput("hq2.card", hq2.cli("card", {"--name", "HQ Beirut"}).out);
    REQUIRE(field.cli("enrol", {hqCard1.string()}).exitCode == 0);
    REQUIRE(field.cli("enrol", {hqCard2.string()}).exitCode == 0);
    REQUIRE(hq.cli("enrol", {hq.writeInput("d17.card", fieldCard).string()}).exitCode == 0);
    // hq2 does not enrol the delegate: its imports are quarantined.

    // --recipient is repeatable: both HQ vaults can open the bundle.
    const fs::path usb = field.root() / "usb";
    fs::create_directories(usb);
    auto one = field.cli("export", {"--to", usb.string(), "--recipient", hqCard1.string(), "--recipient",
                                    hqCard2.string(), "--json"});
    INFO(one.describe());
    REQUIRE(one.exitCode == 0);
    const json::Value oneJson = json::parse(one.out);
    CHECK(oneJson["recipients"].array.size() == 2);
    const std::string bundle1 = oneJson["files"].array.at(0).string;

    // A second bundle, in parts, carrying one more testimony (and the first again: not yet
    // acknowledged).
    const std::string second = field.add(testimonyJson("Second", "second narrative"));
    auto two =
        field.cli("export", {"--to", usb.string(), "--part-size", "16K", "--recipient", hqCard1.string()});
    INFO(two.describe());
    REQUIRE(two.exitCode == 0);
    const std::vector<std::string> parts = two.outLines();
    REQUIRE(parts.size() >= 4);

    // One import call, two bundles (a whole file and parts named out of order), one object each.
    auto imported = hq.cli("import", {bundle1, parts.at(2), parts.at(0), parts.at(1), "--json"});
    INFO(imported.describe());
    REQUIRE(imported.exitCode == 0);
    const std::vector<json::Value> reports = json::parseLines(imported.out);
    REQUIRE(reports.size() == 2);
    CHECK(reports[0]["bundle_id"].string == oneJson["bundle_id"].string);
    for (const json::Value& r : reports) {
        CHECK(r["verified"].boolean);
        CHECK_FALSE(r["quarantined"].boolean);
        CHECK(r.has("sender"));
        CHECK(r.has("attachments_added"));
    }
    CHECK(reports[0]["entries_added"].string == "1");
    CHECK(reports[0]["versions_added"].string == "1");
    CHECK(reports[1]["entries_added"].string == "1"); // only the second testimony is new
    CHECK(reports[1]["versions_added"].string == "1");
    CHECK(reports[1]["files"].array.size() == parts.size());

    // Human output: one verification line per bundle; again, both already imported.
    auto again = hq.cli("import", {bundle1, parts.at(0)});
    INFO(again.describe());
    REQUIRE(again.exitCode == 0);
    REQUIRE(again.outLines().size() == 2);
    for (const std::string& line : again.outLines()) {
        CHECK(line.find(": verified, already imported; 0 testimonies, 0 versions") != std::string::npos);
        CHECK(line.find("from D-17") != std::string::npos);
    }

    // The other recipient opens the same file; its sender is not enrolled there: quarantined.
    auto other = hq2.cli("import", {bundle1});
    INFO(other.describe());
    REQUIRE(other.exitCode == 0);
    CHECK(other.out.find("QUARANTINED") != std::string::npos);
    CHECK(other.out.find(": verified") == std::string::npos);
    // Enrolling the sender later does not release it: re-importing still says quarantined.
    REQUIRE(hq2.cli("enrol", {hq2.writeInput("d17.card", fieldCard).string()}).exitCode == 0);
    auto later = hq2.cli("import", {bundle1, "--json"});
    INFO(later.describe());
    REQUIRE(later.exitCode == 0);
    CHECK(json::parse(later.out)["already_imported"].boolean);
    CHECK(json::parse(later.out)["quarantined"].boolean);
    CHECK_FALSE(json::parse(later.out)["verified"].boolean);
    // hq2 is not a recipient of the second bundle: refused by number of the file given, the
    // first bundle of the call still reported, exit code of the refusal.
    auto mixed = hq2.cli("import", {parts.at(0), bundle1, "--json"});
    CHECK(mixed.exitCode == 6);
    CHECK(mixed.err.find(".001…: refused, nothing imported") != std::string::npos);
    REQUIRE(json::parseLines(mixed.out).size() == 1);
    CHECK(json::parseLines(mixed.out)[0]["already_imported"].boolean);

    // A missing part is named by its number, and nothing of that bundle is imported.
    fs::remove(parts.at(1));
    auto gap = hq2.cli("import", {parts.at(0)});
    CHECK(gap.exitCode == 6);
    CHECK(gap.err.find("part 002") != std::string::npos);
    // Several FILEs need the VAULT argument: the first one is taken as the vault.
    CHECK(runCli(hq.env(), {"import", bundle1, parts.at(0), "--passphrase-file", hq.passFile().string()})
              .exitCode == 6);

    // report --csv F and --json F (after the command --json takes a file; before it, it is the
    // global flag).
    const fs::path csv = hq.root() / "report.csv";
    const fs::path js = hq.root() / "report.json";
    auto csvRun = hq.cli("report", {"--csv", csv.string()});
    INFO(csvRun.describe());
    REQUIRE(csvRun.exitCode == 0);
    CHECK(csvRun.out == "2 rows written to " + csv.string() + "\n");
    const std::string csvText = readFile(csv);
    CHECK(csvText.starts_with("\xEF\xBB\xBFtestimony_id,version,sender_name,sender_fingerprint,bundle_id,"));
    CHECK(csvText.find("شهادة أولى") != std::string::npos);
    auto jsonRun = runCli(hq.env(), {"--json", "report", hq.vault().string(), "--json", js.string(),
                                     "--passphrase-file", hq.passFile().string()});
    INFO(jsonRun.describe());
    REQUIRE(jsonRun.exitCode == 0);
    CHECK(json::parse(jsonRun.out)["rows"].string == "2");
    const json::Value rows = json::parse(readFile(js));
    REQUIRE(rows.array.size() == 2);
    for (const json::Value& row : rows.array) {
        CHECK((row["testimony_id"].string == first || row["testimony_id"].string == second));
        CHECK(row["verified"].boolean);
        CHECK(row["sender_name"].string == "D-17");
    }
    // The earlier spelling still works; both or neither is a usage error; no file is overwritten
    // by a refused run.
    CHECK(hq.cli("report", {"--json-out", (hq.root() / "old.json").string()}).exitCode == 0);
    CHECK(fs::exists(hq.root() / "old.json"));
    CHECK(hq.cli("report", {"--csv", csv.string(), "--json", js.string()}).exitCode == 2);
    CHECK(hq.cli("report").exitCode == 2);
    auto noFile = runCli(
        hq.env(), {"report", hq.vault().string(), "--passphrase-file", hq.passFile().string(), "--json"});
    CHECK(noFile.exitCode == 2); // after the command, --json needs a file
    CHECK(noFile.err.find("--json needs a value") != std::string::npos);
}

TEST_CASE("Restore from a backup and edit again: HQ keeps both versions and purge loses nothing",
          "[e2e][sync][restore]")
{
    // Finding H2 of the security review, through the CLI: version 2 reaches HQ as "A"; the
    // field vault is restored from a copy made before it (as the app advises for a damaged
    // vault); version 2 is written again as "B". Before seals, HQ said "0 versions added",
    // acknowledged B anyway, and the field purged the only copy of B.
    VaultFixture field;
    VaultFixture hq;
    REQUIRE(field.init().exitCode == 0);
    REQUIRE(hq.cli("init", {"--kdf-profile", "fast-insecure-testing", "--role", "hq"}).exitCode == 0);
    auto fieldCard = field.cli("card", {"--name", "D-17"});
    auto hqCardText = hq.cli("card");
    REQUIRE(field.cli("enrol", {field.writeInput("hq.card", hqCardText.out).string()}).exitCode == 0);
    REQUIRE(hq.cli("enrol", {hq.writeInput("d17.card", fieldCard.out).string()}).exitCode == 0);
    const fs::path usb = field.root() / "usb";
    const fs::path back = hq.root() / "back";
    fs::create_directories(usb);
    fs::create_directories(back);

    // One round: export, import at HQ (JSON line back), receipt, apply.
    const auto round = [&](bool applyReceipt) {
        auto exported = field.cli("export", {"--to", usb.string()});
        INFO(exported.describe());
        REQUIRE(exported.exitCode == 0);
        auto imported = hq.cli("import", {exported.outLines().at(0), "--json"});
        INFO(imported.describe());
        REQUIRE(imported.exitCode == 0);
        const auto at = imported.out.find("\"bundle_id\":\"") + 13;
        const std::string bundleId = imported.out.substr(at, imported.out.find('"', at) - at);
        auto issued = runCli(hq.env(), {"receipt", "issue", hq.vault().string(), bundleId, "--to",
                                        back.string(), "--passphrase-file", hq.passFile().string()});
        REQUIRE(issued.exitCode == 0);
        if (applyReceipt) {
            auto applied =
                runCli(field.env(), {"receipt", "apply", field.vault().string(), issued.outLines().at(0),
                                     "--passphrase-file", field.passFile().string()});
            INFO(applied.describe());
            REQUIRE(applied.exitCode == 0);
        }
        return imported.out;
    };
    const auto edit = [&](const std::string& id, const std::string& narrative) {
        const fs::path in = field.writeInput("edit.json", testimonyJson("Restored", narrative));
        auto r = field.cli("edit", {id, "--file", in.string()});
        INFO(r.describe());
        REQUIRE(r.exitCode == 0);
    };

    const std::string id = field.add(testimonyJson("Restored", "the first account"));
    round(true);
    const fs::path copy = field.root() / "backup";
    fs::copy(field.vault(), copy, fs::copy_options::recursive);

    edit(id, "VERSION A of the second account");
    const std::string a = round(false);
    CHECK(a.find("\"versions_added\":1") != std::string::npos);

    fs::remove_all(field.vault());
    fs::copy(copy, field.vault(), fs::copy_options::recursive);
    edit(id, "VERSION B of the second account");
    const std::string b = round(true);
    INFO(b);
    // HQ keeps B beside A and says so.
    CHECK(b.find("\"versions_added\":1") != std::string::npos);
    CHECK(b.find("\"conflicts\":1") != std::string::npos);
    CHECK(b.find("\"conflicting_testimonies\":[\"" + id + "\"]") != std::string::npos);

    auto purged = field.cli("purge", {"--delivered"});
    INFO(purged.describe());
    REQUIRE(purged.exitCode == 0);
    CHECK(purged.out.starts_with("purged 1 testimon"));

    // Both accounts exist at HQ, flagged as a conflict of the same version.
    const fs::path report = hq.root() / "report.json";
    REQUIRE(hq.cli("report", {"--json", report.string()}).exitCode == 0);
    const std::string text = readFile(report);
    CHECK(text.find("VERSION A of the second account") != std::string::npos);
    CHECK(text.find("VERSION B of the second account") != std::string::npos);
    CHECK(text.find("\"conflict\": true") != std::string::npos);
    CHECK(field.cli("verify").exitCode == 0);
    CHECK(hq.cli("verify").exitCode == 0);
}

TEST_CASE("Hostile bundles from anyone holding HQ's card are refused cheaply", "[e2e][sync][hostile]")
{
    // Issue 10's hostile-bundle corpus (tests/e2e/scripts/hostile_bundles.py, generated here),
    // each encrypted to HQ with stock age, as a stranger holding HQ's card would.
    VaultFixture hq;
    REQUIRE(hq.cli("init", {"--kdf-profile", "fast-insecure-testing", "--role", "hq"}).exitCode == 0);
    const std::string card = hq.cli("card").out;
    const auto at = card.find("age-recipient: ") + 15;
    const std::string recipient = card.substr(at, card.find('\n', at) - at);
    const fs::path corpus = hq.root() / "corpus";
    REQUIRE(
        std::system(("python3 '" FV_E2E_SCRIPTS_DIR "/hostile_bundles.py' " + quote(corpus) + " >/dev/null")
                        .c_str()) == 0);

    // A benign refusal (a bundle of 1 KiB of noise) for the memory baseline of this build.
    const fs::path noise = hq.writeInput("noise.tar", std::string(1024, 'n'));
    REQUIRE(std::system(("age -r " + recipient + " -o " + quote(hq.root() / "noise.age") + " " + quote(noise))
                            .c_str()) == 0);
    const RunResult baseline = hq.cli("import", {(hq.root() / "noise.age").string()});
    REQUIRE(baseline.exitCode != 0);

    const std::vector<std::pair<std::string, std::string>> cases{
        {"sparse.tar", "tar extension"},       {"gnu.tar", "tar extension"},
        {"many.tar", "unsigned bundle"},       {"huge.tar", "cannot be read"},
        {"duplicate.tar", "appears twice"},    {"unsigned.tar", "unsigned bundle"},
        {"outoforder.tar", "unsigned bundle"},
    };
    for (const auto& [name, reason] : cases) {
        INFO(name);
        const fs::path file = hq.root() / (name + ".age");
        REQUIRE(std::system(
                    ("age -r " + recipient + " -o " + quote(file) + " " + quote(corpus / name)).c_str()) ==
                0);
        const RunResult r = hq.cli("import", {file.string()});
        INFO(r.describe());
        CHECK(r.exitCode == 5);
        CHECK(r.signal == 0);
        CHECK(r.err.find("refused, nothing imported") != std::string::npos);
        CHECK(r.err.find(reason) != std::string::npos);
        // Memory: what the benign refusal took, plus at most 64 MiB. (What stays on disk is
        // checked without the lock's chaff in tests/core: "[hostile]".)
        INFO("peak " << r.maxRssKiB << " KiB, baseline " << baseline.maxRssKiB << " KiB");
        CHECK(r.maxRssKiB <= baseline.maxRssKiB + 64 * 1024);
    }
    CHECK(hq.cli("verify").exitCode == 0);
}
