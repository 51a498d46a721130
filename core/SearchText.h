#pragma once
// Text normalisation for search, applied identically to indexed text and to queries, so that
// spelling variants of Arabic and Latin words meet in the index:
//  - Arabic: hamza and alef forms (أ إ آ ٱ → ا, ؤ → و, ئ → ي), alef maqsura ى → ي,
//    taa marbuta ة → ه, harakat and other marks (U+064B..U+065F, U+0670) and tatweel
//    removed, Arabic-Indic digits → ASCII digits, presentation forms → letters, and light
//    prefix stripping (ال, وال, بال, كال, فال, لل) on tokens long enough to keep a stem;
//  - Latin and other scripts: compatibility decomposition, combining marks removed, case folded
//    ("Ḥalab" → "halab").
// Tokens are maximal runs of letters, digits and marks; everything else separates them.

#include <QList>
#include <QString>
#include <QStringView>
#include <functional>

namespace fv {

struct SearchToken
{
    QString text;    ///< the normalised token (never empty)
    qsizetype begin; ///< offset of the token in the original text (UTF-16 units)
    qsizetype end;   ///< one past its last unit
};

/// The tokens of `text`, normalised, with their offsets in `text`.
QList<SearchToken> searchTokens(QStringView text);

/// Calls `visit` with each token of `text` in order, as searchTokens() would list them, until
/// `visit` returns false.
void scanSearchTokens(QStringView text, const std::function<bool(const SearchToken&)>& visit);

/// The normalised tokens of `text` joined by single spaces (what the index stores).
QString normalizeForSearch(QStringView text);

/// Normalises one word as searchTokens() would (may give several tokens, or none, if the word
/// holds separators). Exposed for tests and query building.
QStringList normalizeWord(QStringView word);

} // namespace fv
