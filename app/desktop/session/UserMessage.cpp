#include "session/UserMessage.h"

#include <QCoreApplication>

namespace fv::desktop {
namespace {

// lupdate files a tr() call outside any class under the enclosing namespace: same context here.
QString tr(const char* text)
{
    return QCoreApplication::translate("fv::desktop", text);
}

} // namespace

QString userMessage(const Error& error, const QString& action)
{
    QString sentence;
    switch (error.code) {
    case ErrorCode::WrongPassphrase:
        sentence = tr("That passphrase does not open this vault. Check the keyboard language and "
                      "Caps Lock, then try again. If you have forgotten it, use your recovery key.");
        break;
    case ErrorCode::Busy:
        sentence = tr("This vault is already open in another Fieldvault window or program. Close it "
                      "there first.");
        break;
    case ErrorCode::NotFound:
        sentence = tr("It was not found.");
        break;
    case ErrorCode::DiskFull:
        sentence = tr("The disk is full. Nothing was lost: free some space and try again.");
        break;
    case ErrorCode::Io:
        sentence = tr("The computer refused to read or write a file. Check that the drive is still "
                      "connected and writable, then try again.");
        break;
    case ErrorCode::StoreDamaged:
        sentence = tr("The vault is damaged or was altered. Do not add anything; keep a copy of the "
                      "folder and contact HQ.");
        break;
    case ErrorCode::Unsupported:
        sentence = tr("This was made by a newer version of Fieldvault. Update Fieldvault and try "
                      "again.");
        break;
    case ErrorCode::AuthenticationFailed:
        sentence = tr("A signature or check failed: the file was changed or does not come from who "
                      "it claims.");
        break;
    case ErrorCode::InvalidInput:
    case ErrorCode::InvalidArgument:
        sentence = tr("This cannot be accepted.");
        break;
    case ErrorCode::Cancelled:
        sentence = tr("Cancelled. Nothing was changed.");
        break;
    case ErrorCode::Internal:
        sentence = tr("Something unexpected went wrong. What was saved before is safe.");
        break;
    }
    QString detail = QString::fromStdString(error.message);
    if (error.code == ErrorCode::InvalidInput || error.code == ErrorCode::InvalidArgument ||
        error.code == ErrorCode::NotFound) {
        if (!detail.isEmpty())
            sentence += QLatin1Char(' ') + detail.left(1).toUpper() + detail.mid(1);
    }
    return action.isEmpty() ? sentence : action + QStringLiteral(": ") + sentence;
}

} // namespace fv::desktop
