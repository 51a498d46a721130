#include "Console.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fv::cli {
namespace {

bool g_json = false;

bool writeAll(int fd, const char* data, qsizetype size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, static_cast<size_t>(size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

} // namespace

CliError fromCore(const Error& error)
{
    return CliError{exitCodeFor(error.code), QString::fromLatin1(errorCodeName(error.code)),
                    QString::fromStdString(error.message)};
}

CliError usageError(const QString& message)
{
    return CliError{ExitCode::Usage, u"usage"_s, message};
}

void Console::setJson(bool json) noexcept
{
    g_json = json;
}

bool Console::json() noexcept
{
    return g_json;
}

bool Console::out(const QByteArray& bytes)
{
    return writeAll(STDOUT_FILENO, bytes.constData(), bytes.size());
}

bool Console::outRaw(const void* data, std::size_t size)
{
    return writeAll(STDOUT_FILENO, static_cast<const char*>(data), static_cast<qsizetype>(size));
}

bool Console::outLine(const QString& line)
{
    return out(line.toUtf8() + '\n');
}

bool Console::outJson(const QJsonValue& value, bool indented)
{
    const auto format = indented ? QJsonDocument::Indented : QJsonDocument::Compact;
    QByteArray text;
    if (value.isArray())
        text = QJsonDocument(value.toArray()).toJson(format);
    else
        text = QJsonDocument(value.toObject()).toJson(format);
    if (!text.endsWith('\n'))
        text += '\n';
    return out(text);
}

void Console::note(const QString& line)
{
    const QByteArray bytes = line.toUtf8() + '\n';
    writeAll(STDERR_FILENO, bytes.constData(), bytes.size());
}

int Console::report(const CliError& error)
{
    QString message = error.message.trimmed();
    message.replace(u'\n', u' ');
    QByteArray text = "fieldvault-cli: " + message.toUtf8() + '\n';
    if (g_json) {
        const QJsonObject object{{u"error"_s, error.codeName}, {u"message"_s, message}};
        text += QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    writeAll(STDERR_FILENO, text.constData(), text.size());
    return static_cast<int>(error.exit);
}

} // namespace fv::cli
