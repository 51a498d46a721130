// kill -9 at random moments of the two operations that rewrite a vault outside its store: a
// passphrase change (the key-slot file re-sealed and re-masked) and a lock (the chaff for the
// other store, the padding of both store files, the re-masked key-slot file). Each loop runs
// until at least 200 kills have landed inside the operation. After every kill the vault opens
// with the old or the new passphrase, and every note acknowledged before the kill is there.
// Set FV_KILL_SEED to replay a run.

#include "core/Vault.h"
#include "crypto/Random.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace fv;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kKillsWanted = 200;
constexpr int kMaxIterations = 600;

SecretBuffer secret(std::string_view text)
{
    return SecretBuffer::copyOf(asBytes(text));
}

std::uint32_t seed()
{
    const char* text = std::getenv("FV_KILL_SEED");
    return text != nullptr ? static_cast<std::uint32_t>(std::strtoul(text, nullptr, 10))
                           : std::random_device{}();
}

void addNote(Vault& vault, const std::string& note)
{
    auto db = vault.database();
    if (!db || !(*db)->exec("CREATE TABLE IF NOT EXISTS notes (note TEXT NOT NULL)"))
        ::_exit(10);
    auto stmt = (*db)->prepare("INSERT INTO notes (note) VALUES (?1)");
    if (!stmt)
        ::_exit(11);
    stmt->bind(1, std::string_view(note));
    if (!stmt->run())
        ::_exit(12);
}

std::set<std::string> notes(Vault& vault)
{
    auto db = vault.database();
    REQUIRE(db);
    REQUIRE((*db)->exec("CREATE TABLE IF NOT EXISTS notes (note TEXT NOT NULL)"));
    auto stmt = (*db)->prepare("SELECT note FROM notes");
    REQUIRE(stmt);
    std::set<std::string> out;
    for (;;) {
        auto row = stmt->step();
        REQUIRE(row);
        if (!*row)
            break;
        out.insert(stmt->columnText(0));
    }
    return out;
}

// Runs `body` in a child process; the child writes one byte to the pipe when its work is
// acknowledged. Killed after `delay` unless it exited first. Returns {acknowledged, killed}.
template <typename Body>
std::pair<bool, bool> runAndKill(Body body, std::chrono::microseconds delay)
{
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        ::close(fds[0]);
        body(fds[1]);
        ::_exit(0);
    }
    ::close(fds[1]);
    const auto until = Clock::now() + delay;
    int status = 0;
    pid_t done = 0;
    while (Clock::now() < until && (done = ::waitpid(child, &status, WNOHANG)) == 0)
        std::this_thread::sleep_for(std::chrono::microseconds(200));
    bool killed = false;
    if (done == 0) {
        ::kill(child, SIGKILL);
        REQUIRE(::waitpid(child, &status, 0) == child);
        killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
    } else {
        INFO("child exit status " << (WIFEXITED(status) ? WEXITSTATUS(status) : -1) << ", signal "
                                  << (WIFSIGNALED(status) ? WTERMSIG(status) : 0));
        CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
    }
    char ack = 0;
    const bool acknowledged = ::read(fds[0], &ack, 1) == 1;
    ::close(fds[0]);
    return {acknowledged, killed};
}

void acknowledge(int fd)
{
    const char byte = 1;
    if (::write(fd, &byte, 1) != 1)
        ::_exit(13);
}

fs::path makeVault(const fs::path& dir)
{
    VaultCreateOptions options;
    options.kdf = Argon2Params::fastForTests();
    options.duressPassphrase = secret("duress passphrase");
    auto created = Vault::create(dir, secret("pass 0"), options);
    REQUIRE(created);
    REQUIRE(created->vault.lock());
    return dir;
}

struct TempDir
{
    fs::path path;
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "fv-kill-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

} // namespace

TEST_CASE("kill -9 during a passphrase change: the old or the new passphrase opens, nothing is lost",
          "[core][vault][crash][duress]")
{
    const std::uint32_t s = seed();
    WARN("kill loop seed (FV_KILL_SEED): " << s);
    std::mt19937 random(s);
    TempDir tmp;
    const fs::path dir = makeVault(tmp.path / "v");
    int generation = 0;
    std::set<std::string> acked;

    auto change = [&](int from) {
        return [dir, from](int ackFd) {
            auto vault = Vault::unlock(dir, secret("pass " + std::to_string(from)));
            if (!vault)
                ::_exit(20);
            if (!vault->changePassphrase(secret("pass " + std::to_string(from + 1))))
                ::_exit(21);
            acknowledge(ackFd);
            (void)vault->lock();
        };
    };
    // The time scale: the faster of two uninterrupted changes.
    auto timed = [&]() {
        const auto t0 = Clock::now();
        const auto [ack, killed] = runAndKill(change(generation), std::chrono::seconds(60));
        REQUIRE(ack);
        REQUIRE_FALSE(killed);
        ++generation;
        return Clock::now() - t0;
    };
    const auto scale = std::chrono::duration_cast<std::chrono::microseconds>(std::min(timed(), timed()));

    int kills = 0, iterations = 0;
    for (; kills < kKillsWanted && iterations < kMaxIterations; ++iterations) {
        const auto delay = std::chrono::microseconds(
            std::uniform_int_distribution<long>(0, static_cast<long>(scale.count() * 11 / 10))(random));
        const auto [ack, killed] = runAndKill(change(generation), delay);
        kills += killed ? 1 : 0;
        // Which passphrase opens now? The new one if acknowledged; otherwise either.
        auto next = Vault::unlock(dir, secret("pass " + std::to_string(generation + 1)));
        if (ack) {
            INFO("iteration " << iterations << ": acknowledged change");
            REQUIRE(next);
        }
        if (next) {
            ++generation;
        } else {
            INFO("iteration " << iterations << ": " << next.error().message);
            REQUIRE(next.error().code == ErrorCode::WrongPassphrase);
            next = Vault::unlock(dir, secret("pass " + std::to_string(generation)));
            INFO("iteration " << iterations);
            REQUIRE(next);
        }
        // Nothing lost: the notes acknowledged so far, and the decoy still opens.
        const std::string note = "note " + std::to_string(iterations);
        addNote(*next, note);
        acked.insert(note);
        CHECK(notes(*next) == acked);
        REQUIRE(next->lock());
        if (iterations % 25 == 0)
            CHECK(Vault::unlock(dir, secret("duress passphrase")));
    }
    WARN(iterations << " passphrase changes, " << kills << " killed, time scale " << scale.count() << " us");
    CHECK(kills >= kKillsWanted);
    CHECK(Vault::unlock(dir, secret("duress passphrase")));
    CHECK_FALSE(fs::exists(dir / "0~"));
}

TEST_CASE("kill -9 during lock (chaff, padding, re-masked key file): every acknowledged note is there",
          "[core][vault][crash][duress]")
{
    const std::uint32_t s = seed();
    WARN("kill loop seed (FV_KILL_SEED): " << s);
    std::mt19937 random(s);
    TempDir tmp;
    const fs::path dir = makeVault(tmp.path / "v");
    std::set<std::string> acked;

    // A session: a note (acknowledged once committed), a blob for the chaff to mirror, a lock.
    auto session = [&](const std::string& note, bool decoy) {
        return [dir, note, decoy](int ackFd) {
            auto vault = Vault::unlock(dir, secret(decoy ? "duress passphrase" : "pass 0"));
            if (!vault)
                ::_exit(30);
            addNote(*vault, note);
            acknowledge(ackFd);
            auto blobs = vault->blobs();
            if (!blobs)
                ::_exit(31);
            auto writer = (*blobs)->create(SecretBuffer::random(32));
            if (!writer || !writer->write(randomBytes(64 * 1024 + randomUniform(256 * 1024))) ||
                !writer->commit())
                ::_exit(32);
            (void)vault->lock();
        };
    };
    auto timed = [&](const std::string& note) {
        const auto t0 = Clock::now();
        const auto [ack, killed] = runAndKill(session(note, false), std::chrono::seconds(60));
        REQUIRE(ack);
        REQUIRE_FALSE(killed);
        acked.insert(note);
        return Clock::now() - t0;
    };
    const auto scale =
        std::chrono::duration_cast<std::chrono::microseconds>(std::min(timed("t1"), timed("t2")));

    int kills = 0, iterations = 0;
    std::set<std::string> ackedDecoy;
    for (; kills < kKillsWanted && iterations < kMaxIterations; ++iterations) {
        const bool decoy = iterations % 5 == 4;
        const std::string note = "note " + std::to_string(iterations);
        const auto delay = std::chrono::microseconds(
            std::uniform_int_distribution<long>(0, static_cast<long>(scale.count() * 12 / 10))(random));
        const auto [ack, killed] = runAndKill(session(note, decoy), delay);
        kills += killed ? 1 : 0;
        if (ack)
            (decoy ? ackedDecoy : acked).insert(note);
        // Every few iterations (each check is itself a session with a lock), both stores open
        // and hold everything acknowledged.
        if (iterations % 10 == 0 || kills >= kKillsWanted) {
            INFO("iteration " << iterations);
            auto real = Vault::unlock(dir, secret("pass 0"));
            INFO((real ? std::string() : real.error().message));
            REQUIRE(real);
            const auto present = notes(*real);
            for (const std::string& n : acked)
                CHECK(present.contains(n));
            REQUIRE(real->verify());
            CHECK(real->verify()->ok());
            REQUIRE(real->lock());
            auto other = Vault::unlock(dir, secret("duress passphrase"));
            REQUIRE(other);
            const auto decoyPresent = notes(*other);
            for (const std::string& n : ackedDecoy)
                CHECK(decoyPresent.contains(n));
            REQUIRE(other->lock());
        }
    }
    WARN(iterations << " sessions, " << kills << " killed, time scale " << scale.count() << " us");
    CHECK(kills >= kKillsWanted);
    // After a clean lock the folder holds exactly the vault's names and no temporary file.
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
        names.insert(entry.path().filename().string());
    CHECK(names == std::set<std::string>{"0", "1", "2", "1.d", "2.d"});
    for (const auto& entry : fs::recursive_directory_iterator(dir))
        CHECK(entry.path().filename().string().find(".tmp") == std::string::npos);
    CHECK(fs::file_size(dir / "1") == fs::file_size(dir / "2"));
}
