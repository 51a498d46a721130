#pragma once
// Running fieldvault-cli as a separate process (fork/exec, pipes), a temporary folder per test,
// and a vault fixture. The children get their own TMPDIR, HOME and XDG_DATA_HOME inside the
// test's folder, so nothing they write escapes the scan.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace fv::e2e {

namespace fs = std::filesystem;

/// A fresh folder, removed with everything in it at destruction.
class TempDir
{
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const noexcept { return m_path; }

private:
    fs::path m_path;
};

struct RunResult
{
    int exitCode = -1; ///< -1 when killed by a signal
    int signal = 0;
    std::string out;
    std::string err;
    long maxRssKiB = 0; ///< the child's peak resident memory (getrusage), KiB
    /// The lines of `out` (without the newline).
    std::vector<std::string> outLines() const;
    /// A description for failure messages.
    std::string describe() const;
};

/// Environment for a child: TMPDIR, HOME and XDG_DATA_HOME under `root`.
struct ChildEnv
{
    fs::path root;
    /// Whether the child may use --kdf-profile fast-insecure-testing (FIELDVAULT_TEST_KDF).
    bool allowFastKdf = true;
    fs::path tmpDir() const { return root / "tmp"; }
};

/// A running child with its stdin, stdout and stderr on pipes.
class Child
{
public:
    Child(const ChildEnv& env, const std::vector<std::string>& args);
    ~Child(); ///< kills and reaps if still running
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    pid_t pid() const noexcept { return m_pid; }
    /// Writes all of `data` to the child's stdin (false if the child closed it).
    bool write(const std::string& data);
    void closeStdin();
    /// Reads what is available on stdout/stderr within `timeout` (appends to out()/err()).
    void pump(std::chrono::milliseconds timeout);
    /// True (and sets the result) once the child has exited; does not block.
    bool poll();
    /// Sends a signal.
    void kill(int sig);
    /// Waits for the child to end (reading its output meanwhile) and returns the result.
    RunResult wait();
    const std::string& out() const noexcept { return m_result.out; }
    const std::string& err() const noexcept { return m_result.err; }

private:
    pid_t m_pid = -1;
    int m_in = -1;
    int m_out = -1;
    int m_err = -1;
    bool m_done = false;
    RunResult m_result;
};

/// The environment strings a child gets (see ChildEnv).
std::vector<std::string> childEnvironment(const ChildEnv& env);

/// One exchange with a program on a pseudo-terminal: wait until `waitFor` has appeared in its
/// output, then type `send`.
struct PtyStep
{
    std::string waitFor;
    std::string send;
};

/// Runs the CLI on a new pseudo-terminal (its controlling terminal, so /dev/tty is the pty),
/// plays `steps`, and returns everything it wrote to the terminal in `out`.
RunResult runCliOnPty(const ChildEnv& env, const std::vector<std::string>& args,
                      const std::vector<PtyStep>& steps);

/// Runs the CLI to completion with `input` on stdin.
RunResult runCli(const ChildEnv& env, const std::vector<std::string>& args, const std::string& input = {});

/// A vault made with the fast test KDF profile, with its passphrase in a file.
class VaultFixture
{
public:
    VaultFixture();
    const fs::path& root() const noexcept { return m_dir.path(); }
    const ChildEnv& env() const noexcept { return m_env; }
    fs::path vault() const { return root() / "vault"; }
    fs::path passFile() const { return root() / "secrets" / "pass"; }
    fs::path inputDir() const { return root() / "input"; }
    /// Writes a file under the input folder and returns its path.
    fs::path writeInput(const std::string& name, const std::string& content) const;
    /// Runs "fieldvault-cli CMD VAULT ARGS... --passphrase-file PASS".
    RunResult cli(const std::string& command, std::vector<std::string> args = {},
                  const std::string& input = {}) const;
    /// Creates the vault; returns the init result (recovery key on stdout).
    RunResult init() const;
    /// Adds one testimony from JSON text; returns its id (fails the test if it did not work).
    std::string add(const std::string& json) const;
    /// The ids "list --json" reports, in its order.
    std::vector<std::string> listIds() const;

private:
    TempDir m_dir;
    ChildEnv m_env;
};

/// Reads a whole file (empty if missing).
std::string readFile(const fs::path& path);
/// Writes a whole file.
void writeFile(const fs::path& path, const std::string& content);
/// Every regular file under `dir`, recursively.
std::vector<fs::path> filesUnder(const fs::path& dir);
/// Runs a stock tool (e.g. "file -b X") and returns its stdout.
std::string runTool(const std::vector<std::string>& args);

/// A JSON testimony in the input format with the given title and narrative; other fields
/// get plain defaults (one incident with act `act`).
std::string testimonyJson(const std::string& title, const std::string& narrative,
                          const std::string& act = "");

} // namespace fv::e2e
