// Commands about the vault as a whole: init, passwd, verify, erase.
#include "VaultCommands.h"

#include "core/TestimonyStore.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdlib>
#include <string_view>

using namespace Qt::StringLiterals;

namespace fv::cli {
namespace {

// The 1-pass, 8 MiB profile makes a passphrase cheap to guess: only a test that names it in the
// environment may create a vault with it (security review I3).
bool fastKdfAllowed()
{
    const char* named = std::getenv("FIELDVAULT_TEST_KDF");
    return named != nullptr && std::string_view(named) == "fast-insecure-testing";
}

QString jsonQuoted(const QString& text)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

class InitCommand : public Command
{
public:
    QString name() const override { return u"init"_s; }
    QString summary() const override { return u"create a vault; prints the recovery key once"_s; }
    QList<OptionSpec> options() const override
    {
        return {
            {u"kdf-profile"_s, u"NAME"_s,
             u"passphrase hardening: moderate (default), sensitive, or fast-insecure-testing (FOR TESTS "
             u"ONLY: weak against guessing; needs FIELDVAULT_TEST_KDF=fast-insecure-testing)"_s},
            {u"duress"_s,
             {},
             u"also set a duress passphrase (asked on the terminal) that opens a decoy vault"_s},
            {u"duress-passphrase-file"_s, u"F"_s, u"read the duress passphrase from file F"_s},
            {u"duress-passphrase-fd"_s, u"N"_s, u"read the duress passphrase from descriptor N"_s},
            {u"role"_s, u"ROLE"_s,
             u"field (default: a delegate's vault) or hq (headquarters: imports bundles)"_s},
        };
    }
    QString details() const override
    {
        return u"The folder must not exist yet, or be empty. The passphrase is asked twice on the terminal. "
               u"The "
               u"recovery key is printed once and stored nowhere: write it on paper and keep it apart from "
               u"the "
               u"computer. It opens the vault when the passphrase is lost ('passwd --recovery-key')."_s;
    }

    int run(Invocation& inv) override
    {
        VaultCreateOptions options;
        const QString profile = inv.has(u"kdf-profile"_s) ? inv.value(u"kdf-profile"_s) : u"moderate"_s;
        if (profile == u"moderate"_s)
            options.kdf = Argon2Params::moderate();
        else if (profile == u"sensitive"_s)
            options.kdf = Argon2Params::sensitive();
        else if (profile == u"fast-insecure-testing"_s && fastKdfAllowed())
            options.kdf = Argon2Params::fastForTests();
        else if (profile == u"fast-insecure-testing"_s)
            return Console::report(usageError(
                u"--kdf-profile fast-insecure-testing is for automated tests only: it makes the passphrase "
                u"easy to guess. Nothing was created. A test sets FIELDVAULT_TEST_KDF=fast-insecure-testing "
                u"to use it."_s));
        else
            return Console::report(usageError(
                u"Unknown --kdf-profile '%1' (expected moderate, sensitive or fast-insecure-testing)."_s.arg(
                    profile)));
        const QString role = inv.has(u"role"_s) ? inv.value(u"role"_s) : u"field"_s;
        if (role == u"field"_s)
            options.role = VaultRole::Field;
        else if (role == u"hq"_s)
            options.role = VaultRole::Hq;
        else
            return Console::report(usageError(u"Unknown --role '%1' (expected field or hq)."_s.arg(role)));
        if (inv.has(u"recovery-key"_s))
            return Console::report(
                usageError(u"A new vault has no recovery key yet; leave out --recovery-key."_s));
        if (Vault::exists(toPath(inv.vaultPath)))
            return Console::report(
                CliError{ExitCode::InvalidInput, u"invalid-input"_s,
                         u"There is already a vault at %1; nothing was changed."_s.arg(inv.vaultPath)});

        auto source = inv.passphraseSource();
        if (!source)
            return Console::report(source.error());
        auto passphrase = readNewSecret(*source, u"New passphrase for %1: "_s.arg(inv.vaultPath),
                                        u"Repeat the passphrase: "_s);
        if (!passphrase)
            return Console::report(passphrase.error());

        const bool wantDuress = inv.has(u"duress"_s) || inv.has(u"duress-passphrase-file"_s) ||
                                inv.has(u"duress-passphrase-fd"_s);
        if (wantDuress) {
            auto duressSource = inv.secretSource(u"duress-passphrase-file"_s, u"duress-passphrase-fd"_s);
            if (!duressSource)
                return Console::report(duressSource.error());
            auto duress = readNewSecret(*duressSource, u"Duress passphrase (opens a decoy vault): "_s,
                                        u"Repeat the duress passphrase: "_s);
            if (!duress)
                return Console::report(duress.error());
            options.duressPassphrase = std::move(*duress);
        }

        Result<CreatedVault> created = Vault::create(toPath(inv.vaultPath), *passphrase, options);
        passphrase->wipe();
        if (!created)
            return Console::report(fromCore(created.error()));
        const SecretBuffer& key = created->recoveryKey;
        if (inv.json()) {
            Console::out((u"{\"vault\":"_s + jsonQuoted(QDir(inv.vaultPath).absolutePath()) +
                          u",\"recovery_key\":\""_s)
                             .toUtf8());
            Console::outRaw(key.data(), key.size());
            Console::out("\"}\n");
        } else {
            Console::outLine(u"Created the vault in %1."_s.arg(QDir(inv.vaultPath).absolutePath()));
            Console::outLine(
                u"RECOVERY KEY (shown only this once; write it on paper and keep it apart from this "
                u"computer):"_s);
            Console::out("\n    ");
            Console::outRaw(key.data(), key.size());
            Console::out("\n\n");
            Console::outLine(u"If the passphrase is ever lost, it opens the vault: fieldvault-cli passwd %1 "
                             u"--recovery-key"_s.arg(inv.vaultPath));
            if (options.kdf == Argon2Params::fastForTests())
                Console::note(
                    u"fieldvault-cli: WARNING: fast-insecure-testing makes the passphrase easy to guess. "
                    u"Never use it for real testimonies."_s);
        }
        return 0;
    }
};

class PasswdCommand : public VaultCommand
{
public:
    QString name() const override { return u"passwd"_s; }
    QString summary() const override { return u"change the passphrase"_s; }
    QList<OptionSpec> options() const override
    {
        return {
            {u"new-passphrase-file"_s, u"F"_s, u"read the new passphrase from the first line of file F"_s},
            {u"new-passphrase-fd"_s, u"N"_s, u"read the new passphrase from descriptor N"_s},
        };
    }
    QString details() const override
    {
        return u"Asks for the current passphrase (or, with --recovery-key, the recovery key: the way back "
               u"when "
               u"the passphrase is lost), then the new one twice. The recovery key keeps working."_s;
    }

protected:
    std::expected<void, CliError> checkArguments(const Invocation& inv) override
    {
        auto source = inv.secretSource(u"new-passphrase-file"_s, u"new-passphrase-fd"_s);
        if (!source)
            return std::unexpected(source.error());
        if (source->interactive() && !haveTerminal())
            return std::unexpected(usageError(
                u"There is no terminal to ask for the new passphrase; give --new-passphrase-file F or "
                u"--new-passphrase-fd N."_s));
        return {};
    }

    int runWithVault(Vault& vault, Invocation& inv) override
    {
        auto source = inv.secretSource(u"new-passphrase-file"_s, u"new-passphrase-fd"_s);
        if (!source)
            return Console::report(source.error());
        auto passphrase = readNewSecret(*source, u"New passphrase: "_s, u"Repeat the new passphrase: "_s);
        if (!passphrase)
            return Console::report(passphrase.error());
        if (Status changed = vault.changePassphrase(*passphrase); !changed)
            return Console::report(fromCore(changed.error()));
        if (inv.json())
            Console::outJson(QJsonObject{{u"changed"_s, true}});
        else
            Console::outLine(u"The passphrase was changed. The recovery key still works."_s);
        return 0;
    }
};

class VerifyCommand : public VaultCommand
{
public:
    QString name() const override { return u"verify"_s; }
    QString summary() const override
    {
        return u"authenticate every page and attachment, run SQLite's integrity check, report orphans"_s;
    }
    QString details() const override
    {
        return u"Exits 0 when everything is intact and 1 when anything is damaged, missing or orphaned."_s;
    }

protected:
    int runWithVault(Vault& vault, Invocation& inv) override
    {
        Result<VaultVerifyReport> report = vault.verify();
        if (!report)
            return Console::report(fromCore(report.error()));
        const VaultVerifyReport& r = *report;
        // The store layer checked pages, SQLite's integrity and which blob files exist; the
        // testimony layer (which holds the blob keys) checks the hash chains and authenticates
        // every attachment. It needs the store, which verify() leaves open unless it is damaged.
        QStringList problems;
        if (vault.isLocked()) {
            problems.append(
                u"The store could not be reopened, so the history and attachments were not checked."_s);
        } else {
            Result<Database*> db = vault.database();
            Result<BlobStore*> blobs = vault.blobs();
            if (!db || !blobs)
                return Console::report(fromCore(!db ? db.error() : blobs.error()));
            TestimonyStore store(**db, **blobs);
            Result<QStringList> found = store.verifyAll();
            if (!found)
                problems.append(QString::fromStdString(found.error().message));
            else
                problems = *found;
        }
        const bool ok = r.ok() && problems.isEmpty();
        if (inv.json()) {
            QJsonArray damaged, missing;
            for (const std::string& name : r.damagedBlobs)
                damaged.append(QString::fromStdString(name));
            for (const std::string& name : r.missingBlobs)
                missing.append(QString::fromStdString(name));
            Console::outJson(QJsonObject{
                {u"ok"_s, ok},
                {u"pages_checked"_s, static_cast<qint64>(r.pagesChecked)},
                {u"damaged_pages"_s, static_cast<qint64>(r.damagedPages)},
                {u"first_damaged_page"_s, static_cast<qint64>(r.firstDamagedPage)},
                {u"integrity_check"_s, QString::fromStdString(r.integrityCheck)},
                {u"blobs_referenced"_s, static_cast<qint64>(r.blobsReferenced)},
                {u"blobs_checked"_s, static_cast<qint64>(r.blobsChecked)},
                {u"blobs_damaged"_s, static_cast<qint64>(r.blobsDamaged)},
                {u"blobs_missing"_s, static_cast<qint64>(r.blobsMissing)},
                {u"blobs_not_checked"_s, static_cast<qint64>(r.blobsNotChecked)},
                {u"orphans"_s, static_cast<qint64>(r.orphans)},
                {u"damaged_blobs"_s, damaged},
                {u"missing_blobs"_s, missing},
                {u"problems"_s, QJsonArray::fromStringList(problems)},
            });
        } else {
            Console::outLine(
                u"store: %1 pages checked, %2 damaged%3"_s.arg(r.pagesChecked)
                    .arg(r.damagedPages)
                    .arg(r.firstDamagedPage ? u" (first: page %1)"_s.arg(r.firstDamagedPage) : QString()));
            Console::outLine(u"integrity check: %1"_s.arg(QString::fromStdString(r.integrityCheck)));
            Console::outLine(
                u"attachments: %1 referenced, %2 checked, %3 damaged, %4 missing; %5 unreferenced files (chaff)"_s
                    .arg(r.blobsReferenced)
                    .arg(r.blobsChecked)
                    .arg(r.blobsDamaged)
                    .arg(r.blobsMissing)
                    .arg(r.orphans));
            for (const QString& problem : problems)
                Console::outLine(u"problem: %1"_s.arg(problem));
            Console::outLine(
                ok ? u"OK: the vault is intact."_s
                   : u"DAMAGED: restore this vault from a copy or export what can still be read."_s);
        }
        if (!ok)
            Console::note(
                u"fieldvault-cli: the vault at %1 is damaged (see the report above)."_s.arg(inv.vaultPath));
        return ok ? 0 : static_cast<int>(ExitCode::DamageFound);
    }
};

class EraseCommand : public Command
{
public:
    QString name() const override { return u"erase"_s; }
    QString summary() const override { return u"crypto-shred and delete the vault (asks to type ERASE)"_s; }
    QList<OptionSpec> options() const override
    {
        return {{u"yes"_s, {}, u"do not ask for confirmation (for scripts and emergencies)"_s}};
    }
    QString details() const override
    {
        return u"Overwrites the key file so no passphrase or recovery key can open the vault again, then "
               u"deletes "
               u"the folder. Needs no passphrase and works even while the vault is open elsewhere, so an "
               u"emergency erase cannot be blocked. It cannot be undone."_s;
    }

    int run(Invocation& inv) override
    {
        if (auto exists = requireVault(inv.vaultPath); !exists) {
            CliError error = exists.error();
            error.message = u"There is no vault at %1; nothing was erased."_s.arg(inv.vaultPath);
            return Console::report(error);
        }
        if (!inv.has(u"yes"_s)) {
            if (!haveTerminal())
                return Console::report(CliError{
                    ExitCode::Cancelled, u"cancelled"_s,
                    u"Not erased: there is no terminal to confirm on. Give --yes to erase without asking."_s});
            const QString answer = askTerminal(
                u"This destroys the vault at %1 and every testimony and attachment in it, for ever.\n"
                u"Type ERASE to confirm: "_s.arg(QDir(inv.vaultPath).absolutePath()));
            if (answer != u"ERASE"_s)
                return Console::report(CliError{ExitCode::Cancelled, u"cancelled"_s,
                                                u"Not erased (the confirmation was not ERASE)."_s});
        }
        if (Status erased = Vault::erase(toPath(inv.vaultPath)); !erased)
            return Console::report(fromCore(erased.error()));
        if (inv.json())
            Console::outJson(QJsonObject{{u"erased"_s, QDir(inv.vaultPath).absolutePath()}});
        else
            Console::outLine(u"The vault at %1 was erased."_s.arg(QDir(inv.vaultPath).absolutePath()));
        return 0;
    }
};

} // namespace

std::unique_ptr<Command> makeInitCommand()
{
    return std::make_unique<InitCommand>();
}
std::unique_ptr<Command> makePasswdCommand()
{
    return std::make_unique<PasswdCommand>();
}
std::unique_ptr<Command> makeVerifyCommand()
{
    return std::make_unique<VerifyCommand>();
}
std::unique_ptr<Command> makeEraseCommand()
{
    return std::make_unique<EraseCommand>();
}

} // namespace fv::cli
