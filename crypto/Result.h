#pragma once
// Error values shared by every module: an error is a code a program can branch on and a
// message a field delegate can act on. Boundaries return Result<T>; exceptions are used only
// where construction cannot finish (and for std::bad_alloc).

#include <expected>
#include <string>
#include <utility>

namespace fv {

enum class ErrorCode
{
    InvalidArgument,      ///< a caller passed something the API does not accept (a bug)
    InvalidInput,         ///< untrusted input is malformed (JSON, a card, a file)
    AuthenticationFailed, ///< a MAC, tag or signature did not verify
    WrongPassphrase,      ///< no key slot opens with the secret given
    StoreDamaged,         ///< the encrypted store or a blob failed authentication or is inconsistent
    Io,                   ///< the operating system refused a read, write, sync or rename
    DiskFull,             ///< no space left on the device
    NotFound,             ///< the thing named does not exist
    Busy,                 ///< the vault is open in another process
    Unsupported,          ///< a format version or algorithm this build does not know
    Cancelled,            ///< the user cancelled a long operation
    Internal,             ///< a should-not-happen condition; the message says where
};

struct Error
{
    ErrorCode code;
    std::string message;
};

template <class T>
using Result = std::expected<T, Error>;
using Status = std::expected<void, Error>;

/// Builds the error side of a Result: `return fail(ErrorCode::Io, "…");`
inline std::unexpected<Error> fail(ErrorCode code, std::string message)
{
    return std::unexpected(Error{code, std::move(message)});
}

/// A short, stable English name for an error code ("store-damaged", …) for logs and JSON.
const char* errorCodeName(ErrorCode code) noexcept;

} // namespace fv
