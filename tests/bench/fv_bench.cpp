// fv_bench: the performance table of docs/performance.md (quality brief, "Performance").
// Every row runs Fieldvault and its reference on the same data in the same run, several times,
// interleaving the two so that a noisy neighbour hurts both alike, and prints medians and
// ratios (Markdown on stdout, everything with the raw samples in --json).
//
// Usage: fv_bench --dir DIR [--rows insert,search,open,ingest,sync,kdf] [--insert N] [--search N]
//                 [--blob-mib N] [--sync-testimonies N] [--sync-mib N] [--reps N] [--passes N]
//                 [--seed N] [--json FILE]
//                 [--cache-mib N]  (experiment: SQLite page cache for the search and open rows)
// DIR must be on the disk being measured (not tmpfs); it is created, and its contents reused
// between runs only for the search stores (a fixed seed gives the same stores).

#include "Corpus.h"
#include "core/Schema.h"
#include "core/Search.h"
#include "core/TestimonyJson.h"
#include "core/TestimonyStore.h"
#include "core/sync/BundleWriter.h"
#include "core/sync/Importer.h"
#include "crypto/Age.h"
#include "crypto/Crypto.h"
#include "crypto/Hash.h"
#include "crypto/Kdf.h"
#include "crypto/Random.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTime>
#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;
namespace fs = std::filesystem;

namespace fv::bench {
namespace {

// ---------------------------------------------------------------------------------------------
// Small helpers

[[noreturn]] void die(const std::string& what)
{
    std::fprintf(stderr, "fv_bench: %s\n", what.c_str());
    std::fflush(stderr);
    std::_Exit(1);
}

template <class T>
T must(Result<T> r, const char* what)
{
    if (!r)
        die(std::string(what) + ": " + r.error().message);
    return std::move(*r);
}

void must(const Status& st, const char* what)
{
    if (!st)
        die(std::string(what) + ": " + st.error().message);
}

std::string fmt(const char* format, double value)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, format, value);
    return buf;
}

QString qfmt(const char* format, double value)
{
    return QString::fromStdString(fmt(format, value));
}

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// CPU time (user + system) this process has used: unlike wall time, barely affected by
/// other programs competing for the cores.
double cpuSeconds()
{
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

double seconds(const timeval& tv)
{
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) / 1e6;
}

/// Median of a non-empty sample.
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/// Nearest-rank percentile (p in (0, 100]) of a non-empty sample.
double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

QJsonArray toJson(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v)
        a.append(x);
    return a;
}

QString loadAverage()
{
    QFile f(u"/proc/loadavg"_s);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(f.readLine()).section(u' ', 0, 2);
}

const char* variantName(bool encrypted)
{
    return encrypted ? "encrypted" : "plain";
}

/// The two variants in the order of repetition `rep`: alternating, so neither always goes first.
std::array<bool, 2> variantOrder(int rep)
{
    return rep % 2 == 0 ? std::array<bool, 2>{true, false} : std::array<bool, 2>{false, true};
}

// ---------------------------------------------------------------------------------------------
// Output

struct Line
{
    QString work, project, reference, ratio, target, met;
};

struct Report
{
    QList<Line> lines;
    QJsonArray rows;
    QStringList notes;

    void print(std::FILE* out) const
    {
        std::fputs("| work | Fieldvault | reference | ratio | target | met |\n", out);
        std::fputs("|---|---|---|---|---|---|\n", out);
        for (const Line& l : lines) {
            const QString row = u"| "_s + l.work + u" | "_s + l.project + u" | "_s + l.reference + u" | "_s +
                                l.ratio + u" | "_s + l.target + u" | "_s + l.met + u" |\n"_s;
            std::fputs(row.toStdString().c_str(), out);
        }
        for (const QString& n : notes)
            std::fputs(("\n- " + n.toStdString()).c_str(), out);
        std::fputs("\n", out);
        std::fflush(out);
    }
};

QString verdict(bool met)
{
    return met ? u"yes"_s : u"**no**"_s;
}

QString ratioText(double r)
{
    return qfmt("%.2f×", r);
}

void progress(const std::string& text)
{
    std::fprintf(stderr, "[fv_bench %s load %s] %s\n",
                 QTime::currentTime().toString(u"HH:mm:ss"_s).toStdString().c_str(),
                 loadAverage().toStdString().c_str(), text.c_str());
    std::fflush(stderr);
}

// ---------------------------------------------------------------------------------------------
// Stores

/// Experiment only (--cache-mib): SQLite page cache size for the search and open rows, to show
/// what a larger cache would change. 0 keeps the store's own setting.
int g_cacheMiB = 0;

/// An open, migrated vault store with its blob store and domain store, as Vault opens one.
struct OpenStore
{
    std::optional<Database> db;
    std::optional<BlobStore> blobs;
    std::optional<TestimonyStore> store;

    /// Opens (or creates) the store in `dir` exactly as Vault::State::open() does after the KDF:
    /// database, migrations, blob directory, orphan removal.
    /// Heap-allocated: the domain store and Search keep pointers into it.
    static std::unique_ptr<OpenStore> open(const fs::path& dir, const SecretBuffer& key, bool encrypted,
                                           bool create)
    {
        auto s = std::make_unique<OpenStore>();
        s->db.emplace(must(Database::open(dir / "store", key, {.create = create, .encrypted = encrypted}),
                           "opening the store"));
        must(migrate(*s->db, vaultMigrations()), "migrating the store");
        s->blobs.emplace(must(BlobStore::open(dir / "blobs"), "opening the blob store"));
        const auto known = must(referencedBlobNames(*s->db), "listing blobs");
        (void)must(s->blobs->removeOrphans(known), "removing orphans");
        s->store.emplace(*s->db, *s->blobs);
        if (g_cacheMiB > 0 && !create)
            must(s->db->exec("PRAGMA cache_size=-" + std::to_string(g_cacheMiB * 1024)),
                 "setting the cache size");
        return s;
    }

    void close()
    {
        store.reset();
        if (db)
            must(db->close(), "closing the store");
        db.reset();
        blobs.reset();
    }
};

void freshDirectory(const fs::path& dir)
{
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir);
}

// ---------------------------------------------------------------------------------------------
// Row 1: insert

struct Options
{
    fs::path dir;
    QSet<QString> rows{u"insert"_s, u"search"_s, u"open"_s, u"ingest"_s, u"sync"_s, u"kdf"_s};
    int insertCount = 10000;
    int searchCount = 100000;
    int blobMiB = 1024;
    int syncTestimonies = 1000; ///< sync rows: testimonies in the exported store
    int syncMiB = 1024;         ///< sync rows: attachment bytes in it, MiB
    int reps = 3;
    int passes = 5;
    std::uint64_t seed = 20120525;
    QString jsonPath;
};

void rowInsert(const Options& o, Report& report)
{
    progress("insert: generating " + std::to_string(o.insertCount) + " testimonies");
    QList<Testimony> data;
    data.reserve(o.insertCount);
    std::uint64_t bytes = 0;
    for (int i = 0; i < o.insertCount; ++i) {
        data.append(makeTestimony(o.seed, static_cast<std::uint64_t>(i)));
        bytes += static_cast<std::uint64_t>(data.back().narrative.toUtf8().size());
    }
    const SecretBuffer key = benchKey(o.seed);
    std::vector<double> seconds[2], cpu[2]; // [encrypted]
    for (int rep = 0; rep < o.reps; ++rep) {
        for (bool encrypted : variantOrder(rep)) {
            const fs::path dir = o.dir / (std::string("insert-") + variantName(encrypted));
            freshDirectory(dir);
            progress(std::string("insert: rep ") + std::to_string(rep + 1) + " " + variantName(encrypted));
            auto s = OpenStore::open(dir, key, encrypted, true);
            const auto start = Clock::now();
            const double cpuStart = cpuSeconds();
            for (const Testimony& t : data)
                (void)must(s->store->add(t), "adding a testimony");
            s->close(); // the final checkpoint is part of the work
            seconds[encrypted].push_back(secondsSince(start));
            cpu[encrypted].push_back(cpuSeconds() - cpuStart);
            fs::remove_all(dir);
        }
    }
    const double enc = median(seconds[1]), plain = median(seconds[0]);
    const double ratio = enc / plain;
    auto cell = [&](double s) {
        return qfmt("%.0f ms", s * 1000) + u" ("_s + qfmt("%.0f", o.insertCount / s) + u"/s)"_s;
    };
    report.lines.append(
        {u"insert "_s + QString::number(o.insertCount) + u" testimonies (one durable add() each)"_s,
         cell(enc), u"plain VFS: "_s + cell(plain), ratioText(ratio), u"≤ 1.15×"_s, verdict(ratio <= 1.15)});
    const double encCpu = median(cpu[1]), plainCpu = median(cpu[0]);
    report.notes.append(u"Insert, CPU time of the bench process (median): encrypted "_s +
                        qfmt("%.1f s", encCpu) + u", plain "_s + qfmt("%.1f s", plainCpu) + u" ("_s +
                        ratioText(encCpu / plainCpu) +
                        u"); the rest of the wall time is waiting for fsync and for the CPU."_s);
    report.rows.append(QJsonObject{{u"row"_s, u"insert"_s},
                                   {u"encrypted_cpu_s"_s, toJson(cpu[1])},
                                   {u"plain_cpu_s"_s, toJson(cpu[0])},
                                   {u"count"_s, o.insertCount},
                                   {u"narrative_bytes_mean"_s, static_cast<double>(bytes) / o.insertCount},
                                   {u"encrypted_s"_s, toJson(seconds[1])},
                                   {u"plain_s"_s, toJson(seconds[0])},
                                   {u"ratio"_s, ratio}});
}

// ---------------------------------------------------------------------------------------------
// Rows 2 and 3: search and open over a large store

fs::path searchStoreDir(const Options& o, bool encrypted)
{
    return o.dir / (std::string("search-") + std::to_string(o.searchCount) + "-" + variantName(encrypted));
}

/// What a reusable search store must match (Corpus.h). Stored in the store's "complete" marker.
QByteArray storeFingerprint(const Options& o)
{
    return fv::bench::storeFingerprint(o.seed, o.searchCount);
}

/// Builds the large store once per variant; reuses it while its fingerprint matches (a schema
/// change in core/ makes the next run rebuild it). Returns the build time in seconds, or
/// nullopt when it was reused.
std::optional<double> ensureSearchStore(const Options& o, bool encrypted)
{
    const fs::path dir = searchStoreDir(o, encrypted);
    const SecretBuffer key = benchKey(o.seed);
    QFile marker(QString::fromStdString((dir / "complete").string()));
    if (marker.open(QIODevice::ReadOnly) && marker.readAll() == storeFingerprint(o))
        return std::nullopt;
    marker.close();
    freshDirectory(dir);
    progress(std::string("search: building ") + std::to_string(o.searchCount) + " testimonies, " +
             variantName(encrypted));
    auto s = OpenStore::open(dir, key, encrypted, true);
    // Setup only: not durable per add, which only the build needs. Measured opens use the
    // vault's own pragmas again.
    must(s->db->exec("PRAGMA synchronous=OFF"), "relaxing sync for the build");
    const auto start = Clock::now();
    for (int i = 0; i < o.searchCount; ++i) {
        (void)must(s->store->add(makeTestimony(o.seed, static_cast<std::uint64_t>(i))), "adding a testimony");
        if ((i + 1) % 10000 == 0)
            progress("  " + std::to_string(i + 1));
    }
    s->close();
    const double seconds = secondsSince(start);
    if (!marker.open(QIODevice::WriteOnly | QIODevice::Truncate) || marker.write(storeFingerprint(o)) < 0)
        die("cannot write the store marker");
    return seconds;
}

void rowSearch(const Options& o, Report& report)
{
    std::optional<double> build[2];
    for (bool encrypted : {true, false})
        build[encrypted] = ensureSearchStore(o, encrypted);
    if (build[0] && build[1]) {
        report.notes.append(
            u"Building the "_s + QString::number(o.searchCount) +
            u"-testimony search stores (add() with synchronous=OFF, set-up only): encrypted "_s +
            qfmt("%.1f s", *build[1]) + u", plain "_s + qfmt("%.1f s", *build[0]) + u" ("_s +
            ratioText(*build[1] / *build[0]) + u")."_s);
    }
    if (!o.rows.contains(u"search"_s))
        return;

    const SecretBuffer key = benchKey(o.seed);
    const QList<BenchQuery> queries = benchQueries();
    std::unique_ptr<OpenStore> stores[2];
    std::optional<Search> search[2];
    for (bool encrypted : {true, false}) {
        stores[encrypted] = OpenStore::open(searchStoreDir(o, encrypted), key, encrypted, false);
        search[encrypted].emplace(*stores[encrypted]->db);
    }
    // Warm-up pass, and a cross-check: both stores hold the same corpus, so the counts agree.
    std::vector<qsizetype> hits(queries.size());
    for (qsizetype q = 0; q < queries.size(); ++q) {
        const auto a = must(search[1]->run(queries[q].query), "search");
        const auto b = must(search[0]->run(queries[q].query), "search");
        if (a.size() != b.size())
            die("search: the two stores disagree on " + queries[q].label.toStdString());
        hits[q] = a.size();
    }
    std::vector<double> samples[2], cpuSamples[2];
    std::vector<std::vector<double>> perQuery[2];
    for (bool e : {true, false})
        perQuery[e].resize(queries.size());
    progress("search: " + std::to_string(o.passes) + " passes of " + std::to_string(queries.size()) +
             " queries");
    for (int pass = 0; pass < o.passes; ++pass) {
        for (bool encrypted : variantOrder(pass)) {
            for (qsizetype q = 0; q < queries.size(); ++q) {
                const auto start = Clock::now();
                const double cpuStart = cpuSeconds();
                (void)must(search[encrypted]->run(queries[q].query), "search");
                const double ms = secondsSince(start) * 1000;
                cpuSamples[encrypted].push_back((cpuSeconds() - cpuStart) * 1000);
                samples[encrypted].push_back(ms);
                perQuery[encrypted][q].push_back(ms);
            }
        }
    }
    for (bool e : {true, false})
        stores[e]->close();

    const double encMed = median(samples[1]), plainMed = median(samples[0]);
    const double encP95 = percentile(samples[1], 95), plainP95 = percentile(samples[0], 95);
    const QString over = u"FTS query over "_s + QString::number(o.searchCount) + u" ("_s +
                         QString::number(queries.size()) + u" queries × "_s + QString::number(o.passes) +
                         u" passes)"_s;
    report.lines.append({over + u", median"_s, qfmt("%.2f ms", encMed),
                         u"plain VFS: "_s + qfmt("%.2f ms", plainMed), ratioText(encMed / plainMed),
                         u"≤ 1.15×"_s, verdict(encMed / plainMed <= 1.15)});
    report.lines.append({over + u", p95"_s, qfmt("%.2f ms", encP95),
                         u"plain VFS: "_s + qfmt("%.2f ms", plainP95), ratioText(encP95 / plainP95),
                         u"≤ 1.15×; p95 < 30 ms"_s, verdict(encP95 / plainP95 <= 1.15 && encP95 < 30)});

    report.notes.append(u"Search, CPU time per query: median encrypted "_s +
                        qfmt("%.2f ms", median(cpuSamples[1])) + u", plain "_s +
                        qfmt("%.2f ms", median(cpuSamples[0])) + u" ("_s +
                        ratioText(median(cpuSamples[1]) / median(cpuSamples[0])) + u"); p95 encrypted "_s +
                        qfmt("%.2f ms", percentile(cpuSamples[1], 95)) + u", plain "_s +
                        qfmt("%.2f ms", percentile(cpuSamples[0], 95)) + u"."_s);
    QJsonArray perQueryJson;
    std::vector<std::pair<double, qsizetype>> slowest;
    for (qsizetype q = 0; q < queries.size(); ++q) {
        const double e = median(perQuery[1][q]), p = median(perQuery[0][q]);
        slowest.push_back({e, q});
        perQueryJson.append(QJsonObject{{u"label"_s, queries[q].label},
                                        {u"hits"_s, static_cast<qint64>(hits[q])},
                                        {u"encrypted_ms_median"_s, e},
                                        {u"plain_ms_median"_s, p}});
    }
    std::sort(slowest.rbegin(), slowest.rend());
    QStringList worst;
    for (std::size_t i = 0; i < std::min<std::size_t>(5, slowest.size()); ++i) {
        const qsizetype q = slowest[i].second;
        worst.append(queries[q].label + u" "_s + qfmt("%.1f", slowest[i].first) + u"/"_s +
                     qfmt("%.1f ms", median(perQuery[0][q])));
    }
    report.notes.append(u"Slowest queries (median encrypted/plain): "_s + worst.join(u"; "_s) + u"."_s);
    report.rows.append(QJsonObject{{u"row"_s, u"search"_s},
                                   {u"count"_s, o.searchCount},
                                   {u"encrypted_ms"_s, toJson(samples[1])},
                                   {u"plain_ms"_s, toJson(samples[0])},
                                   {u"encrypted_cpu_ms"_s, toJson(cpuSamples[1])},
                                   {u"plain_cpu_ms"_s, toJson(cpuSamples[0])},
                                   {u"encrypted_median_ms"_s, encMed},
                                   {u"plain_median_ms"_s, plainMed},
                                   {u"encrypted_p95_ms"_s, encP95},
                                   {u"plain_p95_ms"_s, plainP95},
                                   {u"queries"_s, perQueryJson}});
}

void rowOpen(const Options& o, Report& report)
{
    const SecretBuffer key = benchKey(o.seed);
    std::vector<double> ms[2], cpuMs[2];
    const int reps = std::max(5, o.reps * 2);
    progress("open: " + std::to_string(reps) + " repetitions");
    for (int rep = 0; rep < reps; ++rep) {
        for (bool encrypted : variantOrder(rep)) {
            const auto start = Clock::now();
            const double cpuStart = cpuSeconds();
            auto s = OpenStore::open(searchStoreDir(o, encrypted), key, encrypted, false);
            const auto first = must(s->store->list(100), "listing");
            ms[encrypted].push_back(secondsSince(start) * 1000);
            cpuMs[encrypted].push_back((cpuSeconds() - cpuStart) * 1000);
            if (first.size() != std::min(100, o.searchCount))
                die("open: the list is short");
            s->close();
        }
    }
    const double enc = median(ms[1]), plain = median(ms[0]);
    report.lines.append({u"open a store of "_s + QString::number(o.searchCount) +
                             u" and list the first 100 (KDF excluded, warm OS cache)"_s,
                         qfmt("%.1f ms", enc), u"plain VFS: "_s + qfmt("%.1f ms", plain),
                         ratioText(enc / plain), u"< 100 ms"_s, verdict(enc < 100)});
    report.rows.append(QJsonObject{{u"row"_s, u"open"_s},
                                   {u"count"_s, o.searchCount},
                                   {u"encrypted_ms"_s, toJson(ms[1])},
                                   {u"plain_ms"_s, toJson(ms[0])},
                                   {u"encrypted_cpu_ms"_s, toJson(cpuMs[1])},
                                   {u"plain_cpu_ms"_s, toJson(cpuMs[0])}});
}

// ---------------------------------------------------------------------------------------------
// Row 4: attachment ingest, each contender in its own process (peak memory from wait4)

struct ChildRun
{
    double seconds = 0;     ///< from fork to exit
    double syncSeconds = 0; ///< fsync of the output afterwards (cp and age only)
    double cpuSeconds = 0;  ///< user + system time of the child
    long maxRssKiB = 0;
};

ChildRun runChild(const std::vector<std::string>& argv, const fs::path& syncAfter = {})
{
    std::vector<char*> args;
    for (const std::string& a : argv)
        args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const auto start = Clock::now();
    const pid_t pid = ::fork();
    if (pid < 0)
        die("fork failed");
    if (pid == 0) {
        ::execvp(args[0], args.data());
        std::_Exit(127);
    }
    int status = 0;
    struct rusage usage
    {
    };
    if (::wait4(pid, &status, 0, &usage) != pid)
        die("wait4 failed");
    ChildRun run;
    run.seconds = secondsSince(start);
    run.maxRssKiB = usage.ru_maxrss;
    run.cpuSeconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        die("child failed: " + argv[0] + " " + (argv.size() > 1 ? argv[1] : std::string()));
    if (!syncAfter.empty()) {
        const auto syncStart = Clock::now();
        const int fd = ::open(syncAfter.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0 || ::fsync(fd) != 0)
            die("fsync of " + syncAfter.string() + " failed");
        ::close(fd);
        run.syncSeconds = secondsSince(syncStart);
    }
    return run;
}

std::string commandOutput(const std::string& command)
{
    std::FILE* p = ::popen(command.c_str(), "r");
    if (p == nullptr)
        die("cannot run " + command);
    std::string out;
    char buf[256];
    while (std::fgets(buf, sizeof buf, p) != nullptr)
        out += buf;
    if (::pclose(p) != 0)
        die(command + " failed");
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r'))
        out.pop_back();
    return out;
}

/// Writes `mib` MiB of incompressible, deterministic bytes and makes them durable.
void writeSourceFile(const fs::path& path, int mib, std::uint64_t seed)
{
    struct stat st
    {
    };
    if (::stat(path.c_str(), &st) == 0 && st.st_size == static_cast<off_t>(mib) * 1024 * 1024)
        return;
    progress("ingest: writing a " + std::to_string(mib) + " MiB source file");
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        die("cannot create " + path.string());
    Rng rng(seed);
    std::vector<std::uint64_t> block(1024 * 1024 / 8);
    for (int i = 0; i < mib; ++i) {
        for (auto& w : block)
            w = rng.next();
        if (::write(fd, block.data(), 1024 * 1024) != 1024 * 1024)
            die("cannot write " + path.string());
    }
    if (::fsync(fd) != 0)
        die("cannot sync " + path.string());
    ::close(fd);
}

void rowIngest(const Options& o, const std::string& self, Report& report)
{
    const fs::path src = o.dir / "ingest-source.bin";
    writeSourceFile(src, o.blobMiB, o.seed);
    const fs::path keyFile = o.dir / "age-key.txt";
    if (!fs::exists(keyFile))
        (void)commandOutput("age-keygen -o '" + keyFile.string() + "' 2>/dev/null");
    const std::string recipient = commandOutput("age-keygen -y '" + keyFile.string() + "'");
    const fs::path out = o.dir / "ingest-out";

    enum Contender
    {
        Blob,
        Attach,
        Age,
        Copy,
        Floor,
        Count
    };
    const char* names[Count] = {"BlobStore", "attachFile()", "age -r", "cp", "idle fv_bench"};
    std::vector<ChildRun> runs[Count];
    for (int rep = 0; rep < o.reps; ++rep) {
        // Rotate the order so that no contender always follows the same one.
        for (int k = 0; k < Count; ++k) {
            const int c = (k + rep) % Count;
            freshDirectory(out);
            progress(std::string("ingest: rep ") + std::to_string(rep + 1) + " " + names[c]);
            switch (c) {
            case Blob:
                runs[c].push_back(runChild({self, "--child", "blob", src.string(), out.string()}));
                break;
            case Attach:
                runs[c].push_back(runChild({self, "--child", "attach", src.string(), out.string()}));
                break;
            case Age:
                runs[c].push_back(runChild(
                    {"age", "-r", recipient, "-o", (out / "f.age").string(), src.string()}, out / "f.age"));
                break;
            case Copy:
                runs[c].push_back(runChild({"cp", src.string(), (out / "f").string()}, out / "f"));
                break;
            case Floor:
                runs[c].push_back(runChild({self, "--child", "idle"}));
                break;
            }
        }
    }
    fs::remove_all(out);

    auto med = [&](int c, bool withSync) {
        std::vector<double> v;
        for (const ChildRun& r : runs[c])
            v.push_back(r.seconds + (withSync ? r.syncSeconds : 0));
        return median(v);
    };
    auto rss = [&](int c) {
        long m = 0;
        for (const ChildRun& r : runs[c])
            m = std::max(m, r.maxRssKiB);
        return m / 1024.0;
    };
    const double mib = o.blobMiB;
    auto speed = [&](double s) { return qfmt("%.2f s", s) + u" ("_s + qfmt("%.0f MiB/s", mib / s) + u")"_s; };
    const QString size = o.blobMiB == 1024 ? u"1 GiB"_s : QString::number(o.blobMiB) + u" MiB"_s;
    for (int c : {Blob, Attach}) {
        const double t = med(c, false);
        const QString who = c == Blob ? u"BlobStore"_s : u"TestimonyStore::attachFile()"_s;
        const double rAge = t / med(Age, false), rAgeSync = t / med(Age, true);
        const double rCp = t / med(Copy, false), rCpSync = t / med(Copy, true);
        report.lines.append(
            {u"ingest "_s + size + u" via "_s + who + u" (fsynced) vs age"_s, speed(t),
             u"age -r: "_s + speed(med(Age, false)) + u"; age + fsync: "_s + speed(med(Age, true)),
             ratioText(rAge) + u" ("_s + ratioText(rAgeSync) + u" vs +fsync)"_s, u"≤ 1.0× age"_s,
             verdict(rAge <= 1.0) + u" ("_s + verdict(rAgeSync <= 1.0) + u" vs +fsync)"_s});
        report.lines.append(
            {u"ingest "_s + size + u" via "_s + who + u" (fsynced) vs cp"_s, speed(t),
             u"cp: "_s + speed(med(Copy, false)) + u"; cp + fsync: "_s + speed(med(Copy, true)),
             ratioText(rCp) + u" ("_s + ratioText(rCpSync) + u" vs +fsync)"_s, u"≤ 1.5× cp"_s,
             verdict(rCp <= 1.5) + u" ("_s + verdict(rCpSync <= 1.5) + u" vs +fsync)"_s});
    }
    auto cpuMed = [&](int c) {
        std::vector<double> v;
        for (const ChildRun& r : runs[c])
            v.push_back(r.cpuSeconds);
        return median(v);
    };
    report.notes.append(u"Ingest, CPU time (user + system, median): BlobStore "_s +
                        qfmt("%.2f s", cpuMed(Blob)) + u", attachFile() "_s + qfmt("%.2f s", cpuMed(Attach)) +
                        u", age "_s + qfmt("%.2f s", cpuMed(Age)) + u", cp "_s +
                        qfmt("%.2f s", cpuMed(Copy)) + u"."_s);
    report.lines.append(
        {u"peak memory (ru_maxrss) ingesting "_s + size,
         u"BlobStore "_s + qfmt("%.1f MiB", rss(Blob)) + u"; attachFile() "_s + qfmt("%.1f MiB", rss(Attach)),
         u"age "_s + qfmt("%.1f MiB", rss(Age)) + u"; cp "_s + qfmt("%.1f MiB", rss(Copy)) +
             u"; idle fv_bench "_s + qfmt("%.1f MiB", rss(Floor)),
         u"—"_s, u"< 64 MiB, flat"_s, verdict(rss(Blob) < 64 && rss(Attach) < 64)});
    QJsonObject row{{u"row"_s, u"ingest"_s}, {u"mib"_s, o.blobMiB}};
    for (int c = 0; c < Count; ++c) {
        std::vector<double> s, sync, cpu;
        for (const ChildRun& r : runs[c]) {
            s.push_back(r.seconds);
            sync.push_back(r.syncSeconds);
            cpu.push_back(r.cpuSeconds);
        }
        row.insert(QString::fromLatin1(names[c]), QJsonObject{{u"seconds"_s, toJson(s)},
                                                              {u"fsync_seconds"_s, toJson(sync)},
                                                              {u"cpu_seconds"_s, toJson(cpu)},
                                                              {u"max_rss_mib"_s, rss(c)}});
    }
    report.rows.append(row);
}

// ---------------------------------------------------------------------------------------------
// Rows 5 and 6: export of a store (N testimonies + M MiB of attachments) as a bundle, against
// `tar -c … | age -r …` over the same data as plain files; and import of that bundle at HQ,
// against `age -d … | tar -x`. Every contender runs in its own process (peak memory from wait4).

/// The sync work directory's parts.
struct SyncPaths
{
    fs::path root;
    fs::path field() const { return root / "field"; }      ///< the field store (its key: benchKey)
    fs::path hqTemplate() const { return root / "hq"; }    ///< an HQ store with the field card enrolled
    fs::path plain() const { return root / "plain"; }      ///< the same data as plain files
    fs::path hqKey() const { return root / "hq-age.key"; } ///< the HQ age identity (age-keygen format)
    fs::path recipient() const { return root / "hq-age.recipient"; }
    fs::path done() const { return root / "ready"; } ///< written last by the setup
};

constexpr std::uint64_t kSyncKeySeed = 77;

/// Child: builds the field store (testimonies, attachments of `mib` MiB in all, an enrolled HQ
/// card), the HQ template store, the plain copy and the HQ age key, unless already built.
int syncSetupChild(const fs::path& root, int testimonies, int mib, std::uint64_t seed)
{
    const SyncPaths p{root};
    if (fs::exists(p.done()))
        return 0;
    freshDirectory(root);
    fs::create_directories(p.plain() / "entries");
    fs::create_directories(p.plain() / "attachments");
    fs::create_directories(p.field());
    fs::create_directories(p.hqTemplate());
    const SecretBuffer key = benchKey(kSyncKeySeed);
    auto field = OpenStore::open(p.field(), key, true, true);
    auto hq = OpenStore::open(p.hqTemplate(), key, true, true);
    const VaultIdentity fieldId =
        must(VaultIdentity::loadOrCreate(*field->db, VaultRole::Field), "field identity");
    const VaultIdentity hqId = must(VaultIdentity::loadOrCreate(*hq->db, VaultRole::Hq), "HQ identity");
    (void)must(enrolCard(*field->db, hqId.card(), VaultRole::Field, fieldId, QDateTime::currentDateTimeUtc()),
               "enrolling HQ");
    (void)must(enrolCard(*hq->db, fieldId.card(), VaultRole::Hq, hqId, QDateTime::currentDateTimeUtc()),
               "enrolling the delegate");

    // One attachment on every 10th testimony; together `mib` MiB of incompressible bytes.
    const int attachments = std::max(1, testimonies / 10);
    const std::uint64_t each = static_cast<std::uint64_t>(mib) * 1024 * 1024 / attachments;
    Rng rng(seed ^ 0x5eed);
    std::vector<std::uint64_t> block(64 * 1024 / 8);
    for (int i = 0; i < testimonies; ++i) {
        const Testimony t = makeTestimony(seed, static_cast<std::uint64_t>(i));
        const QString id = must(field->store->add(t), "adding a testimony");
        QFile entry(QString::fromStdString((p.plain() / "entries" / (id.toStdString() + ".json")).string()));
        if (!entry.open(QIODevice::WriteOnly) || entry.write(toTestimonyJson(t)) < 0)
            die("cannot write a plain entry");
        if (i % 10 != 0 || i / 10 >= attachments)
            continue;
        const fs::path file = p.plain() / "attachments" / (id.toStdString() + ".bin");
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0)
            die("cannot create " + file.string());
        for (std::uint64_t done = 0; done < each;) {
            for (auto& w : block)
                w = rng.next();
            const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(each - done, 64 * 1024));
            if (::write(fd, block.data(), n) != static_cast<ssize_t>(n))
                die("cannot write " + file.string());
            done += n;
        }
        ::close(fd);
        (void)must(field->store->attachFile(id, QString::fromStdString(file.string())), "attaching");
        if (i % 100 == 0)
            progress("sync setup: " + std::to_string(i + 1) + " of " + std::to_string(testimonies) +
                     " testimonies");
    }
    const SecretBuffer keyText = formatAgeIdentityFile(hqId.ageIdentity(), "2026-01-01T00:00:00Z");
    QFile k(QString::fromStdString(p.hqKey().string()));
    if (!k.open(QIODevice::WriteOnly) ||
        k.write(reinterpret_cast<const char*>(keyText.data()), static_cast<qint64>(keyText.size())) < 0)
        die("cannot write the HQ key");
    k.close();
    QFile r(QString::fromStdString(p.recipient().string()));
    if (!r.open(QIODevice::WriteOnly) ||
        r.write(QByteArray::fromStdString(hqId.ageIdentity().recipient().toString())) < 0)
        die("cannot write the HQ recipient");
    r.close();
    field->close();
    hq->close();
    if (std::system(("sync -f '" + root.string() + "'").c_str()) != 0)
        die("sync failed");
    QFile ready(QString::fromStdString(p.done().string()));
    if (!ready.open(QIODevice::WriteOnly))
        die("cannot mark the sync setup done");
    return 0;
}

/// Child: exports everything of the field store under `root` into `out`.
int exportChild(const fs::path& root, const fs::path& out)
{
    const SyncPaths p{root};
    auto field = OpenStore::open(p.field(), benchKey(kSyncKeySeed), true, false);
    const VaultIdentity id = must(VaultIdentity::load(*field->db), "field identity");
    ExportOptions options;
    options.destination = out;
    options.fileName = u"bundle"_s;
    (void)must(exportBundle(*field->db, *field->blobs, id, options), "exporting");
    field->close();
    return 0;
}

/// Child: imports `bundle` into the HQ store in `hqDir`.
int importChild(const fs::path& bundle, const fs::path& hqDir)
{
    auto hq = OpenStore::open(hqDir, benchKey(kSyncKeySeed), true, false);
    const VaultIdentity id = must(VaultIdentity::load(*hq->db), "HQ identity");
    const std::vector<fs::path> files{bundle};
    const ImportReport r = must(importBundle(files, id, *hq->db, *hq->blobs), "importing");
    if (!r.verified || r.alreadyImported)
        die("the bench bundle did not import as new and verified");
    hq->close();
    return 0;
}

std::string shellQuote(const fs::path& p)
{
    return "'" + p.string() + "'";
}

void rowSync(const Options& o, const std::string& self, Report& report)
{
    const SyncPaths p{o.dir /
                      ("sync-" + std::to_string(o.syncTestimonies) + "-" + std::to_string(o.syncMiB))};
    progress("sync: setting up " + std::to_string(o.syncTestimonies) + " testimonies with " +
             std::to_string(o.syncMiB) + " MiB of attachments (kept for later runs)");
    (void)runChild({self, "--child", "sync-setup", p.root.string(), std::to_string(o.syncTestimonies),
                    std::to_string(o.syncMiB), std::to_string(o.seed)});
    const std::string recipient = commandOutput("cat " + shellQuote(p.recipient()));
    const fs::path out = o.dir / "sync-out";
    const fs::path bundle = o.dir / "sync-bundle";
    const fs::path hqRun = o.dir / "sync-hq";

    enum Contender
    {
        Export,
        TarAge,
        Import,
        AgeTar,
        Count
    };
    const char* names[Count] = {"export", "tar | age", "import", "age -d | tar -x"};
    std::vector<ChildRun> runs[Count];
    for (int rep = 0; rep < o.reps; ++rep) {
        // Export and its reference, alternating which goes first.
        for (int k = 0; k < 2; ++k) {
            const bool fv = (k == 0) == (rep % 2 == 0);
            freshDirectory(out);
            progress(std::string("sync: rep ") + std::to_string(rep + 1) + " " + names[fv ? Export : TarAge]);
            if (fv) {
                runs[Export].push_back(runChild({self, "--child", "export", p.root.string(), out.string()}));
                std::error_code ec;
                fs::remove(bundle, ec);
                fs::rename(out / "bundle", bundle);
            } else {
                runs[TarAge].push_back(runChild({"sh", "-c",
                                                 "tar -c -C " + shellQuote(p.plain()) + " . | age -r " +
                                                     recipient + " -o " + shellQuote(out / "ref.age")},
                                                out / "ref.age"));
            }
        }
        // Import of the bundle just written and its reference, alternating too.
        for (int k = 0; k < 2; ++k) {
            const bool fv = (k == 0) == (rep % 2 == 0);
            freshDirectory(out);
            progress(std::string("sync: rep ") + std::to_string(rep + 1) + " " + names[fv ? Import : AgeTar]);
            if (fv) {
                std::error_code ec;
                fs::remove_all(hqRun, ec);
                fs::copy(p.hqTemplate(), hqRun, fs::copy_options::recursive);
                runs[Import].push_back(
                    runChild({self, "--child", "import", bundle.string(), hqRun.string()}));
            } else {
                runs[AgeTar].push_back(
                    runChild({"sh", "-c",
                              "age -d -i " + shellQuote(p.hqKey()) + " " + shellQuote(bundle) +
                                  " | tar -x -C " + shellQuote(out)}));
            }
        }
    }
    std::error_code ec;
    fs::remove_all(out, ec);
    fs::remove_all(hqRun, ec);
    const std::uintmax_t bundleBytes = fs::file_size(bundle, ec);
    fs::remove(bundle, ec);

    auto med = [&](int c, bool withSync) {
        std::vector<double> v;
        for (const ChildRun& r : runs[c])
            v.push_back(r.seconds + (withSync ? r.syncSeconds : 0));
        return median(v);
    };
    auto cpu = [&](int c) {
        std::vector<double> v;
        for (const ChildRun& r : runs[c])
            v.push_back(r.cpuSeconds);
        return median(v);
    };
    auto rss = [&](int c) {
        long m = 0;
        for (const ChildRun& r : runs[c])
            m = std::max(m, r.maxRssKiB);
        return m / 1024.0;
    };
    const QString what = QString::number(o.syncTestimonies) + u" testimonies + "_s +
                         (o.syncMiB == 1024 ? u"1 GiB"_s : QString::number(o.syncMiB) + u" MiB"_s) +
                         u" of attachments"_s;
    auto speed = [&](double s) {
        return qfmt("%.2f s", s) + u" ("_s + qfmt("%.0f MiB/s", (o.syncMiB) / s) + u")"_s;
    };
    const double rExport = med(Export, false) / med(TarAge, false);
    const double rExportSync = med(Export, false) / med(TarAge, true);
    report.lines.append(
        {u"export "_s + what + u" (fsynced bundle)"_s, speed(med(Export, false)),
         u"tar -c \\| age -r: "_s + speed(med(TarAge, false)) + u"; + fsync: "_s + speed(med(TarAge, true)),
         ratioText(rExport) + u" ("_s + ratioText(rExportSync) + u" vs +fsync)"_s, u"≤ 1.1×"_s,
         verdict(rExport <= 1.1) + u" ("_s + verdict(rExportSync <= 1.1) + u" vs +fsync)"_s});
    const double rImport = med(Import, false) / med(AgeTar, false);
    report.lines.append({u"import that bundle at HQ (verified, blobs fsynced)"_s, speed(med(Import, false)),
                         u"age -d \\| tar -x (no fsync): "_s + speed(med(AgeTar, false)), ratioText(rImport),
                         u"≤ 1.2×"_s, verdict(rImport <= 1.2)});
    report.lines.append(
        {u"peak memory (ru_maxrss), export and import of "_s + what,
         u"export "_s + qfmt("%.1f MiB", rss(Export)) + u"; import "_s + qfmt("%.1f MiB", rss(Import)),
         u"tar \\| age "_s + qfmt("%.1f MiB", rss(TarAge)) + u"; age -d \\| tar "_s +
             qfmt("%.1f MiB", rss(AgeTar)),
         u"—"_s, u"< 64 MiB, flat"_s, verdict(rss(Export) < 64 && rss(Import) < 64)});
    report.notes.append(u"Sync, CPU time (user + system, median): export "_s + qfmt("%.2f s", cpu(Export)) +
                        u", tar | age "_s + qfmt("%.2f s", cpu(TarAge)) + u", import "_s +
                        qfmt("%.2f s", cpu(Import)) + u", age -d | tar "_s + qfmt("%.2f s", cpu(AgeTar)) +
                        u"; bundle "_s + qfmt("%.1f MiB", static_cast<double>(bundleBytes) / (1024 * 1024)) +
                        u" (padded). The references read and write plain files; Fieldvault reads encrypted "_s
                        u"blobs (export) or writes them (import) and keeps its store."_s);
    QJsonObject row{{u"row"_s, u"sync"_s},
                    {u"testimonies"_s, o.syncTestimonies},
                    {u"mib"_s, o.syncMiB},
                    {u"bundle_bytes"_s, static_cast<double>(bundleBytes)}};
    for (int c = 0; c < Count; ++c) {
        std::vector<double> s, sync, c2;
        for (const ChildRun& r : runs[c]) {
            s.push_back(r.seconds);
            sync.push_back(r.syncSeconds);
            c2.push_back(r.cpuSeconds);
        }
        row.insert(QString::fromLatin1(names[c]), QJsonObject{{u"seconds"_s, toJson(s)},
                                                              {u"fsync_seconds"_s, toJson(sync)},
                                                              {u"cpu_seconds"_s, toJson(c2)},
                                                              {u"max_rss_mib"_s, rss(c)}});
    }
    report.rows.append(row);
}

int childMain(int argc, char** argv)
{
    const std::string mode = argv[2];
    if (mode == "idle")
        return 0;
    if (argc < 5)
        die("child: missing arguments");
    const fs::path src = argv[3], dir = argv[4];
    if (mode == "blob") {
        BlobStore blobs = must(BlobStore::open(dir / "blobs"), "opening the blob store");
        const SecretBuffer key = SecretBuffer::random(32);
        BlobWriter writer = must(blobs.create(key), "creating a blob");
        const int fd = ::open(src.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            die("cannot open the source");
        std::vector<std::uint8_t> buf(64 * 1024);
        for (;;) {
            const ssize_t n = ::read(fd, buf.data(), buf.size());
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                die("read failed");
            if (n == 0)
                break;
            must(writer.write(ByteView(buf.data(), static_cast<std::size_t>(n))), "writing the blob");
        }
        ::close(fd);
        (void)must(writer.commit(), "committing the blob");
        return 0;
    }
    if (mode == "attach") {
        const SecretBuffer key = SecretBuffer::random(32);
        auto s = OpenStore::open(dir, key, true, true);
        const QString id = must(s->store->add(makeTestimony(1, 0)), "adding a testimony");
        (void)must(s->store->attachFile(id, QString::fromStdString(src.string())), "attaching");
        s->close();
        return 0;
    }
    if (mode == "sync-setup") {
        if (argc < 7)
            die("child: sync-setup needs DIR TESTIMONIES MIB SEED");
        return syncSetupChild(src, std::atoi(argv[4]), std::atoi(argv[5]),
                              std::strtoull(argv[6], nullptr, 10));
    }
    if (mode == "export")
        return exportChild(src, dir);
    if (mode == "import")
        return importChild(src, dir);
    die("child: unknown mode " + mode);
}

// ---------------------------------------------------------------------------------------------
// Row 5: the KDF

void rowKdf(const Options& o, Report& report)
{
    const Argon2Params params = Argon2Params::moderate();
    const Bytes salt = randomBytes(kArgon2SaltBytes);
    const std::string passphrase = "correct horse battery staple, but longer";
    std::vector<double> seconds;
    for (int rep = 0; rep < o.reps; ++rep) {
        progress("kdf: rep " + std::to_string(rep + 1));
        const auto start = Clock::now();
        (void)must(argon2id(asBytes(passphrase), salt, params, 32), "argon2id");
        seconds.push_back(secondsSince(start));
    }
    const QString p = u"Argon2id v1.3, opslimit "_s + QString::number(params.opsLimit) + u", memlimit "_s +
                      QString::number(params.memLimitBytes / (1024 * 1024)) +
                      u" MiB, 1 lane (libsodium MODERATE)"_s;
    report.lines.append({u"unlock KDF: "_s + p, qfmt("%.0f ms", median(seconds) * 1000), u"—"_s, u"—"_s,
                         u"reported only (slow on purpose)"_s, u"—"_s});
    report.rows.append(QJsonObject{{u"row"_s, u"kdf"_s},
                                   {u"opslimit"_s, static_cast<qint64>(params.opsLimit)},
                                   {u"memlimit_bytes"_s, static_cast<qint64>(params.memLimitBytes)},
                                   {u"seconds"_s, toJson(seconds)}});
}

// ---------------------------------------------------------------------------------------------

Options parseOptions(int argc, char** argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc)
                die("missing value after " + a);
            return argv[++i];
        };
        auto number = [&]() {
            const std::string v = value();
            char* end = nullptr;
            const long long n = std::strtoll(v.c_str(), &end, 10);
            if (*end != '\0' || n <= 0)
                die("bad number for " + a + ": " + v);
            return n;
        };
        if (a == "--dir")
            o.dir = value();
        else if (a == "--rows") {
            const QStringList names = QString::fromStdString(value()).split(u',');
            o.rows = QSet<QString>(names.begin(), names.end());
        } else if (a == "--insert")
            o.insertCount = static_cast<int>(number());
        else if (a == "--search" || a == "--size")
            o.searchCount = static_cast<int>(number());
        else if (a == "--blob-mib")
            o.blobMiB = static_cast<int>(number());
        else if (a == "--sync-testimonies")
            o.syncTestimonies = static_cast<int>(number());
        else if (a == "--sync-mib")
            o.syncMiB = static_cast<int>(number());
        else if (a == "--reps")
            o.reps = static_cast<int>(number());
        else if (a == "--passes")
            o.passes = static_cast<int>(number());
        else if (a == "--seed")
            o.seed = static_cast<std::uint64_t>(number());
        else if (a == "--cache-mib")
            g_cacheMiB = static_cast<int>(number());
        else if (a == "--json")
            o.jsonPath = QString::fromStdString(value());
        else
            die("unknown option " + a + " (see the comment at the top of tests/bench/fv_bench.cpp)");
    }
    if (o.dir.empty())
        die("--dir DIR is required");
    return o;
}

int benchMain(int argc, char** argv)
{
    if (!initCrypto())
        die("libsodium cannot start");
    if (argc >= 3 && std::strcmp(argv[1], "--child") == 0)
        return childMain(argc, argv);
    const Options o = parseOptions(argc, argv);
    fs::create_directories(o.dir);
    const std::string self = fs::read_symlink("/proc/self/exe").string();
    const QString loadBefore = loadAverage();
    Report report;
    // Ingest first, while this process is small: a child forked later would start with a copy
    // of our page tables, and its ru_maxrss would count our heap, not its own.
    if (o.rows.contains(u"ingest"_s))
        rowIngest(o, self, report);
    if (o.rows.contains(u"sync"_s))
        rowSync(o, self, report);
    if (o.rows.contains(u"insert"_s))
        rowInsert(o, report);
    if (o.rows.contains(u"search"_s) || o.rows.contains(u"open"_s))
        rowSearch(o, report);
    if (o.rows.contains(u"open"_s))
        rowOpen(o, report);
    if (o.rows.contains(u"kdf"_s))
        rowKdf(o, report);
    if (g_cacheMiB > 0)
        report.notes.append(u"EXPERIMENT: search and open ran with PRAGMA cache_size of "_s +
                            QString::number(g_cacheMiB) + u" MiB (not the store's default)."_s);
    report.notes.append(u"Load average (1/5/15 min) at start "_s + loadBefore + u", at end "_s +
                        loadAverage() + u"; "_s + QString::number(o.reps) + u" repetitions, medians."_s);
    report.print(stdout);

    if (!o.jsonPath.isEmpty()) {
        QJsonObject doc{{u"rows"_s, report.rows},
                        {u"load_before"_s, loadBefore},
                        {u"load_after"_s, loadAverage()},
                        {u"reps"_s, o.reps},
                        {u"passes"_s, o.passes},
                        {u"seed"_s, QString::number(o.seed)},
                        {u"notes"_s, QJsonArray::fromStringList(report.notes)}};
        QFile f(o.jsonPath);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            f.write(QJsonDocument(doc).toJson(QJsonDocument::Indented)) < 0)
            die("cannot write " + o.jsonPath.toStdString());
    }
    return 0;
}

} // namespace
} // namespace fv::bench

int main(int argc, char** argv)
{
    return fv::bench::benchMain(argc, argv);
}
