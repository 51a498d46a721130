#pragma once
// Everything fieldvault-cli prints goes through here: results on stdout (flushed at once, so
// a script sees an id as soon as it is printed), errors on stderr as one line
// "fieldvault-cli: <message>", and with --json also one JSON object {"error", "message"}.

#include "ExitCode.h"

#include <QByteArray>
#include <QJsonValue>
#include <QString>
#include <cstddef>

namespace fv::cli {

/// An error the CLI reports and exits with.
struct CliError
{
    ExitCode exit = ExitCode::Internal;
    QString codeName; ///< stable machine name: "usage", "wrong-passphrase", ...
    QString message;  ///< one sentence a field delegate can act on
};

/// A CliError from a core error (code name from errorCodeName()).
CliError fromCore(const Error& error);
/// A usage error.
CliError usageError(const QString& message);

class Console
{
public:
    /// Switches error reports to also print a JSON object (--json).
    static void setJson(bool json) noexcept;
    static bool json() noexcept;

    /// Writes `bytes` to stdout and flushes; false if stdout is closed or full.
    static bool out(const QByteArray& bytes);
    /// Writes bytes straight from (guarded) memory to stdout, with no copy on the heap.
    static bool outRaw(const void* data, std::size_t size);
    /// Writes one line (UTF-8) to stdout and flushes.
    static bool outLine(const QString& line);
    /// Writes a JSON array or object to stdout: one compact line, or indented.
    static bool outJson(const QJsonValue& value, bool indented = false);
    /// Writes a note for the human at the terminal to stderr (not part of the output).
    static void note(const QString& line);
    /// Reports an error on stderr; returns its exit code as an int for main().
    static int report(const CliError& error);
};

} // namespace fv::cli
