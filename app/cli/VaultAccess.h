#pragma once
// Opening the vault a command names: resolving the default location, reading the passphrase
// (or recovery key) and unlocking, with errors a field delegate can act on.

#include "Command.h"

namespace fv::cli {

/// Vault::defaultLocation() as a path string ($XDG_DATA_HOME/fieldvault/vault).
QString defaultVaultPath();

} // namespace fv::cli
