#include "crypto/ByteStream.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace fv {

Result<std::size_t> readFully(ByteSource& source, MutableByteView out)
{
    std::size_t done = 0;
    while (done < out.size()) {
        auto n = source.read(out.subspan(done));
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;
        done += *n;
    }
    return done;
}

Status copyStream(ByteSource& source, ByteSink& sink)
{
    Bytes buffer(64 * 1024);
    for (;;) {
        auto n = source.read(buffer);
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            return {};
        if (auto st = sink.write(ByteView(buffer).first(*n)); !st)
            return st;
    }
}

Result<std::size_t> MemorySource::read(MutableByteView out)
{
    const std::size_t n = std::min(out.size(), m_data.size() - m_pos);
    std::copy_n(m_data.begin() + static_cast<std::ptrdiff_t>(m_pos), n, out.begin());
    m_pos += n;
    return n;
}

Status MemorySink::write(ByteView data)
{
    m_data.insert(m_data.end(), data.begin(), data.end());
    return {};
}

Result<std::size_t> FdSource::read(MutableByteView out)
{
    for (;;) {
        const ssize_t n = ::read(m_fd, out.data(), out.size());
        if (n >= 0)
            return static_cast<std::size_t>(n);
        if (errno != EINTR)
            return fail(ErrorCode::Io, std::string("read failed: ") + std::strerror(errno));
    }
}

Status FdSink::write(ByteView data)
{
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(m_fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            if (errno == ENOSPC)
                return fail(ErrorCode::DiskFull, "no space left on the device");
            return fail(ErrorCode::Io, std::string("write failed: ") + std::strerror(errno));
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

} // namespace fv
