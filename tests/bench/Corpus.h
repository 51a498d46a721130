#pragma once
// Deterministic benchmark data: testimonies in Arabic, English or both, with 2–8 KB narratives,
// and a fixed set of search queries whose words occur in them. The same (seed, index) always
// gives the same testimony on every machine (own PRNG, no std distributions).

#include "core/Search.h"
#include "core/Testimony.h"
#include "crypto/SecretBuffer.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <cstdint>

namespace fv::bench {

/// splitmix64: small, fast and identical everywhere.
class Rng
{
public:
    explicit Rng(std::uint64_t seed) noexcept : m_state(seed) {}
    std::uint64_t next() noexcept;
    /// Uniform in [0, n); n > 0.
    std::uint32_t below(std::uint32_t n) noexcept;
    /// Uniform in [lo, hi].
    int between(int lo, int hi) noexcept
    {
        return lo + static_cast<int>(below(static_cast<std::uint32_t>(hi - lo + 1)));
    }
    /// True with probability percent/100.
    bool chance(int percent) noexcept { return below(100) < static_cast<std::uint32_t>(percent); }

private:
    std::uint64_t m_state;
};

/// The testimony number `index` of the corpus `seed`: valid input for TestimonyStore::add().
Testimony makeTestimony(std::uint64_t seed, std::uint64_t index);

/// One benchmark query with a short label for reports.
struct BenchQuery
{
    QString label;
    SearchQuery query;
};

/// The fixed query set (about 50): Arabic and Latin words, spelling variants, prefixes, names,
/// and the filters of Search.h (place, acts, date range, status), alone and combined.
QList<BenchQuery> benchQueries();

/// What a reusable store of `count` corpus testimonies must match: the schema (every
/// migration's SQL), the corpus generator's version, the seed and the size. fv_bench keeps it in
/// its search stores' "complete" marker, fv_bench_desktop beside its vault.
QByteArray storeFingerprint(std::uint64_t seed, int count);

/// The page key of fv_bench's search stores, recreated from the seed (so they can be reused).
SecretBuffer benchKey(std::uint64_t seed);

} // namespace fv::bench
