// Push-streamed attachments (TestimonyStore::beginAttachment / AttachmentWriter): data written in
// pieces over time ends up as one attachment, recorded with its custody event only on commit;
// an abandoned, failed or crashed writer leaves nothing behind.
#include "core/Schema.h"
#include "crypto/Hash.h"
#include "crypto/Random.h"
#include "test_domain_support.h"

#include <QDir>
#include <QFile>
#include <sys/wait.h>
#include <unistd.h>

using namespace fv;
using namespace Qt::StringLiterals;

namespace {

QByteArray noise(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    randomFill(MutableByteView(reinterpret_cast<std::uint8_t*>(data.data()), static_cast<std::size_t>(size)));
    return data;
}

ByteView view(const QByteArray& a)
{
    return {reinterpret_cast<const std::uint8_t*>(a.constData()), static_cast<std::size_t>(a.size())};
}

QByteArray readAll(BlobReader& reader)
{
    QByteArray out(static_cast<qsizetype>(reader.size()), Qt::Uninitialized);
    auto n = reader.read(0, MutableByteView(reinterpret_cast<std::uint8_t*>(out.data()),
                                            static_cast<std::size_t>(out.size())));
    REQUIRE(n);
    REQUIRE(*n == reader.size());
    return out;
}

/// Every file in the blob folder, temporary ones included.
QStringList blobFiles(const fvtest::Vault& v)
{
    return QDir(QString::fromStdString(v.blobs->directory().string()))
        .entryList(QDir::Files | QDir::Hidden | QDir::System);
}

} // namespace

TEST_CASE("an attachment written piece by piece is recorded on commit")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"interview"_s));
    const QDateTime captured(QDate(2012, 6, 2), QTime(15, 30), Qt::UTC);
    auto writer = v.store->beginAttachment(
        id, {.fileName = u"interview.opus"_s, .mediaType = u"audio/ogg"_s, .captured = captured});
    REQUIRE(writer);
    CHECK(writer->isOpen());

    // Pieces of odd sizes that straddle the 64 KiB chunks of the blob.
    QByteArray all;
    for (const qsizetype size : {1, 4000, 65535, 70000, 3, 131072}) {
        const QByteArray piece = noise(size);
        REQUIRE(writer->write(view(piece)));
        all += piece;
        CHECK(writer->size() == static_cast<std::uint64_t>(all.size()));
    }
    // Nothing is recorded before commit.
    CHECK(v.rows("attachments") == 0);
    CHECK(v.store->history(id)->events.size() == 1);

    auto info = writer->commit();
    REQUIRE(info);
    CHECK_FALSE(writer->isOpen());
    CHECK(info->size == static_cast<std::uint64_t>(all.size()));
    CHECK(info->sha256 == QString::fromLatin1(toHex(sha256(view(all)))));
    CHECK(info->kind == AttachmentKind::Audio);
    CHECK(info->captured == captured);
    CHECK(*v.store->attachment(info->id) == *info);

    auto reader = v.store->openAttachment(info->id);
    REQUIRE(reader);
    CHECK(readAll(*reader) == all);

    auto h = v.store->history(id);
    REQUIRE(h->events.size() == 2);
    CHECK(h->events[1].kind == u"attached");
    CHECK(h->events[1].detail.contains(info->id));
    CHECK(v.store->verifyAll()->isEmpty());
    CHECK(blobFiles(v).size() == 1);
}

TEST_CASE("a pushed attachment's media type is guessed from its first bytes")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    auto writer = v.store->beginAttachment(id, {});
    REQUIRE(writer);
    // A PNG signature and header, written in two pieces.
    const QByteArray png =
        QByteArray::fromHex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489");
    REQUIRE(writer->write(view(png.left(5))));
    REQUIRE(writer->write(view(png.mid(5))));
    auto info = writer->commit();
    REQUIRE(info);
    CHECK(info->mediaType == u"image/png");
    CHECK(info->kind == AttachmentKind::Photo);
}

TEST_CASE("an abandoned attachment leaves no file and no row")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    const QByteArray data = noise(200000);
    SECTION("destroyed")
    {
        auto writer = v.store->beginAttachment(id, {.mediaType = u"audio/ogg"_s});
        REQUIRE(writer);
        REQUIRE(writer->write(view(data)));
        CHECK(blobFiles(v).size() == 1); // the temporary file, encrypted
    }
    SECTION("abandoned, then used")
    {
        auto writer = v.store->beginAttachment(id, {.mediaType = u"audio/ogg"_s});
        REQUIRE(writer);
        REQUIRE(writer->write(view(data)));
        writer->abandon();
        CHECK_FALSE(writer->isOpen());
        CHECK(blobFiles(v).isEmpty());
        CHECK(writer->write(view(data)).error().code == ErrorCode::InvalidArgument);
        CHECK(writer->commit().error().code == ErrorCode::InvalidArgument);
    }
    CHECK(blobFiles(v).isEmpty());
    CHECK(v.rows("attachments") == 0);
    CHECK(v.store->history(id)->events.size() == 1);
}

TEST_CASE("a committed attachment writer cannot be reused")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    auto writer = v.store->beginAttachment(id, {.mediaType = u"audio/ogg"_s});
    REQUIRE(writer);
    REQUIRE(writer->write(view(noise(10))));
    REQUIRE(writer->commit());
    CHECK(writer->write(view(noise(10))).error().code == ErrorCode::InvalidArgument);
    CHECK(writer->commit().error().code == ErrorCode::InvalidArgument);
    CHECK(v.rows("attachments") == 1);
}

TEST_CASE("beginAttachment refuses an unknown testimony and creates nothing")
{
    fvtest::Vault v;
    auto writer = v.store->beginAttachment(u"0000000000000000000000000z"_s, {});
    REQUIRE_FALSE(writer);
    CHECK(writer.error().code == ErrorCode::NotFound);
    CHECK(blobFiles(v).isEmpty());
}

TEST_CASE("a pushed attachment whose row fails is retired again")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    auto writer = v.store->beginAttachment(id, {.mediaType = u"audio/ogg"_s});
    REQUIRE(writer);
    REQUIRE(writer->write(view(noise(100000))));
    REQUIRE(v.db->exec("CREATE TRIGGER fail_attach BEFORE INSERT ON attachments "
                       "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;"));
    auto info = writer->commit();
    REQUIRE_FALSE(info);
    CHECK_FALSE(writer->isOpen());
    CHECK(v.rows("attachments") == 0);
    CHECK(v.rows("custody_events") == 1);
    // The written blob is retired, not deleted: overwritten in place and kept as chaff.
    CHECK(blobFiles(v).size() == 1);
}

TEST_CASE("a process that dies while writing an attachment leaves only a temporary file, removed at next "
          "open")
{
    fvtest::Vault v;
    const QString id = *v.store->add(fvtest::minimalTestimony(u"t"_s));
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // The recording process: writes, then dies without unwinding (no destructor runs).
        auto writer = v.store->beginAttachment(id, {.mediaType = u"audio/ogg"_s});
        const QByteArray data = noise(300000);
        const bool ok = writer && writer->write(view(data));
        ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    const QStringList left = blobFiles(v);
    REQUIRE(left.size() == 1);
    CHECK(left.first().startsWith(u".tmp-"));
    CHECK(v.rows("attachments") == 0);
    CHECK(v.store->history(id)->events.size() == 1);

    // What opening the vault does: delete temporary files and blobs the store does not know.
    auto removed = v.blobs->removeOrphans(*referencedBlobNames(*v.db));
    REQUIRE(removed);
    CHECK(*removed == 1);
    CHECK(blobFiles(v).isEmpty());
}
