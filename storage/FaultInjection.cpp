#include "storage/FaultInjection.h"

#include <atomic>
#include <cerrno>
#include <mutex>

namespace fv {
namespace {

std::atomic<bool> g_armed{false};
std::mutex g_mutex;
FaultPlan g_plan;
std::uint64_t g_counts[5] = {};
bool g_fired = false;

} // namespace

void armFault(const FaultPlan& plan) noexcept
{
    std::lock_guard lock(g_mutex);
    g_plan = plan;
    for (auto& c : g_counts)
        c = 0;
    g_fired = false;
    g_armed.store(true);
}

void disarmFaults() noexcept
{
    std::lock_guard lock(g_mutex);
    g_armed.store(false);
}

std::uint64_t faultOpCount(FaultOp op) noexcept
{
    std::lock_guard lock(g_mutex);
    return g_counts[static_cast<int>(op)];
}

bool faultFired() noexcept
{
    std::lock_guard lock(g_mutex);
    return g_fired;
}

namespace detail {

int faultCheck(FaultOp op, bool* shortWrite) noexcept
{
    if (shortWrite != nullptr)
        *shortWrite = false;
    if (!g_armed.load(std::memory_order_relaxed))
        return 0;
    std::lock_guard lock(g_mutex);
    const std::uint64_t n = ++g_counts[static_cast<int>(op)];
    if (op != g_plan.op)
        return 0;
    if (n < g_plan.failAt || (n > g_plan.failAt && !g_plan.sticky))
        return 0;
    g_fired = true;
    switch (g_plan.kind) {
    case FaultKind::Fail:
        return EIO;
    case FaultKind::DiskFull:
        return ENOSPC;
    case FaultKind::ShortWrite:
        if (shortWrite != nullptr)
            *shortWrite = true;
        return EIO;
    }
    return EIO;
}

} // namespace detail
} // namespace fv
