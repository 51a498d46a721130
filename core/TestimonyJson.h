#pragma once
// The testimony JSON format (docs/json-format.md): what `fieldvault-cli add` and `edit` read,
// what `show` prints, and the canonical form each stored version keeps and hashes.
//
// Input is untrusted: the raw bytes are checked as strict UTF-8 before any JSON parsing, then
// every field is checked (type, size, vocabulary, dates). The first problem found is returned
// as ErrorCode::InvalidInput with one message that names the field, e.g.
//   incidents[1].acts[0]: unknown act code "99999"
// Paths use 0-based indexes.

#include "core/Testimony.h"
#include "crypto/Result.h"

#include <QByteArray>
#include <QByteArrayView>
#include <cstddef>
#include <optional>

namespace fv {

/// Limits on input, in bytes of UTF-8 unless said otherwise.
namespace jsonlimits {
inline constexpr qsizetype kInput = 8 * 1024 * 1024;
inline constexpr qsizetype kNarrative = 1024 * 1024;
inline constexpr qsizetype kLongText = 64 * 1024; ///< summary, descriptions
inline constexpr qsizetype kShortText = 1024;     ///< title, names, places, contact, …
inline constexpr qsizetype kNote = 4 * 1024;
inline constexpr qsizetype kTag = 128;
inline constexpr qsizetype kTags = 100;       ///< count
inline constexpr qsizetype kLanguages = 16;   ///< count
inline constexpr qsizetype kIncidents = 500;  ///< count
inline constexpr qsizetype kListItems = 1000; ///< acts, perpetrators or victims per incident
inline constexpr qsizetype kAttachments = 100000;
inline constexpr int kMaxVictimCount = 1000000;
} // namespace jsonlimits

/// The format version written in "format_version" and the only one this build reads.
inline constexpr int kTestimonyFormatVersion = 1;

/// The byte offset of the first byte that is not strict UTF-8 (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF, no truncated sequence), or nullopt when all is valid.
std::optional<qsizetype> firstInvalidUtf8(QByteArrayView bytes);

/// Parses one testimony from untrusted bytes (a single JSON object; a leading UTF-8 byte-order
/// mark is skipped). Content and record fields are both read, so `show` output parses back;
/// the store ignores the record fields on add and edit. InvalidInput on any problem.
[[nodiscard]] Result<Testimony> parseTestimonyJson(QByteArrayView bytes);

struct JsonWriteOptions
{
    bool indented = false;        ///< for people; compact otherwise
    bool includeRecord = true;    ///< id, status, version, created, updated, attachments
    bool includeSensitive = true; ///< false drops every field marked SENSITIVE in Testimony.h
};

/// Serialises a testimony in the input format; parseTestimonyJson() reads it back to an
/// equal Testimony (when includeSensitive is true). Keys are sorted; empty optional fields
/// are left out.
QByteArray toTestimonyJson(const Testimony& testimony, const JsonWriteOptions& options = {});

/// The canonical form of the content fields alone: compact, keys sorted, no record fields,
/// UTF-8. Equal content gives equal bytes; this is what a version stores and hashes.
QByteArray canonicalContentJson(const Testimony& testimony);

} // namespace fv
