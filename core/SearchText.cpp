#include "core/SearchText.h"

#include <functional>

namespace fv {
namespace {

bool isTokenChar(char32_t c)
{
    if (c == 0x200c || c == 0x200d) // zero-width (non-)joiner, used inside Arabic and Persian words
        return true;
    switch (QChar::category(c)) {
    case QChar::Letter_Uppercase:
    case QChar::Letter_Lowercase:
    case QChar::Letter_Titlecase:
    case QChar::Letter_Modifier:
    case QChar::Letter_Other:
    case QChar::Number_DecimalDigit:
    case QChar::Number_Letter:
    case QChar::Number_Other:
    case QChar::Mark_NonSpacing:
    case QChar::Mark_SpacingCombining:
    case QChar::Mark_Enclosing:
        return true;
    default:
        return false;
    }
}

// Maps one code point of a compatibility-decomposed token; 0 drops it.
char32_t mapChar(char32_t c)
{
    if (c >= 0x064b && c <= 0x065f) // harakat, shadda, sukun, hamza above/below, …
        return 0;
    switch (c) {
    case 0x0640: // tatweel
    case 0x0670: // superscript alef
    case 0x200c:
    case 0x200d:
        return 0;
    case 0x0622: // آ (when not decomposed)
    case 0x0623: // أ
    case 0x0625: // إ
    case 0x0671: // ٱ alef wasla
    case 0x0672:
    case 0x0673:
        return 0x0627;
    case 0x0624: // ؤ
        return 0x0648;
    case 0x0626: // ئ
    case 0x0649: // ى alef maqsura
    case 0x06cc: // Persian yeh
        return 0x064a;
    case 0x0629: // ة taa marbuta
        return 0x0647;
    case 0x06a9: // keheh
        return 0x0643;
    default:
        break;
    }
    if (c >= 0x0660 && c <= 0x0669)
        return U'0' + (c - 0x0660);
    if (c >= 0x06f0 && c <= 0x06f9)
        return U'0' + (c - 0x06f0);
    const auto cat = QChar::category(c);
    if (cat == QChar::Mark_NonSpacing || cat == QChar::Mark_Enclosing)
        return 0;
    return c;
}

QString stripArabicPrefix(const QString& token)
{
    // Longest prefix first; the stem that remains must keep at least `minStem` letters.
    struct Prefix
    {
        const char16_t* text;
        qsizetype minStem;
    };
    static constexpr Prefix kPrefixes[] = {
        {u"\u0648\u0627\u0644", 3}, // وال
        {u"\u0628\u0627\u0644", 3}, // بال
        {u"\u0643\u0627\u0644", 3}, // كال
        {u"\u0641\u0627\u0644", 3}, // فال
        {u"\u0644\u0644", 3},       // لل
        {u"\u0627\u0644", 2},       // ال
    };
    for (const Prefix& p : kPrefixes) {
        const QStringView prefix(p.text);
        if (token.startsWith(prefix) && token.size() - prefix.size() >= p.minStem)
            return token.sliced(prefix.size());
    }
    return token;
}

void appendCodePoint(QString& out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out.append(QChar(QChar::highSurrogate(c)));
        out.append(QChar(QChar::lowSurrogate(c)));
    } else {
        out.append(QChar(static_cast<char16_t>(c)));
    }
}

// True when compatibility decomposition leaves `raw` unchanged apart from what mapChar()
// does anyway: ASCII and the basic Arabic block (whose hamza and madda letters are mapped
// directly). Most text of a testimony takes this fast path.
bool needsDecomposition(QStringView raw)
{
    for (QChar ch : raw) {
        const char16_t c = ch.unicode();
        if (c >= 0x80 && (c < 0x0600 || c > 0x06ff))
            return true;
    }
    return false;
}

QString normalizeToken(QStringView raw)
{
    QString decomposed;
    QStringView source = raw;
    if (needsDecomposition(raw)) {
        decomposed = raw.toString().normalized(QString::NormalizationForm_KD);
        source = decomposed;
    }
    QString out;
    out.reserve(source.size());
    for (qsizetype i = 0; i < source.size(); ++i) {
        char32_t c = source[i].unicode();
        if (source[i].isHighSurrogate() && i + 1 < source.size() && source[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(source[i], source[i + 1]);
            ++i;
        }
        if (c < 0x80) {
            if (c >= U'A' && c <= U'Z')
                c += U'a' - U'A';
            out.append(QChar(static_cast<char16_t>(c)));
            continue;
        }
        if (const char32_t m = mapChar(c))
            appendCodePoint(out, m);
    }
    if (needsDecomposition(out))
        out = out.toCaseFolded();
    return stripArabicPrefix(out);
}

// Appends the normalised token(s) of raw[begin, end) to `out`. Compatibility decomposition
// may introduce separators (e.g. "½" → "1⁄2"), so the result is split again.
bool emitToken(QStringView text, qsizetype begin, qsizetype end,
               const std::function<bool(const SearchToken&)>& visit)
{
    const QString norm = normalizeToken(text.sliced(begin, end - begin));
    qsizetype start = -1;
    for (qsizetype i = 0; i <= norm.size(); ++i) {
        const bool tokenChar = i < norm.size() && (norm[i].isLetterOrNumber() || norm[i].isSurrogate());
        if (tokenChar && start < 0)
            start = i;
        if (!tokenChar && start >= 0) {
            if (!visit(SearchToken{start == 0 && i == norm.size() ? norm : norm.sliced(start, i - start),
                                   begin, end}))
                return false;
            start = -1;
        }
    }
    return true;
}

} // namespace

void scanSearchTokens(QStringView text, const std::function<bool(const SearchToken&)>& visit)
{
    qsizetype start = -1;
    qsizetype i = 0;
    while (i <= text.size()) {
        char32_t c = 0;
        qsizetype width = 1;
        if (i < text.size()) {
            c = text[i].unicode();
            if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
                c = QChar::surrogateToUcs4(text[i], text[i + 1]);
                width = 2;
            }
        }
        const bool tokenChar = i < text.size() && isTokenChar(c);
        if (tokenChar && start < 0)
            start = i;
        if (!tokenChar && start >= 0) {
            if (!emitToken(text, start, i, visit))
                return;
            start = -1;
        }
        i += width;
    }
}

QList<SearchToken> searchTokens(QStringView text)
{
    QList<SearchToken> tokens;
    scanSearchTokens(text, [&](const SearchToken& t) {
        tokens.append(t);
        return true;
    });
    return tokens;
}

QString normalizeForSearch(QStringView text)
{
    QString out;
    for (const SearchToken& t : searchTokens(text)) {
        if (!out.isEmpty())
            out.append(u' ');
        out.append(t.text);
    }
    return out;
}

QStringList normalizeWord(QStringView word)
{
    QStringList out;
    for (const SearchToken& t : searchTokens(word))
        out.append(t.text);
    return out;
}

} // namespace fv
