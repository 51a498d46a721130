// The committed sample bundle (tests/data/sample-bundle/, made by its make.sh with DEMO content
// and TEST keys) still imports and verifies with the current code, and still opens with the
// stock tools exactly as docs/bundle-format.md and docs/hq-guide.md tell an HQ analyst.
#include "Harness.h"
#include "MiniJson.h"

#include <catch2/catch.hpp>
#include <map>

using namespace fv::e2e;

namespace {

const fs::path kSample = FV_SAMPLE_BUNDLE_DIR;

std::map<std::string, std::string> expected()
{
    std::map<std::string, std::string> out;
    const std::string text = readFile(kSample / "expected.txt");
    std::size_t start = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
        const std::string line = text.substr(start, nl - start);
        const std::size_t eq = line.find('=');
        if (eq != std::string::npos)
            out[line.substr(0, eq)] = line.substr(eq + 1);
        start = nl + 1;
    }
    return out;
}

std::string q(const fs::path& p)
{
    return "'" + p.string() + "'";
}

} // namespace

TEST_CASE("The committed sample bundle imports into the committed HQ vault, verified", "[e2e][sync][sample]")
{
    const auto want = expected();
    REQUIRE(want.count("bundle_id") == 1);
    TempDir dir;
    const ChildEnv env{dir.path()};
    // A copy: the test must not change the committed vault (git keeps no empty folders).
    const fs::path vault = dir.path() / "hq-vault";
    fs::copy(kSample / "hq-vault", vault, fs::copy_options::recursive);
    const std::vector<std::string> pass{"--passphrase-file", (kSample / "TEST-passphrase.txt").string()};

    std::vector<std::string> args{"import", vault.string(), (kSample / "bundle").string(), "--json"};
    args.insert(args.end(), pass.begin(), pass.end());
    const RunResult r = runCli(env, args);
    INFO(r.describe());
    REQUIRE(r.exitCode == 0);
    const json::Value rep = json::parse(r.out);
    CHECK(rep["bundle_id"].string == want.at("bundle_id"));
    CHECK(rep["sender"].string == want.at("sender"));
    CHECK(rep["verified"].boolean);
    CHECK_FALSE(rep["quarantined"].boolean);
    CHECK_FALSE(rep["already_imported"].boolean);
    CHECK(rep["entries_added"].string == want.at("testimonies"));
    CHECK(rep["attachments_added"].string == want.at("attachments"));

    // The report shows both DEMO testimonies with their provenance.
    const fs::path csv = dir.path() / "report.csv";
    args = {"report", vault.string(), "--csv", csv.string()};
    args.insert(args.end(), pass.begin(), pass.end());
    REQUIRE(runCli(env, args).exitCode == 0);
    const std::string table = readFile(csv);
    CHECK(table.find("(DEMO sample)") != std::string::npos);
    CHECK(table.find("(مثال تجريبي)") != std::string::npos);
    CHECK(table.find(want.at("bundle_id")) != std::string::npos);

    args = {"verify", vault.string()};
    args.insert(args.end(), pass.begin(), pass.end());
    CHECK(runCli(env, args).exitCode == 0);
}

TEST_CASE("The committed sample bundle opens with stock age, tar, minisign and sha256sum",
          "[e2e][sync][sample]")
{
    TempDir dir;
    const fs::path out = dir.path() / "out";
    fs::create_directories(out);
    // Word for word the command of issue 3 and docs/hq-guide.md.
    const std::string stock = "cd " + q(kSample) + " && age -d -i hq.key bundle | tar -x -C " + q(out) +
                              " && minisign -Vm " + q(out / "SHA256SUMS") + " -p sender.pub && (cd " +
                              q(out) + " && sha256sum -c SHA256SUMS) && echo STOCK-OK";
    const std::string said = runTool({"bash", "-c", stock});
    INFO(said);
    CHECK(said.find("STOCK-OK") != std::string::npos);
    CHECK(said.find("manifest.json: OK") != std::string::npos);
    CHECK(said.find("Trusted comment: fieldvault-bundle v1 bundle=" + expected().at("bundle_id")) !=
          std::string::npos);
    // And a flipped byte makes the same path fail (age authenticates every chunk).
    std::string bytes = readFile(kSample / "bundle");
    bytes[bytes.size() / 3] ^= 0x20;
    writeFile(dir.path() / "bad", bytes);
    const std::string bad = runTool({"bash", "-c",
                                     "age -d -i " + q(kSample / "hq.key") + " " + q(dir.path() / "bad") +
                                         " >/dev/null 2>&1 || echo REFUSED"});
    CHECK(bad.find("REFUSED") != std::string::npos);
}
