#include "crypto/Bech32.h"

#include "crypto/Crypto.h"

#include <array>

namespace fv {

namespace {

constexpr std::string_view kCharset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
constexpr std::size_t kMaxLength = 4096;
constexpr std::size_t kChecksumLength = 6;

std::uint32_t polymod(std::uint32_t chk, std::uint8_t value)
{
    constexpr std::array<std::uint32_t, 5> generator = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd,
                                                        0x2a1462b3};
    const std::uint32_t top = chk >> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    for (std::size_t i = 0; i < generator.size(); ++i)
        if ((top >> i) & 1)
            chk ^= generator[i];
    return chk;
}

char toLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

char toUpper(char c)
{
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

// The checksum state after the expanded (lower-cased) hrp.
std::uint32_t hrpChecksum(std::string_view hrp)
{
    std::uint32_t chk = 1;
    for (char c : hrp)
        chk = polymod(chk, static_cast<std::uint8_t>(toLower(c)) >> 5);
    chk = polymod(chk, 0);
    for (char c : hrp)
        chk = polymod(chk, static_cast<std::uint8_t>(toLower(c)) & 31);
    return chk;
}

bool validHrp(std::string_view hrp)
{
    if (hrp.empty() || hrp.size() > 83)
        return false;
    for (char c : hrp)
        if (c < 33 || c > 126)
            return false;
    return true;
}

} // namespace

std::string bech32Encode(std::string_view hrp, ByteView data, bool upperCase)
{
    if (!validHrp(hrp))
        return {};
    std::vector<std::uint8_t> values;
    values.reserve((data.size() * 8 + 4) / 5);
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::uint8_t byte : data) {
        acc = (acc << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            values.push_back(static_cast<std::uint8_t>((acc >> bits) & 31));
        }
    }
    if (bits > 0)
        values.push_back(static_cast<std::uint8_t>((acc << (5 - bits)) & 31));

    std::uint32_t chk = hrpChecksum(hrp);
    for (std::uint8_t v : values)
        chk = polymod(chk, v);
    for (std::size_t i = 0; i < kChecksumLength; ++i)
        chk = polymod(chk, 0);
    chk ^= 1;

    std::string out;
    out.reserve(hrp.size() + 1 + values.size() + kChecksumLength);
    for (char c : hrp)
        out.push_back(upperCase ? toUpper(c) : toLower(c));
    out.push_back('1');
    for (std::uint8_t v : values)
        out.push_back(kCharset[v]);
    for (std::size_t i = 0; i < kChecksumLength; ++i)
        out.push_back(kCharset[(chk >> (5 * (kChecksumLength - 1 - i))) & 31]);
    if (upperCase)
        for (char& c : out)
            c = toUpper(c);
    wipeMemory(values); // the 5-bit groups of what may be a secret key
    return out;
}

std::optional<Bech32Data> bech32Decode(std::string_view text)
{
    if (text.size() > kMaxLength)
        return std::nullopt;
    bool hasLower = false;
    bool hasUpper = false;
    for (char c : text) {
        if (c < 33 || c > 126)
            return std::nullopt;
        hasLower = hasLower || (c >= 'a' && c <= 'z');
        hasUpper = hasUpper || (c >= 'A' && c <= 'Z');
    }
    if (hasLower && hasUpper)
        return std::nullopt;
    const std::size_t sep = text.rfind('1');
    if (sep == std::string_view::npos || sep == 0 || text.size() - sep - 1 < kChecksumLength)
        return std::nullopt;
    const std::string_view hrp = text.substr(0, sep);
    if (!validHrp(hrp))
        return std::nullopt;
    const std::string_view dataPart = text.substr(sep + 1);

    std::uint32_t chk = hrpChecksum(hrp);
    std::vector<std::uint8_t> values;
    values.reserve(dataPart.size());
    for (char c : dataPart) {
        const std::size_t v = kCharset.find(toLower(c));
        if (v == std::string_view::npos)
            return std::nullopt;
        values.push_back(static_cast<std::uint8_t>(v));
        chk = polymod(chk, static_cast<std::uint8_t>(v));
    }
    if (chk != 1)
        return std::nullopt;
    values.resize(values.size() - kChecksumLength);

    Bech32Data out{std::string(hrp), {}};
    out.data.reserve(values.size() * 5 / 8);
    std::uint32_t acc = 0;
    int bits = 0;
    for (std::uint8_t v : values) {
        acc = (acc << 5) | v;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out.data.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
        }
    }
    wipeMemory(values); // the 5-bit groups of what may be a secret key
    const bool badPadding = bits >= 5 || (acc & ((1u << bits) - 1)) != 0;
    acc = 0;
    if (badPadding) {
        wipeMemory(out.data);
        return std::nullopt;
    }
    return out;
}

} // namespace fv
