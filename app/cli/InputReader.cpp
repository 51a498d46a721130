#include "InputReader.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fv::cli {

std::expected<InputReader, CliError> InputReader::open(const QString& path)
{
    if (path.isEmpty() || path == u"-"_s)
        return InputReader(STDIN_FILENO, false, u"standard input"_s);
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT)
            return std::unexpected(
                CliError{ExitCode::NotFound, u"not-found"_s, u"There is no file %1."_s.arg(path)});
        return std::unexpected(
            CliError{ExitCode::Io, u"io"_s,
                     u"Could not open %1: %2."_s.arg(path, QString::fromLocal8Bit(std::strerror(err)))});
    }
    return InputReader(fd, true, path);
}

InputReader::InputReader(InputReader&& other) noexcept
    : m_fd(other.m_fd), m_owned(other.m_owned), m_eof(other.m_eof), m_name(std::move(other.m_name)),
      m_buffer(std::move(other.m_buffer))
{
    other.m_fd = -1;
    other.m_owned = false;
}

InputReader::~InputReader()
{
    if (m_owned && m_fd >= 0)
        ::close(m_fd);
}

std::expected<bool, CliError> InputReader::fill()
{
    if (m_eof)
        return false;
    char chunk[65536];
    while (true) {
        const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return std::unexpected(CliError{
                ExitCode::Io, u"io"_s,
                u"Could not read %1: %2."_s.arg(m_name, QString::fromLocal8Bit(std::strerror(errno)))});
        if (n == 0) {
            m_eof = true;
            return false;
        }
        m_buffer.append(chunk, n);
        return true;
    }
}

std::expected<QByteArray, CliError> InputReader::readAll(qsizetype limit)
{
    while (true) {
        if (m_buffer.size() > limit)
            return std::unexpected(
                CliError{ExitCode::InvalidInput, u"invalid-input"_s,
                         u"The input (%1) is larger than %2 MiB."_s.arg(m_name).arg(limit / (1024 * 1024))});
        auto more = fill();
        if (!more)
            return std::unexpected(more.error());
        if (!*more)
            break;
    }
    return std::exchange(m_buffer, {});
}

std::expected<std::optional<QByteArray>, CliError> InputReader::readLine(qsizetype limit)
{
    qsizetype searchFrom = 0;
    while (true) {
        const qsizetype nl = m_buffer.indexOf('\n', searchFrom);
        if (nl >= 0) {
            QByteArray line = m_buffer.left(nl);
            m_buffer.remove(0, nl + 1);
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.size() > limit)
                break;
            return std::optional<QByteArray>(std::move(line));
        }
        if (m_buffer.size() > limit)
            break;
        searchFrom = m_buffer.size();
        auto more = fill();
        if (!more)
            return std::unexpected(more.error());
        if (!*more) {
            if (m_buffer.isEmpty())
                return std::optional<QByteArray>();
            QByteArray last = std::exchange(m_buffer, {});
            if (last.endsWith('\r'))
                last.chop(1);
            return std::optional<QByteArray>(std::move(last));
        }
    }
    return std::unexpected(
        CliError{ExitCode::InvalidInput, u"invalid-input"_s,
                 u"A line of %1 is longer than %2 MiB."_s.arg(m_name).arg(limit / (1024 * 1024))});
}

} // namespace fv::cli
