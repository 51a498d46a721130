#pragma once
// Feedback on a new passphrase while it is typed. An estimate, not a promise: it rewards
// length and several words, and punishes repeats, sequences and very short inputs. The vault's
// Argon2id makes every guess cost about a second, which the thresholds take into account
// (docs/desktop.md, "Passphrase strength").
#include "crypto/Bytes.h"

#include <QString>

namespace fv::desktop {

struct PassphraseStrength
{
    int score = 0;     ///< 0 (unusable) .. 4 (strong)
    double bits = 0;   ///< estimated entropy
    QString verdict{}; ///< one word: "Too short", "Weak", "Fair", "Good", "Strong"
    QString advice{};  ///< what would make it better; empty when strong
    bool acceptable() const noexcept { return score >= 2; }
};

/// Estimates the strength of the UTF-8 passphrase `utf8` (any script).
PassphraseStrength estimatePassphraseStrength(ByteView utf8);

} // namespace fv::desktop
