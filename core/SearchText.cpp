#include "core/SearchText.h"

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

QString normalizeToken(QStringView raw)
{
    const QString decomposed = raw.toString().normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    const auto ucs4 = decomposed.toUcs4();
    for (char32_t c : ucs4) {
        const char32_t m = mapChar(c);
        if (m != 0)
            out.append(QString::fromUcs4(&m, 1));
    }
    return stripArabicPrefix(out.toCaseFolded());
}

// Appends the normalised token(s) of raw[begin, end) to `out`. Compatibility decomposition
// may introduce separators (e.g. "½" → "1⁄2"), so the result is split again.
void emitToken(QStringView text, qsizetype begin, qsizetype end, QList<SearchToken>& out)
{
    const QString norm = normalizeToken(text.sliced(begin, end - begin));
    qsizetype start = -1;
    for (qsizetype i = 0; i <= norm.size(); ++i) {
        const bool tokenChar = i < norm.size() && (norm[i].isLetterOrNumber() || norm[i].isSurrogate());
        if (tokenChar && start < 0)
            start = i;
        if (!tokenChar && start >= 0) {
            out.append({norm.sliced(start, i - start), begin, end});
            start = -1;
        }
    }
}

} // namespace

QList<SearchToken> searchTokens(QStringView text)
{
    QList<SearchToken> tokens;
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
            emitToken(text, start, i, tokens);
            start = -1;
        }
        i += width;
    }
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
