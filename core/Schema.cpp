#include "core/Schema.h"

namespace fv {
namespace {

// Migration 1: the whole domain schema (nothing has shipped yet, so it is one step).
//
// - testimonies: one row per testimony; title, status and dates duplicated from the current
//   version for listing without parsing JSON. `rowid` joins the search tables; `id` is the
//   random public identifier.
// - versions: immutable; each row links to the previous one by hash (see TestimonyStore.h).
// - custody_events: append-only, hash-chained per testimony like the versions.
// - attachments: metadata and the per-blob key of each encrypted blob.
// - testimony_tags, incident_facts: derived from the current version, for filters.
// - search_fts: the Arabic-normalised text (Search.h); the original text stays in versions.
//
// Immutability: the triggers below refuse UPDATE and DELETE on versions and custody_events.
// The only way around them is explicit: the purge code drops and re-creates the triggers
// inside its own transaction, so a crash leaves them in place.
constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;

CREATE TABLE testimonies (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('draft', 'complete', 'exported', 'delivered')),
    title TEXT NOT NULL,
    interview_date TEXT NOT NULL,
    current_version INTEGER NOT NULL CHECK (current_version >= 1),
    created TEXT NOT NULL,
    updated TEXT NOT NULL
) STRICT;
CREATE INDEX testimonies_by_updated ON testimonies (updated);

CREATE TABLE versions (
    testimony_id TEXT NOT NULL REFERENCES testimonies (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    created TEXT NOT NULL,
    content_sha256 BLOB NOT NULL CHECK (length(content_sha256) = 32),
    prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
    content TEXT NOT NULL, -- last: reading the columns before it never walks its overflow pages
    UNIQUE (testimony_id, number)
) STRICT;

CREATE TABLE custody_events (
    seq INTEGER PRIMARY KEY,
    testimony_id TEXT NOT NULL REFERENCES testimonies (id),
    number INTEGER NOT NULL CHECK (number >= 1),
    at TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('created', 'edited', 'attached', 'status', 'exported', 'received',
                                       'purged')),
    version INTEGER,
    detail TEXT NOT NULL DEFAULT '{}',
    prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),
    hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
    UNIQUE (testimony_id, number)
) STRICT;

CREATE TRIGGER versions_no_update BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END;
CREATE TRIGGER custody_no_update BEFORE UPDATE ON custody_events
BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END;
CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody_events
BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END;

CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    testimony_id TEXT NOT NULL REFERENCES testimonies (id),
    blob_name TEXT NOT NULL UNIQUE,
    blob_key BLOB NOT NULL CHECK (length(blob_key) = 32),
    kind TEXT NOT NULL CHECK (kind IN ('audio', 'photo', 'video', 'document')),
    media_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 BLOB NOT NULL CHECK (length(sha256) = 32),
    created TEXT NOT NULL,
    captured TEXT,
    note TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX attachments_by_testimony ON attachments (testimony_id, created);

CREATE TABLE testimony_tags (
    testimony INTEGER NOT NULL REFERENCES testimonies (rowid),
    tag TEXT NOT NULL,
    PRIMARY KEY (testimony, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX testimony_tags_by_tag ON testimony_tags (tag);

CREATE TABLE incident_facts (
    testimony INTEGER NOT NULL REFERENCES testimonies (rowid),
    incident INTEGER NOT NULL,
    act TEXT,
    date_from TEXT,
    date_to TEXT
) STRICT;
CREATE INDEX incident_facts_by_testimony ON incident_facts (testimony);
CREATE INDEX incident_facts_by_act ON incident_facts (act);

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, narrative, summary, places, victims, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);
)sql"},
    // Migration 2: identities, enrolled cards and sync state (docs/bundle-format.md).
    // - identity: this store's own keys (age X25519 secret scalar, minisign secret key file text
    //   unencrypted, both only ever inside the encrypted store), at most one row.
    // - enrolled_cards: cards pinned by this vault (HQ cards in a field vault, delegates at HQ).
    // - bundles_out, bundle_items: what each exported bundle carried (kind 'version' with item
    //   = the version number, or 'attachment' with item = the attachment id).
    // - delivered_items: what HQ acknowledged with a receipt; export skips these by default.
    // - purged_stubs: what purge removed (ids and hashes), unless asked to keep nothing.
    // - bundles_in, received_versions, received_attachments: what an HQ vault imported, with
    //   provenance (sender, bundle, verification); received blobs are referenced blobs too.
    {2, R"sql(
CREATE TABLE identity (
    slot INTEGER PRIMARY KEY CHECK (slot = 1),
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('field', 'hq')),
    age_secret BLOB NOT NULL CHECK (length(age_secret) = 32),
    minisign_secret BLOB NOT NULL,
    created TEXT NOT NULL
) STRICT;

CREATE TABLE enrolled_cards (
    fingerprint TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('field', 'hq')),
    age_recipient TEXT NOT NULL UNIQUE,
    minisign_public_key TEXT NOT NULL UNIQUE,
    card_text TEXT NOT NULL,
    enrolled TEXT NOT NULL
) STRICT;

CREATE TABLE bundles_out (
    id TEXT PRIMARY KEY,
    created TEXT NOT NULL,
    recipients TEXT NOT NULL,
    file_name TEXT NOT NULL,
    parts INTEGER NOT NULL CHECK (parts >= 0),
    size INTEGER NOT NULL CHECK (size >= 0)
) STRICT;

CREATE TABLE bundle_items (
    bundle_id TEXT NOT NULL REFERENCES bundles_out (id),
    kind TEXT NOT NULL CHECK (kind IN ('version', 'attachment')),
    testimony_id TEXT NOT NULL,
    item TEXT NOT NULL,
    PRIMARY KEY (bundle_id, kind, testimony_id, item)
) STRICT, WITHOUT ROWID;
CREATE INDEX bundle_items_by_item ON bundle_items (kind, testimony_id, item);

CREATE TABLE delivered_items (
    kind TEXT NOT NULL CHECK (kind IN ('version', 'attachment')),
    testimony_id TEXT NOT NULL,
    item TEXT NOT NULL,
    bundle_id TEXT NOT NULL,
    delivered TEXT NOT NULL,
    PRIMARY KEY (kind, testimony_id, item)
) STRICT, WITHOUT ROWID;

CREATE TABLE purged_stubs (
    testimony_id TEXT PRIMARY KEY,
    items TEXT NOT NULL,
    delivered TEXT NOT NULL,
    purged TEXT NOT NULL
) STRICT;

CREATE TABLE bundles_in (
    id TEXT PRIMARY KEY,
    sender_fingerprint TEXT NOT NULL,
    sender_name TEXT NOT NULL,
    verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
    quarantined INTEGER NOT NULL CHECK (quarantined IN (0, 1)),
    imported TEXT NOT NULL,
    manifest TEXT NOT NULL,
    custody TEXT NOT NULL
) STRICT;

CREATE TABLE received_versions (
    sender_fingerprint TEXT NOT NULL,
    testimony_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    bundle_id TEXT NOT NULL REFERENCES bundles_in (id),
    hash TEXT NOT NULL,
    redacted INTEGER NOT NULL CHECK (redacted IN (0, 1)),
    entry TEXT NOT NULL,
    received TEXT NOT NULL,
    PRIMARY KEY (sender_fingerprint, testimony_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE received_attachments (
    sender_fingerprint TEXT NOT NULL,
    id TEXT NOT NULL,
    testimony_id TEXT NOT NULL,
    bundle_id TEXT NOT NULL REFERENCES bundles_in (id),
    blob_name TEXT NOT NULL UNIQUE,
    blob_key BLOB NOT NULL CHECK (length(blob_key) = 32),
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL,
    metadata TEXT NOT NULL,
    received TEXT NOT NULL,
    PRIMARY KEY (sender_fingerprint, id)
) STRICT, WITHOUT ROWID;
)sql"},
    // 3: the desktop list sorts 100,000 testimonies by any column a page at a time; without
    // these indexes every page would sort the whole table.
    {3, R"sql(
CREATE INDEX testimonies_by_title ON testimonies (title, id);
CREATE INDEX testimonies_by_interview_date ON testimonies (interview_date, id);
CREATE INDEX testimonies_by_status ON testimonies (status, updated);
)sql"},
    // 4: a hand-off that never loses or leaks (docs/bundle-format.md, "Seals", "Import").
    // - received_versions and received_attachments keep every distinct copy of an item: the key
    //   now ends in the copy's digest (a version's seal, or its chain hash for bundles of format
    //   1; an attachment's SHA-256), so a version HQ already holds in another form is kept
    //   beside it and shown as a conflict instead of being dropped. `hash` is the chain hash
    //   when the copy showed it (empty for a redacted copy).
    // - delivered_items.redacted: HQ acknowledged only a redacted copy (its identifying fields
    //   never left); rows from before are taken as redacted, the safe side for purge.
    {4, R"sql(
CREATE TABLE received_versions_4 (
    sender_fingerprint TEXT NOT NULL,
    testimony_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    digest TEXT NOT NULL,
    bundle_id TEXT NOT NULL REFERENCES bundles_in (id),
    hash TEXT NOT NULL,
    redacted INTEGER NOT NULL CHECK (redacted IN (0, 1)),
    entry TEXT NOT NULL,
    received TEXT NOT NULL,
    PRIMARY KEY (sender_fingerprint, testimony_id, version, digest)
) STRICT, WITHOUT ROWID;
INSERT INTO received_versions_4 (sender_fingerprint, testimony_id, version, digest, bundle_id, hash, redacted,
                                 entry, received)
    SELECT sender_fingerprint, testimony_id, version, hash, bundle_id, hash, redacted, entry, received
    FROM received_versions;
DROP TABLE received_versions;
ALTER TABLE received_versions_4 RENAME TO received_versions;

CREATE TABLE received_attachments_4 (
    sender_fingerprint TEXT NOT NULL,
    id TEXT NOT NULL,
    testimony_id TEXT NOT NULL,
    bundle_id TEXT NOT NULL REFERENCES bundles_in (id),
    blob_name TEXT NOT NULL UNIQUE,
    blob_key BLOB NOT NULL CHECK (length(blob_key) = 32),
    size INTEGER NOT NULL CHECK (size >= 0),
    sha256 TEXT NOT NULL,
    metadata TEXT NOT NULL,
    received TEXT NOT NULL,
    PRIMARY KEY (sender_fingerprint, id, sha256)
) STRICT, WITHOUT ROWID;
INSERT INTO received_attachments_4 SELECT sender_fingerprint, id, testimony_id, bundle_id, blob_name, blob_key,
    size, sha256, metadata, received FROM received_attachments;
DROP TABLE received_attachments;
ALTER TABLE received_attachments_4 RENAME TO received_attachments;

ALTER TABLE delivered_items ADD COLUMN redacted INTEGER NOT NULL DEFAULT 1 CHECK (redacted IN (0, 1));
)sql"},
};

} // namespace

std::span<const Migration> vaultMigrations()
{
    return kMigrations;
}

Result<std::set<std::string>> referencedBlobNames(Database& db)
{
    auto stmt =
        db.prepare("SELECT blob_name FROM attachments UNION ALL SELECT blob_name FROM received_attachments");
    if (!stmt)
        return std::unexpected(stmt.error());
    std::set<std::string> names;
    if (auto st = stmt->forEachRow([&](const Statement& row) { names.insert(row.columnText(0)); }); !st)
        return std::unexpected(st.error());
    return names;
}

} // namespace fv
