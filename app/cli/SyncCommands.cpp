// The sync commands: card, enrol, export, import, receipt, purge, report, identity-export,
// bundle-decrypt (docs/cli.md and docs/bundle-format.md).
#include "SyncCommands.h"

#include "core/Card.h"
#include "core/Identity.h"
#include "core/TestimonyStore.h"
#include "core/sync/BundleWriter.h"
#include "core/sync/Importer.h"
#include "core/sync/Purge.h"
#include "core/sync/Receipt.h"
#include "core/sync/Report.h"
#include "crypto/Age.h"
#include "crypto/ByteStream.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fv::cli {
namespace {

CliError invalidInput(const QString& message)
{
    return CliError{ExitCode::InvalidInput, u"invalid-input"_s, message};
}

std::expected<Database*, CliError> databaseOf(Vault& vault)
{
    Result<Database*> db = vault.database();
    if (!db)
        return std::unexpected(fromCore(db.error()));
    return *db;
}

/// The vault's identity, made on first use with the vault's role.
std::expected<VaultIdentity, CliError> identityOf(Vault& vault)
{
    auto db = databaseOf(vault);
    if (!db)
        return std::unexpected(db.error());
    Result<VaultRole> role = vault.role();
    if (!role)
        return std::unexpected(fromCore(role.error()));
    Result<VaultIdentity> id = VaultIdentity::loadOrCreate(**db, *role);
    if (!id)
        return std::unexpected(fromCore(id.error()));
    return std::move(*id);
}

/// Reads and parses a card file (small files only).
std::expected<IdentityCard, CliError> readCard(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::unexpected(
            CliError{ExitCode::NotFound, u"not-found"_s, u"Cannot read the card file %1."_s.arg(path)});
    const QByteArray bytes = file.read(static_cast<qint64>(kCardMaxBytes) + 1);
    Result<IdentityCard> card = IdentityCard::parse(std::string_view(bytes.constData(), bytes.size()));
    if (!card)
        return std::unexpected(
            invalidInput(u"%1: %2"_s.arg(path, QString::fromStdString(card.error().message))));
    return *card;
}

QJsonObject cardJson(const IdentityCard& card)
{
    return QJsonObject{{u"name"_s, card.displayName},
                       {u"role"_s, QString::fromStdString(roleText(card.role))},
                       {u"age_recipient"_s, QString::fromStdString(card.recipient.toString())},
                       {u"minisign_public_key"_s, QString::fromStdString(card.signingKey.toBase64())},
                       {u"fingerprint"_s, QString::fromStdString(card.fingerprint())}};
}

/// "1048576", "512K", "10M", "1G" (binary multiples) as bytes; nullopt when malformed.
std::optional<std::uint64_t> parseSize(const QString& text)
{
    QString digits = text.trimmed();
    std::uint64_t unit = 1;
    if (!digits.isEmpty()) {
        const QChar last = digits.back().toUpper();
        if (last == u'K' || last == u'M' || last == u'G') {
            unit = last == u'K' ? 1024 : last == u'M' ? 1024 * 1024 : 1024ull * 1024 * 1024;
            digits.chop(1);
        }
    }
    bool ok = false;
    const qulonglong n = digits.toULongLong(&ok);
    if (!ok || n == 0 || n > (std::uint64_t{1} << 50) / unit)
        return std::nullopt;
    return n * unit;
}

/// Writes `data` to a new file at `path` with mode 0600 (refuses to overwrite).
std::expected<void, CliError> writeNewFile(const QString& path, ByteView data)
{
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return std::unexpected(CliError{ExitCode::Io, u"io"_s,
                                        u"Cannot create %1: %2 (nothing is overwritten)."_s.arg(
                                            path, QString::fromLocal8Bit(std::strerror(errno)))});
    FdSink sink(fd);
    Status written = sink.write(data);
    const bool synced = written && ::fsync(fd) == 0;
    ::close(fd);
    if (!written || !synced) {
        ::unlink(native.constData());
        return std::unexpected(written ? CliError{ExitCode::Io, u"io"_s, u"Cannot write %1."_s.arg(path)}
                                       : fromCore(written.error()));
    }
    return {};
}

class CardCommand : public VaultCommand
{
public:
    QString name() const override { return u"card"_s; }
    QString summary() const override { return u"print this vault's identity card"_s; }
    QList<OptionSpec> options() const override
    {
        return {{u"name"_s, u"N"_s, u"set the display name shown on the card (kept in the vault)"_s}};
    }
    QString details() const override
    {
        return u"The card holds no secret: give it to the other side (HQ or a delegate) and read the "
               u"fingerprint to each other over the phone before enrolling it."_s;
    }

protected:
    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto id = identityOf(vault);
        if (!id)
            return Console::report(id.error());
        if (inv.has(u"name"_s)) {
            auto db = databaseOf(vault);
            if (!db)
                return Console::report(db.error());
            if (Status st = id->setDisplayName(**db, inv.value(u"name"_s)); !st)
                return Console::report(fromCore(st.error()));
        }
        const IdentityCard card = id->card();
        if (inv.json())
            return Console::outJson(cardJson(card)) ? 0 : 8;
        return Console::out(QByteArray::fromStdString(card.toText())) ? 0 : 8;
    }
};

class EnrolCommand : public VaultCommand
{
public:
    QString name() const override { return u"enrol"_s; }
    QString summary() const override
    {
        return u"pin a card: HQ's card in a field vault, a delegate's at HQ"_s;
    }
    QStringList argumentNames() const override { return {u"CARDFILE"_s}; }
    QString details() const override
    {
        return u"Check the fingerprint printed with the card's owner (by phone, in person) before relying "
               u"on it."_s;
    }

protected:
    std::expected<void, CliError> checkArguments(const Invocation& inv) override
    {
        auto card = readCard(inv.arguments.at(0));
        if (!card)
            return std::unexpected(card.error());
        return {};
    }

    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto card = readCard(inv.arguments.at(0));
        if (!card)
            return Console::report(card.error());
        auto id = identityOf(vault);
        if (!id)
            return Console::report(id.error());
        auto db = databaseOf(vault);
        if (!db)
            return Console::report(db.error());
        Result<EnrolledCard> e = enrolCard(**db, *card, id->role(), *id, QDateTime::currentDateTimeUtc());
        if (!e)
            return Console::report(fromCore(e.error()));
        if (inv.json())
            return Console::outJson(cardJson(e->card)) ? 0 : 8;
        Console::outLine(u"enrolled %1 (%2), fingerprint %3"_s.arg(
            e->card.displayName, QString::fromStdString(roleText(e->card.role)),
            QString::fromStdString(e->card.fingerprint())));
        return 0;
    }
};

class ExportCommand : public VaultCommand
{
public:
    QString name() const override { return u"export"_s; }
    QString summary() const override { return u"write a sealed bundle for HQ (or its parts) to a folder"_s; }
    QList<OptionSpec> options() const override
    {
        return {
            {u"to"_s, u"DIR"_s, u"the folder to write to (required)"_s},
            {u"recipient"_s, u"CARDFILE"_s,
             u"encrypt to this enrolled HQ card (repeat for several; default: every enrolled HQ card)"_s},
            {u"all"_s, {}, u"everything HQ has not acknowledged (the default)"_s},
            {u"ids"_s, u"ID,ID…"_s, u"only these testimonies, all their versions and attachments"_s},
            {u"part-size"_s, u"SIZE"_s, u"split into parts of SIZE bytes (suffix K, M or G)"_s},
            {u"include-identifying"_s, {}, u"include identifying witness fields (where consent is given)"_s}};
    }
    QStringList repeatableOptions() const override { return {u"recipient"_s}; }
    QString details() const override
    {
        return u"Prints the path of the bundle, or of each part in order. File names are random; nothing "
               u"else is written. HQ can open a bundle with stock tools (docs/bundle-format.md)."_s;
    }

protected:
    std::expected<void, CliError> checkArguments(const Invocation& inv) override
    {
        if (!inv.has(u"to"_s))
            return std::unexpected(usageError(u"export needs --to DIR."_s));
        if (!QFileInfo(inv.value(u"to"_s)).isDir())
            return std::unexpected(CliError{ExitCode::NotFound, u"not-found"_s,
                                            u"There is no folder %1."_s.arg(inv.value(u"to"_s))});
        if (inv.has(u"all"_s) && inv.has(u"ids"_s))
            return std::unexpected(usageError(u"Use either --all or --ids, not both."_s));
        if (inv.has(u"part-size"_s) && !parseSize(inv.value(u"part-size"_s)))
            return std::unexpected(usageError(u"--part-size must be a size such as 1048576, 512K or 10M."_s));
        for (const QString& cardFile : inv.line.valuesOf(u"recipient"_s)) {
            if (auto card = readCard(cardFile); !card)
                return std::unexpected(card.error());
        }
        return {};
    }

    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto id = identityOf(vault);
        if (!id)
            return Console::report(id.error());
        auto db = databaseOf(vault);
        if (!db)
            return Console::report(db.error());
        Result<BlobStore*> blobs = vault.blobs();
        if (!blobs)
            return Console::report(fromCore(blobs.error()));
        ExportOptions options;
        options.destination = toPath(inv.value(u"to"_s));
        for (const QString& cardFile : inv.line.valuesOf(u"recipient"_s)) {
            auto card = readCard(cardFile);
            if (!card)
                return Console::report(card.error());
            options.recipients.append(QString::fromStdString(card->fingerprint()));
        }
        options.recipients.removeDuplicates();
        if (inv.has(u"ids"_s))
            options.testimonyIds = inv.value(u"ids"_s).split(u',', Qt::SkipEmptyParts);
        if (inv.has(u"part-size"_s))
            options.partSize = *parseSize(inv.value(u"part-size"_s));
        options.includeIdentifying = inv.has(u"include-identifying"_s);
        Result<ExportResult> r = exportBundle(**db, **blobs, *id, options);
        if (!r)
            return Console::report(fromCore(r.error()));
        QJsonArray files;
        for (const auto& f : r->files)
            files.append(QFile::decodeName(f.c_str()));
        if (inv.json())
            return Console::outJson(QJsonObject{{u"bundle_id"_s, r->bundleId},
                                                {u"files"_s, files},
                                                {u"size"_s, static_cast<double>(r->size)},
                                                {u"testimonies"_s, r->testimonies},
                                                {u"versions"_s, r->versions},
                                                {u"attachments"_s, r->attachments},
                                                {u"recipients"_s, QJsonArray::fromStringList(r->recipients)}})
                       ? 0
                       : 8;
        for (const auto& f : r->files)
            Console::outLine(QFile::decodeName(f.c_str()));
        return 0;
    }
};

class IdentityExportCommand : public VaultCommand
{
public:
    QString name() const override { return u"identity-export"_s; }
    QString summary() const override
    {
        return u"write this vault's keys in the stock age and minisign formats (secret!)"_s;
    }
    QList<OptionSpec> options() const override
    {
        return {{u"age-identity"_s, u"F"_s, u"write the age identity (SECRET) here, as age-keygen does"_s},
                {u"minisign-pub"_s, u"F"_s, u"write the minisign public key here, as minisign -G does"_s}};
    }
    QString details() const override
    {
        return u"The age identity file opens every bundle sent to this vault: keep it on an encrypted "
               u"disk and delete it when done. Files are created with mode 0600 and never overwritten."_s;
    }

protected:
    std::expected<void, CliError> checkArguments(const Invocation& inv) override
    {
        if (!inv.has(u"age-identity"_s) && !inv.has(u"minisign-pub"_s))
            return std::unexpected(
                usageError(u"identity-export needs --age-identity F and/or --minisign-pub F."_s));
        for (const QString& opt : {u"age-identity"_s, u"minisign-pub"_s}) {
            if (inv.has(opt) && QFileInfo::exists(inv.value(opt)))
                return std::unexpected(
                    invalidInput(u"%1 already exists; choose a new file name (nothing is overwritten)."_s.arg(
                        inv.value(opt))));
        }
        return {};
    }

    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto id = identityOf(vault);
        if (!id)
            return Console::report(id.error());
        if (inv.has(u"age-identity"_s)) {
            const std::string created = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
            const SecretBuffer text = formatAgeIdentityFile(id->ageIdentity(), created);
            if (auto st = writeNewFile(inv.value(u"age-identity"_s), text.view()); !st)
                return Console::report(st.error());
            Console::note(u"fieldvault-cli: warning: %1 holds this vault's secret age key; anyone with it "
                          u"can open bundles sent to this vault."_s.arg(inv.value(u"age-identity"_s)));
        }
        if (inv.has(u"minisign-pub"_s)) {
            const std::string text = id->signingKey().publicKey().toFileText();
            if (auto st = writeNewFile(inv.value(u"minisign-pub"_s), asBytes(text)); !st)
                return Console::report(st.error());
        }
        return 0;
    }
};

/// One bundle named on the command line: a single file, or the parts of one.
struct BundleArgument
{
    QString label; ///< the file as given, or "NAME.001…" for parts
    std::vector<std::filesystem::path> files{};
};

/// The part number of "NAME.NNN" (1 to 999), or 0.
int partNumberOf(const QString& path)
{
    static const QRegularExpression re(u"^.+\\.([0-9]{3})$"_s);
    const QRegularExpressionMatch m = re.match(path);
    return m.hasMatch() ? m.captured(1).toInt() : 0;
}

/// Groups the FILE arguments into bundles, in the order they first appear. Arguments "NAME.NNN"
/// with the same NAME are parts of one bundle, completed with every part NAME.001 to NAME.999
/// found beside them, so "NAME.001" alone is enough; the parts go to core in number order, where
/// a gap is reported as a missing part by its number. Any other file is one bundle.
std::vector<BundleArgument> groupBundleFiles(const QStringList& arguments)
{
    std::vector<BundleArgument> bundles;
    QHash<QString, std::size_t> byStem;
    QHash<QString, QSet<int>> numbers;
    for (const QString& arg : arguments) {
        const int n = partNumberOf(arg);
        if (n == 0) {
            bundles.push_back(BundleArgument{arg, {toPath(arg)}});
            continue;
        }
        const QString stem = arg.chopped(4);
        if (!byStem.contains(stem)) {
            byStem.insert(stem, bundles.size());
            bundles.push_back(BundleArgument{stem + u".001…"_s, {}});
            for (int i = 1; i <= kBundleMaxParts; ++i) {
                if (QFileInfo::exists(stem + u".%1"_s.arg(i, 3, 10, QChar(u'0'))))
                    numbers[stem].insert(i);
            }
        }
        numbers[stem].insert(n); // named but missing: core reports it by name
    }
    for (auto it = byStem.cbegin(); it != byStem.cend(); ++it) {
        QList<int> sorted = numbers.value(it.key()).values();
        std::sort(sorted.begin(), sorted.end());
        for (int n : sorted)
            bundles[it.value()].files.push_back(toPath(it.key() + u".%1"_s.arg(n, 3, 10, QChar(u'0'))));
    }
    return bundles;
}

QJsonObject importJson(const ImportReport& r, const BundleArgument& bundle)
{
    QJsonArray files;
    for (const auto& f : bundle.files)
        files.append(QFile::decodeName(f.c_str()));
    return QJsonObject{{u"bundle_id"_s, r.bundleId},
                       {u"sender"_s, r.sender},
                       {u"sender_name"_s, r.senderName},
                       {u"verified"_s, r.verified},
                       {u"quarantined"_s, r.quarantined},
                       {u"already_imported"_s, r.alreadyImported},
                       {u"entries_added"_s, r.entriesAdded},
                       {u"versions_added"_s, r.versionsAdded},
                       {u"attachments_added"_s, r.attachmentsAdded},
                       {u"versions_completed"_s, r.versionsUpgraded},
                       {u"attachments_completed"_s, r.attachmentsUpgraded},
                       {u"conflicts"_s, r.conflicts},
                       {u"conflicting_testimonies"_s, QJsonArray::fromStringList(r.conflictingTestimonies)},
                       {u"files"_s, files}};
}

QString importLine(const ImportReport& r)
{
    const QString state = r.verified ? u"verified"_s
                                     : u"QUARANTINED (sender not enrolled; signature checked against "
                                       u"the key the bundle names)"_s;
    QString line = u"bundle %1 from %2 (%3): %4%5; %6 testimonies, %7 versions, %8 attachments added"_s.arg(
        r.bundleId, r.senderName, r.sender, state, r.alreadyImported ? u", already imported"_s : QString(),
        QString::number(r.entriesAdded), QString::number(r.versionsAdded),
        QString::number(r.attachmentsAdded));
    if (r.versionsUpgraded + r.attachmentsUpgraded > 0)
        line += u"; %1 redacted versions and %2 attachments completed with their identifying fields"_s.arg(
            QString::number(r.versionsUpgraded), QString::number(r.attachmentsUpgraded));
    if (r.conflicts > 0)
        line +=
            u"; CONFLICT: %1 items differ from copies received before and were kept beside them "
            u"(testimonies %2)"_s.arg(QString::number(r.conflicts), r.conflictingTestimonies.join(u", "_s));
    return line;
}

class ImportCommand : public VaultCommand
{
public:
    QString name() const override { return u"import"_s; }
    QString summary() const override
    {
        return u"HQ: verify and import bundles or their parts (NAME.001 finds the others)"_s;
    }
    QStringList argumentNames() const override { return {u"FILE"_s}; }
    bool lastArgumentRepeats() const override { return true; }
    QString details() const override
    {
        return u"Each FILE is a bundle or a part NAME.NNN (the other parts beside it are found; a gap is "
               u"named by its number). Prints one verification line per bundle (with --json one JSON "
               u"object per line). Each bundle is imported in its own transaction: a refused bundle "
               u"changes nothing and is reported on stderr, the others are still imported, and the "
               u"exit code is that of the first refusal. A bundle from a sender whose card is not "
               u"enrolled is imported in quarantine and never shown as verified. Importing a bundle "
               u"twice changes nothing. With several FILEs, VAULT must be given."_s;
    }

protected:
    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto id = identityOf(vault);
        if (!id)
            return Console::report(id.error());
        if (id->role() != VaultRole::Hq)
            return Console::report(usageError(u"import is for an HQ vault; this vault's role is field."_s));
        auto db = databaseOf(vault);
        if (!db)
            return Console::report(db.error());
        Result<BlobStore*> blobs = vault.blobs();
        if (!blobs)
            return Console::report(fromCore(blobs.error()));
        int exitCode = 0;
        for (const BundleArgument& bundle : groupBundleFiles(inv.arguments)) {
            Result<ImportReport> r = importBundle(bundle.files, *id, **db, **blobs);
            if (!r) {
                CliError error = fromCore(r.error());
                QString why = error.message;
                if (why.startsWith(u"bundle refused: "_s))
                    why.remove(0, 16);
                error.message = u"%1: refused, nothing imported: %2"_s.arg(bundle.label, why);
                const int code = Console::report(error);
                if (exitCode == 0)
                    exitCode = code;
                continue;
            }
            const bool printed =
                inv.json() ? Console::outJson(importJson(*r, bundle)) : Console::outLine(importLine(*r));
            if (!printed && exitCode == 0)
                exitCode = static_cast<int>(ExitCode::Io);
        }
        return exitCode;
    }
};

class ReceiptCommand : public Command
{
public:
    QString name() const override { return u"receipt"_s; }
    QString summary() const override
    {
        return u"'receipt issue VAULT BUNDLE_ID --to DIR' (HQ) or 'receipt apply VAULT FILE' (field)"_s;
    }
    QStringList argumentNames() const override { return {u"issue|apply"_s, u"VAULT"_s, u"BUNDLE_ID|FILE"_s}; }
    bool usesVault() const override { return false; }
    QList<OptionSpec> options() const override
    {
        return {{u"to"_s, u"DIR"_s, u"issue: the folder to write the receipt to"_s}};
    }
    QString details() const override
    {
        return u"issue prints the receipt's path; apply checks it against the enrolled HQ card and marks "
               u"what "
               u"it lists as delivered, so later exports leave it out."_s;
    }

    int run(Invocation& inv) override
    {
        const QString action = inv.arguments.at(0);
        if (action != u"issue"_s && action != u"apply"_s)
            return Console::report(usageError(u"receipt needs 'issue' or 'apply', not '%1'."_s.arg(action)));
        if (action == u"issue"_s && (!inv.has(u"to"_s) || !QFileInfo(inv.value(u"to"_s)).isDir()))
            return Console::report(usageError(u"receipt issue needs --to DIR, an existing folder."_s));
        inv.vaultPath = inv.arguments.at(1);
        if (auto present = requireVault(inv.vaultPath); !present)
            return Console::report(present.error());
        auto vault = openVault(inv);
        if (!vault)
            return Console::report(vault.error());
        const int code = work(*vault, inv, action);
        static_cast<void>(vault->lock());
        return code;
    }

private:
    int work(Vault& vault, Invocation& inv, const QString& action)
    {
        auto id = identityOf(vault);
        if (!id)
            return Console::report(id.error());
        auto db = databaseOf(vault);
        if (!db)
            return Console::report(db.error());
        if (action == u"issue"_s) {
            Result<ReceiptIssued> r =
                issueReceipt(**db, *id, inv.arguments.at(2), toPath(inv.value(u"to"_s)));
            if (!r)
                return Console::report(fromCore(r.error()));
            if (inv.json())
                return Console::outJson(QJsonObject{{u"file"_s, QFile::decodeName(r->file.c_str())},
                                                    {u"bundle_id"_s, r->bundleId},
                                                    {u"versions"_s, r->versions},
                                                    {u"attachments"_s, r->attachments}})
                           ? 0
                           : 8;
            Console::outLine(QFile::decodeName(r->file.c_str()));
            return 0;
        }
        Result<BlobStore*> blobs = vault.blobs();
        if (!blobs)
            return Console::report(fromCore(blobs.error()));
        Result<ReceiptApplied> r = applyReceipt(**db, **blobs, *id, toPath(inv.arguments.at(2)));
        if (!r)
            return Console::report(fromCore(r.error()));
        if (inv.json())
            return Console::outJson(QJsonObject{{u"bundle_id"_s, r->bundleId},
                                                {u"versions_delivered"_s, r->versions},
                                                {u"attachments_delivered"_s, r->attachments},
                                                {u"already_applied"_s, r->alreadyApplied}})
                       ? 0
                       : 8;
        Console::outLine(u"receipt for bundle %1: %2 versions and %3 attachments now delivered%4"_s.arg(
            r->bundleId, QString::number(r->versions), QString::number(r->attachments),
            r->alreadyApplied ? u" (already applied)"_s : QString()));
        return 0;
    }
};

class PurgeCommand : public VaultCommand
{
public:
    QString name() const override { return u"purge"_s; }
    QString summary() const override { return u"remove what HQ has acknowledged (needs --delivered)"_s; }
    QList<OptionSpec> options() const override
    {
        return {{u"delivered"_s,
                 {},
                 u"remove every testimony whose versions and attachments HQ all acknowledged"_s},
                {u"keep-nothing"_s, {}, u"do not keep the minimal stub (ids, hashes, when delivered)"_s},
                {u"forget-identifying"_s,
                 {},
                 u"also remove testimonies whose identifying fields HQ never received (they are then "
                 u"lost everywhere)"_s}};
    }

protected:
    std::expected<void, CliError> checkArguments(const Invocation& inv) override
    {
        if (!inv.has(u"delivered"_s))
            return std::unexpected(
                usageError(u"purge needs --delivered (it removes only what HQ acknowledged)."_s));
        return {};
    }

    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto db = databaseOf(vault);
        if (!db)
            return Console::report(db.error());
        Result<BlobStore*> blobs = vault.blobs();
        if (!blobs)
            return Console::report(fromCore(blobs.error()));
        PurgeOptions options;
        options.keepStub = !inv.has(u"keep-nothing"_s);
        options.forgetWithheld = inv.has(u"forget-identifying"_s);
        Result<PurgeReport> r = purgeDelivered(**db, **blobs, options);
        if (!r)
            return Console::report(fromCore(r.error()));
        if (inv.json())
            return Console::outJson(
                       QJsonObject{{u"purged"_s, QJsonArray::fromStringList(r->testimonies)},
                                   {u"versions"_s, r->versions},
                                   {u"attachments"_s, r->attachments},
                                   {u"kept"_s, r->kept},
                                   {u"kept_identifying"_s, QJsonArray::fromStringList(r->withheld)},
                                   {u"identifying_forgotten"_s, QJsonArray::fromStringList(r->forgotten)}})
                       ? 0
                       : 8;
        Console::outLine(
            u"purged %1 testimonies (%2 versions, %3 attachments); %4 kept with undelivered parts"_s.arg(
                QString::number(r->testimonies.size()), QString::number(r->versions),
                QString::number(r->attachments), QString::number(r->kept)));
        TestimonyStore store(**db, **blobs);
        for (const QString& id : r->withheld) {
            auto t = store.current(id);
            Console::outLine(
                u"kept %1 \u201c%2\u201d: HQ received it only without its identifying fields (witness "
                u"name, contact, address or interpreter). Export it with "
                u"--include-identifying if the witness consented, or purge with "
                u"--forget-identifying to destroy them."_s.arg(id, t ? t->title : QString()));
        }
        if (!r->forgotten.isEmpty())
            Console::outLine(u"identifying fields HQ never received were destroyed with: %1"_s.arg(
                r->forgotten.join(u", "_s)));
        return 0;
    }
};

class ReportCommand : public VaultCommand
{
public:
    QString name() const override { return u"report"_s; }
    QString summary() const override
    {
        return u"HQ: write every received testimony with provenance as CSV or JSON"_s;
    }
    QList<OptionSpec> options() const override
    {
        return {{u"csv"_s, u"F"_s, u"write CSV (UTF-8, opens in LibreOffice) to F"_s},
                {u"json"_s, u"F"_s, u"write JSON to F (after the command, --json takes a file here)"_s}};
    }
    /// The spelling of earlier versions, kept for scripts.
    QList<OptionSpec> hiddenOptions() const override { return {{u"json-out"_s, u"F"_s, {}}}; }
    QString details() const override
    {
        return u"The report is plaintext: keep it on an encrypted disk. Columns: docs/bundle-format.md."_s;
    }

protected:
    std::expected<void, CliError> checkArguments(const Invocation& inv) override
    {
        const int chosen =
            int(inv.has(u"csv"_s)) + int(inv.line.values.contains(u"json"_s)) + int(inv.has(u"json-out"_s));
        if (chosen != 1)
            return std::unexpected(usageError(u"report needs exactly one of --csv F or --json F."_s));
        return {};
    }

    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto db = databaseOf(vault);
        if (!db)
            return Console::report(db.error());
        const bool csv = inv.has(u"csv"_s);
        const QString path = csv                                   ? inv.value(u"csv"_s)
                             : inv.line.values.contains(u"json"_s) ? inv.value(u"json"_s)
                                                                   : inv.value(u"json-out"_s);
        Result<int> n = writeHqReport(**db, toPath(path), csv ? ReportFormat::Csv : ReportFormat::Json);
        if (!n)
            return Console::report(fromCore(n.error()));
        if (inv.json())
            return Console::outJson(QJsonObject{{u"rows"_s, *n}, {u"file"_s, path}}) ? 0 : 8;
        Console::outLine(u"%1 rows written to %2"_s.arg(QString::number(*n), path));
        return 0;
    }
};

/// Writes to standard output.
class StdoutSink final : public ByteSink
{
public:
    Status write(ByteView data) override
    {
        if (!Console::outRaw(data.data(), data.size()))
            return fail(ErrorCode::Io,
                        std::string("cannot write to standard output: ") + std::strerror(errno));
        return {};
    }
};

class BundleDecryptCommand : public Command
{
public:
    QString name() const override { return u"bundle-decrypt"_s; }
    QString summary() const override { return u"decrypt any age file to standard output, like age -d"_s; }
    QStringList argumentNames() const override { return {u"FILE"_s}; }
    bool usesVault() const override { return false; }
    QList<OptionSpec> options() const override
    {
        return {{u"identity"_s, u"F"_s, u"an age identity file (as age-keygen or identity-export writes)"_s}};
    }
    QString details() const override
    {
        return u"FILE '-' reads standard input. Plaintext is written only after each chunk authenticates; "
               u"a damaged or truncated file ends with an error (exit code 7)."_s;
    }

    int run(Invocation& inv) override
    {
        if (!inv.has(u"identity"_s))
            return Console::report(usageError(u"bundle-decrypt needs --identity F."_s));
        QFile keyFile(inv.value(u"identity"_s));
        if (!keyFile.open(QIODevice::ReadOnly))
            return Console::report(
                CliError{ExitCode::NotFound, u"not-found"_s,
                         u"Cannot read the identity file %1."_s.arg(inv.value(u"identity"_s))});
        SecretBuffer keyText(static_cast<std::size_t>(std::min<qint64>(keyFile.size(), 64 * 1024)));
        if (keyFile.read(reinterpret_cast<char*>(keyText.data()), static_cast<qint64>(keyText.size())) !=
            static_cast<qint64>(keyText.size()))
            return Console::report(CliError{ExitCode::Io, u"io"_s, u"Cannot read the identity file."_s});
        Result<std::vector<AgeIdentity>> ids = parseAgeIdentityFile(
            std::string_view(reinterpret_cast<const char*>(keyText.data()), keyText.size()));
        if (!ids)
            return Console::report(fromCore(ids.error()));
        const QString path = inv.arguments.at(0);
        int fd = 0;
        if (path != u"-"_s) {
            fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
            if (fd < 0)
                return Console::report(
                    CliError{ExitCode::NotFound, u"not-found"_s, u"There is no file %1."_s.arg(path)});
        }
        FdSource source(fd);
        StdoutSink sink;
        Status st = ageDecrypt(source, sink, *ids);
        if (fd != 0)
            ::close(fd);
        if (!st)
            return Console::report(fromCore(st.error()));
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeCardCommand()
{
    return std::make_unique<CardCommand>();
}
std::unique_ptr<Command> makeEnrolCommand()
{
    return std::make_unique<EnrolCommand>();
}
std::unique_ptr<Command> makeExportCommand()
{
    return std::make_unique<ExportCommand>();
}
std::unique_ptr<Command> makeImportCommand()
{
    return std::make_unique<ImportCommand>();
}
std::unique_ptr<Command> makeReceiptCommand()
{
    return std::make_unique<ReceiptCommand>();
}
std::unique_ptr<Command> makePurgeCommand()
{
    return std::make_unique<PurgeCommand>();
}
std::unique_ptr<Command> makeReportCommand()
{
    return std::make_unique<ReportCommand>();
}
std::unique_ptr<Command> makeIdentityExportCommand()
{
    return std::make_unique<IdentityExportCommand>();
}
std::unique_ptr<Command> makeBundleDecryptCommand()
{
    return std::make_unique<BundleDecryptCommand>();
}

void addSyncCommands(std::vector<std::unique_ptr<Command>>& commands)
{
    commands.push_back(makeCardCommand());
    commands.push_back(makeEnrolCommand());
    commands.push_back(makeExportCommand());
    commands.push_back(makeImportCommand());
    commands.push_back(makeReceiptCommand());
    commands.push_back(makePurgeCommand());
    commands.push_back(makeReportCommand());
    commands.push_back(makeIdentityExportCommand());
    commands.push_back(makeBundleDecryptCommand());
}

} // namespace fv::cli
