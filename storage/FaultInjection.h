#pragma once
// Test-only fault injection for every file operation storage/ performs (the VFS shim's calls
// into the unix VFS and the BlobStore's own I/O). Off unless a test arms it; costs one atomic
// load per operation when off.

#include <cstdint>

namespace fv {

enum class FaultOp
{
    Read,
    Write,
    Sync,
    Truncate,
    Rename,
};

enum class FaultKind
{
    Fail,       ///< the operation returns an I/O error
    ShortWrite, ///< half the bytes are written, then an I/O error
    DiskFull,   ///< the operation fails with "no space left on device"
};

struct FaultPlan
{
    FaultOp op = FaultOp::Write;
    FaultKind kind = FaultKind::Fail;
    std::uint64_t failAt = 1; ///< 1-based: the Nth matching operation after arming fails
    bool sticky = false;      ///< keep failing every later matching operation too
};

/// Arms a fault; replaces any previous plan and resets the counters.
void armFault(const FaultPlan& plan) noexcept;
/// Disarms fault injection.
void disarmFaults() noexcept;
/// How many operations of `op` were seen since arming (for tests that sweep N).
std::uint64_t faultOpCount(FaultOp op) noexcept;
/// Whether a fault was injected since arming.
bool faultFired() noexcept;

namespace detail {
/// Called by storage/ before each operation: 0 to proceed, or the errno to fail with
/// (EIO or ENOSPC). For ShortWrite, `shortWrite` is set and the caller writes half then fails.
int faultCheck(FaultOp op, bool* shortWrite = nullptr) noexcept;
} // namespace detail

} // namespace fv
