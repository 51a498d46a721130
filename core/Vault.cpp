#include "core/Vault.h"

#include "core/Chaff.h"
#include "core/KeySlots.h"
#include "core/Schema.h"
#include "crypto/Crypto.h"
#include "crypto/Random.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"
#include "storage/FaultInjection.h"
#include "storage/Migrations.h"
#include "storage/Vfs.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <optional>
#include <pwd.h>
#include <set>
#include <string_view>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace fv {

namespace fs = std::filesystem;

namespace {

// Names inside the vault directory. Deliberately meaningless: see docs/vault-format.md.
constexpr const char* kSlotFileName = "0";
constexpr const char* kSlotTempName = "0~";
constexpr std::array<const char*, 2> kStoreNames = {"1", "2"};
constexpr std::array<const char*, 2> kBlobDirNames = {"1.d", "2.d"};
// Every name a vault directory may contain (SQLite adds "-wal" while a store is open).
constexpr std::array<std::string_view, 12> kKnownNames = {
    "0", "0~", "1", "2", "1.d", "2.d", "1-wal", "2-wal", "1-shm", "2-shm", "1-journal", "2-journal"};

// Subkey purposes derived from a store's master key (crypto_kdf context, id).
constexpr std::string_view kPagesContext = "fvpages_";
constexpr std::uint64_t kPagesId = 1;

constexpr std::string_view kMetaRole = "role";
constexpr std::string_view kMetaIdentity = "vault_id";

Error ioError(int err, const std::string& what)
{
    if (err == ENOSPC || err == EDQUOT)
        return Error{ErrorCode::DiskFull,
                     "The disk is full: " + what + " failed. Free some space and try again."};
    return Error{ErrorCode::Io, what + " failed: " + std::strerror(err)};
}

Error lockedError()
{
    return Error{ErrorCode::InvalidArgument, "The vault is locked. Unlock it again to continue."};
}

Error noVaultError(const fs::path& dir)
{
    return Error{ErrorCode::NotFound, "There is no vault at " + dir.string() + "."};
}

Error wrongPassphraseError()
{
    return Error{
        ErrorCode::WrongPassphrase,
        "The passphrase is not correct. Check the keyboard layout and Caps Lock and try again. If you "
        "have forgotten it, open the vault with your printed recovery key."};
}

Error wrongRecoveryKeyError()
{
    return Error{ErrorCode::WrongPassphrase,
                 "This recovery key does not open this vault. Check that the sheet belongs to this vault."};
}

std::string roleName(VaultRole role)
{
    return role == VaultRole::Hq ? "hq" : "field";
}

// An exclusive advisory lock on the vault directory, held while a Vault is unlocked. The
// directory exists anyway and survives the atomic replacement of the files inside it.
class DirLock
{
public:
    static Result<DirLock> acquire(const fs::path& dir)
    {
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            if (errno == ENOENT || errno == ENOTDIR)
                return std::unexpected(noVaultError(dir));
            return std::unexpected(ioError(errno, "Opening the vault folder " + dir.string()));
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int err = errno;
            ::close(fd);
            if (err == EWOULDBLOCK)
                return fail(ErrorCode::Busy,
                            "This vault is open elsewhere (in another window or program). Close "
                            "it there, then try again.");
            return std::unexpected(ioError(err, "Locking the vault folder"));
        }
        return DirLock(fd);
    }
    DirLock(DirLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
    DirLock& operator=(DirLock&& other) noexcept
    {
        if (this != &other) {
            release();
            m_fd = std::exchange(other.m_fd, -1);
        }
        return *this;
    }
    DirLock(const DirLock&) = delete;
    DirLock& operator=(const DirLock&) = delete;
    ~DirLock() { release(); }
    void release() noexcept
    {
        if (m_fd >= 0)
            ::close(m_fd); // closing the only descriptor drops the flock
        m_fd = -1;
    }

private:
    explicit DirLock(int fd) noexcept : m_fd(fd) {}
    int m_fd = -1;
};

Status fsyncDirectory(const fs::path& dir)
{
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return std::unexpected(ioError(errno, "Opening the folder " + dir.string()));
    const int rc = ::fsync(fd);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return std::unexpected(ioError(err, "Syncing the folder " + dir.string()));
    return {};
}

Status writeAll(int fd, ByteView data, const std::string& what)
{
    std::size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return std::unexpected(ioError(errno, what));
        }
        done += static_cast<std::size_t>(n);
    }
    return {};
}

// The storage fault-injection layer (storage/FaultInjection.h) covers the key file too, so
// tests can fail its write, sync or rename. Returns the errno to fail with, or 0.
int injectedFault(FaultOp op, bool* shortWrite = nullptr) noexcept
{
    return detail::faultCheck(op, shortWrite);
}

// Replaces dir/kSlotFileName atomically: temporary file, fsync, rename, directory fsync. On
// failure before the rename the previous file is intact and the temporary file is gone.
Status writeSlotFile(const fs::path& dir, ByteView bytes)
{
    const fs::path temp = dir / kSlotTempName;
    const fs::path final = dir / kSlotFileName;
    const std::string what = "Saving the vault's key file";
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return std::unexpected(ioError(errno, what));
    Status st;
    bool shortWrite = false;
    if (const int injected = injectedFault(FaultOp::Write, &shortWrite); injected != 0) {
        if (shortWrite)
            (void)writeAll(fd, bytes.first(bytes.size() / 2), what);
        st = std::unexpected(ioError(injected, what));
    } else {
        st = writeAll(fd, bytes, what);
    }
    if (st) {
        const int injected = injectedFault(FaultOp::Sync);
        if (injected != 0 || ::fsync(fd) != 0)
            st = std::unexpected(ioError(injected != 0 ? injected : errno, what));
    }
    if (::close(fd) != 0 && st)
        st = std::unexpected(ioError(errno, what));
    if (st) {
        const int injected = injectedFault(FaultOp::Rename);
        if (injected != 0 || ::rename(temp.c_str(), final.c_str()) != 0)
            st = std::unexpected(ioError(injected != 0 ? injected : errno, what));
    }
    if (!st) {
        ::unlink(temp.c_str());
        return st;
    }
    // The new file is in place; if the directory sync fails it may not survive a power cut.
    return fsyncDirectory(dir);
}

Result<KeySlotFile> readSlotFile(const fs::path& dir)
{
    const fs::path path = dir / kSlotFileName;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        if (errno == ENOENT)
            return std::unexpected(noVaultError(dir));
        return std::unexpected(ioError(errno, "Reading the vault's key file"));
    }
    // One byte more than expected, so a longer (damaged) file is noticed.
    std::array<std::uint8_t, kKeySlotFileBytes + 1> buffer{};
    std::size_t got = 0;
    while (got < buffer.size()) {
        const ssize_t n = ::read(fd, buffer.data() + got, buffer.size() - got);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int err = errno;
            ::close(fd);
            return std::unexpected(ioError(err, "Reading the vault's key file"));
        }
        if (n == 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    ::close(fd);
    return KeySlotFile::parse(ByteView(buffer.data(), got));
}

SecretBuffer pageKeyFor(const SecretBuffer& masterKey)
{
    return deriveSubkey(masterKey, kPagesContext, kPagesId, 32);
}

// Sets the access and modification times of every file of the vault to one value, so the file
// times do not tell which store was used last (see docs/threat-model.md). Best effort.
void equaliseTimes(const fs::path& dir) noexcept
{
    struct timespec times[2];
    times[0].tv_sec = std::time(nullptr);
    times[0].tv_nsec = 0;
    times[1] = times[0];
    std::error_code ec;
    for (const char* blobDir : kBlobDirNames) {
        for (fs::directory_iterator it(dir / blobDir, ec), end; !ec && it != end; it.increment(ec))
            ::utimensat(AT_FDCWD, it->path().c_str(), times, AT_SYMLINK_NOFOLLOW);
    }
    for (const std::string_view name : kKnownNames) {
        const fs::path p = dir / fs::path(std::string(name));
        ::utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW);
    }
    ::utimensat(AT_FDCWD, dir.c_str(), times, AT_SYMLINK_NOFOLLOW);
}

// True when every entry of `dir` is a name a vault uses.
bool onlyVaultNames(const fs::path& dir)
{
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (std::find(kKnownNames.begin(), kKnownNames.end(), name) == kKnownNames.end())
            return false;
    }
    return !ec;
}

Status writeMeta(Database& db, std::string_view key, ByteView value)
{
    auto stmt = db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, key).bind(2, value);
    return stmt->run();
}

Result<VaultRole> readRole(Database& db)
{
    auto stmt = db.prepare("SELECT value FROM meta WHERE key = ?1");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, kMetaRole);
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::StoreDamaged, "The vault's settings are missing from its store.");
    const Bytes value = stmt->columnBlob(0);
    const std::string text(value.begin(), value.end());
    if (text == "field")
        return VaultRole::Field;
    if (text == "hq")
        return VaultRole::Hq;
    return fail(ErrorCode::Unsupported, "The vault's role is unknown to this version of Fieldvault.");
}

// The blob key the domain layer keeps with each attachment row, the field's own or one received
// at HQ (core/Schema.cpp). NotFound when the row or the column is absent, so the blob is reported
// as not checked.
Result<SecretBuffer> attachmentBlobKey(Database& db, const std::string& blobName)
{
    auto stmt = db.prepare("SELECT blob_key FROM attachments WHERE blob_name = ?1 UNION ALL "
                           "SELECT blob_key FROM received_attachments WHERE blob_name = ?1 LIMIT 1");
    if (!stmt)
        return fail(ErrorCode::NotFound, "no blob keys in this store");
    stmt->bind(1, blobName);
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row || stmt->isNull(0))
        return fail(ErrorCode::NotFound, "no key for this blob");
    Bytes key = stmt->columnBlob(0);
    SecretBuffer secret = SecretBuffer::copyOf(key);
    wipeMemory(key);
    return secret;
}

// Builds one of the two stores: empty schema, role and identity, closed.
Status initStore(const fs::path& dir, std::size_t index, const SecretBuffer& masterKey, VaultRole role)
{
    const SecretBuffer pageKey = pageKeyFor(masterKey);
    OpenOptions options;
    options.create = true;
    auto db = Database::open(dir / kStoreNames[index], pageKey, options);
    if (!db)
        return std::unexpected(db.error());
    if (auto st = migrate(*db, vaultMigrations()); !st)
        return st;
    const std::string roleText = roleName(role);
    if (auto st = writeMeta(*db, kMetaRole, asBytes(roleText)); !st)
        return st;
    const Bytes identity = randomBytes(16);
    if (auto st = writeMeta(*db, kMetaIdentity, identity); !st)
        return st;
    if (auto st = db->close(); !st)
        return st;
    auto blobs = BlobStore::open(dir / kBlobDirNames[index]);
    if (!blobs)
        return std::unexpected(blobs.error());
    return {};
}

// "/a/vault/" and "/a/vault" name the same vault; keep the form without the trailing slash.
fs::path withoutTrailingSlash(const fs::path& dir)
{
    fs::path p = dir;
    while (!p.has_filename() && p.has_relative_path())
        p = p.parent_path();
    return p;
}

Error vaultExistsError(const fs::path& dir)
{
    return Error{ErrorCode::InvalidArgument,
                 "A vault already exists at " + dir.string() + ". Choose another folder."};
}

// Makes sure `dir` exists as a directory (mode 0700); true in `created` when this call made it.
Status ensureDirectory(const fs::path& dir, bool& created)
{
    created = false;
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(dir, ec);
    if (fs::exists(st)) {
        if (!fs::is_directory(st))
            return fail(ErrorCode::InvalidArgument,
                        dir.string() +
                            " is a file, not a folder. Choose a new or empty folder for the vault.");
        if (fs::exists(dir / kSlotFileName))
            return std::unexpected(vaultExistsError(dir));
        return {};
    }
    if (dir.has_parent_path() && !dir.parent_path().empty()) {
        fs::create_directories(dir.parent_path(), ec);
        if (ec)
            return std::unexpected(ioError(ec.value(), "Creating the folder " + dir.parent_path().string()));
    }
    if (::mkdir(dir.c_str(), 0700) != 0)
        return std::unexpected(ioError(errno, "Creating the vault folder " + dir.string()));
    created = true;
    return {};
}

// With the directory locked: refuses a vault or foreign files, clears what an interrupted
// create() left (vault names but no key file, so nothing can open it).
Status clearForCreate(const fs::path& dir)
{
    if (fs::exists(dir / kSlotFileName))
        return std::unexpected(vaultExistsError(dir));
    std::error_code ec;
    if (!fs::is_empty(dir, ec)) {
        if (!onlyVaultNames(dir))
            return fail(ErrorCode::InvalidArgument, "The folder " + dir.string() +
                                                        " is not empty. Choose a new or empty folder for the "
                                                        "vault.");
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
            fs::remove_all(it->path(), ec);
        if (ec)
            return std::unexpected(ioError(ec.value(), "Clearing an interrupted vault creation"));
    }
    ::chmod(dir.c_str(), 0700);
    return {};
}

// What a lock leaves behind besides the closed store: chaff for the other store, and the
// key-slot file re-masked, so every lock changes the vault the same way whichever passphrase
// opened it (docs/threat-model.md, "The examiner's game"). Needs no key. Best effort.
void writeLockTraces(const fs::path& dir) noexcept
{
    try {
        const std::array<fs::path, 2> stores = {dir / kStoreNames[0], dir / kStoreNames[1]};
        const std::array<fs::path, 2> blobDirs = {dir / kBlobDirNames[0], dir / kBlobDirNames[1]};
        (void)writeLockChaff(stores, blobDirs);
        if (auto keyFile = readSlotFile(dir)) {
            keyFile->remask();
            (void)writeSlotFile(dir, keyFile->bytes());
        }
    } catch (...) {
        // Out of memory: the next lock writes what this one could not.
    }
}

} // namespace

struct Vault::State
{
    DirLock lock;
    SecretBuffer masterKey;
    std::uint8_t storeIndex = 0;
    std::size_t passphraseSlot = 0; ///< the slot changePassphrase() re-wraps
    VaultRole role = VaultRole::Field;
    std::optional<Database> db;
    std::optional<BlobStore> blobs;

    fs::path storePath(const fs::path& dir) const { return dir / kStoreNames[storeIndex]; }

    // Opens the store and blob directory of storeIndex; runs migrations and orphan removal.
    Status open(const fs::path& dir)
    {
        const fs::path path = storePath(dir);
        std::error_code ec;
        if (!fs::exists(path, ec))
            return fail(ErrorCode::StoreDamaged,
                        "Part of the vault is missing (a store file), so it cannot be opened. If you have a "
                        "backup copy of the vault folder, use that.");
        const SecretBuffer pageKey = pageKeyFor(masterKey);
        auto opened = Database::open(path, pageKey, {});
        if (!opened) {
            Error e = opened.error();
            if (e.code == ErrorCode::StoreDamaged)
                e.message = "This vault is damaged and cannot be opened (" + e.message +
                            "). If you have a backup copy of the vault folder, use that.";
            return std::unexpected(std::move(e));
        }
        db.emplace(std::move(*opened));
        if (auto st = migrate(*db, vaultMigrations()); !st)
            return st;
        auto r = readRole(*db);
        if (!r)
            return std::unexpected(r.error());
        role = *r;
        auto store = BlobStore::open(dir / kBlobDirNames[storeIndex]);
        if (!store)
            return std::unexpected(store.error());
        blobs.emplace(std::move(*store));
        // Each new attachment's twin is written with it, not at the lock, so that a quick exit
        // after a large recording does not wait for it (core/Chaff.h).
        blobs->setTwinDirectory(dir / kBlobDirNames[1 - storeIndex]);
        // Unreferenced committed files stay: they are chaff (core/Chaff.h). Only half-written
        // temporary files of an interrupted write go, in both folders: a lock killed while
        // writing chaff leaves one in the other store's folder too.
        if (auto removed = blobs->removeTemporaries(); !removed)
            return std::unexpected(removed.error());
        if (auto other = BlobStore::open(dir / kBlobDirNames[1 - storeIndex]))
            (void)other->removeTemporaries();
        return {};
    }

    // Closes the store and the blob folder; the key stays. Reports a failed final checkpoint.
    Status closeStore() noexcept
    {
        Status result;
        if (db) {
            result = db->close();
            db.reset();
        }
        blobs.reset();
        return result;
    }

    // Closes everything and wipes the key; reports a failed final checkpoint.
    Status close() noexcept
    {
        Status result = closeStore();
        masterKey.wipe();
        return result;
    }
};

Vault::Vault(fs::path directory, std::unique_ptr<State> state) noexcept
    : m_directory(std::move(directory)), m_state(std::move(state))
{
}

Vault::Vault(Vault&& other) noexcept = default;

Vault& Vault::operator=(Vault&& other) noexcept
{
    if (this != &other) {
        (void)lock();
        m_directory = std::move(other.m_directory);
        m_state = std::move(other.m_state);
    }
    return *this;
}

Vault::~Vault()
{
    (void)lock();
}

fs::path Vault::defaultLocation()
{
    fs::path base;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && xdg[0] == '/') {
        base = xdg;
    } else {
        const char* home = std::getenv("HOME");
        if (home == nullptr || home[0] != '/') {
            const passwd* pw = ::getpwuid(::getuid());
            home = pw != nullptr ? pw->pw_dir : "/";
        }
        base = fs::path(home) / ".local" / "share";
    }
    return base / "fieldvault" / "vault";
}

bool Vault::exists(const fs::path& directory)
{
    std::error_code ec;
    return fs::is_regular_file(directory / kSlotFileName, ec);
}

Result<CreatedVault> Vault::create(const fs::path& requested, const SecretBuffer& passphrase,
                                   const VaultCreateOptions& options)
{
    const fs::path directory = withoutTrailingSlash(requested);
    if (passphrase.empty())
        return fail(ErrorCode::InvalidArgument, "Choose a passphrase for the vault.");
    const bool withDuress = !options.duressPassphrase.empty();
    if (withDuress && options.duressPassphrase.equals(passphrase))
        return fail(ErrorCode::InvalidArgument,
                    "The duress passphrase must be different from the passphrase. Choose another one.");
    auto keyFile = KeySlotFile::generate(options.kdf);
    if (!keyFile)
        return std::unexpected(keyFile.error());

    bool createdDir = false;
    if (auto st = ensureDirectory(directory, createdDir); !st)
        return std::unexpected(st.error());
    auto lock = DirLock::acquire(directory);
    if (!lock)
        return std::unexpected(lock.error());
    if (auto st = clearForCreate(directory); !st)
        return std::unexpected(st.error());

    // From here on, any failure removes what was made: no half vault is left behind.
    auto cleanUp = [&]() {
        std::error_code ec;
        if (createdDir) {
            fs::remove_all(directory, ec);
        } else {
            for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec))
                fs::remove_all(it->path(), ec);
        }
    };

    // Two stores, built the same way; which one is real is a coin toss.
    std::array<SecretBuffer, 2> masterKeys = {SecretBuffer::random(kMasterKeyBytes),
                                              SecretBuffer::random(kMasterKeyBytes)};
    const auto realIndex = static_cast<std::uint8_t>(randomUniform(2));
    const auto decoyIndex = static_cast<std::uint8_t>(1 - realIndex);
    for (std::size_t i = 0; i < 2; ++i) {
        if (auto st = initStore(directory, i, masterKeys[i], options.role); !st) {
            cleanUp();
            return std::unexpected(st.error());
        }
    }

    // Slot positions are random too: a random permutation of 0..7, first three used.
    std::array<std::size_t, kKeySlotCount> order{};
    for (std::size_t i = 0; i < kKeySlotCount; ++i)
        order[i] = i;
    for (std::size_t i = kKeySlotCount - 1; i > 0; --i)
        std::swap(order[i], order[randomUniform(static_cast<std::uint32_t>(i + 1))]);
    const std::size_t passSlot = order[0];
    const std::size_t recoverySlot = order[1];
    const std::size_t duressSlot = order[2];

    auto passRoot = keyFile->deriveFromPassphrase(passphrase.view());
    if (!passRoot) {
        cleanUp();
        return std::unexpected(passRoot.error());
    }
    SlotContent content;
    content.kind = SlotKind::Passphrase;
    content.storeIndex = realIndex;
    content.linkedSlot = static_cast<std::uint8_t>(passSlot);
    content.masterKey = masterKeys[realIndex].clone();
    Status sealed = keyFile->seal(passSlot, *passRoot, content);

    const SecretBuffer recoveryKey = generateRecoveryKey();
    auto recoveryRoot = keyFile->deriveFromRecoveryKey(recoveryKey);
    if (sealed && !recoveryRoot)
        sealed = std::unexpected(recoveryRoot.error());
    if (sealed) {
        content.kind = SlotKind::Recovery;
        content.linkedSlot = static_cast<std::uint8_t>(passSlot);
        sealed = keyFile->seal(recoverySlot, *recoveryRoot, content);
    }
    if (sealed && withDuress) {
        auto duressRoot = keyFile->deriveFromPassphrase(options.duressPassphrase.view());
        if (!duressRoot) {
            sealed = std::unexpected(duressRoot.error());
        } else {
            // Sealed exactly like the everyday passphrase: the slot must not say "duress" to
            // the person who opens it with the duress passphrase.
            SlotContent decoy;
            decoy.kind = SlotKind::Passphrase;
            decoy.storeIndex = decoyIndex;
            decoy.linkedSlot = static_cast<std::uint8_t>(duressSlot);
            decoy.masterKey = masterKeys[decoyIndex].clone();
            sealed = keyFile->seal(duressSlot, *duressRoot, decoy);
        }
    }
    // Without a duress passphrase the decoy's key is simply forgotten: its store stays
    // unopenable, and looks exactly like a decoy whose passphrase exists.
    masterKeys[decoyIndex].wipe();
    if (sealed)
        sealed = writeSlotFile(directory, keyFile->bytes());
    if (!sealed) {
        cleanUp();
        return std::unexpected(sealed.error());
    }

    auto state = std::make_unique<State>(
        State{std::move(*lock), std::move(masterKeys[realIndex]), realIndex, passSlot, options.role, {}, {}});
    if (auto st = state->open(directory); !st) {
        (void)state->close();
        cleanUp();
        return std::unexpected(st.error());
    }
    equaliseTimes(directory);
    return CreatedVault{Vault(directory, std::move(state)), formatRecoveryKey(recoveryKey)};
}

Result<Vault> Vault::unlock(const fs::path& directory, const SecretBuffer& passphrase)
{
    return openWithSecret(directory, passphrase, false);
}

Result<Vault> Vault::unlockWithRecoveryKey(const fs::path& directory, const SecretBuffer& recoveryKeyText)
{
    return openWithSecret(directory, recoveryKeyText, true);
}

Result<Vault> Vault::openWithSecret(const fs::path& requested, const SecretBuffer& secret, bool recovery)
{
    const fs::path directory = withoutTrailingSlash(requested);
    std::optional<SecretBuffer> recoveryKey;
    if (recovery) {
        auto parsed = parseRecoveryKey(secret.view());
        if (!parsed)
            return std::unexpected(parsed.error());
        recoveryKey = std::move(*parsed);
    }
    // The lock comes before the slow KDF, so a second opener hears "busy" at once.
    auto lock = DirLock::acquire(directory);
    if (!lock)
        return std::unexpected(lock.error());
    std::error_code ec;
    fs::remove(directory / kSlotTempName, ec); // left by an interrupted key-file save
    auto keyFile = readSlotFile(directory);
    if (!keyFile)
        return std::unexpected(keyFile.error());
    auto root = recovery ? keyFile->deriveFromRecoveryKey(*recoveryKey)
                         : keyFile->deriveFromPassphrase(secret.view());
    if (!root)
        return std::unexpected(root.error());
    auto opened = keyFile->open(*root);
    if (!opened)
        return std::unexpected(recovery ? wrongRecoveryKeyError() : wrongPassphraseError());

    if (opened->content.kind == SlotKind::LegacyDuress) {
        // Written by an earlier version, this slot says "duress" to whoever opens it. Re-seal it
        // as the passphrase slot it behaves as (the same root opened it, so it still opens).
        SlotContent content;
        content.kind = SlotKind::Passphrase;
        content.storeIndex = opened->content.storeIndex;
        content.linkedSlot = static_cast<std::uint8_t>(opened->index);
        content.masterKey = opened->content.masterKey.clone();
        if (auto st = keyFile->seal(opened->index, *root, content); !st)
            return std::unexpected(st.error());
        keyFile->remask();
        if (auto st = writeSlotFile(directory, keyFile->bytes()); !st)
            return std::unexpected(st.error());
    }
    auto state = std::make_unique<State>(State{std::move(*lock),
                                               std::move(opened->content.masterKey),
                                               opened->content.storeIndex,
                                               opened->index,
                                               VaultRole::Field,
                                               {},
                                               {}});
    if (opened->content.kind == SlotKind::Recovery)
        state->passphraseSlot = opened->content.linkedSlot;
    if (auto st = state->open(directory); !st) {
        (void)state->close();
        return std::unexpected(st.error());
    }
    equaliseTimes(directory);
    return Vault(directory, std::move(state));
}

Status Vault::erase(const fs::path& requested)
{
    const fs::path directory = withoutTrailingSlash(requested);
    std::error_code ec;
    const fs::file_status st = fs::symlink_status(directory, ec);
    if (!fs::exists(st))
        return std::unexpected(noVaultError(directory));
    if (!fs::is_directory(st) || !exists(directory) || !onlyVaultNames(directory))
        return fail(ErrorCode::InvalidArgument,
                    directory.string() + " does not look like a Fieldvault vault, so nothing was erased.");

    // Crypto-shred: without the key slots no passphrase or recovery key opens either store.
    for (const char* name : {kSlotFileName, kSlotTempName}) {
        const fs::path path = directory / name;
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0) {
            if (errno == ENOENT)
                continue;
            return std::unexpected(ioError(errno, "Overwriting the vault's key file"));
        }
        struct stat info
        {
        };
        std::size_t size = kKeySlotFileBytes;
        if (::fstat(fd, &info) == 0 && info.st_size > 0)
            size = std::max<std::size_t>(size, static_cast<std::size_t>(info.st_size));
        const Bytes noise = randomBytes(size);
        Status written = writeAll(fd, noise, "Overwriting the vault's key file");
        if (written && ::fsync(fd) != 0)
            written = std::unexpected(ioError(errno, "Syncing the vault's key file"));
        ::close(fd);
        if (!written)
            return written;
    }

    fs::remove_all(directory, ec);
    if (ec)
        return std::unexpected(
            ioError(ec.value(), "Deleting the vault folder (its keys are already destroyed)"));
    if (directory.has_parent_path())
        (void)fsyncDirectory(directory.parent_path());
    return {};
}

Status Vault::changePassphrase(const SecretBuffer& newPassphrase)
{
    if (!m_state)
        return std::unexpected(lockedError());
    if (newPassphrase.empty())
        return fail(ErrorCode::InvalidArgument, "Choose a new passphrase; it cannot be empty.");
    auto keyFile = readSlotFile(m_directory);
    if (!keyFile)
        return std::unexpected(keyFile.error());
    auto root = keyFile->deriveFromPassphrase(newPassphrase.view());
    if (!root)
        return std::unexpected(root.error());
    if (auto other = keyFile->open(*root); other && other->index != m_state->passphraseSlot)
        return fail(ErrorCode::InvalidArgument,
                    "This passphrase is already in use for this vault. Choose a different one.");
    SlotContent content;
    content.kind = SlotKind::Passphrase;
    content.storeIndex = m_state->storeIndex;
    content.linkedSlot = static_cast<std::uint8_t>(m_state->passphraseSlot);
    content.masterKey = m_state->masterKey.clone();
    if (auto st = keyFile->seal(m_state->passphraseSlot, *root, content); !st)
        return st;
    // Every slot's bytes change, not just this one: a before-and-after pair of the file shows
    // no more than any lock does.
    keyFile->remask();
    return writeSlotFile(m_directory, keyFile->bytes());
}

Status Vault::lock() noexcept
{
    if (!m_state)
        return {};
    Status result = m_state->closeStore();
    writeLockTraces(m_directory);
    m_state->masterKey.wipe();
    equaliseTimes(m_directory);
    m_state.reset(); // releases the directory lock last
    return result;
}

Result<Database*> Vault::database()
{
    if (!m_state || !m_state->db)
        return std::unexpected(lockedError());
    return &*m_state->db;
}

Result<BlobStore*> Vault::blobs()
{
    if (!m_state || !m_state->blobs)
        return std::unexpected(lockedError());
    return &*m_state->blobs;
}

Result<VaultRole> Vault::role() const
{
    if (!m_state)
        return std::unexpected(lockedError());
    return m_state->role;
}

Result<VaultVerifyReport> Vault::verify(const BlobKeyLookup& blobKey)
{
    if (!m_state || !m_state->db)
        return std::unexpected(lockedError());
    State& s = *m_state;
    VaultVerifyReport report;

    // 1. Authenticate every page of the closed, checkpointed file, without SQLite.
    const Status closed = s.db->close();
    s.db.reset();
    const SecretBuffer pageKey = pageKeyFor(s.masterKey);
    auto scan = scanStoreFile(s.storePath(m_directory), pageKey);
    if (scan) {
        report.pagesChecked = scan->pages;
        report.damagedPages = scan->damagedPages;
        report.firstDamagedPage = scan->firstDamaged;
    } else if (scan.error().code == ErrorCode::StoreDamaged) {
        report.damagedPages = 1;
        report.firstDamagedPage = 1;
    } else {
        (void)lock();
        return std::unexpected(scan.error());
    }

    // 2. Reopen and let SQLite check the structure.
    auto reopened = Database::open(s.storePath(m_directory), pageKey, {});
    if (!reopened) {
        report.integrityCheck = "the store could not be opened: " + reopened.error().message;
        (void)lock();
        return report;
    }
    s.db.emplace(std::move(*reopened));
    if (!closed)
        report.integrityCheck = "closing the store failed: " + closed.error().message;
    auto stmt = s.db->prepare("PRAGMA integrity_check");
    if (!stmt)
        return std::unexpected(stmt.error());
    std::string integrity;
    if (auto st = stmt->forEachRow([&](const Statement& row) {
            if (!integrity.empty())
                integrity += "; ";
            integrity += row.columnText(0);
        });
        !st)
        integrity = st.error().message;
    if (report.integrityCheck.empty())
        report.integrityCheck = integrity;

    // 3. Blobs: each referenced one present (and authentic when its key is known), no orphans.
    auto referenced = referencedBlobNames(*s.db);
    if (!referenced)
        return std::unexpected(referenced.error());
    auto present = s.blobs->list();
    if (!present)
        return std::unexpected(present.error());
    report.blobsReferenced = referenced->size();
    for (const std::string& name : *referenced) {
        if (!present->contains(name)) {
            ++report.blobsMissing;
            report.missingBlobs.push_back(name);
            continue;
        }
        auto key = blobKey ? blobKey(*s.db, name) : attachmentBlobKey(*s.db, name);
        if (!key) {
            if (key.error().code != ErrorCode::NotFound)
                return std::unexpected(key.error());
            ++report.blobsNotChecked;
            continue;
        }
        auto digest = s.blobs->verify(name, *key);
        if (digest) {
            ++report.blobsChecked;
        } else if (digest.error().code == ErrorCode::StoreDamaged ||
                   digest.error().code == ErrorCode::AuthenticationFailed) {
            ++report.blobsDamaged;
            report.damagedBlobs.push_back(name);
        } else if (digest.error().code == ErrorCode::NotFound) {
            ++report.blobsMissing;
            report.missingBlobs.push_back(name);
        } else {
            return std::unexpected(digest.error());
        }
    }
    for (const std::string& name : *present) {
        if (!referenced->contains(name))
            ++report.orphans;
    }
    return report;
}

} // namespace fv
