// fuzz-module: fieldvault_core
// Treats the input as an identity card. Whatever parses must re-serialise to exactly the input
// (the format has one canonical text) and parse again to an equal card.

#include "core/Card.h"
#include "crypto/Crypto.h"

#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto card = fv::IdentityCard::parse(text);
    if (!card)
        return 0;
    const std::string again = card->toText();
    if (again != text)
        std::abort();
    auto reparsed = fv::IdentityCard::parse(again);
    if (!reparsed || !(*reparsed == *card))
        std::abort();
    return 0;
}
