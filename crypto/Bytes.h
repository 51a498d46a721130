#pragma once
// Byte containers for non-secret data (ciphertext, public keys, hashes). Secrets live in
// SecretBuffer instead.

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fv {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;
using MutableByteView = std::span<std::uint8_t>;

/// Views the bytes of a string without copying.
inline ByteView asBytes(std::string_view s)
{
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

/// Lower-case hexadecimal of `data`.
std::string toHex(ByteView data);
/// Parses hexadecimal (either case); false on odd length or a non-hex character.
[[nodiscard]] bool fromHex(std::string_view hex, Bytes& out);
/// Standard base64 with padding (RFC 4648 §4).
std::string toBase64(ByteView data);
/// Parses standard base64 with padding; false on any invalid character or length.
[[nodiscard]] bool fromBase64(std::string_view text, Bytes& out);

} // namespace fv
