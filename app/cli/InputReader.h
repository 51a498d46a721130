#pragma once
// Reading testimony JSON from stdin or a file: the whole input (add, edit) or one line at a
// time (add --batch), with a size limit so a runaway input cannot exhaust memory.

#include "Console.h"

#include <QByteArray>
#include <expected>
#include <optional>

namespace fv::cli {

class InputReader
{
public:
    /// Reads from `path`, or from stdin when `path` is empty or "-".
    static std::expected<InputReader, CliError> open(const QString& path);
    InputReader(InputReader&& other) noexcept;
    InputReader& operator=(InputReader&&) = delete;
    InputReader(const InputReader&) = delete;
    ~InputReader();

    /// Everything up to the end, at most `limit` bytes (InvalidInput beyond).
    std::expected<QByteArray, CliError> readAll(qsizetype limit);
    /// The next line without its "\n" (or "\r\n"), nullopt at the end; InvalidInput when a
    /// line is longer than `limit`. Returns as soon as a line is complete (does not wait for
    /// more input), so a stream can be processed while it is written.
    std::expected<std::optional<QByteArray>, CliError> readLine(qsizetype limit);
    /// What the input is called in messages ("standard input" or the file name).
    const QString& name() const noexcept { return m_name; }

private:
    InputReader(int fd, bool owned, QString name) : m_fd(fd), m_owned(owned), m_name(std::move(name)) {}
    std::expected<bool, CliError> fill(); ///< reads more; false at the end

    int m_fd = -1;
    bool m_owned = false;
    bool m_eof = false;
    QString m_name;
    QByteArray m_buffer;
};

} // namespace fv::cli
