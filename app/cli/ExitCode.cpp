#include "ExitCode.h"

namespace fv::cli {

ExitCode exitCodeFor(ErrorCode code) noexcept
{
    switch (code) {
    case ErrorCode::InvalidArgument:
    case ErrorCode::InvalidInput:
        return ExitCode::InvalidInput;
    case ErrorCode::AuthenticationFailed:
    case ErrorCode::StoreDamaged:
        return ExitCode::StoreDamaged;
    case ErrorCode::WrongPassphrase:
        return ExitCode::WrongPassphrase;
    case ErrorCode::Io:
    case ErrorCode::DiskFull:
        return ExitCode::Io;
    case ErrorCode::NotFound:
        return ExitCode::NotFound;
    case ErrorCode::Busy:
        return ExitCode::Busy;
    case ErrorCode::Unsupported:
        return ExitCode::Unsupported;
    case ErrorCode::Cancelled:
        return ExitCode::Cancelled;
    case ErrorCode::Internal:
        return ExitCode::Internal;
    }
    return ExitCode::Internal;
}

} // namespace fv::cli
