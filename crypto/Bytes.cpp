#include "crypto/Bytes.h"

#include <sodium.h>

namespace fv {

std::string toHex(ByteView data)
{
    std::string out(data.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), data.data(), data.size());
    out.pop_back();
    return out;
}

bool fromHex(std::string_view hex, Bytes& out)
{
    out.clear();
    if (hex.size() % 2 != 0)
        return false;
    if (hex.empty())
        return true;
    Bytes decoded(hex.size() / 2);
    std::size_t decodedLen = 0;
    const char* end = nullptr;
    if (sodium_hex2bin(decoded.data(), decoded.size(), hex.data(), hex.size(), nullptr, &decodedLen, &end) !=
        0)
        return false;
    if (decodedLen != decoded.size() || end != hex.data() + hex.size())
        return false;
    out = std::move(decoded);
    return true;
}

std::string toBase64(ByteView data)
{
    const std::size_t encodedLen = sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL);
    std::string out(encodedLen, '\0');
    sodium_bin2base64(out.data(), out.size(), data.data(), data.size(), sodium_base64_VARIANT_ORIGINAL);
    out.pop_back(); // the terminating NUL
    return out;
}

bool fromBase64(std::string_view text, Bytes& out)
{
    out.clear();
    if (text.size() % 4 != 0)
        return false;
    if (text.empty())
        return true;
    Bytes decoded(text.size() / 4 * 3);
    std::size_t decodedLen = 0;
    const char* end = nullptr;
    if (sodium_base642bin(decoded.data(), decoded.size(), text.data(), text.size(), nullptr, &decodedLen,
                          &end, sodium_base64_VARIANT_ORIGINAL) != 0)
        return false;
    if (end != text.data() + text.size())
        return false;
    decoded.resize(decodedLen);
    out = std::move(decoded);
    return true;
}

} // namespace fv
