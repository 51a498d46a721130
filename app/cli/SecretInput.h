#pragma once
// Reading passphrases and recovery keys: from the terminal without echo, or for scripts from
// a file (first line) or an inherited file descriptor. Never from an argument. The secret is
// only ever held in guarded memory (SecretBuffer); no copy is left on the ordinary heap.

#include "Console.h"
#include "crypto/SecretBuffer.h"

#include <expected>

namespace fv::cli {

/// Where a secret comes from.
struct SecretSource
{
    enum class Kind
    {
        Terminal,
        File,
        Fd
    };
    Kind kind = Kind::Terminal;
    QString path; ///< for File
    int fd = -1;  ///< for Fd

    bool interactive() const noexcept { return kind == Kind::Terminal; }
};

/// The longest secret accepted, in bytes.
constexpr std::size_t kMaxSecretBytes = 1024;

/// Reads one secret: the first line of the file or descriptor (the trailing "\n" or "\r\n" is
/// not part of it), or a line typed at /dev/tty after `prompt` with echo off. Refuses an
/// empty secret. The terminal's settings are restored even if the user presses Ctrl-C.
std::expected<SecretBuffer, CliError> readSecret(const SecretSource& source, const QString& prompt);

/// Like readSecret(), and when the source is the terminal asks a second time after
/// `confirmPrompt` and fails with Cancelled if the two differ (for new passphrases).
std::expected<SecretBuffer, CliError> readNewSecret(const SecretSource& source, const QString& prompt,
                                                    const QString& confirmPrompt);

/// True when /dev/tty can be opened (a human could answer a question).
bool haveTerminal();

/// Asks a question on the terminal (with echo) and returns the answer without its newline;
/// empty if there is no terminal. Not for secrets.
QString askTerminal(const QString& question);

} // namespace fv::cli
