#pragma once
// A draft must always be savable (the lock and quick exit save it), yet core rejects some
// content: an empty title or pseudonym, an over-long text, a malformed language tag. This
// validates a testimony exactly as the store will, and for each field core names puts a safe
// stand-in in the copy to be saved (the last saved value, a default, the text cut to its
// limit, the bad list item left out), while the editor keeps what was typed on screen.
#include "core/Testimony.h"

#include <QList>
#include <QString>

namespace fv::desktop {

struct FieldProblem
{
    QString path;        ///< the JSON path core named: "witness.pseudonym", "incidents[0].acts[1]"
    QString problem;     ///< core's technical complaint ("must not be empty")
    QString replacement; ///< the text saved instead, when a stand-in text was saved
};

/// Repairs `testimony` in place until core accepts it, appending one FieldProblem per field
/// repaired; `lastSaved` provides stand-ins (its pseudonym, its interview date). False when a
/// problem has no safe repair (that problem is the last one appended).
bool makeSavable(Testimony& testimony, const Testimony& lastSaved, QList<FieldProblem>& problems);

/// `text` cut to at most `maxBytes` bytes of UTF-8, never inside a character.
QString truncateUtf8(const QString& text, qsizetype maxBytes);

} // namespace fv::desktop
