#include "widgets/PassphraseStrength.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>
#include <cmath>
#include <vector>

namespace fv::desktop {
namespace {

// lupdate files a tr() call outside any class under the enclosing namespace: same context here.
QString tr(const char* text)
{
    return QCoreApplication::translate("fv::desktop", text);
}

// Decodes UTF-8 into code points without building a QString (the input is a secret).
std::vector<char32_t> codePoints(ByteView utf8)
{
    std::vector<char32_t> out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const std::uint8_t b = utf8[i];
        int extra = b < 0x80 ? 0 : (b >> 5) == 0x6 ? 1 : (b >> 4) == 0xE ? 2 : (b >> 3) == 0x1E ? 3 : -1;
        if (extra < 0 || i + std::size_t(extra) >= utf8.size()) {
            ++i;
            continue;
        }
        char32_t cp = extra == 0 ? b : char32_t(b & (0x3F >> extra));
        for (int k = 1; k <= extra; ++k)
            cp = (cp << 6) | char32_t(utf8[i + std::size_t(k)] & 0x3F);
        out.push_back(cp);
        i += std::size_t(extra) + 1;
    }
    return out;
}

} // namespace

PassphraseStrength estimatePassphraseStrength(ByteView utf8)
{
    const auto chars = codePoints(utf8);
    PassphraseStrength result;
    if (chars.empty()) {
        result.verdict = tr("Empty");
        result.advice = tr("Type a passphrase: several words only you know.");
        return result;
    }

    bool lower = false, upper = false, digit = false, symbol = false, other = false;
    int words = 1;
    for (char32_t c : chars) {
        if (c >= U'a' && c <= U'z')
            lower = true;
        else if (c >= U'A' && c <= U'Z')
            upper = true;
        else if (c >= U'0' && c <= U'9')
            digit = true;
        else if (c == U' ')
            ++words;
        else if (c < 0x80)
            symbol = true;
        else
            other = true; // Arabic and every other script: a large alphabet
    }
    const double pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) +
                        (other ? 40 : 0) + (words > 1 ? 1 : 0);

    // Each character counts fully the first time it appears in a run of new characters, a
    // quarter when it repeats or continues a sequence (aaaa, abcd, 1234).
    double effective = 0;
    QSet<char32_t> seen;
    for (std::size_t i = 0; i < chars.size(); ++i) {
        const char32_t c = chars[i];
        const bool repeat = seen.contains(c);
        const bool sequence = i > 0 && (c == chars[i - 1] + 1 || c + 1 == chars[i - 1] || c == chars[i - 1]);
        effective += (repeat || sequence) ? 0.25 : 1.0;
        seen.insert(c);
    }
    result.bits = effective * std::log2(std::max(pool, 2.0));

    if (chars.size() < 8) {
        result.score = 0;
        result.verdict = tr("Too short");
        result.advice = tr("Use at least 12 characters; four or more words are easier to remember.");
    } else if (result.bits < 40) {
        result.score = 1;
        result.verdict = tr("Weak");
        result.advice = tr("Add more words or characters that do not follow a pattern.");
    } else if (result.bits < 55) {
        result.score = 2;
        result.verdict = tr("Fair");
        result.advice = tr("Acceptable; one or two more words would make it much stronger.");
    } else if (result.bits < 75) {
        result.score = 3;
        result.verdict = tr("Good");
        result.advice = tr("Good. Make sure it is not a quotation, a song or a name people know.");
    } else {
        result.score = 4;
        result.verdict = tr("Strong");
    }
    return result;
}

} // namespace fv::desktop
