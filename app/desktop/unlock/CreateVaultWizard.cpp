#include "unlock/CreateVaultWizard.h"

#include "core/Card.h"
#include "core/Identity.h"
#include "handoff/CardView.h"
#include "session/SensitiveClipboard.h"
#include "session/UserMessage.h"
#include "session/VaultTask.h"
#include "widgets/FileDialogs.h"
#include "widgets/PassphraseStrength.h"
#include "widgets/SecretField.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDir>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QVBoxLayout>

namespace fv::desktop {
namespace {

QLabel* explanation(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

bool folderUsable(const std::filesystem::path& folder)
{
    std::error_code ec;
    if (!std::filesystem::exists(folder, ec))
        return true;
    return std::filesystem::is_directory(folder, ec) && std::filesystem::is_empty(folder, ec);
}

// Page 1: where, and what for.
class LocationPageImpl : public QWizardPage
{
public:
    explicit LocationPageImpl(QWidget* parent) : QWizardPage(parent)
    {
        setTitle(CreateVaultWizard::tr("Create a vault"));
        setSubTitle(CreateVaultWizard::tr("Everything you record is kept in one encrypted folder. Without "
                                          "your passphrase nobody can read it, or even tell what it is."));
        m_folder = new QLineEdit(this);
        m_folder->setObjectName(QStringLiteral("createFolder"));
        auto* browse = new QPushButton(CreateVaultWizard::tr("Choose…"), this);
        browse->setObjectName(QStringLiteral("createFolderBrowse"));
        m_field =
            new QRadioButton(CreateVaultWizard::tr("&Field: I record testimonies and send them to HQ"), this);
        m_hq =
            new QRadioButton(CreateVaultWizard::tr("&HQ: I receive and verify bundles from delegates"), this);
        m_field->setChecked(true);
        m_hq->setObjectName(QStringLiteral("createRoleHq"));
        m_problem = new QLabel(this);
        m_problem->setWordWrap(true);

        auto* row = new QHBoxLayout;
        row->addWidget(m_folder, 1);
        row->addWidget(browse);
        auto* form = new QFormLayout;
        form->addRow(CreateVaultWizard::tr("&Folder:"), row);
        auto* layout = new QVBoxLayout(this);
        layout->addLayout(form);
        layout->addWidget(m_problem);
        layout->addSpacing(12);
        layout->addWidget(m_field);
        layout->addWidget(m_hq);
        layout->addStretch();
        layout->addWidget(
            explanation(CreateVaultWizard::tr("The folder must be new or empty. It can be on an "
                                              "encrypted USB stick."),
                        this));
        connect(browse, &QPushButton::clicked, this, [this] {
            const QString dir = chooseFolder(this, CreateVaultWizard::tr("Folder for the vault"));
            if (!dir.isEmpty())
                m_folder->setText(dir);
        });
        connect(m_folder, &QLineEdit::textChanged, this, [this] {
            const bool ok = m_folder->text().isEmpty() || folderUsable(location());
            m_problem->setText(
                ok ? QString()
                   : CreateVaultWizard::tr("This folder is not empty. Choose a new or empty folder."));
            emit completeChanged();
        });
    }

    std::filesystem::path location() const { return std::filesystem::path(m_folder->text().toStdString()); }
    void setLocation(const std::filesystem::path& location)
    {
        m_folder->setText(QString::fromStdString(location.string()));
    }
    VaultRole role() const { return m_hq->isChecked() ? VaultRole::Hq : VaultRole::Field; }
    bool isComplete() const override
    {
        return !m_folder->text().trimmed().isEmpty() && folderUsable(location());
    }

private:
    QLineEdit* m_folder = nullptr;
    QRadioButton* m_field = nullptr;
    QRadioButton* m_hq = nullptr;
    QLabel* m_problem = nullptr;
};

// A passphrase typed twice, with strength feedback on the first.
class TwoFields : public QWidget
{
public:
    TwoFields(const QString& objectPrefix, QWidget* parent) : QWidget(parent)
    {
        first = new SecretField(this);
        first->setObjectName(objectPrefix + QStringLiteral("1"));
        second = new SecretField(this);
        second->setObjectName(objectPrefix + QStringLiteral("2"));
        second->setAccessibleName(CreateVaultWizard::tr("Passphrase again"));
        meter = new QProgressBar(this);
        meter->setRange(0, 4);
        meter->setTextVisible(false);
        meter->setMaximumHeight(8);
        verdict = new QLabel(this);
        verdict->setWordWrap(true);
        reveal = new QCheckBox(CreateVaultWizard::tr("Show what I type"), this);
        auto* form = new QFormLayout(this);
        form->setContentsMargins(0, 0, 0, 0);
        form->addRow(CreateVaultWizard::tr("Passphrase:"), first);
        form->addRow(QString(), meter);
        form->addRow(QString(), verdict);
        form->addRow(CreateVaultWizard::tr("Again:"), second);
        form->addRow(QString(), reveal);
        connect(reveal, &QCheckBox::toggled, this, [this](bool on) {
            first->setRevealed(on);
            second->setRevealed(on);
        });
    }

    PassphraseStrength strength() const { return estimatePassphraseStrength(first->view()); }
    bool matching() const
    {
        const ByteView a = first->view(), b = second->view();
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
    }
    void updateFeedback()
    {
        const PassphraseStrength s = strength();
        meter->setValue(s.score);
        QString text = first->isEmpty() ? QString() : s.verdict + QStringLiteral(". ") + s.advice;
        if (!second->isEmpty() && !matching())
            text += QLatin1Char('\n') + CreateVaultWizard::tr("The two entries differ.");
        verdict->setText(text);
    }

    SecretField* first = nullptr;
    SecretField* second = nullptr;
    QProgressBar* meter = nullptr;
    QLabel* verdict = nullptr;
    QCheckBox* reveal = nullptr;
};

class PassphrasePageImpl : public QWizardPage
{
public:
    explicit PassphrasePageImpl(QWidget* parent) : QWizardPage(parent)
    {
        setTitle(CreateVaultWizard::tr("Choose a passphrase"));
        setSubTitle(CreateVaultWizard::tr("Several words only you know, in any language. You will type it "
                                          "every time you open Fieldvault."));
        fields = new TwoFields(QStringLiteral("createPassphrase"), this);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(fields);
        layout->addStretch();
        for (SecretField* f : {fields->first, fields->second})
            QObject::connect(f, &SecretField::changed, this, [this] {
                fields->updateFeedback();
                emit completeChanged();
            });
    }
    bool isComplete() const override { return fields->strength().acceptable() && fields->matching(); }

    TwoFields* fields = nullptr;
};

class DuressPageImpl : public QWizardPage
{
public:
    explicit DuressPageImpl(QWidget* parent) : QWizardPage(parent)
    {
        setTitle(CreateVaultWizard::tr("Duress passphrase (optional)"));
        setSubTitle(
            CreateVaultWizard::tr("If someone forces you to open Fieldvault, type this one instead. It "
                                  "opens a separate, harmless vault. It can only be set now."));
        enable = new QCheckBox(CreateVaultWizard::tr("&Set a duress passphrase"), this);
        enable->setObjectName(QStringLiteral("createDuressEnable"));
        fields = new TwoFields(QStringLiteral("createDuress"), this);
        fields->setEnabled(false);
        progress = new QProgressBar(this);
        progress->setRange(0, 0);
        progress->hide();
        status = new QLabel(this);
        status->setWordWrap(true);
        // What the duress passphrase hides and what it does not (docs/threat-model.md).
        auto* advice =
            new QLabel(CreateVaultWizard::tr(
                           "Nothing in the vault folder shows that a second passphrase exists, as long "
                           "as you also use the harmless vault, regularly and about as much as your "
                           "real work, and the disk is encrypted. An expert can compare how much the "
                           "folder holds with what the harmless vault shows, and on an unencrypted "
                           "disk can read when each file was made. The user guide explains."),
                       this);
        advice->setObjectName(QStringLiteral("createDuressAdvice"));
        advice->setWordWrap(true);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(enable);
        layout->addWidget(fields);
        layout->addWidget(advice);
        layout->addStretch();
        layout->addWidget(progress);
        layout->addWidget(status);
        QObject::connect(enable, &QCheckBox::toggled, this, [this](bool on) {
            fields->setEnabled(on);
            emit completeChanged();
        });
        for (SecretField* f : {fields->first, fields->second})
            QObject::connect(f, &SecretField::changed, this, [this] {
                fields->updateFeedback();
                emit completeChanged();
            });
    }
    bool isComplete() const override
    {
        if (busy)
            return false;
        return !enable->isChecked() || (fields->strength().acceptable() && fields->matching());
    }

    QCheckBox* enable = nullptr;
    TwoFields* fields = nullptr;
    QProgressBar* progress = nullptr;
    QLabel* status = nullptr;
    bool busy = false;
};

class RecoveryKeyPageImpl : public QWizardPage
{
public:
    RecoveryKeyPageImpl(SensitiveClipboard& clipboard, QWidget* parent)
        : QWizardPage(parent), m_clipboard(clipboard)
    {
        setTitle(CreateVaultWizard::tr("Your recovery key"));
        setSubTitle(
            CreateVaultWizard::tr("If you forget your passphrase, this key is the only way back in. It is "
                                  "shown only now. Write it on paper and keep the paper apart from this "
                                  "computer."));
        key = new QLabel(this);
        key->setObjectName(QStringLiteral("recoveryKey"));
        key->setTextInteractionFlags(Qt::TextSelectableByMouse);
        key->setLayoutDirection(Qt::LeftToRight);
        key->setAlignment(Qt::AlignCenter);
        QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        mono.setPointSizeF(mono.pointSizeF() * 1.4);
        key->setFont(mono);
        key->setWordWrap(true);
        auto* print = new QPushButton(CreateVaultWizard::tr("&Print…"), this);
        auto* save = new QPushButton(CreateVaultWizard::tr("&Save to a file…"), this);
        save->setObjectName(QStringLiteral("recoverySave"));
        auto* copy = new QPushButton(CreateVaultWizard::tr("&Copy"), this);
        written = new QCheckBox(CreateVaultWizard::tr("I have &written down the recovery key"), this);
        written->setObjectName(QStringLiteral("recoveryWritten"));
        auto* buttons = new QHBoxLayout;
        buttons->addWidget(print);
        buttons->addWidget(save);
        buttons->addWidget(copy);
        buttons->addStretch();
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(key);
        layout->addLayout(buttons);
        layout->addStretch();
        layout->addWidget(written);
        QObject::connect(written, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
        QObject::connect(copy, &QPushButton::clicked, this, [this] { m_clipboard.copy(key->text()); });
        QObject::connect(save, &QPushButton::clicked, this, [this] { saveToFile(); });
        QObject::connect(print, &QPushButton::clicked, this, [this] { printKey(); });
    }
    bool isComplete() const override { return written->isChecked(); }

    void saveToFile()
    {
        const auto answer = QMessageBox::warning(
            this, CreateVaultWizard::tr("Save the recovery key"),
            CreateVaultWizard::tr(
                "Anyone who finds this file can open your vault. Save it only to a USB stick "
                "you keep somewhere else, never on this computer."),
            QMessageBox::Save | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Save)
            return;
        const QString path = chooseSaveFile(this, CreateVaultWizard::tr("Save the recovery key"), QString());
        if (path.isEmpty())
            return;
        QSaveFile file(path);
        const QByteArray text = key->text().toUtf8() + '\n';
        if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit())
            QMessageBox::critical(
                this, CreateVaultWizard::tr("Save the recovery key"),
                CreateVaultWizard::tr("The file could not be written: %1").arg(file.errorString()));
    }

    void printKey()
    {
        const auto answer = QMessageBox::warning(
            this, CreateVaultWizard::tr("Print the recovery key"),
            CreateVaultWizard::tr(
                "Printers and print queues can keep a copy of what they print, and \"print to a "
                "file\" leaves the key in a file on this computer. Print only on a printer you trust, "
                "connected to this computer, and take the paper with you."),
            QMessageBox::Ok | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Ok)
            return;
        QPrinter printer;
        QPrintDialog dialog(&printer, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        QPainter painter(&printer);
        painter.setFont(key->font());
        painter.drawText(painter.viewport(), Qt::AlignCenter,
                         CreateVaultWizard::tr("Fieldvault recovery key") + QStringLiteral("\n\n") +
                             key->text());
    }

    QLabel* key = nullptr;
    QCheckBox* written = nullptr;

private:
    SensitiveClipboard& m_clipboard;
};

class HqCardPageImpl : public QWizardPage
{
public:
    HqCardPageImpl(Session& session, QWidget* parent) : QWizardPage(parent), m_session(session)
    {
        setTitle(CreateVaultWizard::tr("HQ's card"));
        setSubTitle(
            CreateVaultWizard::tr("Bundles you export can be opened only by the HQ cards you enrol here. "
                                  "You can also do this later, from Settings."));
        auto* load = new QPushButton(CreateVaultWizard::tr("&Load HQ's card file…"), this);
        load->setObjectName(QStringLiteral("hqCardLoad"));
        details = new QLabel(this);
        details->setWordWrap(true);
        details->setTextInteractionFlags(Qt::TextSelectableByMouse);
        fingerprint = makeFingerprintLabel(this, 1.5);
        fingerprint->setObjectName(QStringLiteral("hqCardFingerprint"));
        matches = new QCheckBox(
            CreateVaultWizard::tr("HQ read me the same fingerprint (by phone or in person)"), this);
        matches->setObjectName(QStringLiteral("hqCardMatches"));
        matches->setEnabled(false);
        result = new QLabel(this);
        result->setWordWrap(true);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(load, 0, Qt::AlignLeading);
        layout->addWidget(details);
        layout->addWidget(fingerprint);
        layout->addWidget(matches);
        layout->addStretch();
        layout->addWidget(result);
        QObject::connect(load, &QPushButton::clicked, this, [this] {
            const QString path = chooseOpenFile(this, CreateVaultWizard::tr("HQ's card"));
            if (!path.isEmpty())
                loadCard(path);
        });
        QObject::connect(matches, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
    }

    /// Reads and shows a card; the person then confirms the fingerprint.
    void loadCard(const QString& path)
    {
        m_card.reset();
        matches->setChecked(false);
        matches->setEnabled(false);
        fingerprint->clear();
        auto card = readCardFile(path, VaultRole::Hq);
        if (!card) {
            details->setText(card.error());
            return;
        }
        m_card = *card;
        details->setText(
            CreateVaultWizard::tr("Card of: %1\nCall HQ and read this fingerprint to each other:")
                .arg(card->displayName));
        fingerprint->setText(QString::fromStdString(card->fingerprint()));
        matches->setEnabled(true);
        emit completeChanged();
    }

    bool isComplete() const override { return !m_card || matches->isChecked(); }

    bool validatePage() override
    {
        if (!m_card)
            return true; // later, from Settings
        Database* db = m_session.database();
        const VaultIdentity* own = m_session.identity();
        if (!db || !own) {
            result->setText(CreateVaultWizard::tr("The vault is locked."));
            return false;
        }
        auto enrolled = enrolCard(*db, *m_card, m_session.role(), *own, QDateTime::currentDateTimeUtc());
        if (!enrolled) {
            result->setText(userMessage(enrolled.error(), CreateVaultWizard::tr("Enrolling the card")));
            return false;
        }
        return true;
    }

    QLabel* details = nullptr;
    QLabel* fingerprint = nullptr;
    QCheckBox* matches = nullptr;
    QLabel* result = nullptr;

private:
    Session& m_session;
    std::optional<IdentityCard> m_card;
};

} // namespace

struct CreateVaultWizard::Pages
{
    LocationPageImpl* location = nullptr;
    PassphrasePageImpl* passphrase = nullptr;
    DuressPageImpl* duress = nullptr;
    RecoveryKeyPageImpl* recovery = nullptr;
    HqCardPageImpl* hqCard = nullptr;
    Argon2Params kdf = Argon2Params::moderate();
    bool created = false;
};

namespace {

// The duress page starts the creation on "Next" and moves on when it is done.
class CreatingDuressPage : public DuressPageImpl
{
public:
    CreatingDuressPage(CreateVaultWizard& wizard, Session& session, CreateVaultWizard::Pages* pages)
        : DuressPageImpl(&wizard), m_wizard(wizard), m_session(session), m_pages(pages)
    {
    }

    bool validatePage() override
    {
        if (m_pages->created)
            return true;
        if (busy)
            return false;
        const auto location = m_pages->location->location();
        VaultCreateOptions options;
        options.kdf = m_pages->kdf;
        options.role = m_pages->location->role();
        if (enable->isChecked())
            options.duressPassphrase = fields->first->secret();
        busy = true;
        m_wizard.button(QWizard::CancelButton)->setEnabled(false);
        progress->show();
        status->setText(CreateVaultWizard::tr("Creating the vault…"));
        emit completeChanged();
        createVaultAsync(
            &m_wizard, location, m_pages->passphrase->fields->first->secret(), std::move(options),
            [this](Result<CreatedVault> created) {
                busy = false;
                progress->hide();
                if (!created) {
                    m_wizard.button(QWizard::CancelButton)->setEnabled(true);
                    status->setText(
                        userMessage(created.error(), CreateVaultWizard::tr("Creating the vault")));
                    emit completeChanged();
                    return;
                }
                m_pages->recovery->key->setText(
                    QString::fromUtf8(reinterpret_cast<const char*>(created->recoveryKey.data()),
                                      qsizetype(created->recoveryKey.size())));
                created->recoveryKey.wipe();
                // The vault exists from here on: its recovery key is shown even if opening it
                // fails, and it is unlocked from the unlock screen afterwards.
                if (auto adopted = m_session.adopt(std::move(created->vault)); !adopted)
                    QMessageBox::warning(
                        &m_wizard, CreateVaultWizard::tr("New vault"),
                        CreateVaultWizard::tr("The vault was created, but could not be opened: %1\n\nWrite "
                                              "down its recovery key on the next page, then open the vault "
                                              "from the unlock screen.")
                            .arg(userMessage(adopted.error())));
                m_pages->created = true;
                m_pages->passphrase->fields->first->clear();
                m_pages->passphrase->fields->second->clear();
                fields->first->clear();
                fields->second->clear();
                status->clear();
                m_wizard.button(QWizard::CancelButton)->setEnabled(false);
                m_wizard.next();
            });
        return false;
    }

private:
    CreateVaultWizard& m_wizard;
    Session& m_session;
    CreateVaultWizard::Pages* m_pages;
};

} // namespace

CreateVaultWizard::CreateVaultWizard(Session& session, SensitiveClipboard& clipboard, QWidget* parent)
    : QWizard(parent), m_pages(std::make_unique<Pages>())
{
    setWindowTitle(tr("New vault"));
    setWizardStyle(QWizard::ClassicStyle);
    setOption(QWizard::NoBackButtonOnLastPage);
    m_pages->location = new LocationPageImpl(this);
    m_pages->passphrase = new PassphrasePageImpl(this);
    m_pages->duress = new CreatingDuressPage(*this, session, m_pages.get());
    m_pages->recovery = new RecoveryKeyPageImpl(clipboard, this);
    m_pages->hqCard = new HqCardPageImpl(session, this);
    m_pages->recovery->setCommitPage(true);
    setPage(LocationPage, m_pages->location);
    setPage(PassphrasePage, m_pages->passphrase);
    setPage(DuressPage, m_pages->duress);
    setPage(RecoveryKeyPage, m_pages->recovery);
    setPage(HqCardPage, m_pages->hqCard);
    setLocation(Vault::defaultLocation());
}

CreateVaultWizard::~CreateVaultWizard() = default;

int CreateVaultWizard::nextId() const
{
    // An HQ vault enrols delegates' cards later, one by one, from Settings.
    if (currentId() == RecoveryKeyPage && m_pages->location->role() == VaultRole::Hq)
        return -1;
    return QWizard::nextId();
}

void CreateVaultWizard::setLocation(const std::filesystem::path& location)
{
    m_pages->location->setLocation(location);
}

void CreateVaultWizard::setKdf(const Argon2Params& params)
{
    m_pages->kdf = params;
}

void CreateVaultWizard::reject()
{
    if (m_pages->duress->busy || currentId() == RecoveryKeyPage)
        return;
    QWizard::reject();
}

bool CreateVaultWizard::vaultCreated() const noexcept
{
    return m_pages->created;
}

QString CreateVaultWizard::recoveryKeyText() const
{
    return m_pages->recovery->key->text();
}

} // namespace fv::desktop
