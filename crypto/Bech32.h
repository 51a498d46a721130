#pragma once
// Bech32 (BIP 173, checksum constant 1) as age uses it for keys: no 90-character limit, one
// case throughout.

#include "crypto/Bytes.h"

#include <optional>

namespace fv {

struct Bech32Data
{
    std::string hrp; ///< human-readable part, in the case it had in the string
    Bytes data;      ///< the payload as 8-bit bytes
};

/// Encodes `data` under `hrp` (1..83 printable ASCII characters); the result is lower case
/// unless `upperCase`. An invalid hrp gives an empty string.
std::string bech32Encode(std::string_view hrp, ByteView data, bool upperCase = false);

/// Decodes a Bech32 string: rejects mixed case, bad characters, a bad checksum and a payload
/// whose 5-to-8-bit conversion leaves non-zero padding. Strings longer than 4096 characters are
/// rejected as well.
[[nodiscard]] std::optional<Bech32Data> bech32Decode(std::string_view text);

} // namespace fv
