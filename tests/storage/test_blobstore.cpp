#include "StorageTestSupport.h"
#include "crypto/Hash.h"
#include "crypto/Random.h"
#include "crypto/StreamCipher.h"
#include "storage/BlobStore.h"
#include "storage/FaultInjection.h"

#include <catch2/catch.hpp>
#include <sys/stat.h>

using namespace fv;
using fv::test::TempDir;

namespace {

struct FaultGuard
{
    ~FaultGuard() { disarmFaults(); }
};

Bytes pattern(std::size_t n)
{
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i)
        b[i] = static_cast<std::uint8_t>((i * 31 + i / 251) & 0xFF);
    return b;
}

BlobInfo store(BlobStore& blobs, const SecretBuffer& key, ByteView data, std::size_t piece = 10000)
{
    auto writer = blobs.create(key);
    REQUIRE(writer.has_value());
    for (std::size_t off = 0; off < data.size(); off += piece)
        REQUIRE(writer->write(data.subspan(off, std::min(piece, data.size() - off))));
    auto info = writer->commit();
    REQUIRE(info.has_value());
    return *info;
}

} // namespace

TEST_CASE("Blobs round-trip at chunk boundaries with random access", "[storage][blob]")
{
    TempDir dir;
    auto blobs = BlobStore::open(dir / "blobs");
    REQUIRE(blobs.has_value());
    struct stat st
    {
    };
    REQUIRE(::stat((dir / "blobs").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0700);
    const auto key = SecretBuffer::random(32);

    for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{65535}, std::size_t{65536},
                             std::size_t{65537}, std::size_t{300000}}) {
        INFO("size " << size);
        const Bytes data = pattern(size);
        const BlobInfo info = store(*blobs, key, data, size % 2 == 0 ? 70000 : 4096);
        CHECK(info.name.size() == 32);
        CHECK(info.size == size);
        CHECK(info.sha256 == sha256(data));
        const auto path = dir / "blobs" / info.name;
        CHECK(std::filesystem::file_size(path) == StreamLayout::ciphertextSize(size));
        REQUIRE(::stat(path.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0600);

        auto reader = blobs->open(info.name, key);
        REQUIRE(reader.has_value());
        CHECK(reader->size() == size);
        Bytes all(size + 10);
        auto n = reader->read(0, all);
        REQUIRE(n.has_value());
        CHECK(*n == size);
        all.resize(*n);
        CHECK(all == data);
        for (std::uint64_t offset : {std::uint64_t{0}, std::uint64_t{65535}, std::uint64_t{65536},
                                     std::uint64_t{131071}, std::uint64_t{299999}}) {
            if (offset >= size)
                continue;
            Bytes slice(1000);
            auto got = reader->read(offset, slice);
            REQUIRE(got.has_value());
            const std::size_t expect = std::min<std::size_t>(1000, size - offset);
            REQUIRE(*got == expect);
            CHECK(std::equal(slice.begin(), slice.begin() + static_cast<std::ptrdiff_t>(expect),
                             data.begin() + static_cast<std::ptrdiff_t>(offset)));
        }
        Bytes past(10);
        CHECK(*reader->read(size, past) == 0);
        auto digest = blobs->verify(info.name, key);
        REQUIRE(digest.has_value());
        CHECK(*digest == sha256(data));
    }
    auto names = blobs->list();
    REQUIRE(names.has_value());
    CHECK(names->size() == 6);
    for (const auto& entry : std::filesystem::directory_iterator(dir / "blobs"))
        CHECK_FALSE(entry.path().filename().string().starts_with(".tmp-"));
}

TEST_CASE("A tampered or truncated blob is refused as damaged", "[storage][blob][tamper]")
{
    TempDir dir;
    auto blobs = BlobStore::open(dir / "blobs");
    REQUIRE(blobs.has_value());
    const auto key = SecretBuffer::random(32);
    const Bytes data = pattern(150000);
    const BlobInfo info = store(*blobs, key, data);
    const auto path = dir / "blobs" / info.name;
    const Bytes original = fv::test::readFile(path);

    auto expectDamaged = [&](const Bytes& tampered, const std::string& what) {
        INFO(what);
        fv::test::writeFile(path, tampered);
        auto digest = blobs->verify(info.name, key);
        REQUIRE_FALSE(digest.has_value());
        CHECK(digest.error().code == ErrorCode::StoreDamaged);
        fv::test::writeFile(path, original);
    };
    for (std::size_t at :
         {std::size_t{0}, std::size_t{23}, std::size_t{24}, std::size_t{70000}, original.size() - 1}) {
        Bytes t = original;
        t[at] ^= 0x01;
        expectDamaged(t, "bit flip at " + std::to_string(at));
    }
    expectDamaged(Bytes(original.begin(), original.end() - 1), "one byte cut");
    // Cutting exactly the last chunk leaves a valid-looking size whose last chunk is not final.
    expectDamaged(
        Bytes(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(StreamLayout::chunkOffset(2))),
        "last chunk dropped");
    {
        Bytes swapped = original;
        const auto c0 = static_cast<std::ptrdiff_t>(StreamLayout::chunkOffset(0));
        const auto c1 = static_cast<std::ptrdiff_t>(StreamLayout::chunkOffset(1));
        std::swap_ranges(swapped.begin() + c0, swapped.begin() + c1, swapped.begin() + c1);
        expectDamaged(swapped, "chunks swapped");
    }
    {
        // Every blob has its own key, so another blob's file in its place fails.
        const BlobInfo other = store(*blobs, SecretBuffer::random(32), data);
        expectDamaged(fv::test::readFile(dir / "blobs" / other.name), "another blob's file");
    }
    auto wrongKey = blobs->verify(info.name, SecretBuffer::random(32));
    REQUIRE_FALSE(wrongKey.has_value());
    CHECK(wrongKey.error().code == ErrorCode::StoreDamaged);
    auto reader = blobs->open(info.name, key);
    REQUIRE(reader.has_value());
    Bytes head(100);
    CHECK(*reader->read(0, head) == 100);
    auto missing = blobs->open(std::string(32, 'a'), key);
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == ErrorCode::NotFound);
    CHECK(blobs->open("../store", key).error().code == ErrorCode::InvalidArgument);
    fv::test::writeFile(path, Bytes(10, 0));
    auto tiny = blobs->open(info.name, key);
    REQUIRE_FALSE(tiny.has_value());
    CHECK(tiny.error().code == ErrorCode::StoreDamaged);
}

TEST_CASE("removeOrphans deletes temporary and unknown blobs; remove deletes one", "[storage][blob]")
{
    TempDir dir;
    auto blobs = BlobStore::open(dir / "blobs");
    REQUIRE(blobs.has_value());
    const auto key = SecretBuffer::random(32);
    const BlobInfo keep = store(*blobs, key, pattern(1000));
    const BlobInfo orphan = store(*blobs, key, pattern(2000));
    fv::test::writeFile(dir / "blobs" / ".tmp-0123456789abcdef", pattern(50));
    fv::test::writeFile(dir / "blobs" / "unrelated.txt", pattern(5));
    {
        // An abandoned writer leaves nothing behind.
        auto writer = blobs->create(key);
        REQUIRE(writer.has_value());
        REQUIRE(writer->write(pattern(100000)));
    }
    auto removed = blobs->removeOrphans({keep.name});
    REQUIRE(removed.has_value());
    CHECK(*removed == 2);
    CHECK(fv::test::fileNames(dir / "blobs") == std::vector<std::string>{keep.name, "unrelated.txt"});
    (void)orphan;
}

TEST_CASE("retire overwrites a blob in place and keeps the file; chaff looks like a blob", "[storage][blob]")
{
    TempDir dir;
    auto blobs = BlobStore::open(dir / "blobs");
    REQUIRE(blobs.has_value());
    const auto key = SecretBuffer::random(32);
    const Bytes plain = pattern(200000);
    const BlobInfo info = store(*blobs, key, plain);
    const std::filesystem::path path = dir / "blobs" / info.name;
    const Bytes before = fv::test::readFile(path);
    struct stat was
    {
    };
    REQUIRE(::stat(path.c_str(), &was) == 0);

    REQUIRE(blobs->retire(info.name));
    struct stat now
    {
    };
    REQUIRE(::stat(path.c_str(), &now) == 0);
    CHECK(now.st_ino == was.st_ino); // in place: the old blocks are the ones overwritten
    const Bytes after = fv::test::readFile(path);
    REQUIRE(after.size() == before.size());
    std::size_t same = 0;
    for (std::size_t i = 0; i < after.size(); ++i)
        same += after[i] == before[i] ? 1 : 0;
    CHECK(same < after.size() / 128); // about 1/256 agree by chance
    auto reader = blobs->open(info.name, key);
    if (reader) {
        Bytes out(100);
        CHECK_FALSE(reader->read(0, out).has_value());
    }
    CHECK(blobs->retire(std::string(32, 'a')).error().code == ErrorCode::NotFound);
    CHECK(blobs->list()->size() == 1);

    // Chaff: a file of exactly the size asked, under a blob name, no temporary left.
    REQUIRE(blobs->writeChaff(before.size()));
    auto sizes = blobs->diskSizes();
    REQUIRE(sizes);
    REQUIRE(sizes->size() == 2);
    for (const auto& [name, size] : *sizes)
        CHECK(size == before.size());
    CHECK(fv::test::fileNames(dir / "blobs").size() == 2);
}

TEST_CASE("Blob I/O faults leave no committed blob and no temporary file", "[storage][blob][faults]")
{
    FaultGuard guard;
    TempDir dir;
    auto blobs = BlobStore::open(dir / "blobs");
    REQUIRE(blobs.has_value());
    const auto key = SecretBuffer::random(32);
    const Bytes data = pattern(200000);

    struct Case
    {
        FaultOp op;
        FaultKind kind;
        std::uint64_t at;
        ErrorCode expected;
    };
    for (const Case& c : {Case{FaultOp::Rename, FaultKind::Fail, 1, ErrorCode::Io},
                          Case{FaultOp::Write, FaultKind::Fail, 1, ErrorCode::Io},
                          Case{FaultOp::Write, FaultKind::ShortWrite, 3, ErrorCode::Io},
                          Case{FaultOp::Write, FaultKind::DiskFull, 4, ErrorCode::DiskFull},
                          Case{FaultOp::Sync, FaultKind::Fail, 1, ErrorCode::Io}}) {
        INFO("op " << static_cast<int>(c.op) << " at " << c.at);
        armFault({c.op, c.kind, c.at, false});
        std::optional<Error> error;
        {
            auto writer = blobs->create(key);
            if (!writer) {
                error = writer.error();
            } else {
                auto st = writer->write(data);
                if (!st)
                    error = st.error();
                else if (auto info = writer->commit(); !info)
                    error = info.error();
            }
        }
        disarmFaults();
        REQUIRE(error.has_value());
        CHECK(error->code == c.expected);
        CHECK(blobs->list()->empty());
        CHECK(fv::test::fileNames(dir / "blobs").empty());
    }
    // A read fault is an I/O error, not damage.
    const BlobInfo info = store(*blobs, key, data);
    armFault({FaultOp::Read, FaultKind::Fail, 2, false});
    auto digest = blobs->verify(info.name, key);
    disarmFaults();
    REQUIRE_FALSE(digest.has_value());
    CHECK(digest.error().code == ErrorCode::Io);
    CHECK(blobs->verify(info.name, key).has_value());
}

TEST_CASE("Blob files hold no canary, in any encoding, even while being written", "[storage][blob][leak]")
{
    TempDir dir;
    auto blobs = BlobStore::open(dir / "blobs");
    REQUIRE(blobs.has_value());
    const auto key = SecretBuffer::random(32);
    const std::vector<std::string> canaries = {"CANARY-Zx81", "شاهد-سري-٤٢"};
    std::string text;
    for (int i = 0; i < 3000; ++i)
        text += canaries[static_cast<std::size_t>(i) % 2] + " ";
    const Bytes utf16 = fv::test::utf16Bytes(text, false);
    auto writer = blobs->create(key);
    REQUIRE(writer.has_value());
    REQUIRE(writer->write(asBytes(text)));
    REQUIRE(writer->write(utf16));
    CHECK(fv::test::scanForLeaks(dir / "blobs", canaries).empty()); // the temporary file
    auto info = writer->commit();
    REQUIRE(info.has_value());
    CHECK(fv::test::scanForLeaks(dir / "blobs", canaries).empty());
    auto reader = blobs->open(info->name, key);
    REQUIRE(reader.has_value());
    Bytes head(text.size());
    REQUIRE(*reader->read(0, head) == text.size());
    CHECK(std::string(head.begin(), head.end()) == text);
}
