#include "storage/Vfs.h"

#include "crypto/Aead.h"
#include "crypto/Crypto.h"
#include "crypto/Random.h"
#include "storage/FaultInjection.h"
#include "storage/VfsDetail.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <mutex>
#include <sqlite3.h>
#include <unistd.h>
#include <vector>

// Layouts (docs/vault-format.md, "Store file and WAL"):
//   main database page N (1-based), 4096 bytes on disk:
//     [XChaCha20-Poly1305 ciphertext of plaintext bytes 0..4056][nonce 24][tag 16]
//     AD = "fvdb" || le32(N). SQLite sees the 40 reserved bytes as zeros.
//   WAL, as SQLite sees it: header (32) then frames of 24 + 4096 bytes. Encrypted per unit:
//     unit 0 = header, on disk [ct 32][nonce 24][tag 16] at 0, AD = "fvwh";
//     unit k = frame k, on disk at logical offset + 40: [ct of 24-byte frame header and
//     page bytes 0..4056][nonce 24][tag 16], AD = "fvwl" || le64(k).

// Newer SQLite versions (3.48+) let a VFS promise sub-page reads; this one never does.
#ifndef SQLITE_IOCAP_SUBPAGE_READ
#define SQLITE_IOCAP_SUBPAGE_READ 0x00008000
#endif

namespace fv {
namespace {

constexpr int kUsableBytes = kPageSize - kPageReservedBytes; // 4056
constexpr std::int64_t kWalHeaderBytes = 32;
constexpr std::int64_t kWalFrameHeaderBytes = 24;
constexpr std::int64_t kWalFrameBytes = kWalFrameHeaderBytes + kPageSize;     // 4120
constexpr std::int64_t kWalShift = kAeadNonceBytes + kAeadTagBytes;           // 40
constexpr std::int64_t kWalHeaderUnitDiskBytes = kWalHeaderBytes + kWalShift; // 72
constexpr std::int64_t kLockBytePageOffset = 0x40000000;

static_assert(kPageReservedBytes == kAeadNonceBytes + kAeadTagBytes);
static_assert(kWalShift == kPageReservedBytes);

enum class FileKind
{
    MainDb,
    Wal,
};

struct FileState
{
    FileKind kind = FileKind::MainDb;
    SecretBuffer key;
    std::string name;
    // WAL only: one unit whose bytes arrived in pieces (frame header and page are separate
    // xWrite calls), held until it is complete or must be flushed.
    std::int64_t pendingUnit = -1;
    std::vector<std::uint8_t> pending;
    std::vector<std::pair<int, int>> pendingRanges; // sorted, disjoint [begin, end) pieces held
    std::vector<std::uint8_t> diskBuf;
    std::vector<std::uint8_t> plainBuf;
    std::int64_t plainUnit = -1; // WAL only: the unit whose authenticated plaintext is in plainBuf
};

// SQLite allocates szOsFile bytes for each file; ours starts with the sqlite3_file SQLite
// knows, followed by the underlying unix file.
struct ShimFile
{
    sqlite3_file base;
    FileState* state;
    sqlite3_file* lower;
};

constexpr int shimHeaderBytes()
{
    return static_cast<int>((sizeof(ShimFile) + 7) & ~std::size_t{7});
}

sqlite3_vfs* g_root = nullptr;
sqlite3_vfs g_vfs{};
std::once_flag g_registerOnce;
int g_registerRc = SQLITE_ERROR;

std::mutex g_keysMutex;
std::map<std::string, SecretBuffer> g_keys;

thread_local detail::DamageReport g_damage;
std::atomic<std::uint64_t> g_walMerges{0};
std::atomic<std::uint64_t> g_walIncompleteFlushes{0};

ShimFile* shim(sqlite3_file* f)
{
    return reinterpret_cast<ShimFile*>(f);
}

// ---- calls into the underlying file, through fault injection ----

int ioErrorFor(int err, int ioerr)
{
    return err == ENOSPC ? SQLITE_FULL : ioerr;
}

int lowerRead(sqlite3_file* f, void* buf, int amt, sqlite3_int64 off)
{
    if (const int err = detail::faultCheck(FaultOp::Read)) {
        (void)err;
        return SQLITE_IOERR_READ;
    }
    return f->pMethods->xRead(f, buf, amt, off);
}

int lowerWrite(sqlite3_file* f, const void* buf, int amt, sqlite3_int64 off)
{
    bool shortWrite = false;
    if (const int err = detail::faultCheck(FaultOp::Write, &shortWrite)) {
        if (shortWrite && amt > 1)
            (void)f->pMethods->xWrite(f, buf, amt / 2, off);
        return ioErrorFor(err, SQLITE_IOERR_WRITE);
    }
    return f->pMethods->xWrite(f, buf, amt, off);
}

int lowerSync(sqlite3_file* f, int flags)
{
    if (const int err = detail::faultCheck(FaultOp::Sync))
        return ioErrorFor(err, SQLITE_IOERR_FSYNC);
    return f->pMethods->xSync(f, flags);
}

int lowerTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    if (const int err = detail::faultCheck(FaultOp::Truncate))
        return ioErrorFor(err, SQLITE_IOERR_TRUNCATE);
    return f->pMethods->xTruncate(f, size);
}

// Overwrites the WAL's bytes in [from, to) on disk before they are freed, crash-safely: a WAL
// is only truncated or deleted once it is fully checkpointed, but a kill in the middle of the
// overwrite must not leave a header that fails authentication (StoreDamaged). So when the
// header is in the range it is zeroed and synced first: an all-zero header unit reads as an
// empty log (walReadUnit), which is what the checkpointed log is. The frames follow as random
// bytes, then a sync.
int wipeWal(sqlite3_file* f, sqlite3_int64 from, sqlite3_int64 to)
{
    std::vector<std::uint8_t> noise(64 * 1024);
    if (from < kWalHeaderUnitDiskBytes && from < to) {
        const auto end = std::min<sqlite3_int64>(to, kWalHeaderUnitDiskBytes);
        if (const int rc = lowerWrite(f, noise.data(), static_cast<int>(end - from), from); rc != SQLITE_OK)
            return rc;
        if (const int rc = lowerSync(f, SQLITE_SYNC_NORMAL); rc != SQLITE_OK)
            return rc;
        from = end;
    }
    for (sqlite3_int64 off = from; off < to;) {
        const int n =
            static_cast<int>(std::min<sqlite3_int64>(static_cast<sqlite3_int64>(noise.size()), to - off));
        randomFill(MutableByteView(noise.data(), static_cast<std::size_t>(n)));
        if (const int rc = lowerWrite(f, noise.data(), n, off); rc != SQLITE_OK)
            return rc;
        off += n;
    }
    return lowerSync(f, SQLITE_SYNC_NORMAL);
}

// ---- page codec ----

std::uint32_t getBe32(const std::uint8_t* p)
{
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

void putLe32(std::uint8_t* p, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

void putLe64(std::uint8_t* p, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::array<std::uint8_t, 8> pageAd(std::uint32_t pageNo)
{
    std::array<std::uint8_t, 8> ad{'f', 'v', 'd', 'b'};
    putLe32(ad.data() + 4, pageNo);
    return ad;
}

std::array<std::uint8_t, 12> frameAd(std::uint64_t frame)
{
    std::array<std::uint8_t, 12> ad{'f', 'v', 'w', 'l'};
    putLe64(ad.data() + 4, frame);
    return ad;
}

constexpr std::array<std::uint8_t, 4> kWalHeaderAd{'f', 'v', 'w', 'h'};

// Encrypts `plain` (n bytes) into `disk` (n + 40 bytes): ciphertext, nonce, tag. The nonce
// is fresh random unless one is given (known-answer tests only).
void sealUnit(const SecretBuffer& key, ByteView ad, const std::uint8_t* plain, std::size_t n,
              std::uint8_t* disk, ByteView fixedNonce = {})
{
    MutableByteView out(disk, n + kAeadNonceBytes + kAeadTagBytes);
    if (fixedNonce.size() == kAeadNonceBytes)
        std::memcpy(out.data() + n, fixedNonce.data(), kAeadNonceBytes);
    else
        randomFill(out.subspan(n, kAeadNonceBytes));
    aeadEncryptDetached(key, out.subspan(n, kAeadNonceBytes), ad, ByteView(plain, n), out.first(n),
                        out.subspan(n + kAeadNonceBytes, kAeadTagBytes));
}

// Authenticates and decrypts `disk` (n + 40 bytes) into `plain` (n bytes); false on failure,
// with `plain` zeroed.
bool openUnit(const SecretBuffer& key, ByteView ad, const std::uint8_t* disk, std::size_t n,
              std::uint8_t* plain)
{
    ByteView in(disk, n + kAeadNonceBytes + kAeadTagBytes);
    return aeadDecryptDetached(key, in.subspan(n, kAeadNonceBytes), ad, in.first(n),
                               in.subspan(n + kAeadNonceBytes, kAeadTagBytes), MutableByteView(plain, n));
}

void encryptPage(const SecretBuffer& key, std::uint32_t pageNo, const std::uint8_t* plain, std::uint8_t* disk)
{
    const auto ad = pageAd(pageNo);
    sealUnit(key, ad, plain, kUsableBytes, disk);
}

bool decryptPage(const SecretBuffer& key, std::uint32_t pageNo, const std::uint8_t* disk, std::uint8_t* plain)
{
    const auto ad = pageAd(pageNo);
    const bool ok = openUnit(key, ad, disk, kUsableBytes, plain);
    std::memset(plain + kUsableBytes, 0, kPageReservedBytes);
    return ok;
}

void reportDamage(detail::DamageReport::Where where, std::uint64_t index)
{
    g_damage = {where, index};
}

bool allZero(const std::uint8_t* p, std::size_t n)
{
    std::uint8_t acc = 0;
    for (std::size_t i = 0; i < n; ++i)
        acc |= p[i];
    return acc == 0;
}

// SQLite's header on page 1 must keep saying 4096-byte pages with 40 reserved bytes, or the
// next open would misread every page.
bool pageOneHeaderOk(const std::uint8_t* page)
{
    return page[16] == 0x10 && page[17] == 0x00 && page[20] == kPageReservedBytes;
}

// ---- main database ----

int mainRead(ShimFile* f, std::uint8_t* out, int amt, sqlite3_int64 off)
{
    FileState& s = *f->state;
    std::uint8_t* disk = s.diskBuf.data();
    std::uint8_t* plain = s.plainBuf.data();
    std::int64_t pos = off;
    int done = 0;
    while (done < amt) {
        const std::int64_t pageIndex = pos / kPageSize;
        const int inPage = static_cast<int>(pos % kPageSize);
        const int n = std::min(amt - done, kPageSize - inPage);
        const int rc = lowerRead(f->lower, disk, kPageSize, pageIndex * kPageSize);
        const auto pageNo = static_cast<std::uint32_t>(pageIndex + 1);
        if (rc == SQLITE_IOERR_SHORT_READ) {
            std::memset(out + done, 0, static_cast<std::size_t>(amt - done));
            // Past the end is a page SQLite has not written yet; a page cut short is damage
            // (zero-filling it would hand SQLite content the store never had).
            sqlite3_int64 size = 0;
            if (f->lower->pMethods->xFileSize(f->lower, &size) == SQLITE_OK && size > pageIndex * kPageSize) {
                std::memset(out, 0, static_cast<std::size_t>(amt));
                reportDamage(detail::DamageReport::Where::Page, pageNo);
                return SQLITE_IOERR_DATA;
            }
            return SQLITE_IOERR_SHORT_READ;
        }
        if (rc != SQLITE_OK)
            return rc;
        if (!decryptPage(s.key, pageNo, disk, plain)) {
            std::memset(out, 0, static_cast<std::size_t>(amt));
            reportDamage(detail::DamageReport::Where::Page, pageNo);
            return SQLITE_IOERR_DATA;
        }
        std::memcpy(out + done, plain + inPage, static_cast<std::size_t>(n));
        done += n;
        pos += n;
    }
    return SQLITE_OK;
}

int mainWrite(ShimFile* f, const std::uint8_t* in, int amt, sqlite3_int64 off)
{
    // SQLite writes whole pages to the main database; anything else is refused rather than
    // guessed at.
    if (amt <= 0 || amt % kPageSize != 0 || off % kPageSize != 0)
        return SQLITE_IOERR_WRITE;
    FileState& s = *f->state;
    std::uint8_t* disk = s.diskBuf.data();
    for (int done = 0; done < amt; done += kPageSize) {
        const std::int64_t pageIndex = (off + done) / kPageSize;
        const std::uint8_t* page = in + done;
        if (pageIndex == 0 && !pageOneHeaderOk(page))
            return SQLITE_IOERR_WRITE;
        encryptPage(s.key, static_cast<std::uint32_t>(pageIndex + 1), page, disk);
        const int rc = lowerWrite(f->lower, disk, kPageSize, pageIndex * kPageSize);
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

// ---- WAL ----

struct UnitGeometry
{
    std::int64_t logicalStart;
    std::int64_t logicalSize;
    std::int64_t diskStart;
    std::int64_t diskSize;
};

std::int64_t unitOf(std::int64_t logical)
{
    return logical < kWalHeaderBytes ? 0 : (logical - kWalHeaderBytes) / kWalFrameBytes + 1;
}

UnitGeometry geometry(std::int64_t unit)
{
    if (unit == 0)
        return {0, kWalHeaderBytes, 0, kWalHeaderUnitDiskBytes};
    const std::int64_t start = kWalHeaderBytes + (unit - 1) * kWalFrameBytes;
    return {start, kWalFrameBytes, start + kWalShift, kWalFrameBytes};
}

// Encrypts one whole logical unit and writes it.
int walWriteUnit(ShimFile* f, std::int64_t unit, const std::uint8_t* plain)
{
    FileState& s = *f->state;
    const UnitGeometry g = geometry(unit);
    std::uint8_t* disk = s.diskBuf.data();
    if (unit == 0) {
        sealUnit(s.key, kWalHeaderAd, plain, kWalHeaderBytes, disk);
    } else {
        // The page's reserved tail is replaced by nonce and tag; SQLite keeps it zero, and the
        // frame checksum only matches on recovery if it reads back as zero.
        if (!allZero(plain + kWalFrameBytes - kPageReservedBytes, kPageReservedBytes))
            return SQLITE_IOERR_WRITE;
        const std::uint32_t pageNo = getBe32(plain);
        if (pageNo == 1 && !pageOneHeaderOk(plain + kWalFrameHeaderBytes))
            return SQLITE_IOERR_WRITE;
        const auto ad = frameAd(static_cast<std::uint64_t>(unit));
        sealUnit(s.key, ad, plain, static_cast<std::size_t>(kWalFrameBytes - kWalShift), disk);
    }
    const int rc = lowerWrite(f->lower, disk, static_cast<int>(g.diskSize), g.diskStart);
    if (rc == SQLITE_OK && unit > 0) {
        // SQLite rewriting checksums reads a frame, then rewrites its header: keep the
        // plaintext so the merge does not decrypt the unit again.
        if (plain != s.plainBuf.data())
            std::memcpy(s.plainBuf.data(), plain, static_cast<std::size_t>(kWalFrameBytes));
        s.plainUnit = unit;
    } else if (s.plainUnit == unit || rc != SQLITE_OK) {
        s.plainUnit = -1;
    }
    return rc;
}

enum class UnitRead
{
    Ok,
    Short,
    Damaged,
    Error,
};

// Reads and decrypts one whole unit into the file's plainBuf (logical size bytes).
UnitRead walReadUnit(ShimFile* f, std::int64_t unit, int* rcOut)
{
    FileState& s = *f->state;
    *rcOut = SQLITE_OK;
    if (unit > 0 && s.plainUnit == unit)
        return UnitRead::Ok;
    s.plainUnit = -1;
    const UnitGeometry g = geometry(unit);
    std::uint8_t* disk = s.diskBuf.data();
    std::uint8_t* plain = s.plainBuf.data();
    const int rc = lowerRead(f->lower, disk, static_cast<int>(g.diskSize), g.diskStart);
    *rcOut = rc;
    if (rc == SQLITE_IOERR_SHORT_READ)
        return UnitRead::Short;
    if (rc != SQLITE_OK)
        return UnitRead::Error;
    bool ok = false;
    if (unit == 0) {
        // All zeros: a log emptied by wipeWal() and cut short by a crash. SQLite sees no valid
        // header and treats the log as empty, as it would a missing WAL file.
        const bool emptied = allZero(disk, static_cast<std::size_t>(kWalHeaderUnitDiskBytes));
        ok = emptied || openUnit(s.key, kWalHeaderAd, disk, kWalHeaderBytes, plain);
        if (emptied)
            std::memset(plain, 0, static_cast<std::size_t>(kWalHeaderBytes));
    } else {
        const auto ad = frameAd(static_cast<std::uint64_t>(unit));
        ok = openUnit(s.key, ad, disk, static_cast<std::size_t>(kWalFrameBytes - kWalShift), plain);
        std::memset(plain + kWalFrameBytes - kPageReservedBytes, 0, kPageReservedBytes);
        if (ok)
            s.plainUnit = unit;
    }
    return ok ? UnitRead::Ok : UnitRead::Damaged;
}

void addPendingRange(std::vector<std::pair<int, int>>& ranges, int begin, int end)
{
    ranges.emplace_back(begin, end);
    std::sort(ranges.begin(), ranges.end());
    std::size_t out = 0;
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        if (ranges[i].first <= ranges[out].second)
            ranges[out].second = std::max(ranges[out].second, ranges[i].second);
        else
            ranges[++out] = ranges[i];
    }
    ranges.resize(out + 1);
}

bool pendingComplete(const std::vector<std::pair<int, int>>& ranges, std::int64_t size)
{
    return ranges.size() == 1 && ranges[0].first == 0 && ranges[0].second == size;
}

int walFlushPending(ShimFile* f)
{
    FileState& s = *f->state;
    if (s.pendingUnit < 0)
        return SQLITE_OK;
    const std::int64_t unit = s.pendingUnit;
    const UnitGeometry g = geometry(unit);
    const auto size = static_cast<std::size_t>(g.logicalSize);
    s.pendingUnit = -1;
    if (!pendingComplete(s.pendingRanges, g.logicalSize)) {
        // Merge with the unit on disk; a unit that is not on disk yet cannot be completed.
        int rc = SQLITE_OK;
        const UnitRead r = walReadUnit(f, unit, &rc);
        if (r == UnitRead::Short) {
            ++g_walIncompleteFlushes;
            return SQLITE_IOERR_WRITE;
        }
        if (r == UnitRead::Error)
            return rc;
        if (r == UnitRead::Damaged) {
            reportDamage(unit == 0 ? detail::DamageReport::Where::WalHeader
                                   : detail::DamageReport::Where::WalFrame,
                         static_cast<std::uint64_t>(unit));
            return SQLITE_IOERR_DATA;
        }
        std::size_t gap = 0;
        for (const auto& [begin, end] : s.pendingRanges) {
            std::memcpy(s.pending.data() + gap, s.plainBuf.data() + gap,
                        static_cast<std::size_t>(begin) - gap);
            gap = static_cast<std::size_t>(end);
        }
        std::memcpy(s.pending.data() + gap, s.plainBuf.data() + gap, size - gap);
        ++g_walMerges;
    }
    return walWriteUnit(f, unit, s.pending.data());
}

// True when a frame after `unit` authenticates and carries the salts of the current WAL header.
// Recovery then knows that the frame at `unit` was not torn by a crash but altered.
bool currentFrameFollows(ShimFile* f, std::int64_t unit)
{
    const FileState& s = *f->state;
    sqlite3_int64 diskSize = 0;
    if (f->lower->pMethods->xFileSize(f->lower, &diskSize) != SQLITE_OK)
        return false;
    std::vector<std::uint8_t> disk(static_cast<std::size_t>(kWalFrameBytes));
    std::vector<std::uint8_t> plain(static_cast<std::size_t>(kWalFrameBytes));
    std::array<std::uint8_t, kWalHeaderBytes> header{};
    bool found = false;
    if (lowerRead(f->lower, disk.data(), static_cast<int>(kWalHeaderUnitDiskBytes), 0) == SQLITE_OK &&
        openUnit(s.key, kWalHeaderAd, disk.data(), kWalHeaderBytes, header.data())) {
        for (std::int64_t next = unit + 1; !found; ++next) {
            const UnitGeometry g = geometry(next);
            if (g.diskStart + g.diskSize > diskSize ||
                lowerRead(f->lower, disk.data(), static_cast<int>(g.diskSize), g.diskStart) != SQLITE_OK)
                break;
            const auto ad = frameAd(static_cast<std::uint64_t>(next));
            // Frame header bytes 8..16 are the salts, WAL header bytes 16..24 the current ones.
            found = openUnit(s.key, ad, disk.data(), static_cast<std::size_t>(kWalFrameBytes - kWalShift),
                             plain.data()) &&
                    std::memcmp(plain.data() + 8, header.data() + 16, 8) == 0;
        }
    }
    wipeMemory(plain);
    wipeMemory(header);
    return found;
}

int walRead(ShimFile* f, std::uint8_t* out, int amt, sqlite3_int64 off)
{
    FileState& s = *f->state;
    if (const int rc = walFlushPending(f); rc != SQLITE_OK)
        return rc;
    std::int64_t pos = off;
    int done = 0;
    while (done < amt) {
        const std::int64_t unit = unitOf(pos);
        const UnitGeometry g = geometry(unit);
        const auto inUnit = static_cast<int>(pos - g.logicalStart);
        const int n = std::min(amt - done, static_cast<int>(g.logicalSize) - inUnit);
        int rc = SQLITE_OK;
        const UnitRead r = walReadUnit(f, unit, &rc);
        if (r == UnitRead::Short) {
            std::memset(out + done, 0, static_cast<std::size_t>(amt - done));
            return SQLITE_IOERR_SHORT_READ;
        }
        if (r == UnitRead::Error)
            return rc;
        if (r == UnitRead::Damaged) {
            // A whole-frame read is how recovery walks the log; a torn last frame after a
            // crash must end the log there (SQLite sees a checksum mismatch), not fail it. A
            // torn frame is the last one written, so an authentic frame of the same log
            // generation after it means the frame was changed: the store is damaged.
            if (unit > 0 && off == g.logicalStart && amt == kWalFrameBytes && !currentFrameFollows(f, unit)) {
                std::memset(out, 0, static_cast<std::size_t>(amt));
                return SQLITE_OK;
            }
            std::memset(out, 0, static_cast<std::size_t>(amt));
            reportDamage(unit == 0 ? detail::DamageReport::Where::WalHeader
                                   : detail::DamageReport::Where::WalFrame,
                         static_cast<std::uint64_t>(unit));
            return SQLITE_IOERR_DATA;
        }
        std::memcpy(out + done, s.plainBuf.data() + inUnit, static_cast<std::size_t>(n));
        done += n;
        pos += n;
    }
    return SQLITE_OK;
}

int walWrite(ShimFile* f, const std::uint8_t* in, int amt, sqlite3_int64 off)
{
    FileState& s = *f->state;
    std::int64_t pos = off;
    int done = 0;
    while (done < amt) {
        const std::int64_t unit = unitOf(pos);
        const UnitGeometry g = geometry(unit);
        const auto inUnit = static_cast<int>(pos - g.logicalStart);
        const int n = std::min(amt - done, static_cast<int>(g.logicalSize) - inUnit);
        if (s.pendingUnit >= 0 && s.pendingUnit != unit) {
            if (const int rc = walFlushPending(f); rc != SQLITE_OK)
                return rc;
        }
        if (n == g.logicalSize) {
            s.pendingUnit = -1;
            if (const int rc = walWriteUnit(f, unit, in + done); rc != SQLITE_OK)
                return rc;
        } else {
            if (s.pendingUnit != unit) {
                s.pendingUnit = unit;
                s.pendingRanges.clear();
            }
            std::memcpy(s.pending.data() + inUnit, in + done, static_cast<std::size_t>(n));
            addPendingRange(s.pendingRanges, inUnit, inUnit + n);
            if (pendingComplete(s.pendingRanges, g.logicalSize)) {
                s.pendingUnit = -1;
                if (const int rc = walWriteUnit(f, unit, s.pending.data()); rc != SQLITE_OK)
                    return rc;
            }
        }
        done += n;
        pos += n;
    }
    return SQLITE_OK;
}

// ---- io_methods ----

int shimClose(sqlite3_file* file)
{
    ShimFile* f = shim(file);
    int rc = SQLITE_OK;
    if (f->state->kind == FileKind::Wal)
        rc = walFlushPending(f);
    const int closeRc = f->lower->pMethods != nullptr ? f->lower->pMethods->xClose(f->lower) : SQLITE_OK;
    if (rc == SQLITE_OK)
        rc = closeRc;
    wipeMemory(f->state->pending);
    wipeMemory(f->state->plainBuf);
    delete f->state; // wipes the key
    f->state = nullptr;
    return rc;
}

int shimRead(sqlite3_file* file, void* buf, int amt, sqlite3_int64 off)
{
    ShimFile* f = shim(file);
    auto* out = static_cast<std::uint8_t*>(buf);
    if (f->state->kind == FileKind::MainDb)
        return mainRead(f, out, amt, off);
    return walRead(f, out, amt, off);
}

int shimWrite(sqlite3_file* file, const void* buf, int amt, sqlite3_int64 off)
{
    ShimFile* f = shim(file);
    const auto* in = static_cast<const std::uint8_t*>(buf);
    if (f->state->kind == FileKind::MainDb)
        return mainWrite(f, in, amt, off);
    return walWrite(f, in, amt, off);
}

int shimTruncate(sqlite3_file* file, sqlite3_int64 size)
{
    ShimFile* f = shim(file);
    if (f->state->kind == FileKind::MainDb)
        return lowerTruncate(f->lower, size);
    if (const int rc = walFlushPending(f); rc != SQLITE_OK)
        return rc;
    f->state->plainUnit = -1;
    // Truncation frees blocks that still hold old frames: overwrite them first, so a later
    // holder of the key finds nothing of purged pages in free space (docs/threat-model.md).
    const sqlite3_int64 newDisk = size == 0 ? 0 : size + kWalShift;
    sqlite3_int64 oldDisk = 0;
    if (const int rc = f->lower->pMethods->xFileSize(f->lower, &oldDisk); rc != SQLITE_OK)
        return rc;
    if (oldDisk > newDisk) {
        if (const int rc = wipeWal(f->lower, newDisk, oldDisk); rc != SQLITE_OK)
            return rc;
    }
    return lowerTruncate(f->lower, newDisk);
}

int shimSync(sqlite3_file* file, int flags)
{
    ShimFile* f = shim(file);
    if (f->state->kind == FileKind::Wal) {
        if (const int rc = walFlushPending(f); rc != SQLITE_OK)
            return rc;
    }
    return lowerSync(f->lower, flags);
}

int shimFileSize(sqlite3_file* file, sqlite3_int64* size)
{
    ShimFile* f = shim(file);
    sqlite3_int64 disk = 0;
    const int rc = f->lower->pMethods->xFileSize(f->lower, &disk);
    if (rc != SQLITE_OK)
        return rc;
    if (f->state->kind == FileKind::MainDb)
        *size = disk;
    else
        *size = disk < kWalHeaderUnitDiskBytes ? 0 : disk - kWalShift;
    return SQLITE_OK;
}

int shimLock(sqlite3_file* file, int level)
{
    sqlite3_file* lower = shim(file)->lower;
    return lower->pMethods->xLock(lower, level);
}

int shimUnlock(sqlite3_file* file, int level)
{
    sqlite3_file* lower = shim(file)->lower;
    return lower->pMethods->xUnlock(lower, level);
}

int shimCheckReservedLock(sqlite3_file* file, int* out)
{
    sqlite3_file* lower = shim(file)->lower;
    return lower->pMethods->xCheckReservedLock(lower, out);
}

int shimFileControl(sqlite3_file* file, int op, void* arg)
{
    ShimFile* f = shim(file);
    sqlite3_file* lower = f->lower;
    switch (op) {
    case SQLITE_FCNTL_PRAGMA: {
        auto** azArg = static_cast<char**>(arg);
        if (azArg[1] != nullptr && sqlite3_stricmp(azArg[1], "page_size") == 0 && azArg[2] != nullptr &&
            std::strcmp(azArg[2], "4096") != 0) {
            azArg[0] = sqlite3_mprintf("the vault's page size is fixed at 4096 bytes");
            return SQLITE_ERROR;
        }
        // The store's only journal is its encrypted WAL (MEMORY is the step a new store takes
        // on its way to WAL); OFF would drop crash safety, the rest would open a journal file.
        if (azArg[1] != nullptr && sqlite3_stricmp(azArg[1], "journal_mode") == 0 && azArg[2] != nullptr &&
            sqlite3_stricmp(azArg[2], "wal") != 0 && sqlite3_stricmp(azArg[2], "memory") != 0) {
            azArg[0] = sqlite3_mprintf("the vault's store always uses its encrypted write-ahead log");
            return SQLITE_ERROR;
        }
        if (azArg[1] != nullptr && sqlite3_stricmp(azArg[1], "mmap_size") == 0 && azArg[2] != nullptr &&
            std::strcmp(azArg[2], "0") != 0) {
            azArg[0] = sqlite3_mprintf("memory-mapped I/O is not available in a vault");
            return SQLITE_ERROR;
        }
        return lower->pMethods->xFileControl(lower, op, arg);
    }
    case SQLITE_FCNTL_VFSNAME: {
        char* below = nullptr;
        if (lower->pMethods->xFileControl(lower, op, &below) == SQLITE_OK && below != nullptr) {
            *static_cast<char**>(arg) = sqlite3_mprintf("%s/%z", kVfsName, below);
        } else {
            *static_cast<char**>(arg) = sqlite3_mprintf("%s", kVfsName);
        }
        return SQLITE_OK;
    }
    case SQLITE_FCNTL_MMAP_SIZE:
        // No memory mapping: report a limit of zero and keep the lower file unmapped.
        if (arg != nullptr)
            *static_cast<sqlite3_int64*>(arg) = 0;
        return SQLITE_OK;
    case SQLITE_FCNTL_SIZE_HINT:
        if (f->state->kind == FileKind::Wal) {
            sqlite3_int64 hint = *static_cast<sqlite3_int64*>(arg);
            if (hint > 0)
                hint += kWalShift;
            return lower->pMethods->xFileControl(lower, op, &hint);
        }
        return lower->pMethods->xFileControl(lower, op, arg);
    default:
        return lower->pMethods->xFileControl(lower, op, arg);
    }
}

int shimSectorSize(sqlite3_file* file)
{
    sqlite3_file* lower = shim(file)->lower;
    return lower->pMethods->xSectorSize(lower);
}

int shimDeviceCharacteristics(sqlite3_file* file)
{
    sqlite3_file* lower = shim(file)->lower;
    int caps = lower->pMethods->xDeviceCharacteristics(lower);
    caps &= ~(SQLITE_IOCAP_SUBPAGE_READ | SQLITE_IOCAP_BATCH_ATOMIC);
    return caps | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

// Version 1: no xShm* (exclusive locking keeps the WAL index in heap memory) and no xFetch
// (no memory-mapped pages).
const sqlite3_io_methods g_methods = {
    1,
    shimClose,
    shimRead,
    shimWrite,
    shimTruncate,
    shimSync,
    shimFileSize,
    shimLock,
    shimUnlock,
    shimCheckReservedLock,
    shimFileControl,
    shimSectorSize,
    shimDeviceCharacteristics,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
    nullptr,
};

// ---- VFS ----

int shimOpen(sqlite3_vfs*, sqlite3_filename zName, sqlite3_file* file, int flags, int* outFlags)
{
    auto* f = shim(file);
    f->base.pMethods = nullptr;
    f->state = nullptr;
    f->lower = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + shimHeaderBytes());
    const bool isMain = (flags & SQLITE_OPEN_MAIN_DB) != 0;
    const bool isWal = (flags & SQLITE_OPEN_WAL) != 0;
    if ((!isMain && !isWal) || zName == nullptr)
        return SQLITE_CANTOPEN;

    auto* state = new (std::nothrow) FileState;
    if (state == nullptr)
        return SQLITE_NOMEM;
    state->name = zName;
    if (isMain) {
        state->kind = FileKind::MainDb;
        std::lock_guard lock(g_keysMutex);
        auto it = g_keys.find(zName);
        if (it == g_keys.end()) {
            delete state;
            return SQLITE_CANTOPEN;
        }
        try {
            state->key = it->second.clone();
        } catch (...) {
            delete state;
            return SQLITE_NOMEM;
        }
    } else {
        state->kind = FileKind::Wal;
        sqlite3_file* owner = sqlite3_database_file_object(zName);
        if (owner == nullptr || owner->pMethods != &g_methods || shim(owner)->state == nullptr ||
            shim(owner)->state->kind != FileKind::MainDb) {
            delete state;
            return SQLITE_CANTOPEN;
        }
        try {
            state->key = shim(owner)->state->key.clone();
            state->pending.assign(static_cast<std::size_t>(kWalFrameBytes), 0);
        } catch (...) {
            delete state;
            return SQLITE_NOMEM;
        }
    }
    try {
        state->diskBuf.assign(static_cast<std::size_t>(kWalFrameBytes), 0);
        state->plainBuf.assign(static_cast<std::size_t>(kWalFrameBytes), 0);
    } catch (...) {
        delete state;
        return SQLITE_NOMEM;
    }

    const int rc = g_root->xOpen(g_root, zName, f->lower, flags, outFlags);
    if (rc != SQLITE_OK) {
        if (f->lower->pMethods != nullptr)
            f->lower->pMethods->xClose(f->lower);
        delete state;
        return rc;
    }
    f->state = state;
    f->base.pMethods = &g_methods;
    return SQLITE_OK;
}

int shimDelete(sqlite3_vfs*, const char* zName, int syncDir)
{
    // SQLite deletes only WAL files through this VFS, once they are checkpointed. Their blocks
    // are overwritten before they are freed, like a truncation: header zeroed and synced first
    // (see wipeWal), then the frames. Normally the file is already empty after the checkpoint.
    const int fd = ::open(zName, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd >= 0) {
        const off_t size = ::lseek(fd, 0, SEEK_END);
        std::vector<std::uint8_t> noise(64 * 1024);
        const auto header = static_cast<std::size_t>(std::clamp<off_t>(size, 0, kWalHeaderUnitDiskBytes));
        bool ok = header == 0 || (::pwrite(fd, noise.data(), header, 0) == static_cast<ssize_t>(header) &&
                                  ::fdatasync(fd) == 0);
        for (off_t off = static_cast<off_t>(header); ok && off < size;) {
            const auto n =
                static_cast<std::size_t>(std::min<off_t>(static_cast<off_t>(noise.size()), size - off));
            randomFill(MutableByteView(noise.data(), n));
            const ssize_t w = ::pwrite(fd, noise.data(), n, off);
            ok = w > 0;
            off += w;
        }
        (void)::fdatasync(fd);
        ::close(fd);
    }
    return g_root->xDelete(g_root, zName, syncDir);
}

int shimAccess(sqlite3_vfs*, const char* zName, int flags, int* out)
{
    return g_root->xAccess(g_root, zName, flags, out);
}

int shimFullPathname(sqlite3_vfs*, const char* zName, int n, char* out)
{
    return g_root->xFullPathname(g_root, zName, n, out);
}

void* shimDlOpen(sqlite3_vfs*, const char*)
{
    return nullptr; // extensions are never loaded into a vault connection
}

void shimDlError(sqlite3_vfs*, int n, char* out)
{
    sqlite3_snprintf(n, out, "extension loading is disabled");
}

void (*shimDlSym(sqlite3_vfs*, void*, const char*))(void)
{
    return nullptr;
}

void shimDlClose(sqlite3_vfs*, void*) {}

int shimRandomness(sqlite3_vfs*, int n, char* out)
{
    return g_root->xRandomness(g_root, n, out);
}

int shimSleep(sqlite3_vfs*, int micros)
{
    return g_root->xSleep(g_root, micros);
}

int shimCurrentTime(sqlite3_vfs*, double* out)
{
    return g_root->xCurrentTime(g_root, out);
}

int shimGetLastError(sqlite3_vfs*, int n, char* out)
{
    return g_root->xGetLastError != nullptr ? g_root->xGetLastError(g_root, n, out) : 0;
}

int shimCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* out)
{
    return g_root->xCurrentTimeInt64(g_root, out);
}

void registerOnce()
{
    g_root = sqlite3_vfs_find(nullptr);
    if (g_root == nullptr || g_root->iVersion < 2) {
        g_registerRc = SQLITE_ERROR;
        return;
    }
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = shimHeaderBytes() + g_root->szOsFile;
    g_vfs.mxPathname = g_root->mxPathname;
    g_vfs.zName = kVfsName;
    g_vfs.xOpen = shimOpen;
    g_vfs.xDelete = shimDelete;
    g_vfs.xAccess = shimAccess;
    g_vfs.xFullPathname = shimFullPathname;
    g_vfs.xDlOpen = shimDlOpen;
    g_vfs.xDlError = shimDlError;
    g_vfs.xDlSym = shimDlSym;
    g_vfs.xDlClose = shimDlClose;
    g_vfs.xRandomness = shimRandomness;
    g_vfs.xSleep = shimSleep;
    g_vfs.xCurrentTime = shimCurrentTime;
    g_vfs.xGetLastError = shimGetLastError;
    g_vfs.xCurrentTimeInt64 = shimCurrentTimeInt64;
    g_registerRc = sqlite3_vfs_register(&g_vfs, 0);
}

} // namespace

Status registerEncryptingVfs()
{
    std::call_once(g_registerOnce, registerOnce);
    if (g_registerRc != SQLITE_OK)
        return fail(ErrorCode::Internal, "the encrypting storage layer could not be registered with SQLite");
    return {};
}

Result<StoreScan> scanStoreFile(const std::filesystem::path& path, const SecretBuffer& pageKey)
{
    if (pageKey.size() != kAeadKeyBytes)
        return fail(ErrorCode::InvalidArgument, "the page key must be 32 bytes");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                    "cannot open the store file " + path.string() + ": " + std::strerror(errno));
    struct FdCloser
    {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};

    std::vector<std::uint8_t> disk(kPageSize);
    std::vector<std::uint8_t> plain(kPageSize);
    auto readPage = [&](std::uint64_t pageNo) -> Result<bool> {
        std::size_t got = 0;
        const auto offset = static_cast<off_t>((pageNo - 1) * kPageSize);
        while (got < disk.size()) {
            if (detail::faultCheck(FaultOp::Read) != 0)
                return fail(ErrorCode::Io, "cannot read the store file " + path.string());
            const ssize_t n =
                ::pread(fd, disk.data() + got, disk.size() - got, offset + static_cast<off_t>(got));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return fail(ErrorCode::Io,
                            "cannot read the store file " + path.string() + ": " + std::strerror(errno));
            if (n == 0)
                return false;
            got += static_cast<std::size_t>(n);
        }
        return true;
    };

    auto first = readPage(1);
    if (!first)
        return std::unexpected(first.error());
    if (!*first || !decryptPage(pageKey, 1, disk.data(), plain.data()))
        return fail(ErrorCode::StoreDamaged, "the store is damaged: page 1 failed authentication");
    const off_t fileSize = ::lseek(fd, 0, SEEK_END);
    const std::uint64_t filePages =
        fileSize < 0 ? 0 : (static_cast<std::uint64_t>(fileSize) + kPageSize - 1) / kPageSize;
    std::uint64_t pageCount = getBe32(plain.data() + 28);
    if (pageCount == 0 || std::memcmp(plain.data() + 24, plain.data() + 92, 4) != 0)
        pageCount = filePages;

    StoreScan scan;
    scan.pages = 1;
    auto noteDamaged = [&](std::uint64_t pageNo) {
        ++scan.damagedPages;
        if (scan.firstDamaged == 0)
            scan.firstDamaged = pageNo;
    };
    const std::uint64_t lockBytePage = kLockBytePageOffset / kPageSize + 1;
    const std::uint64_t present = std::min(pageCount, filePages);
    for (std::uint64_t pageNo = 2; pageNo <= present; ++pageNo) {
        if (pageNo == lockBytePage)
            continue;
        auto r = readPage(pageNo);
        if (!r)
            return std::unexpected(r.error());
        ++scan.pages;
        if (!*r || !decryptPage(pageKey, static_cast<std::uint32_t>(pageNo), disk.data(), plain.data()))
            noteDamaged(pageNo);
    }
    // Pages the header counts but the file lacks (a truncated store) are damaged too.
    if (pageCount > present) {
        const bool lockPageMissing = lockBytePage > present && lockBytePage <= pageCount;
        const std::uint64_t missing = pageCount - present - (lockPageMissing ? 1 : 0);
        if (missing > 0) {
            scan.pages += missing;
            scan.damagedPages += missing;
            if (scan.firstDamaged == 0)
                scan.firstDamaged = present + 1 == lockBytePage ? present + 2 : present + 1;
        }
    }
    wipeMemory(plain);
    return scan;
}

Status padStoreFile(const std::filesystem::path& path, std::uint64_t targetBytes)
{
    if (targetBytes % kPageSize != 0)
        return fail(ErrorCode::InvalidArgument, "padStoreFile: the size must be a multiple of the page size");
    const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0)
        return fail(errno == ENOSPC ? ErrorCode::DiskFull : ErrorCode::Io,
                    "cannot open the store file " + path.string() + ": " + std::strerror(errno));
    struct FdCloser
    {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    auto writeAt = [&](const std::uint8_t* data, std::size_t n, std::uint64_t offset) -> Status {
        std::size_t done = 0;
        while (done < n) {
            if (const int err = detail::faultCheck(FaultOp::Write))
                return fail(err == ENOSPC ? ErrorCode::DiskFull : ErrorCode::Io,
                            "cannot pad the store file " + path.string());
            const ssize_t w = ::pwrite(fd, data + done, n - done, static_cast<off_t>(offset + done));
            if (w < 0 && errno == EINTR)
                continue;
            if (w < 0)
                return fail(errno == ENOSPC ? ErrorCode::DiskFull : ErrorCode::Io,
                            "cannot pad the store file " + path.string() + ": " + std::strerror(errno));
            done += static_cast<std::size_t>(w);
        }
        return {};
    };
    const off_t end = ::lseek(fd, 0, SEEK_END);
    if (end < 0)
        return fail(ErrorCode::Io, "cannot read the size of " + path.string());
    const auto size = static_cast<std::uint64_t>(end);
    std::vector<std::uint8_t> page(kPageSize);
    bool wrote = false;
    // A partial last page (never written by SQLite) is completed first, then whole pages follow.
    for (std::uint64_t offset = size / kPageSize * kPageSize; offset < targetBytes; offset += kPageSize) {
        randomFill(page);
        if (auto st = writeAt(page.data(), page.size(), offset); !st)
            return st;
        wrote = true;
    }
    // SQLite never writes its lock-byte page: in a store past 1 GiB it would be a hole of zeros
    // in a file of random-looking bytes. Fill it once.
    if (std::max(size, targetBytes) > static_cast<std::uint64_t>(kLockBytePageOffset) + kPageSize) {
        std::size_t got = 0;
        while (got < page.size()) {
            const ssize_t n = ::pread(fd, page.data() + got, page.size() - got,
                                      static_cast<off_t>(kLockBytePageOffset + static_cast<off_t>(got)));
            if (n <= 0)
                break;
            got += static_cast<std::size_t>(n);
        }
        if (got == page.size() && allZero(page.data(), page.size())) {
            randomFill(page);
            if (auto st = writeAt(page.data(), page.size(), kLockBytePageOffset); !st)
                return st;
            wrote = true;
        }
    }
    if (wrote && ::fdatasync(fd) != 0)
        return fail(errno == ENOSPC ? ErrorCode::DiskFull : ErrorCode::Io,
                    "cannot sync the store file " + path.string() + ": " + std::strerror(errno));
    return {};
}

namespace detail {

PageKeyGrant::PageKeyGrant(PageKeyGrant&& other) noexcept : m_name(std::move(other.m_name))
{
    other.m_name.clear();
}

PageKeyGrant& PageKeyGrant::operator=(PageKeyGrant&& other) noexcept
{
    if (this != &other) {
        release();
        m_name = std::move(other.m_name);
        other.m_name.clear();
    }
    return *this;
}

PageKeyGrant::~PageKeyGrant()
{
    release();
}

void PageKeyGrant::release() noexcept
{
    if (m_name.empty())
        return;
    std::lock_guard lock(g_keysMutex);
    g_keys.erase(m_name);
    m_name.clear();
}

Result<PageKeyGrant> grantPageKey(const std::filesystem::path& path, const SecretBuffer& key)
{
    if (key.size() != kAeadKeyBytes)
        return fail(ErrorCode::InvalidArgument, "the page key must be 32 bytes");
    if (auto st = registerEncryptingVfs(); !st)
        return std::unexpected(st.error());
    std::vector<char> full(static_cast<std::size_t>(g_root->mxPathname) + 1);
    if (g_root->xFullPathname(g_root, path.c_str(), static_cast<int>(full.size()), full.data()) != SQLITE_OK)
        return fail(ErrorCode::Io, "cannot resolve the path " + path.string());
    std::string name(full.data());
    std::lock_guard lock(g_keysMutex);
    if (g_keys.contains(name))
        return fail(ErrorCode::Busy, "this vault is open elsewhere");
    g_keys.emplace(name, key.clone());
    return PageKeyGrant(std::move(name));
}

DamageReport takeDamageReport() noexcept
{
    DamageReport r = g_damage;
    g_damage = {};
    return r;
}

VfsStats vfsStats() noexcept
{
    return {g_walMerges.load(), g_walIncompleteFlushes.load()};
}

void sealPageWithNonce(const SecretBuffer& key, std::uint32_t pageNo, ByteView plain, ByteView nonce,
                       MutableByteView disk)
{
    if (plain.size() != kPageSize || disk.size() != kPageSize || nonce.size() != kAeadNonceBytes)
        return;
    const auto ad = pageAd(pageNo);
    sealUnit(key, ad, plain.data(), kUsableBytes, disk.data(), nonce);
}

bool openPage(const SecretBuffer& key, std::uint32_t pageNo, ByteView disk, MutableByteView plain)
{
    if (plain.size() != kPageSize || disk.size() != kPageSize)
        return false;
    return decryptPage(key, pageNo, disk.data(), plain.data());
}

void sealWalUnitWithNonce(const SecretBuffer& key, std::uint64_t unit, ByteView plain, ByteView nonce,
                          MutableByteView disk)
{
    const auto n = static_cast<std::size_t>(unit == 0 ? kWalHeaderBytes : kWalFrameBytes - kWalShift);
    if (plain.size() < n || disk.size() != n + kWalShift || nonce.size() != kAeadNonceBytes)
        return;
    if (unit == 0) {
        sealUnit(key, kWalHeaderAd, plain.data(), n, disk.data(), nonce);
    } else {
        const auto ad = frameAd(unit);
        sealUnit(key, ad, plain.data(), n, disk.data(), nonce);
    }
}

} // namespace detail
} // namespace fv
