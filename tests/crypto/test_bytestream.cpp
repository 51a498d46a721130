#include "crypto/ByteStream.h"
#include "crypto/Random.h"

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <unistd.h>

using namespace fv;

TEST_CASE("memory streams, readFully and copyStream", "[crypto][bytestream]")
{
    const Bytes data = randomBytes(200000);
    MemorySource in(data);
    MemorySink out;
    REQUIRE(copyStream(in, out));
    CHECK((out.data() == data));

    MemorySource again(data);
    Bytes first(150000);
    auto n = readFully(again, first);
    REQUIRE(n.has_value());
    CHECK(*n == first.size());
    Bytes rest(100000);
    n = readFully(again, rest);
    REQUIRE(n.has_value());
    CHECK(*n == 50000);
    n = readFully(again, rest);
    REQUIRE(n.has_value());
    CHECK(*n == 0);
}

TEST_CASE("file descriptor streams report errors and a full disk", "[crypto][bytestream]")
{
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    const Bytes data = randomBytes(1000);
    FdSink sink(fds[1]);
    REQUIRE(sink.write(data));
    ::close(fds[1]);
    FdSource source(fds[0]);
    MemorySink out;
    REQUIRE(copyStream(source, out));
    CHECK((out.data() == data));
    ::close(fds[0]);

    const int full = ::open("/dev/full", O_WRONLY);
    REQUIRE(full >= 0);
    FdSink fullSink(full);
    auto st = fullSink.write(data);
    REQUIRE_FALSE(st.has_value());
    CHECK(st.error().code == ErrorCode::DiskFull);
    ::close(full);

    FdSource closed(-1);
    Bytes buf(10);
    auto r = closed.read(buf);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::Io);
}
