#pragma once
// Minimal pull/push byte streams so the file formats in crypto/ (age, armor) can stream with
// flat memory over files, pipes, memory or another library's callbacks.

#include "crypto/Bytes.h"
#include "crypto/Result.h"

namespace fv {

class ByteSource
{
public:
    virtual ~ByteSource() = default;
    /// Reads up to out.size() bytes; returns how many were read, 0 only at the end of the data
    /// (or when out is empty). Errors are reported as such, never as the end.
    [[nodiscard]] virtual Result<std::size_t> read(MutableByteView out) = 0;
};

class ByteSink
{
public:
    virtual ~ByteSink() = default;
    /// Writes all of `data` or fails.
    [[nodiscard]] virtual Status write(ByteView data) = 0;
};

/// Reads until `out` is full or the source ends; returns the number of bytes read.
[[nodiscard]] Result<std::size_t> readFully(ByteSource& source, MutableByteView out);

/// Copies everything from `source` to `sink` in blocks of 64 KiB.
[[nodiscard]] Status copyStream(ByteSource& source, ByteSink& sink);

/// Reads from a view of memory that the caller keeps alive.
class MemorySource final : public ByteSource
{
public:
    explicit MemorySource(ByteView data) noexcept : m_data(data) {}
    [[nodiscard]] Result<std::size_t> read(MutableByteView out) override;

private:
    ByteView m_data;
    std::size_t m_pos = 0;
};

/// Appends to a byte vector in memory.
class MemorySink final : public ByteSink
{
public:
    [[nodiscard]] Status write(ByteView data) override;
    const Bytes& data() const noexcept { return m_data; }
    Bytes take() noexcept { return std::move(m_data); }

private:
    Bytes m_data;
};

/// Reads from a POSIX file descriptor it does not own (retries on EINTR).
class FdSource final : public ByteSource
{
public:
    explicit FdSource(int fd) noexcept : m_fd(fd) {}
    [[nodiscard]] Result<std::size_t> read(MutableByteView out) override;

private:
    int m_fd;
};

/// Writes to a POSIX file descriptor it does not own (retries on EINTR and short writes; ENOSPC
/// is reported as DiskFull).
class FdSink final : public ByteSink
{
public:
    explicit FdSink(int fd) noexcept : m_fd(fd) {}
    [[nodiscard]] Status write(ByteView data) override;

private:
    int m_fd;
};

} // namespace fv
