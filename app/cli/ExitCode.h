#pragma once
// The exit codes of fieldvault-cli (documented in docs/cli.md; scripts depend on them) and
// the mapping from core's error codes.

#include "crypto/Result.h"

namespace fv::cli {

enum class ExitCode : int
{
    Ok = 0,
    DamageFound = 1,     ///< verify found damage or orphans
    Usage = 2,           ///< wrong command line
    WrongPassphrase = 3, ///< no key slot opens with the passphrase or recovery key given
    Busy = 4,            ///< the vault is open in another process
    InvalidInput = 5,    ///< the JSON or another input is malformed or out of range
    NotFound = 6,        ///< no such vault, testimony or attachment
    StoreDamaged = 7,    ///< the store or a blob failed authentication
    Io = 8,              ///< the operating system refused a read or write, or the disk is full
    Unsupported = 9,     ///< a vault format this build does not know
    Cancelled = 10,      ///< the user did not confirm (erase, passphrase confirmation)
    Internal = 70,       ///< a bug: please report it
};

/// The exit code a script sees for a core error.
ExitCode exitCodeFor(ErrorCode code) noexcept;

} // namespace fv::cli
