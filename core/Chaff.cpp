#include "core/Chaff.h"

#include "crypto/Random.h"
#include "crypto/StreamCipher.h"
#include "storage/BlobStore.h"
#include "storage/Vfs.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <map>
#include <optional>
#include <vector>

namespace fv {

namespace fs = std::filesystem;

namespace {

constexpr std::uint64_t kMinStoreQuantum = 256 * 1024;
constexpr std::uint32_t kPhantomOneIn = 8;
// Phantom plaintext sizes when the vault holds no attachment yet: log-uniform in this range.
constexpr double kPhantomMinBytes = 64.0 * 1024;
constexpr double kPhantomMaxBytes = 8.0 * 1024 * 1024;

double uniform01() noexcept
{
    return randomUniform(1u << 30) / static_cast<double>(1u << 30);
}

// A blob file size near `likeDiskSize` (its plaintext scaled by 2^u, u uniform in [-1, 1)),
// or log-uniform when there is nothing to resemble.
std::uint64_t phantomDiskSize(const std::vector<std::uint64_t>& existing)
{
    double plain = 0;
    if (existing.empty()) {
        plain = kPhantomMinBytes * std::pow(kPhantomMaxBytes / kPhantomMinBytes, uniform01());
    } else {
        const std::uint64_t like = existing[randomUniform(static_cast<std::uint32_t>(existing.size()))];
        auto likePlain = StreamLayout::plaintextSize(like);
        plain = static_cast<double>(likePlain ? *likePlain : like) * std::exp2(2.0 * uniform01() - 1.0);
    }
    // Capped: a phantom pair the size of a long recording at one lock in eight would fill the
    // disk. Larger real attachments remain what the docs call "still shows".
    plain = std::min(plain, kPhantomMaxBytes);
    return StreamLayout::ciphertextSize(static_cast<std::uint64_t>(std::max(1.0, plain)));
}

} // namespace

std::uint64_t chaffStoreTarget(std::uint64_t bytes) noexcept
{
    if (bytes == 0)
        return 0;
    const std::uint64_t quantum = std::max(kMinStoreQuantum, std::bit_floor(bytes) / 8);
    return (bytes + quantum - 1) / quantum * quantum;
}

Status writeLockChaff(const std::array<fs::path, 2>& stores, const std::array<fs::path, 2>& blobDirs)
{
    // 1. Stores: one common size.
    std::uint64_t largest = 0;
    for (const fs::path& store : stores) {
        std::error_code ec;
        const auto size = fs::file_size(store, ec);
        if (!ec)
            largest = std::max<std::uint64_t>(largest, size);
    }
    const std::uint64_t target = chaffStoreTarget(largest);
    for (const fs::path& store : stores) {
        if (auto st = padStoreFile(store, target); !st)
            return st;
    }

    // 2. Blob folders: the same multiset of sizes in both.
    std::array<std::optional<BlobStore>, 2> dirs;
    std::array<std::map<std::uint64_t, std::size_t>, 2> counts;
    std::vector<std::uint64_t> all;
    for (std::size_t i = 0; i < 2; ++i) {
        auto store = BlobStore::open(blobDirs[i]);
        if (!store)
            return std::unexpected(store.error());
        auto sizes = store->diskSizes();
        if (!sizes)
            return std::unexpected(sizes.error());
        for (const auto& [name, size] : *sizes) {
            ++counts[i][size];
            all.push_back(size);
        }
        dirs[i].emplace(std::move(*store));
    }
    for (std::size_t i = 0; i < 2; ++i) {
        const std::size_t other = 1 - i;
        for (const auto& [size, count] : counts[i]) {
            const auto it = counts[other].find(size);
            const std::size_t have = it == counts[other].end() ? 0 : it->second;
            for (std::size_t n = have; n < count; ++n) {
                if (auto st = dirs[other]->writeChaff(size); !st)
                    return st;
            }
        }
    }

    // 3. Sometimes a pair that belongs to no store.
    if (randomUniform(kPhantomOneIn) == 0) {
        const std::uint64_t size = phantomDiskSize(all);
        for (auto& dir : dirs) {
            if (auto st = dir->writeChaff(size); !st)
                return st;
        }
    }
    return {};
}

} // namespace fv
