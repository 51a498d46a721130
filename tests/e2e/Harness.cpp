#include "Harness.h"

#include "MiniJson.h"

#include <catch2/catch.hpp>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <pty.h>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fv::e2e {
namespace {

void setCloexec(int fd)
{
    fcntl(fd, F_SETFD, FD_CLOEXEC);
}

void makePipe(int fds[2])
{
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe2 failed");
}

} // namespace

// Builds the child's environment: the parent's, minus anything pointing at real user data,
// plus TMPDIR/HOME/XDG_DATA_HOME inside the test folder.
std::vector<std::string> childEnvironment(const ChildEnv& env)
{
    std::vector<std::string> result;
    for (char** e = environ; *e; ++e) {
        const std::string entry(*e);
        for (const char* drop : {"TMPDIR=", "HOME=", "XDG_DATA_HOME=", "XDG_CONFIG_HOME=", "XDG_CACHE_HOME=",
                                 "XDG_RUNTIME_DIR=", "FIELDVAULT_TEST_KDF="}) {
            if (entry.rfind(drop, 0) == 0)
                goto skip;
        }
        result.push_back(entry);
    skip:;
    }
    fs::create_directories(env.tmpDir());
    fs::create_directories(env.root / "home");
    result.push_back("TMPDIR=" + env.tmpDir().string());
    result.push_back("HOME=" + (env.root / "home").string());
    result.push_back("XDG_DATA_HOME=" + (env.root / "home" / "data").string());
    result.push_back("XDG_CONFIG_HOME=" + (env.root / "home" / "config").string());
    result.push_back("XDG_CACHE_HOME=" + (env.root / "home" / "cache").string());
    if (env.allowFastKdf)
        result.push_back("FIELDVAULT_TEST_KDF=fast-insecure-testing");
    return result;
}

namespace {

void appendAvailable(int& fd, std::string& sink)
{
    char buffer[65536];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            sink.append(buffer, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN)
            return;
        ::close(fd); // EOF or error
        fd = -1;
        return;
    }
}

} // namespace

TempDir::TempDir()
{
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/fv-e2e-XXXXXX";
    if (!::mkdtemp(pattern.data()))
        throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
}

TempDir::~TempDir()
{
    std::error_code ec;
    // Make everything deletable first (a test may have removed write permission).
    for (auto it = fs::recursive_directory_iterator(m_path, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(m_path, ec);
}

std::vector<std::string> RunResult::outLines() const
{
    std::vector<std::string> lines;
    std::istringstream stream(out);
    for (std::string line; std::getline(stream, line);)
        lines.push_back(line);
    return lines;
}

std::string RunResult::describe() const
{
    std::ostringstream text;
    text << "exit " << exitCode;
    if (signal)
        text << " (signal " << signal << ")";
    text << "\n--- stdout ---\n" << out.substr(0, 4000) << "\n--- stderr ---\n" << err.substr(0, 4000);
    return text.str();
}

Child::Child(const ChildEnv& env, const std::vector<std::string>& args)
{
    int in[2], out[2], err[2];
    makePipe(in);
    makePipe(out);
    makePipe(err);
    std::vector<std::string> envStrings = childEnvironment(env);
    std::vector<char*> envp;
    for (auto& s : envStrings)
        envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argStrings{FV_CLI_PATH};
    argStrings.insert(argStrings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argStrings)
        argv.push_back(s.data());
    argv.push_back(nullptr);

    m_pid = ::fork();
    if (m_pid < 0)
        throw std::runtime_error("fork failed");
    if (m_pid == 0) {
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        ::setsid(); // no controlling terminal: the CLI must not find /dev/tty
        ::execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    m_in = in[1];
    m_out = out[0];
    m_err = err[0];
    fcntl(m_out, F_SETFL, O_NONBLOCK);
    fcntl(m_err, F_SETFL, O_NONBLOCK);
    setCloexec(m_in);
}

Child::~Child()
{
    if (!m_done && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
    }
    for (int fd : {m_in, m_out, m_err}) {
        if (fd >= 0)
            ::close(fd);
    }
}

bool Child::write(const std::string& data)
{
    const char* p = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        // Keep draining the child's output so it cannot block on a full pipe.
        pollfd fds[3] = {{m_in, POLLOUT, 0}, {m_out, POLLIN, 0}, {m_err, POLLIN, 0}};
        if (::poll(fds, 3, 1000) < 0 && errno != EINTR)
            return false;
        if (m_out >= 0 && (fds[1].revents & (POLLIN | POLLHUP)))
            appendAvailable(m_out, m_result.out);
        if (m_err >= 0 && (fds[2].revents & (POLLIN | POLLHUP)))
            appendAvailable(m_err, m_result.err);
        if (fds[0].revents & (POLLERR | POLLHUP))
            return false;
        if (!(fds[0].revents & POLLOUT))
            continue;
        const ssize_t n = ::write(m_in, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    return true;
}

void Child::closeStdin()
{
    if (m_in >= 0)
        ::close(m_in);
    m_in = -1;
}

void Child::pump(std::chrono::milliseconds timeout)
{
    pollfd fds[2] = {{m_out, POLLIN, 0}, {m_err, POLLIN, 0}};
    if (m_out < 0 && m_err < 0)
        return;
    if (::poll(fds, 2, static_cast<int>(timeout.count())) <= 0)
        return;
    if (m_out >= 0 && fds[0].revents)
        appendAvailable(m_out, m_result.out);
    if (m_err >= 0 && fds[1].revents)
        appendAvailable(m_err, m_result.err);
}

bool Child::poll()
{
    if (m_done)
        return true;
    int status = 0;
    struct rusage usage
    {
    };
    const pid_t r = ::wait4(m_pid, &status, WNOHANG, &usage);
    if (r != m_pid)
        return false;
    m_done = true;
    m_result.maxRssKiB = usage.ru_maxrss;
    if (WIFEXITED(status)) {
        m_result.exitCode = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        m_result.signal = WTERMSIG(status);
    }
    return true;
}

void Child::kill(int sig)
{
    if (!m_done)
        ::kill(m_pid, sig);
}

RunResult Child::wait()
{
    closeStdin();
    while (m_out >= 0 || m_err >= 0)
        pump(std::chrono::milliseconds(1000));
    if (!m_done) {
        int status = 0;
        struct rusage usage
        {
        };
        while (::wait4(m_pid, &status, 0, &usage) < 0 && errno == EINTR) {
        }
        m_done = true;
        m_result.maxRssKiB = usage.ru_maxrss;
        if (WIFEXITED(status))
            m_result.exitCode = WEXITSTATUS(status);
        else if (WIFSIGNALED(status))
            m_result.signal = WTERMSIG(status);
    } else {
        // Output may still be in the pipes after the child ended.
    }
    return m_result;
}

RunResult runCliOnPty(const ChildEnv& env, const std::vector<std::string>& args,
                      const std::vector<PtyStep>& steps)
{
    std::vector<std::string> envStrings = childEnvironment(env);
    std::vector<char*> envp;
    for (auto& s : envStrings)
        envp.push_back(s.data());
    envp.push_back(nullptr);
    std::vector<std::string> argStrings{FV_CLI_PATH};
    argStrings.insert(argStrings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argStrings)
        argv.push_back(s.data());
    argv.push_back(nullptr);

    int master = -1;
    const pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
    if (pid < 0)
        throw std::runtime_error("forkpty failed");
    if (pid == 0) {
        ::execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    RunResult result;
    std::size_t step = 0, searchFrom = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        if (step < steps.size()) {
            const auto at = result.out.find(steps[step].waitFor, searchFrom);
            if (at != std::string::npos) {
                searchFrom = at + steps[step].waitFor.size();
                const std::string& text = steps[step].send;
                if (::write(master, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
                    break;
                ++step;
                continue;
            }
        }
        pollfd fd{master, POLLIN, 0};
        if (::poll(&fd, 1, 200) <= 0)
            continue;
        char buffer[4096];
        const ssize_t n = ::read(master, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break; // EIO: the child closed the terminal
        result.out.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(master);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status))
        result.exitCode = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        result.signal = WTERMSIG(status);
    return result;
}

RunResult runCli(const ChildEnv& env, const std::vector<std::string>& args, const std::string& input)
{
    Child child(env, args);
    if (!input.empty())
        child.write(input);
    return child.wait();
}

VaultFixture::VaultFixture()
{
    m_env.root = m_dir.path();
    fs::create_directories(root() / "secrets");
    fs::create_directories(inputDir());
    writeFile(passFile(), "correct horse battery staple ☂ كلمة\n");
}

fs::path VaultFixture::writeInput(const std::string& name, const std::string& content) const
{
    const fs::path path = inputDir() / name;
    writeFile(path, content);
    return path;
}

RunResult VaultFixture::cli(const std::string& command, std::vector<std::string> args,
                            const std::string& input) const
{
    std::vector<std::string> full{command, vault().string()};
    full.insert(full.end(), args.begin(), args.end());
    full.push_back("--passphrase-file");
    full.push_back(passFile().string());
    return runCli(m_env, full, input);
}

RunResult VaultFixture::init() const
{
    return cli("init", {"--kdf-profile", "fast-insecure-testing"});
}

std::string VaultFixture::add(const std::string& json) const
{
    const RunResult r = cli("add", {}, json);
    INFO(r.describe());
    REQUIRE(r.exitCode == 0);
    const auto lines = r.outLines();
    REQUIRE(lines.size() == 1);
    return lines.front();
}

std::vector<std::string> VaultFixture::listIds() const
{
    const RunResult r = cli("list", {"--json"});
    INFO(r.describe());
    REQUIRE(r.exitCode == 0);
    const json::Value value = json::parse(r.out);
    REQUIRE(value.isArray());
    std::vector<std::string> ids;
    for (const json::Value& item : value.array)
        ids.push_back(item["id"].string);
    return ids;
}

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void writeFile(const fs::path& path, const std::string& content)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

std::vector<fs::path> filesUnder(const fs::path& dir)
{
    std::vector<fs::path> files;
    std::error_code ec;
    if (!fs::exists(dir, ec))
        return files;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_directory())
            files.push_back(entry.path());
    }
    return files;
}

std::string runTool(const std::vector<std::string>& args)
{
    int out[2];
    makePipe(out);
    std::vector<std::string> copies(args);
    std::vector<char*> argv;
    for (auto& s : copies)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::execvp(argv[0], argv.data());
        _exit(127);
    }
    ::close(out[1]);
    std::string text;
    char buffer[4096];
    ssize_t n;
    while ((n = ::read(out[0], buffer, sizeof buffer)) != 0) {
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    return text;
}

} // namespace fv::e2e

namespace fv::e2e {

namespace {

std::string jsonEscape(const std::string& text)
{
    std::string out;
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace

std::string testimonyJson(const std::string& title, const std::string& narrative, const std::string& act)
{
    std::string json =
        "{\"title\": \"" + jsonEscape(title) + "\", \"narrative\": \"" + jsonEscape(narrative) +
        "\", \"summary\": \"A summary.\", \"interview_date\": \"2024-03-14\", "
        "\"interview_place\": \"Field office\", \"language\": \"en\", "
        "\"witness\": {\"pseudonym\": \"W1\", \"gender\": \"female\", \"age_range\": \"30-44\", "
        "\"role\": \"eyewitness\"}, "
        "\"consent\": {\"given\": true, \"how\": \"written\", \"quote_anonymously\": true, "
        "\"share_with_un\": false, \"legal_proceedings\": false, \"contact_again\": true}, "
        "\"incidents\": [";
    if (!act.empty())
        json += "{\"date\": \"2024-02-10\", \"date_precision\": \"exact\", \"place\": \"The bridge\", "
                "\"acts\": [\"" +
                act +
                "\"], \"perpetrators\": [\"010104000000\"], \"victims\": [{\"description\": \"a brother\"}]}";
    json += "], \"tags\": [\"e2e\"]}";
    return json;
}

} // namespace fv::e2e
