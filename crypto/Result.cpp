#include "crypto/Result.h"

namespace fv {

const char* errorCodeName(ErrorCode code) noexcept
{
    switch (code) {
    case ErrorCode::InvalidArgument:
        return "invalid-argument";
    case ErrorCode::InvalidInput:
        return "invalid-input";
    case ErrorCode::AuthenticationFailed:
        return "authentication-failed";
    case ErrorCode::WrongPassphrase:
        return "wrong-passphrase";
    case ErrorCode::StoreDamaged:
        return "store-damaged";
    case ErrorCode::Io:
        return "io";
    case ErrorCode::DiskFull:
        return "disk-full";
    case ErrorCode::NotFound:
        return "not-found";
    case ErrorCode::Busy:
        return "busy";
    case ErrorCode::Unsupported:
        return "unsupported";
    case ErrorCode::Cancelled:
        return "cancelled";
    case ErrorCode::Internal:
        return "internal";
    }
    return "internal";
}

} // namespace fv
