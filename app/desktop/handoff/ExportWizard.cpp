#include "handoff/ExportWizard.h"

#include "core/Identity.h"
#include "session/UserMessage.h"
#include "widgets/FileDialogs.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace fv::desktop {
namespace {

constexpr std::uint64_t kMegabyte = 1000 * 1000; // decimal: fits a "25 MB" limit either way

/// A page whose completeness is a predicate, and whose entry and exit run given functions.
class StepPage : public QWizardPage
{
public:
    using QWizardPage::QWizardPage;
    std::function<bool()> complete;
    std::function<void()> onEnter;
    std::function<void()> onLeaveBack;
    bool isComplete() const override { return complete ? complete() : true; }
    void initializePage() override
    {
        if (onEnter)
            onEnter();
    }
    void cleanupPage() override
    {
        if (onLeaveBack)
            onLeaveBack();
    }
    void refresh() { emit completeChanged(); }
};

QLabel* wrapped(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setWordWrap(true);
    return label;
}

} // namespace

ExportWizard::ExportWizard(Session& session, const QStringList& selectedIds, QWidget* parent)
    : QWizard(parent), m_session(session)
{
    setWindowTitle(tr("Export for HQ"));
    setObjectName(QStringLiteral("exportWizard"));
    setWindowModality(Qt::ApplicationModal);
    setOption(QWizard::NoBackButtonOnLastPage);
    setButtonText(QWizard::CommitButton, tr("&Next >"));

    // Recipients.
    auto* recipients = new StepPage(this);
    recipients->setTitle(tr("Who can open the bundle"));
    recipients->setSubTitle(tr("Only the HQ cards you tick can open what you export."));
    m_recipients = new QListWidget(recipients);
    m_recipients->setObjectName(QStringLiteral("exportRecipients"));
    auto* noCards = wrapped(tr("No HQ card is enrolled in this vault yet. Enrol HQ's card first "
                               "(Hand-off, Enrol HQ card), after checking its fingerprint by phone."),
                            recipients);
    noCards->setObjectName(QStringLiteral("exportNoRecipients"));
    if (Database* db = session.database()) {
        if (auto cards = enrolledCards(*db, VaultRole::Hq)) {
            for (const EnrolledCard& card : *cards) {
                const QString fingerprint = QString::fromStdString(card.card.fingerprint());
                auto* item = new QListWidgetItem(
                    tr("%1 (fingerprint %2)").arg(card.card.displayName, fingerprint), m_recipients);
                item->setData(Qt::UserRole, fingerprint);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                item->setCheckState(Qt::Checked);
            }
        }
    }
    noCards->setVisible(m_recipients->count() == 0);
    auto* recipientsLayout = new QVBoxLayout(recipients);
    recipientsLayout->addWidget(noCards);
    recipientsLayout->addWidget(m_recipients);
    recipients->complete = [this] {
        for (int i = 0; i < m_recipients->count(); ++i) {
            if (m_recipients->item(i)->checkState() == Qt::Checked)
                return true;
        }
        return false;
    };
    connect(m_recipients, &QListWidget::itemChanged, recipients, &StepPage::refresh);
    setPage(RecipientsPage, recipients);

    // Scope and identifying fields.
    auto* scope = new StepPage(this);
    scope->setTitle(tr("What to export"));
    m_scopePending = new QRadioButton(tr("Everything HQ has &not acknowledged yet"), scope);
    m_scopePending->setObjectName(QStringLiteral("exportScopePending"));
    m_scopePending->setChecked(true);
    m_scopeSelection = new QRadioButton(tr("Only the testimonies &ticked below (all their versions)"), scope);
    m_scopeSelection->setObjectName(QStringLiteral("exportScopeSelection"));
    m_selection = new QListWidget(scope);
    m_selection->setObjectName(QStringLiteral("exportSelection"));
    if (TestimonyStore* store = session.testimonies()) {
        if (auto list = store->list(5000)) {
            for (const TestimonySummary& t : *list) {
                const QString title = t.title.isEmpty() ? tr("(untitled)") : t.title;
                auto* item = new QListWidgetItem(title, m_selection);
                item->setData(Qt::UserRole, t.id);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
                item->setCheckState(selectedIds.contains(t.id) ? Qt::Checked : Qt::Unchecked);
            }
        }
    }
    if (!selectedIds.isEmpty())
        m_scopeSelection->setChecked(true);
    m_identifying = new QCheckBox(tr("&Include identifying witness fields (real name, contact, address, "
                                     "interpreter, original file names)"),
                                  scope);
    m_identifying->setObjectName(QStringLiteral("exportIdentifying"));
    auto* warning = wrapped(tr("Warning: with identifying fields, anyone who seizes this bundle together "
                               "with HQ's key can identify the witnesses. They are included only where "
                               "the witness gave consent. Leave this off unless HQ asked for them."),
                            scope);
    warning->setObjectName(QStringLiteral("exportIdentifyingWarning"));
    warning->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    warning->setVisible(false);
    connect(m_identifying, &QCheckBox::toggled, warning, &QWidget::setVisible);
    auto* scopeLayout = new QVBoxLayout(scope);
    scopeLayout->addWidget(m_scopePending);
    scopeLayout->addWidget(m_scopeSelection);
    scopeLayout->addWidget(m_selection, 1);
    scopeLayout->addWidget(m_identifying);
    scopeLayout->addWidget(warning);
    scope->complete = [this] {
        if (m_scopePending->isChecked())
            return true;
        for (int i = 0; i < m_selection->count(); ++i) {
            if (m_selection->item(i)->checkState() == Qt::Checked)
                return true;
        }
        return false;
    };
    connect(m_scopePending, &QRadioButton::toggled, scope, &StepPage::refresh);
    connect(m_selection, &QListWidget::itemChanged, scope, [this, scope] {
        m_scopeSelection->setChecked(true);
        scope->refresh();
    });
    setPage(ScopePage, scope);

    // Parts and destination.
    auto* output = new StepPage(this);
    output->setTitle(tr("Where to write it"));
    output->setSubTitle(tr("Messengers and e-mail limit file sizes: split the bundle into parts that fit. "
                           "HQ needs every part."));
    m_partSize = new QComboBox(output);
    m_partSize->setObjectName(QStringLiteral("exportPartSize"));
    m_partSize->addItem(tr("One file (no parts)"));
    m_partSize->addItem(tr("Parts of 10 MB"));
    m_partSize->addItem(tr("Parts of 25 MB"));
    m_partSize->addItem(tr("Parts of 100 MB"));
    m_partSize->addItem(tr("Parts of a size I choose"));
    m_customMb = new QSpinBox(output);
    m_customMb->setObjectName(QStringLiteral("exportCustomPartSize"));
    m_customMb->setRange(1, 100000);
    m_customMb->setValue(50);
    m_customMb->setSuffix(tr(" MB"));
    m_customMb->setEnabled(false);
    connect(m_partSize, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_customMb->setEnabled(index == PartsCustom); });
    m_destination = new QLineEdit(output);
    m_destination->setObjectName(QStringLiteral("exportDestination"));
    auto* browse = new QPushButton(tr("&Choose…"), output);
    browse->setObjectName(QStringLiteral("exportBrowse"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = chooseFolder(this, tr("Folder to write the bundle to"), m_destination->text());
        if (!dir.isEmpty())
            m_destination->setText(dir);
    });
    auto* destinationRow = new QHBoxLayout;
    destinationRow->addWidget(m_destination, 1);
    destinationRow->addWidget(browse);
    auto* outputForm = new QFormLayout(output);
    outputForm->setLabelAlignment(Qt::AlignLeading);
    outputForm->addRow(tr("&Parts:"), m_partSize);
    outputForm->addRow(tr("Part &size:"), m_customMb);
    outputForm->addRow(tr("&Folder:"), destinationRow);
    static_cast<QLabel*>(outputForm->labelForField(destinationRow))->setBuddy(m_destination);
    output->complete = [this] {
        const QFileInfo dir(m_destination->text());
        return !m_destination->text().isEmpty() && dir.isDir() && dir.isWritable();
    };
    connect(m_destination, &QLineEdit::textChanged, output, &StepPage::refresh);
    setPage(OutputPage, output);

    // Progress.
    auto* progress = new StepPage(this);
    progress->setTitle(tr("Exporting"));
    progress->setCommitPage(true);
    m_progress = new QProgressBar(progress);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progressText = wrapped(QString(), progress);
    m_progressText->setObjectName(QStringLiteral("exportProgressText"));
    m_cancelButton = new QPushButton(tr("&Stop the export"), progress);
    m_cancelButton->setObjectName(QStringLiteral("exportCancel"));
    connect(m_cancelButton, &QPushButton::clicked, this, &ExportWizard::cancelExport);
    auto* progressLayout = new QVBoxLayout(progress);
    progressLayout->addWidget(m_progress);
    progressLayout->addWidget(m_progressText);
    progressLayout->addWidget(m_cancelButton, 0, Qt::AlignLeading);
    progressLayout->addStretch(1);
    progress->complete = [this] { return !m_exporting && m_result.has_value(); };
    progress->onEnter = [this] { startExport(); };
    progress->onLeaveBack = [this] { stopAndWait(); };
    connect(this, &ExportWizard::exportFinished, progress, &StepPage::refresh);
    setPage(ProgressPage, progress);

    // Summary.
    auto* summary = new StepPage(this);
    summary->setTitle(tr("What went out"));
    m_summary = wrapped(QString(), summary);
    m_summary->setObjectName(QStringLiteral("exportSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* summaryLayout = new QVBoxLayout(summary);
    summaryLayout->addWidget(m_summary);
    summaryLayout->addStretch(1);
    summary->onEnter = [this] {
        if (!m_result)
            return;
        QStringList files;
        for (const auto& f : m_result->files)
            files.append(QFile::decodeName(f.c_str()));
        const QLocale locale;
        m_summary->setText(
            tr("Bundle %1 is written and sealed to %2 HQ card(s).\n\n"
               "Files (HQ needs all of them):\n%3\n\n"
               "%4 testimonies, %5 versions, %6 attachments; %7 in all.\n\n"
               "The testimonies stay in this vault until HQ sends a receipt and you purge them.")
                .arg(m_result->bundleId, QString::number(m_result->recipients.size()), files.join(u'\n'),
                     QString::number(m_result->testimonies), QString::number(m_result->versions),
                     QString::number(m_result->attachments),
                     locale.formattedDataSize(qint64(m_result->size), 1, QLocale::DataSizeSIFormat)));
    };
    setPage(SummaryPage, summary);

    m_poll.setInterval(100);
    connect(&m_poll, &QTimer::timeout, this, &ExportWizard::updateProgress);
    // The lock has already stopped and waited for a running export (the runner's cancel).
    connect(&session, &Session::aboutToLock, this, [this] {
        stopAndWait();
        reject();
    });
    setStartId(RecipientsPage);
}

ExportWizard::~ExportWizard()
{
    if (m_exporting) {
        m_cancel = true;
        m_outcome.reset(); // nothing to show any more
        m_session.waitUntilIdle();
    }
}

std::uint64_t ExportWizard::partSize() const
{
    switch (m_partSize->currentIndex()) {
    case Parts10MB:
        return 10 * kMegabyte;
    case Parts25MB:
        return 25 * kMegabyte;
    case Parts100MB:
        return 100 * kMegabyte;
    case PartsCustom:
        return std::uint64_t(m_customMb->value()) * kMegabyte;
    default:
        return 0;
    }
}

ExportOptions ExportWizard::options() const
{
    ExportOptions o;
    o.destination = std::filesystem::path(QFile::encodeName(m_destination->text()).toStdString());
    for (int i = 0; i < m_recipients->count(); ++i) {
        if (m_recipients->item(i)->checkState() == Qt::Checked)
            o.recipients.append(m_recipients->item(i)->data(Qt::UserRole).toString());
    }
    if (m_scopeSelection->isChecked()) {
        QStringList ids;
        for (int i = 0; i < m_selection->count(); ++i) {
            if (m_selection->item(i)->checkState() == Qt::Checked)
                ids.append(m_selection->item(i)->data(Qt::UserRole).toString());
        }
        o.testimonyIds = ids;
    }
    o.includeIdentifying = m_identifying->isChecked();
    o.partSize = partSize();
    return o;
}

void ExportWizard::startExport()
{
    Database* db = m_session.database();
    BlobStore* blobs = m_session.blobs();
    const VaultIdentity* identity = m_session.identity();
    m_result.reset();
    m_error.clear();
    if (!db || !blobs || !identity) {
        m_error = tr("The vault is locked. Unlock it and export again.");
        m_progressText->setText(m_error);
        emit exportFinished(false);
        return;
    }
    ExportOptions o = options();
    m_cancel = false;
    m_bytesDone = 0;
    m_bytesTotal = 0;
    o.cancel = &m_cancel;
    o.progress = [this](const ExportProgress& p) {
        m_bytesTotal = p.bytesTotal;
        m_bytesDone = p.bytesDone;
    };
    m_outcome = std::make_shared<std::optional<Result<ExportResult>>>();
    auto outcome = m_outcome;
    m_exporting = true;
    m_progress->setRange(0, 1000);
    m_progress->setValue(0);
    m_progressText->setText(tr("Sealing the bundle…"));
    m_cancelButton->setEnabled(true);
    const bool started = m_session.runExclusive(
        this,
        [db, blobs, identity, o = std::move(o), outcome] {
            outcome->emplace(exportBundle(*db, *blobs, *identity, o));
        },
        [this] { onExportDone(); }, [this] { m_cancel = true; });
    if (!started) {
        m_exporting = false;
        m_outcome.reset();
        m_cancelButton->setEnabled(false);
        m_error = tr("Another operation is still running in this vault. Go back and export again when it "
                     "has ended.");
        m_progressText->setText(m_error);
        emit exportFinished(false);
        return;
    }
    m_poll.start();
}

void ExportWizard::updateProgress()
{
    const std::uint64_t total = m_bytesTotal;
    const std::uint64_t doneBytes = m_bytesDone;
    if (total > 0)
        m_progress->setValue(int(std::min<std::uint64_t>(1000, doneBytes * 1000 / total)));
}

void ExportWizard::onExportDone()
{
    m_poll.stop();
    m_exporting = false;
    m_cancelButton->setEnabled(false);
    if (!m_outcome || !m_outcome->has_value())
        return;
    Result<ExportResult> outcome = std::move(**m_outcome);
    m_outcome.reset();
    if (outcome) {
        m_result = std::move(*outcome);
        m_progress->setValue(1000);
        m_progressText->setText(tr("Done."));
        emit exportFinished(true);
        if (currentId() == ProgressPage)
            next();
        return;
    }
    if (outcome.error().code == ErrorCode::Cancelled)
        m_error = tr("The export was stopped. Nothing was written and nothing was recorded as exported.");
    else
        m_error = userMessage(outcome.error(), tr("Exporting"));
    m_progress->setValue(0);
    m_progressText->setText(m_error + QLatin1Char('\n') + tr("Go back to change the choices and try again."));
    emit exportFinished(false);
}

void ExportWizard::cancelExport()
{
    if (m_exporting) {
        m_cancel = true;
        m_progressText->setText(tr("Stopping…"));
    }
}

void ExportWizard::stopAndWait()
{
    cancelExport();
    if (m_exporting)
        m_session.waitUntilIdle(); // onExportDone() runs before it returns
}

void ExportWizard::done(int result)
{
    stopAndWait();
    QWizard::done(result);
}

} // namespace fv::desktop
