#include "storage/BlobStore.h"

#include "crypto/Crypto.h"
#include "crypto/Random.h"
#include "crypto/StreamCipher.h"
#include "storage/FaultInjection.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fv {
namespace {

constexpr std::size_t kBlobNameChars = 32;
constexpr std::string_view kTempPrefix = ".tmp-";

bool isBlobName(std::string_view name)
{
    return name.size() == kBlobNameChars && std::all_of(name.begin(), name.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

std::unexpected<Error> ioFail(int err, const std::string& what)
{
    return fail(err == ENOSPC ? ErrorCode::DiskFull : ErrorCode::Io, what + ": " + std::strerror(err));
}

class Fd
{
public:
    Fd() noexcept = default;
    explicit Fd(int fd) noexcept : m_fd(fd) {}
    Fd(Fd&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    Fd& operator=(Fd&& other) noexcept
    {
        if (this != &other) {
            reset();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    ~Fd() { reset(); }
    int get() const noexcept { return m_fd; }
    void reset() noexcept
    {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = -1;
    }

private:
    int m_fd = -1;
};

Status writeAll(int fd, ByteView data, const std::string& what)
{
    bool shortWrite = false;
    if (const int err = detail::faultCheck(FaultOp::Write, &shortWrite)) {
        if (shortWrite && data.size() > 1)
            (void)::write(fd, data.data(), data.size() / 2);
        return ioFail(err, what);
    }
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ioFail(errno, what);
        done += static_cast<std::size_t>(n);
    }
    return {};
}

// Reads exactly out.size() bytes at `offset`; false when the file ends first.
Result<bool> readAt(int fd, std::uint64_t offset, MutableByteView out, const std::string& what)
{
    if (const int err = detail::faultCheck(FaultOp::Read))
        return ioFail(err, what);
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n =
            ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return ioFail(errno, what);
        if (n == 0)
            return false;
        done += static_cast<std::size_t>(n);
    }
    return true;
}

Status syncFd(int fd, const std::string& what)
{
    if (const int err = detail::faultCheck(FaultOp::Sync))
        return ioFail(err, what);
    if (::fsync(fd) != 0)
        return ioFail(errno, what);
    return {};
}

Status syncDirectory(const std::filesystem::path& dir)
{
    Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0)
        return ioFail(errno, "cannot open the attachment folder " + dir.string());
    return syncFd(fd.get(), "cannot sync the attachment folder " + dir.string());
}

std::string randomHex(std::size_t bytes)
{
    return toHex(randomBytes(bytes));
}

} // namespace

// ---- BlobWriter ----

struct BlobWriter::Impl
{
    std::filesystem::path dir;
    std::filesystem::path twinDir; // empty: no twin
    std::filesystem::path tempPath;
    Fd fd;
    StreamEncryptor encryptor;
    Bytes buffer; // one chunk of plaintext, never more
    Sha256 hash;
    std::uint64_t size = 0;
    bool committed = false;
    bool failed = false;

    Impl(std::filesystem::path d, std::filesystem::path t, Fd f, const SecretBuffer& key)
        : dir(std::move(d)), tempPath(std::move(t)), fd(std::move(f)), encryptor(key)
    {
        buffer.reserve(kStreamChunkBytes);
    }

    ~Impl()
    {
        wipeMemory(buffer);
        if (!committed) {
            fd.reset();
            ::unlink(tempPath.c_str());
        }
    }

    Status flushChunk(bool final)
    {
        auto chunk = encryptor.encryptChunk(buffer, final);
        if (!chunk)
            return std::unexpected(chunk.error());
        wipeMemory(buffer);
        buffer.clear();
        return writeAll(fd.get(), *chunk, "cannot write the attachment");
    }
};

BlobWriter::BlobWriter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BlobWriter::BlobWriter(BlobWriter&&) noexcept = default;
BlobWriter& BlobWriter::operator=(BlobWriter&&) noexcept = default;
BlobWriter::~BlobWriter() = default;

Status BlobWriter::write(ByteView data)
{
    if (!m_impl || m_impl->committed || m_impl->failed)
        return fail(ErrorCode::InvalidArgument, "the attachment writer is finished");
    Impl& w = *m_impl;
    while (!data.empty()) {
        // A full chunk is written only once more data follows: the last chunk must be final.
        if (w.buffer.size() == kStreamChunkBytes) {
            if (auto st = w.flushChunk(false); !st) {
                w.failed = true;
                return st;
            }
        }
        const std::size_t n = std::min(data.size(), kStreamChunkBytes - w.buffer.size());
        w.hash.update(data.first(n));
        w.buffer.insert(w.buffer.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(n));
        w.size += n;
        data = data.subspan(n);
    }
    return {};
}

Result<BlobInfo> BlobWriter::commit()
{
    if (!m_impl || m_impl->committed || m_impl->failed)
        return fail(ErrorCode::InvalidArgument, "the attachment writer is finished");
    Impl& w = *m_impl;
    w.failed = true; // until everything below succeeds
    if (auto st = w.flushChunk(true); !st)
        return std::unexpected(st.error());
    if (auto st = syncFd(w.fd.get(), "cannot sync the attachment"); !st)
        return std::unexpected(st.error());
    w.fd.reset();

    BlobInfo info;
    info.name = randomHex(kBlobNameChars / 2);
    info.size = w.size;
    info.sha256 = w.hash.finish();
    const auto finalPath = w.dir / info.name;
    if (const int err = detail::faultCheck(FaultOp::Rename))
        return ioFail(err, "cannot store the attachment");
    if (::renameat2(AT_FDCWD, w.tempPath.c_str(), AT_FDCWD, finalPath.c_str(), RENAME_NOREPLACE) != 0)
        return ioFail(errno, "cannot store the attachment");
    w.committed = true;
    // The blob now has its final name; if the directory sync fails, the caller does not record
    // it and it stays as chaff.
    if (auto st = syncDirectory(w.dir); !st)
        return std::unexpected(st.error());
    w.failed = false;
    if (!w.twinDir.empty()) {
        if (auto twins = BlobStore::open(w.twinDir))
            (void)twins->writeChaff(StreamLayout::ciphertextSize(info.size));
    }
    return info;
}

// ---- BlobReader ----

struct BlobReader::Impl
{
    std::string name;
    Fd fd;
    StreamDecryptor decryptor;
    std::uint64_t size = 0;
    std::uint64_t chunks = 0;
    std::optional<std::uint64_t> cachedChunk;
    Bytes plain;
    Bytes cipher;

    Impl(std::string n, Fd f, StreamDecryptor d, std::uint64_t s)
        : name(std::move(n)), fd(std::move(f)), decryptor(std::move(d)), size(s),
          chunks(StreamLayout::chunkCount(s))
    {
    }
    ~Impl() { wipeMemory(plain); }

    std::size_t chunkPlainSize(std::uint64_t index) const
    {
        if (index + 1 < chunks)
            return kStreamChunkBytes;
        return static_cast<std::size_t>(size - index * kStreamChunkBytes);
    }

    Status load(std::uint64_t index)
    {
        if (cachedChunk == index)
            return {};
        cachedChunk.reset();
        const std::size_t n = chunkPlainSize(index);
        cipher.resize(n + kStreamChunkOverhead);
        plain.resize(n);
        auto got = readAt(fd.get(), StreamLayout::chunkOffset(index), cipher, "cannot read the attachment");
        if (!got)
            return std::unexpected(got.error());
        const bool final = index + 1 == chunks;
        if (!*got || !decryptor.decryptChunk(index, final, cipher, plain))
            return fail(ErrorCode::StoreDamaged, "the attachment " + name + " is damaged: chunk " +
                                                     std::to_string(index) + " failed authentication");
        cachedChunk = index;
        return {};
    }
};

BlobReader::BlobReader(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
BlobReader::BlobReader(BlobReader&&) noexcept = default;
BlobReader& BlobReader::operator=(BlobReader&&) noexcept = default;
BlobReader::~BlobReader() = default;

std::uint64_t BlobReader::size() const noexcept
{
    return m_impl ? m_impl->size : 0;
}

Result<std::size_t> BlobReader::read(std::uint64_t offset, MutableByteView out)
{
    if (!m_impl)
        return fail(ErrorCode::InvalidArgument, "the attachment reader is closed");
    Impl& r = *m_impl;
    std::size_t done = 0;
    while (done < out.size() && offset + done < r.size) {
        const std::uint64_t pos = offset + done;
        const std::uint64_t index = pos / kStreamChunkBytes;
        if (auto st = r.load(index); !st)
            return std::unexpected(st.error());
        const auto inChunk = static_cast<std::size_t>(pos % kStreamChunkBytes);
        const std::size_t n = std::min(out.size() - done, r.plain.size() - inChunk);
        std::memcpy(out.data() + done, r.plain.data() + inChunk, n);
        done += n;
    }
    return done;
}

// ---- BlobStore ----

Result<BlobStore> BlobStore::open(const std::filesystem::path& directory)
{
    if (::mkdir(directory.c_str(), 0700) != 0 && errno != EEXIST)
        return ioFail(errno, "cannot create the attachment folder " + directory.string());
    std::error_code ec;
    if (!std::filesystem::is_directory(directory, ec))
        return fail(ErrorCode::Io, "the attachment folder " + directory.string() + " is not a folder");
    return BlobStore(directory);
}

Result<BlobWriter> BlobStore::create(const SecretBuffer& key)
{
    if (key.size() != 32)
        return fail(ErrorCode::InvalidArgument, "the attachment key must be 32 bytes");
    const auto tempPath = m_dir / (std::string(kTempPrefix) + randomHex(8));
    Fd fd(::open(tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.get() < 0)
        return ioFail(errno, "cannot create an attachment in " + m_dir.string());
    auto impl = std::make_unique<BlobWriter::Impl>(m_dir, tempPath, std::move(fd), key);
    impl->twinDir = m_twinDir;
    if (auto st = writeAll(impl->fd.get(), impl->encryptor.header(), "cannot write the attachment"); !st)
        return std::unexpected(st.error());
    return BlobWriter(std::move(impl));
}

Result<BlobReader> BlobStore::open(const std::string& name, const SecretBuffer& key) const
{
    if (!isBlobName(name))
        return fail(ErrorCode::InvalidArgument, "not an attachment name: " + name);
    if (key.size() != 32)
        return fail(ErrorCode::InvalidArgument, "the attachment key must be 32 bytes");
    const auto path = m_dir / name;
    Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
    if (fd.get() < 0) {
        if (errno == ENOENT)
            return fail(ErrorCode::NotFound, "the attachment " + name + " is missing");
        return ioFail(errno, "cannot open the attachment " + name);
    }
    struct stat st
    {
    };
    if (::fstat(fd.get(), &st) != 0)
        return ioFail(errno, "cannot open the attachment " + name);
    auto size = StreamLayout::plaintextSize(static_cast<std::uint64_t>(st.st_size));
    if (!size)
        return fail(ErrorCode::StoreDamaged,
                    "the attachment " + name + " is damaged: its size is impossible");
    std::array<std::uint8_t, kStreamHeaderBytes> header{};
    auto got = readAt(fd.get(), 0, header, "cannot read the attachment " + name);
    if (!got)
        return std::unexpected(got.error());
    if (!*got)
        return fail(ErrorCode::StoreDamaged, "the attachment " + name + " is damaged: it is truncated");
    auto decryptor = StreamDecryptor::create(key, header);
    if (!decryptor)
        return std::unexpected(decryptor.error());
    return BlobReader(std::make_unique<BlobReader::Impl>(name, std::move(fd), std::move(*decryptor), *size));
}

Result<Sha256Digest> BlobStore::verify(const std::string& name, const SecretBuffer& key) const
{
    auto reader = open(name, key);
    if (!reader)
        return std::unexpected(reader.error());
    BlobReader::Impl& r = *reader->m_impl;
    Sha256 hash;
    for (std::uint64_t index = 0; index < r.chunks; ++index) {
        if (auto st = r.load(index); !st)
            return std::unexpected(st.error());
        hash.update(r.plain);
    }
    return hash.finish();
}

Status BlobStore::retire(const std::string& name)
{
    if (!isBlobName(name))
        return fail(ErrorCode::InvalidArgument, "not an attachment name: " + name);
    const auto path = m_dir / name;
    // In place, on the same inode: on ext4 and similar filesystems the old blocks are
    // overwritten; copy-on-write filesystems and flash wear levelling may keep them.
    Fd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW));
    if (fd.get() < 0) {
        if (errno == ENOENT)
            return fail(ErrorCode::NotFound, "the attachment " + name + " is missing");
        return ioFail(errno, "cannot remove the attachment " + name);
    }
    struct stat st
    {
    };
    if (::fstat(fd.get(), &st) != 0)
        return ioFail(errno, "cannot remove the attachment " + name);
    const auto size = static_cast<std::uint64_t>(st.st_size);
    Bytes noise(static_cast<std::size_t>(std::min<std::uint64_t>(size, kStreamChunkBytes)));
    for (std::uint64_t off = 0; off < size; off += noise.size()) {
        randomFill(noise);
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(noise.size(), size - off));
        std::size_t done = 0;
        while (done < n) {
            const ssize_t w =
                ::pwrite(fd.get(), noise.data() + done, n - done, static_cast<off_t>(off + done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return ioFail(errno, "cannot remove the attachment " + name);
            done += static_cast<std::size_t>(w);
        }
    }
    return syncFd(fd.get(), "cannot remove the attachment " + name);
}

Status BlobStore::remove(const std::string& name)
{
    if (auto st = retire(name); !st)
        return st;
    if (::unlink((m_dir / name).c_str()) != 0)
        return ioFail(errno, "cannot remove the attachment " + name);
    return syncDirectory(m_dir);
}

Status BlobStore::writeChaff(std::uint64_t diskSize)
{
    const auto tempPath = m_dir / (std::string(kTempPrefix) + randomHex(8));
    Fd fd(::open(tempPath.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (fd.get() < 0)
        return ioFail(errno, "cannot write in " + m_dir.string());
    Bytes noise(static_cast<std::size_t>(std::min<std::uint64_t>(diskSize, kStreamChunkBytes)));
    Status st;
    for (std::uint64_t off = 0; st && off < diskSize; off += noise.size()) {
        randomFill(noise);
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(noise.size(), diskSize - off));
        st = writeAll(fd.get(), ByteView(noise.data(), n), "cannot write in " + m_dir.string());
    }
    if (st)
        st = syncFd(fd.get(), "cannot write in " + m_dir.string());
    fd.reset();
    if (st) {
        const auto finalPath = m_dir / randomHex(kBlobNameChars / 2);
        if (const int err = detail::faultCheck(FaultOp::Rename))
            st = ioFail(err, "cannot write in " + m_dir.string());
        else if (::renameat2(AT_FDCWD, tempPath.c_str(), AT_FDCWD, finalPath.c_str(), RENAME_NOREPLACE) != 0)
            st = ioFail(errno, "cannot write in " + m_dir.string());
    }
    if (!st) {
        ::unlink(tempPath.c_str());
        return st;
    }
    return syncDirectory(m_dir);
}

Result<std::map<std::string, std::uint64_t>> BlobStore::diskSizes() const
{
    std::map<std::string, std::uint64_t> sizes;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!isBlobName(name) || !it->is_regular_file(ec))
            continue;
        const auto size = it->file_size(ec);
        if (ec)
            break;
        sizes.emplace(name, size);
    }
    if (ec)
        return fail(ErrorCode::Io,
                    "cannot list the attachment folder " + m_dir.string() + ": " + ec.message());
    return sizes;
}

Result<std::size_t> BlobStore::removeTemporaries()
{
    return removeWhere([](const std::string& name) { return name.starts_with(kTempPrefix); });
}

Result<std::set<std::string>> BlobStore::list() const
{
    std::set<std::string> names;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (isBlobName(name) && it->is_regular_file(ec))
            names.insert(name);
    }
    if (ec)
        return fail(ErrorCode::Io,
                    "cannot list the attachment folder " + m_dir.string() + ": " + ec.message());
    return names;
}

Result<std::size_t> BlobStore::removeOrphans(const std::set<std::string>& known)
{
    return removeWhere([&known](const std::string& name) {
        return name.starts_with(kTempPrefix) || (isBlobName(name) && !known.contains(name));
    });
}

Result<std::size_t> BlobStore::removeWhere(const std::function<bool(const std::string&)>& doomedName)
{
    std::vector<std::filesystem::path> doomed;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(m_dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (doomedName(it->path().filename().string()))
            doomed.push_back(it->path());
    }
    if (ec)
        return fail(ErrorCode::Io,
                    "cannot list the attachment folder " + m_dir.string() + ": " + ec.message());
    for (const auto& path : doomed) {
        if (::unlink(path.c_str()) != 0 && errno != ENOENT)
            return ioFail(errno, "cannot remove " + path.string());
    }
    if (!doomed.empty()) {
        if (auto st = syncDirectory(m_dir); !st)
            return std::unexpected(st.error());
    }
    return doomed.size();
}

} // namespace fv
