#include "SecretInput.h"

#include "crypto/Crypto.h"

#include <QFile>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fv::cli {
namespace {

// The terminal whose echo is off, so a signal handler can restore it before dying.
volatile sig_atomic_t g_ttyFd = -1;
struct termios g_savedTermios
{
};

void restoreTerminalOnSignal(int sig)
{
    if (g_ttyFd >= 0)
        tcsetattr(g_ttyFd, TCSAFLUSH, &g_savedTermios);
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

bool writeText(int fd, const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    const char* p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, static_cast<size_t>(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        p += n;
        left -= n;
    }
    return true;
}

CliError inputError(const QString& message)
{
    return CliError{ExitCode::InvalidInput, u"invalid-input"_s, message};
}

// Reads one line from `fd`, byte by byte so nothing after the newline is consumed (the same
// descriptor may carry a second secret on its next line). The line goes straight into
// guarded memory.
std::expected<SecretBuffer, CliError> readLine(int fd, const QString& what)
{
    SecretBuffer buffer(kMaxSecretBytes + 2);
    std::size_t length = 0;
    while (true) {
        std::uint8_t byte = 0;
        const ssize_t n = ::read(fd, &byte, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return std::unexpected(CliError{
                ExitCode::Io, u"io"_s,
                u"Could not read the %1: %2."_s.arg(what, QString::fromLocal8Bit(std::strerror(errno)))});
        if (n == 0)
            break;
        if (byte == '\n')
            break;
        if (length == buffer.size()) {
            wipeMemory({&byte, 1});
            return std::unexpected(
                inputError(u"The %1 is longer than %2 bytes."_s.arg(what).arg(kMaxSecretBytes)));
        }
        buffer.data()[length++] = byte;
        wipeMemory({&byte, 1});
    }
    if (length > 0 && buffer.data()[length - 1] == '\r')
        --length;
    if (length > kMaxSecretBytes)
        return std::unexpected(
            inputError(u"The %1 is longer than %2 bytes."_s.arg(what).arg(kMaxSecretBytes)));
    if (length == 0)
        return std::unexpected(inputError(u"The %1 is empty."_s.arg(what)));
    SecretBuffer secret = SecretBuffer::copyOf(buffer.view().first(length));
    return secret;
}

class TtyEchoOff
{
public:
    explicit TtyEchoOff(int fd) : m_fd(fd)
    {
        if (tcgetattr(fd, &g_savedTermios) != 0)
            return;
        struct termios quiet = g_savedTermios;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        quiet.c_lflag |= ECHONL;
        struct sigaction action
        {
        };
        action.sa_handler = restoreTerminalOnSignal;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < std::size(kSignals); ++i)
            sigaction(kSignals[i], &action, &m_oldActions[i]);
        g_ttyFd = fd;
        m_active = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
    }
    ~TtyEchoOff()
    {
        if (g_ttyFd >= 0)
            tcsetattr(m_fd, TCSADRAIN, &g_savedTermios);
        g_ttyFd = -1;
        for (std::size_t i = 0; i < std::size(kSignals); ++i)
            sigaction(kSignals[i], &m_oldActions[i], nullptr);
    }
    TtyEchoOff(const TtyEchoOff&) = delete;
    TtyEchoOff& operator=(const TtyEchoOff&) = delete;
    bool active() const noexcept { return m_active; }

private:
    static constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP};
    int m_fd;
    bool m_active = false;
    struct sigaction m_oldActions[std::size(kSignals)]{};
};

class Fd
{
public:
    explicit Fd(int fd) : m_fd(fd) {}
    ~Fd()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const noexcept { return m_fd; }

private:
    int m_fd;
};

std::expected<SecretBuffer, CliError> readFromTerminal(const QString& prompt)
{
    Fd tty(::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY));
    if (tty.get() < 0)
        return std::unexpected(usageError(
            u"There is no terminal to ask for the passphrase; give --passphrase-file F or --passphrase-fd N."_s));
    // Echo goes off before the prompt appears, so nothing typed after it is ever shown.
    std::expected<SecretBuffer, CliError> secret = [&] {
        TtyEchoOff quiet(tty.get());
        writeText(tty.get(), prompt);
        return readLine(tty.get(), u"passphrase"_s);
    }();
    return secret;
}

} // namespace

std::expected<SecretBuffer, CliError> readSecret(const SecretSource& source, const QString& prompt)
{
    switch (source.kind) {
    case SecretSource::Kind::Terminal:
        return readFromTerminal(prompt);
    case SecretSource::Kind::File: {
        Fd file(::open(QFile::encodeName(source.path).constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
        if (file.get() < 0) {
            const int err = errno;
            return std::unexpected(CliError{err == ENOENT ? ExitCode::NotFound : ExitCode::Io,
                                            err == ENOENT ? u"not-found"_s : u"io"_s,
                                            u"Could not open the passphrase file %1: %2."_s.arg(
                                                source.path, QString::fromLocal8Bit(std::strerror(err)))});
        }
        return readLine(file.get(), u"passphrase in %1"_s.arg(source.path));
    }
    case SecretSource::Kind::Fd:
        if (source.fd < 0 || fcntl(source.fd, F_GETFD) < 0)
            return std::unexpected(usageError(
                u"File descriptor %1 is not open; give a descriptor the caller opened."_s.arg(source.fd)));
        return readLine(source.fd, u"passphrase on descriptor %1"_s.arg(source.fd));
    }
    return std::unexpected(CliError{ExitCode::Internal, u"internal"_s, u"Unknown passphrase source."_s});
}

std::expected<SecretBuffer, CliError> readNewSecret(const SecretSource& source, const QString& prompt,
                                                    const QString& confirmPrompt)
{
    auto first = readSecret(source, prompt);
    if (!first || !source.interactive())
        return first;
    auto second = readSecret(source, confirmPrompt);
    if (!second)
        return second;
    if (!first->equals(*second))
        return std::unexpected(
            CliError{ExitCode::Cancelled, u"cancelled"_s,
                     u"The two passphrases differ; nothing was changed. Please try again."_s});
    return first;
}

bool haveTerminal()
{
    Fd tty(::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY));
    return tty.get() >= 0;
}

QString askTerminal(const QString& question)
{
    Fd tty(::open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY));
    if (tty.get() < 0)
        return {};
    writeText(tty.get(), question);
    QByteArray answer;
    while (answer.size() < 256) {
        char c = 0;
        const ssize_t n = ::read(tty.get(), &c, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || c == '\n')
            break;
        answer += c;
    }
    return QString::fromUtf8(answer).trimmed();
}

} // namespace fv::cli
