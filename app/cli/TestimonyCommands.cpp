// Commands about testimonies inside an unlocked vault: add, list, show, edit, history,
// search, attach, extract.
#include "InputReader.h"
#include "VaultCommands.h"
#include "core/Search.h"
#include "core/TestimonyJson.h"
#include "core/TestimonyStore.h"

#include <QDate>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fv::cli {
namespace {

/// The testimony store of the unlocked vault.
std::expected<TestimonyStore, CliError> storeOf(Vault& vault)
{
    Result<Database*> db = vault.database();
    if (!db)
        return std::unexpected(fromCore(db.error()));
    Result<BlobStore*> blobs = vault.blobs();
    if (!blobs)
        return std::unexpected(fromCore(blobs.error()));
    return TestimonyStore(**db, **blobs);
}

QString isoUtc(const QDateTime& time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODate) : QString();
}

QJsonValue parsedDetail(const QString& detail)
{
    const QJsonDocument doc = QJsonDocument::fromJson(detail.toUtf8());
    if (doc.isObject())
        return doc.object();
    return detail;
}

CliError notFoundFile(const QString& path)
{
    return CliError{ExitCode::NotFound, u"not-found"_s, u"There is no file %1."_s.arg(path)};
}

/// Parses one testimony; `where` prefixes the message ("line 3: ").
std::expected<Testimony, CliError> parseInput(const QByteArray& bytes, const QString& where)
{
    if (bytes.trimmed().isEmpty())
        return std::unexpected(
            CliError{ExitCode::InvalidInput, u"invalid-input"_s,
                     where + u"the input is empty; expected one testimony as a JSON object."_s});
    Result<Testimony> testimony = parseTestimonyJson(bytes);
    if (!testimony) {
        CliError error = fromCore(testimony.error());
        error.message = where + error.message;
        return std::unexpected(error);
    }
    return std::move(*testimony);
}

const OptionSpec kFileOption{u"file"_s, u"F"_s, u"read the JSON from file F instead of standard input"_s};

class AddCommand : public VaultCommand
{
public:
    QString name() const override { return u"add"_s; }
    QString summary() const override
    {
        return u"add a testimony from JSON (stdin or --file); prints its id once it is safely saved"_s;
    }
    QList<OptionSpec> options() const override
    {
        return {kFileOption,
                {u"batch"_s, {}, u"read JSON Lines: one testimony per line, each saved on its own"_s}};
    }
    QString details() const override
    {
        return u"The format is in docs/json-format.md. Each id is printed on its own line only after the "
               u"testimony is durably saved. With --batch, each line is saved in its own transaction; at the "
               u"first bad line the command stops with a message naming the line and the field: the lines "
               u"before it stay saved (their ids were printed), nothing of that line or after it is saved."_s;
    }

protected:
    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto store = storeOf(vault);
        if (!store)
            return Console::report(store.error());
        auto input = InputReader::open(inv.value(u"file"_s));
        if (!input)
            return Console::report(input.error());
        if (!inv.has(u"batch"_s)) {
            auto bytes = input->readAll(jsonlimits::kInput);
            if (!bytes)
                return Console::report(bytes.error());
            auto testimony = parseInput(*bytes, {});
            if (!testimony)
                return Console::report(testimony.error());
            return save(*store, *testimony, {});
        }
        for (int lineNumber = 1;; ++lineNumber) {
            auto line = input->readLine(jsonlimits::kInput);
            if (!line) {
                CliError error = line.error();
                error.message = u"line %1: "_s.arg(lineNumber) + error.message;
                return Console::report(error);
            }
            if (!line->has_value())
                return 0;
            if ((*line)->trimmed().isEmpty())
                continue;
            const QString where = u"line %1: "_s.arg(lineNumber);
            auto testimony = parseInput(**line, where);
            if (!testimony)
                return Console::report(testimony.error());
            if (const int code = save(*store, *testimony, where); code != 0)
                return code;
        }
    }

private:
    static int save(TestimonyStore& store, const Testimony& testimony, const QString& where)
    {
        Result<QString> id = store.add(testimony);
        if (!id) {
            CliError error = fromCore(id.error());
            error.message = where + error.message;
            return Console::report(error);
        }
        if (!Console::outLine(*id))
            return Console::report(
                CliError{ExitCode::Io, u"io"_s,
                         u"Saved %1, but could not print its id (standard output is closed)."_s.arg(*id)});
        return 0;
    }
};

class ListCommand : public VaultCommand
{
public:
    QString name() const override { return u"list"_s; }
    QString summary() const override { return u"list testimonies, most recently changed first"_s; }
    QList<OptionSpec> options() const override
    {
        return {{u"limit"_s, u"N"_s, u"at most N testimonies"_s},
                {u"offset"_s, u"N"_s, u"skip the first N"_s}};
    }

protected:
    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto limit = intOption(inv.line, u"limit"_s, -1);
        auto offset = intOption(inv.line, u"offset"_s, 0);
        if (!limit || !offset)
            return Console::report(!limit ? limit.error() : offset.error());
        auto store = storeOf(vault);
        if (!store)
            return Console::report(store.error());
        Result<QList<TestimonySummary>> items = store->list(*limit, *offset);
        if (!items)
            return Console::report(fromCore(items.error()));
        if (inv.json()) {
            QJsonArray array;
            for (const TestimonySummary& t : *items)
                array.append(QJsonObject{{u"id"_s, t.id},
                                         {u"title"_s, t.title},
                                         {u"status"_s, toString(t.status)},
                                         {u"interview_date"_s, t.interviewDate},
                                         {u"version"_s, t.version},
                                         {u"created"_s, isoUtc(t.created)},
                                         {u"updated"_s, isoUtc(t.updated)}});
            Console::outJson(array);
            return 0;
        }
        if (items->isEmpty()) {
            Console::note(u"The vault holds no testimonies yet."_s);
            return 0;
        }
        for (const TestimonySummary& t : *items)
            Console::outLine(u"%1  %2  %3  %4"_s.arg(t.id, t.interviewDate.left(10).leftJustified(10),
                                                     toString(t.status).leftJustified(9), t.title));
        return 0;
    }
};

class ShowCommand : public VaultCommand
{
public:
    QString name() const override { return u"show"_s; }
    QString summary() const override
    {
        return u"print one testimony (current version) in the input JSON format"_s;
    }
    QStringList argumentNames() const override { return {u"ID"_s}; }
    QList<OptionSpec> options() const override
    {
        return {{u"revision"_s, u"N"_s, u"print version N instead of the current one (see history)"_s}};
    }
    QString details() const override
    {
        return u"The output is the JSON of docs/json-format.md (indented; compact with --json) and can be "
               u"edited and given back to 'edit'. It includes the witness's identifying details: do not "
               u"leave copies of it on the computer."_s;
    }

protected:
    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto revision = intOption(inv.line, u"revision"_s, 0);
        if (!revision)
            return Console::report(revision.error());
        auto store = storeOf(vault);
        if (!store)
            return Console::report(store.error());
        const QString& id = inv.arguments.at(0);
        Result<Testimony> testimony = *revision > 0 ? store->version(id, *revision) : store->current(id);
        if (!testimony)
            return Console::report(fromCore(testimony.error()));
        JsonWriteOptions options;
        options.indented = !inv.json();
        QByteArray text = toTestimonyJson(*testimony, options);
        if (!text.endsWith('\n'))
            text += '\n';
        Console::out(text);
        return 0;
    }
};

class EditCommand : public VaultCommand
{
public:
    QString name() const override { return u"edit"_s; }
    QString summary() const override
    {
        return u"replace a testimony's content with the JSON given; a new version"_s;
    }
    QStringList argumentNames() const override { return {u"ID"_s}; }
    QList<OptionSpec> options() const override { return {kFileOption}; }
    QString details() const override
    {
        return u"Reads the whole testimony (for instance 'show' output, changed) from stdin or --file. The "
               u"previous versions stay in the history. Content identical to the current version saves "
               u"nothing."_s;
    }

protected:
    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto store = storeOf(vault);
        if (!store)
            return Console::report(store.error());
        const QString& id = inv.arguments.at(0);
        // Fail early for an unknown id, before reading a possibly long input.
        if (Result<Testimony> existing = store->current(id); !existing)
            return Console::report(fromCore(existing.error()));
        auto input = InputReader::open(inv.value(u"file"_s));
        if (!input)
            return Console::report(input.error());
        auto bytes = input->readAll(jsonlimits::kInput);
        if (!bytes)
            return Console::report(bytes.error());
        auto testimony = parseInput(*bytes, {});
        if (!testimony)
            return Console::report(testimony.error());
        Result<int> version = store->edit(id, *testimony);
        if (!version)
            return Console::report(fromCore(version.error()));
        if (inv.json())
            Console::outJson(QJsonObject{{u"id"_s, id}, {u"version"_s, *version}});
        else
            Console::outLine(u"%1 version %2"_s.arg(id).arg(*version));
        return 0;
    }
};

class HistoryCommand : public VaultCommand
{
public:
    QString name() const override { return u"history"_s; }
    QString summary() const override { return u"a testimony's versions and custody events"_s; }
    QStringList argumentNames() const override { return {u"ID"_s}; }

protected:
    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto store = storeOf(vault);
        if (!store)
            return Console::report(store.error());
        const QString& id = inv.arguments.at(0);
        Result<History> history = store->history(id);
        if (!history)
            return Console::report(fromCore(history.error()));
        if (inv.json()) {
            QJsonArray versions, custody;
            for (const VersionInfo& v : history->versions)
                versions.append(QJsonObject{{u"version"_s, v.number},
                                            {u"saved"_s, isoUtc(v.created)},
                                            {u"content_sha256"_s, v.contentSha256},
                                            {u"prev_hash"_s, v.prevHash},
                                            {u"hash"_s, v.hash}});
            for (const CustodyEvent& e : history->events)
                custody.append(QJsonObject{{u"number"_s, e.number},
                                           {u"at"_s, isoUtc(e.at)},
                                           {u"event"_s, e.kind},
                                           {u"version"_s, e.version},
                                           {u"detail"_s, parsedDetail(e.detail)},
                                           {u"hash"_s, e.hash}});
            Console::outJson(QJsonObject{{u"id"_s, id}, {u"versions"_s, versions}, {u"custody"_s, custody}});
            return 0;
        }
        Console::outLine(u"versions of %1:"_s.arg(id));
        for (const VersionInfo& v : history->versions)
            Console::outLine(u"  %1  %2  %3"_s.arg(v.number, 3).arg(isoUtc(v.created), v.hash.left(16)));
        Console::outLine(u"custody log:"_s);
        for (const CustodyEvent& e : history->events) {
            QString line = u"  %1  %2  %3"_s.arg(e.number, 3).arg(isoUtc(e.at), e.kind.leftJustified(9));
            if (e.version > 0)
                line += u" v%1"_s.arg(e.version);
            if (!e.detail.isEmpty() && e.detail != u"{}"_s)
                line += u"  "_s + e.detail;
            Console::outLine(line);
        }
        return 0;
    }
};

class SearchCommand : public VaultCommand
{
public:
    QString name() const override { return u"search"_s; }
    QString summary() const override { return u"full-text search (Arabic-aware) with filters"_s; }
    QStringList argumentNames() const override { return {u"QUERY"_s}; }
    QList<OptionSpec> options() const override
    {
        return {
            {u"act"_s, u"CODE"_s,
             u"an ESF act code (or several, comma-separated); narrower acts match too"_s},
            {u"from"_s, u"DATE"_s, u"incidents on or after DATE (YYYY-MM-DD)"_s},
            {u"to"_s, u"DATE"_s, u"incidents on or before DATE (YYYY-MM-DD)"_s},
            {u"place"_s, u"TEXT"_s, u"words that must appear in a place"_s},
            {u"status"_s, u"S"_s, u"draft, complete, exported or delivered"_s},
            {u"limit"_s, u"N"_s, u"at most N results (default 50)"_s},
        };
    }
    QString details() const override
    {
        return u"All words of QUERY must appear; a trailing * matches a prefix; an empty QUERY (\"\") lists "
               u"everything the filters let through. Arabic is matched across hamza and alef forms, alef "
               u"maqsura, taa marbuta, diacritics, tatweel and the definite article; Latin without case and "
               u"accents."_s;
    }

protected:
    std::expected<void, CliError> checkArguments(const Invocation& inv) override
    {
        auto query = buildQuery(inv);
        if (!query)
            return std::unexpected(query.error());
        return {};
    }

    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto query = buildQuery(inv);
        if (!query)
            return Console::report(query.error());
        Result<Database*> db = vault.database();
        if (!db)
            return Console::report(fromCore(db.error()));
        Search search(**db);
        Result<QList<SearchHit>> hits = search.run(*query);
        if (!hits)
            return Console::report(fromCore(hits.error()));
        if (inv.json()) {
            QJsonArray array;
            for (const SearchHit& h : *hits)
                array.append(QJsonObject{{u"id"_s, h.id},
                                         {u"title"_s, h.title},
                                         {u"status"_s, toString(h.status)},
                                         {u"interview_date"_s, h.interviewDate},
                                         {u"updated"_s, isoUtc(h.updated)},
                                         {u"score"_s, h.score},
                                         {u"field"_s, h.field},
                                         {u"snippet"_s, h.snippet.marked()}});
            Console::outJson(array);
            return 0;
        }
        if (hits->isEmpty()) {
            Console::note(u"Nothing found."_s);
            return 0;
        }
        for (const SearchHit& h : *hits) {
            Console::outLine(u"%1  %2  %3"_s.arg(h.id, h.interviewDate.left(10).leftJustified(10), h.title));
            if (!h.snippet.text.isEmpty())
                Console::outLine(u"    %1: %2"_s.arg(h.field, h.snippet.marked()));
        }
        return 0;
    }

private:
    static std::expected<QDate, CliError> dateOption(const Invocation& inv, const QString& name)
    {
        const QDate date = QDate::fromString(inv.value(name), Qt::ISODate);
        if (!date.isValid() || inv.value(name).size() != 10)
            return std::unexpected(
                usageError(u"--%1 needs a date like 2012-05-25, not '%2'."_s.arg(name, inv.value(name))));
        return date;
    }

    static std::expected<SearchQuery, CliError> buildQuery(const Invocation& inv)
    {
        SearchQuery query;
        query.text = inv.arguments.at(0);
        query.place = inv.value(u"place"_s);
        if (inv.has(u"act"_s)) {
            for (const QString& code : inv.value(u"act"_s).split(u',', Qt::SkipEmptyParts))
                query.acts.append(code.trimmed());
        }
        for (const QString& name : {u"from"_s, u"to"_s}) {
            if (!inv.has(name))
                continue;
            auto date = dateOption(inv, name);
            if (!date)
                return std::unexpected(date.error());
            (name == u"from"_s ? query.from : query.to) = *date;
        }
        if (inv.has(u"status"_s)) {
            query.status = testimonyStatusFromString(inv.value(u"status"_s));
            if (!query.status)
                return std::unexpected(
                    usageError(u"--status needs draft, complete, exported or delivered, not '%1'."_s.arg(
                        inv.value(u"status"_s))));
        }
        auto limit = intOption(inv.line, u"limit"_s, 50);
        if (!limit)
            return std::unexpected(limit.error());
        query.limit = *limit;
        return query;
    }
};

class AttachCommand : public VaultCommand
{
public:
    QString name() const override { return u"attach"_s; }
    QString summary() const override
    {
        return u"add a file (audio, photo, video, document) to a testimony; prints its id"_s;
    }
    QStringList argumentNames() const override { return {u"ID"_s, u"FILE"_s}; }
    QList<OptionSpec> options() const override
    {
        return {{u"media-type"_s, u"TYPE"_s, u"the media type (e.g. audio/ogg); guessed when left out"_s}};
    }
    QString details() const override
    {
        return u"The file is streamed into an encrypted attachment (memory use stays small for any size). "
               u"The "
               u"original stays where it was: delete it safely yourself if it should not remain on this "
               u"computer."_s;
    }

protected:
    std::expected<void, CliError> checkArguments(const Invocation& inv) override
    {
        const QFileInfo file(inv.arguments.at(1));
        if (!file.exists())
            return std::unexpected(notFoundFile(inv.arguments.at(1)));
        if (!file.isFile())
            return std::unexpected(CliError{ExitCode::InvalidInput, u"invalid-input"_s,
                                            u"%1 is not a regular file."_s.arg(inv.arguments.at(1))});
        return {};
    }

    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto store = storeOf(vault);
        if (!store)
            return Console::report(store.error());
        AttachOptions options;
        options.mediaType = inv.value(u"media-type"_s);
        Result<AttachmentInfo> info = store->attachFile(inv.arguments.at(0), inv.arguments.at(1), options);
        if (!info)
            return Console::report(fromCore(info.error()));
        if (inv.json())
            Console::outJson(QJsonObject{{u"id"_s, info->id},
                                         {u"kind"_s, toString(info->kind)},
                                         {u"media_type"_s, info->mediaType},
                                         {u"size"_s, static_cast<qint64>(info->size)},
                                         {u"sha256"_s, info->sha256}});
        else
            Console::outLine(info->id);
        return 0;
    }
};

class ExtractCommand : public VaultCommand
{
public:
    QString name() const override { return u"extract"_s; }
    QString summary() const override
    {
        return u"write an attachment, decrypted, to OUT ('-' for standard output)"_s;
    }
    QStringList argumentNames() const override { return {u"ATTACHMENT_ID"_s, u"OUT"_s}; }
    QString details() const override
    {
        return u"OUT must not exist yet. The file is written completely or not at all, and only after its "
               u"checksum matches. OUT is plaintext: keep it only as long as needed."_s;
    }

protected:
    std::expected<void, CliError> checkArguments(const Invocation& inv) override
    {
        const QString& out = inv.arguments.at(1);
        if (out != u"-"_s && QFileInfo::exists(out))
            return std::unexpected(
                CliError{ExitCode::InvalidInput, u"invalid-input"_s,
                         u"%1 already exists; choose a new file name (nothing is overwritten)."_s.arg(out)});
        return {};
    }

    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto store = storeOf(vault);
        if (!store)
            return Console::report(store.error());
        const QString& id = inv.arguments.at(0);
        const QString& out = inv.arguments.at(1);
        if (out != u"-"_s) {
            if (Status done = store->extractAttachment(id, out); !done)
                return Console::report(fromCore(done.error()));
            return 0;
        }
        // To stdout: every chunk is authenticated before it is written.
        Result<BlobReader> reader = store->openAttachment(id);
        if (!reader)
            return Console::report(fromCore(reader.error()));
        std::vector<std::uint8_t> buffer(256 * 1024);
        std::uint64_t offset = 0;
        while (offset < reader->size()) {
            Result<std::size_t> n = reader->read(offset, buffer);
            if (!n)
                return Console::report(fromCore(n.error()));
            if (*n == 0)
                break;
            if (!Console::outRaw(buffer.data(), *n))
                return Console::report(CliError{ExitCode::Io, u"io"_s,
                                                u"Could not write to standard output: %1."_s.arg(
                                                    QString::fromLocal8Bit(std::strerror(errno)))});
            offset += *n;
        }
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeAddCommand()
{
    return std::make_unique<AddCommand>();
}
std::unique_ptr<Command> makeListCommand()
{
    return std::make_unique<ListCommand>();
}
std::unique_ptr<Command> makeShowCommand()
{
    return std::make_unique<ShowCommand>();
}
std::unique_ptr<Command> makeEditCommand()
{
    return std::make_unique<EditCommand>();
}
std::unique_ptr<Command> makeHistoryCommand()
{
    return std::make_unique<HistoryCommand>();
}
std::unique_ptr<Command> makeSearchCommand()
{
    return std::make_unique<SearchCommand>();
}
std::unique_ptr<Command> makeAttachCommand()
{
    return std::make_unique<AttachCommand>();
}
std::unique_ptr<Command> makeExtractCommand()
{
    return std::make_unique<ExtractCommand>();
}

} // namespace fv::cli
