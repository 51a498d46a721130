#pragma once
// The HQ report (docs/bundle-format.md, "HQ report"): every received testimony
// (its newest version from each sender) with provenance, as CSV or JSON for
// analysts' tools. The file is plaintext: the person chooses where it goes.

#include "crypto/Result.h"
#include "storage/Database.h"

#include <filesystem>

namespace fv {

enum class ReportFormat
{
    Csv,  ///< UTF-8 with a byte-order mark, RFC 4180 quoting, CRLF line ends
    Json, ///< one JSON array of objects
};

/// The CSV columns, in order (documented in docs/bundle-format.md).
const std::vector<std::string>& reportColumns();

/// Writes the report of the HQ store `db` to `file` atomically; returns the
/// number of rows. Errors: Io, DiskFull, StoreDamaged (a stored entry no longer
/// parses).
[[nodiscard]] Result<int> writeHqReport(Database& db, const std::filesystem::path& file, ReportFormat format);

} // namespace fv
