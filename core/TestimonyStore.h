#pragma once
// Testimonies in the vault store: add, edit (a new immutable version each time), read any
// version, list, history, status, attachments, and verification of the hash chains.
//
// Every operation that saves runs in one transaction and returns only after it has committed
// durably; on any error nothing of it is kept. Ids are 26 random characters (128 random
// bits, Crockford base-32 in lower case), never sequential.
//
// Hash chains (docs/json-format.md, "Versions and custody"): each version stores its
// canonical content (canonicalContentJson) and
//   hash = SHA-256("fieldvault-version-v1" 0x00 || prev_hash || u64be(len content) || content
//                  || testimony id 0x00 || number 0x00 || created)
// with prev_hash the previous version's hash (32 zero bytes for version 1). Custody events are
// chained the same way per testimony ("fieldvault-custody-v1").

#include "core/Testimony.h"
#include "crypto/Result.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <functional>
#include <memory>
#include <optional>

class QIODevice;
class QJsonObject;

namespace fv {

/// One row of list().
struct TestimonySummary
{
    QString id{};
    QString title{};
    TestimonyStatus status = TestimonyStatus::Draft;
    QString interviewDate{};
    int version = 0; ///< the current version's number
    QDateTime created{};
    QDateTime updated{};
};

/// One stored version, without its content (version() returns the content).
struct VersionInfo
{
    int number = 0;
    QDateTime created{};
    QString contentSha256{}; ///< lower-case hex
    QString prevHash{};      ///< lower-case hex
    QString hash{};          ///< lower-case hex
};

/// One entry of the custody log.
struct CustodyEvent
{
    int number = 0; ///< 1, 2, 3, … per testimony
    QDateTime at{};
    QString kind{};   ///< created, edited, attached, status, exported, received, purged
    int version = 0;  ///< the version it concerns, 0 when none
    QString detail{}; ///< a compact JSON object, e.g. {"attachment":"…","sha256":"…"}
    QString hash{};   ///< lower-case hex
};

struct History
{
    QList<VersionInfo> versions{}; ///< oldest first
    QList<CustodyEvent> events{};  ///< oldest first
};

struct AttachOptions
{
    QString fileName{};  ///< the original name (SENSITIVE); attachFile() uses the file's name
    QString mediaType{}; ///< guessed from the name and the first bytes when empty
    std::optional<AttachmentKind> kind{}; ///< from the media type when unset
    std::optional<QDateTime> captured{};
    QString note{};
};

/// The chain hash (lower-case hex) of version `number` of testimony `id` with canonical
/// `content`, created at `created` (ISO 8601 UTC with milliseconds, as stored), following the
/// version whose hash is `prevHashHex` (64 zero digits for version 1); empty when
/// `prevHashHex` is not 64 hex digits. HQ uses it to check an entry it received.
QString versionChainHash(const QString& prevHashHex, const QByteArray& content, const QString& id, int number,
                         const QString& created);

class TestimonyStore;

/// An attachment written by push, as its data arrives (an interview being recorded): write()
/// any number of times, then commit(). Plaintext only passes through memory (one 64 KiB chunk
/// at a time) on its way into an encrypted blob. Until commit() nothing names the blob; a
/// writer destroyed or abandoned uncommitted deletes its temporary file, and one lost to a crash
/// is deleted when the vault is next opened (BlobStore::removeTemporaries()). Not thread-safe; the
/// store it came from must outlive it.
class AttachmentWriter
{
public:
    AttachmentWriter(AttachmentWriter&&) noexcept;
    AttachmentWriter& operator=(AttachmentWriter&&) noexcept;
    ~AttachmentWriter(); ///< abandon() unless committed

    /// Appends plaintext. After an error (Io, DiskFull) the attachment cannot be committed any
    /// more; abandon it. InvalidArgument once committed or abandoned.
    [[nodiscard]] Status write(ByteView data);

    /// Plaintext bytes written so far.
    std::uint64_t size() const noexcept;

    /// Makes the blob durable, then records the attachment and a custody "attached" event in one
    /// transaction, and returns its metadata. An empty media type is guessed from the name and
    /// the first bytes written. On any error nothing is kept (the blob is deleted) and the writer
    /// is finished either way.
    [[nodiscard]] Result<AttachmentInfo> commit();

    /// Deletes the unfinished blob; nothing is recorded. Does nothing once finished.
    void abandon() noexcept;

    /// True until commit() or abandon() (or the destructor) finished it.
    bool isOpen() const noexcept { return m_impl != nullptr; }

private:
    friend class TestimonyStore;
    struct Impl;
    explicit AttachmentWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

class TestimonyStore
{
public:
    /// A store over an open, migrated vault database and its blob store; both must outlive it.
    TestimonyStore(Database& db, BlobStore& blobs);

    /// Replaces the clock used for timestamps (tests). The default is the system clock, UTC.
    void setClock(std::function<QDateTime()> clock);

    /// Saves a new testimony as version 1 and logs "created"; returns its new id. The content
    /// is validated as parseTestimonyJson() would (InvalidInput naming the field). Record
    /// fields are ignored, except a status of draft or complete.
    [[nodiscard]] Result<QString> add(const Testimony& testimony);

    /// Saves `testimony`'s content as the next version of `id` and logs "edited"; returns the
    /// version number. Content equal to the current version saves nothing and returns the
    /// current number. Record fields (status included) are ignored. NotFound for an unknown id.
    [[nodiscard]] Result<int> edit(const QString& id, const Testimony& testimony);

    /// The current version with its record fields (id, status, version, created, updated,
    /// attachments) filled in. NotFound for an unknown id.
    [[nodiscard]] Result<Testimony> current(const QString& id);

    /// Version `number` (1 = the first) with its record fields; `updated` is when that version
    /// was saved. NotFound when there is no such version.
    [[nodiscard]] Result<Testimony> version(const QString& id, int number);

    /// Testimonies, most recently updated first.
    [[nodiscard]] Result<QList<TestimonySummary>> list(int limit = -1, int offset = 0);

    /// How many testimonies the store holds.
    [[nodiscard]] Result<qsizetype> count();

    /// Every version and custody event of `id`. NotFound for an unknown id.
    [[nodiscard]] Result<History> history(const QString& id);

    /// The canonical content bytes of version `number`, exactly as stored and hashed (for
    /// bundles, so HQ can recompute the chain). NotFound when there is no such version.
    [[nodiscard]] Result<QByteArray> versionContent(const QString& id, int number);

    /// Appends a custody event of `kind` ("exported", "received" or "purged"; the store logs
    /// the other kinds itself) with a JSON `detail`, in its own transaction. InvalidArgument for
    /// another kind.
    [[nodiscard]] Status recordCustody(const QString& id, const QString& kind, const QJsonObject& detail);
    /// Runs `work` inside one durable transaction, then appends the same custody event to every
    /// testimony `work` returns, in that transaction: what `work` wrote and every event are
    /// stored, or nothing (an error from `work` or an unknown id rolls everything back). Kinds
    /// as recordCustody(); NotFound for an unknown id.
    [[nodiscard]] Status recordCustodyForAll(const std::function<Result<QList<QString>>()>& work,
                                             const QString& kind, const QJsonObject& detail);

    /// Changes the status (no new version) and logs "status" with the old and new values.
    /// Setting the status it already has does nothing.
    [[nodiscard]] Status setStatus(const QString& id, TestimonyStatus status);

    /// Starts a new attachment of `id` in an encrypted blob with its own random key, to be
    /// filled by AttachmentWriter::write() and recorded by its commit(). NotFound for an unknown
    /// id.
    [[nodiscard]] Result<AttachmentWriter> beginAttachment(const QString& id, AttachOptions options);

    /// Streams `device` (from its current position to its end) into a new attachment through
    /// beginAttachment(), in constant memory; the blob is durable before the row that names it
    /// is committed, with a custody "attached" event. Returns the attachment's metadata.
    [[nodiscard]] Result<AttachmentInfo> attach(const QString& id, QIODevice& device,
                                                const AttachOptions& options);

    /// attach() from the file at `path` (its file name is recorded unless options name one).
    [[nodiscard]] Result<AttachmentInfo> attachFile(const QString& id, const QString& path,
                                                    AttachOptions options = {});

    /// The metadata of one attachment. NotFound for an unknown id.
    [[nodiscard]] Result<AttachmentInfo> attachment(const QString& attachmentId);

    /// The attachments of a testimony, oldest first.
    [[nodiscard]] Result<QList<AttachmentInfo>> attachments(const QString& id);

    /// The testimony an attachment belongs to. NotFound for an unknown attachment id.
    [[nodiscard]] Result<QString> attachmentOwner(const QString& attachmentId);

    /// A random-access reader of the attachment's plaintext. NotFound for an unknown id.
    [[nodiscard]] Result<BlobReader> openAttachment(const QString& attachmentId);

    /// Writes the attachment's plaintext to `path` atomically (nothing is left at `path` on
    /// failure), checking its SHA-256 against the recorded one (StoreDamaged on mismatch).
    [[nodiscard]] Status extractAttachment(const QString& attachmentId, const QString& path);

    /// Recomputes the hash chains of `id`'s versions and custody events and checks their links,
    /// numbering and the current-version pointer. StoreDamaged naming the first bad link.
    [[nodiscard]] Status verifyChain(const QString& id);

    /// verifyChain() for every testimony and, for every attachment, authenticates its blob and
    /// compares its SHA-256 and size. Returns one message per problem (empty when all is well);
    /// an error only when the store itself cannot be read.
    [[nodiscard]] Result<QStringList> verifyAll();

private:
    friend class AttachmentWriter;
    struct Current;
    Result<AttachmentInfo> recordAttachment(AttachmentWriter::Impl& w);
    Result<Current> lookup(const QString& id);
    Status appendCustody(const QString& id, const QString& kind, int version, const QByteArray& detail);
    Result<Testimony> loadVersion(const QString& id, int number);
    QDateTime now() const;

    Database* m_db;
    BlobStore* m_blobs;
    std::function<QDateTime()> m_clock;
};

/// A new random id: 26 characters of Crockford base-32 (lower case) over 128 random bits.
QString newRandomId();

} // namespace fv
