#pragma once
// What an error means for the person in front of the screen: a sentence that says what
// happened and what to do, in the UI language. The technical message stays available as a
// detail for HQ support.
#include "crypto/Result.h"

#include <QString>

namespace fv::desktop {

/// The user-facing sentence for `error` while doing `action` (e.g. tr("Opening the vault")).
QString userMessage(const Error& error, const QString& action = {});

} // namespace fv::desktop
