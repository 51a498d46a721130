// fuzz-module: fieldvault_core
// Untrusted testimony JSON (core/TestimonyJson.h), as `fieldvault-cli add` and `edit` read it:
// arbitrary bytes must end in a testimony or in one InvalidInput message, never a crash, a
// leak or an out-of-bounds read. A testimony that parses must survive the round trip: its
// serialisation parses back to an equal testimony, and its canonical form is stable.
// Seeds: tests/fuzz/corpus/json_input/ (valid testimonies and near misses).

#include "core/TestimonyJson.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    auto parsed = fv::parseTestimonyJson(input);
    if (!parsed) {
        if (parsed.error().code != fv::ErrorCode::InvalidInput || parsed.error().message.empty())
            std::abort();
        return 0;
    }
    const QByteArray shown = fv::toTestimonyJson(*parsed, {.indented = true});
    auto again = fv::parseTestimonyJson(shown);
    if (!again) {
        std::fprintf(stderr, "round trip refused: %s\n", again.error().message.c_str());
        std::abort();
    }
    if (!(*again == *parsed)) {
        std::fprintf(stderr, "round trip changed the testimony\n");
        std::abort();
    }
    if (fv::canonicalContentJson(*again) != fv::canonicalContentJson(*parsed))
        std::abort();
    return 0;
}
