#include "handoff/ImportWindow.h"

#include "core/sync/BundleWriter.h"
#include "core/sync/Importer.h"
#include "handoff/ProvenanceDialog.h"
#include "session/UserMessage.h"
#include "widgets/FileDialogs.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMimeData>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace fv::desktop {

struct ImportWindow::Outcome
{
    BundleFiles bundle{};
    std::optional<Result<ImportReport>> result{};
    QDateTime when{};
};

namespace {

std::filesystem::path toPath(const QString& path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

QString partName(const QString& stem, int n)
{
    return stem + QStringLiteral(".%1").arg(n, 3, 10, QLatin1Char('0'));
}

QTableWidgetItem* cell(const QString& text)
{
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setToolTip(text);
    return item;
}

} // namespace

std::vector<BundleFiles> groupBundleFiles(const QStringList& paths)
{
    static const QRegularExpression part(QStringLiteral("^(.+)\\.([0-9]{3})$"));
    std::vector<BundleFiles> bundles;
    QHash<QString, std::size_t> byStem;
    QHash<QString, QSet<int>> numbers;
    for (const QString& path : paths) {
        const QRegularExpressionMatch m = part.match(path);
        const int n = m.hasMatch() ? m.captured(2).toInt() : 0;
        if (n < 1) {
            bundles.push_back(BundleFiles{QFileInfo(path).fileName(), {toPath(path)}});
            continue;
        }
        const QString stem = m.captured(1);
        if (!byStem.contains(stem)) {
            byStem.insert(stem, bundles.size());
            bundles.push_back(BundleFiles{QFileInfo(stem).fileName() + QStringLiteral(".001…"), {}});
            for (int i = 1; i <= kBundleMaxParts; ++i) {
                if (QFileInfo::exists(partName(stem, i)))
                    numbers[stem].insert(i);
            }
        }
        numbers[stem].insert(n);
    }
    for (auto it = byStem.cbegin(); it != byStem.cend(); ++it) {
        QList<int> sorted = numbers.value(it.key()).values();
        std::sort(sorted.begin(), sorted.end());
        for (int n : sorted)
            bundles[it.value()].files.push_back(toPath(partName(it.key(), n)));
    }
    return bundles;
}

ImportWindow::ImportWindow(Session& session, QWidget* parent) : QDialog(parent), m_session(session)
{
    setWindowTitle(tr("Import bundles"));
    setObjectName(QStringLiteral("importWindow"));
    setWindowModality(Qt::ApplicationModal);
    setAcceptDrops(true);

    auto* intro = new QLabel(tr("Choose the bundles and parts delegates sent, or drop them here. Each bundle "
                                "is checked before anything of it is stored; a refused bundle changes "
                                "nothing."),
                             this);
    intro->setWordWrap(true);
    m_files = new QListWidget(this);
    m_files->setObjectName(QStringLiteral("importFiles"));
    auto* add = new QPushButton(tr("&Add files…"), this);
    add->setObjectName(QStringLiteral("importAdd"));
    connect(add, &QPushButton::clicked, this,
            [this] { addFiles(chooseOpenFiles(this, tr("Bundles and parts to import"))); });
    m_import = new QPushButton(tr("&Import"), this);
    m_import->setObjectName(QStringLiteral("importStart"));
    m_import->setEnabled(false);
    connect(m_import, &QPushButton::clicked, this, &ImportWindow::startImport);
    m_cancel = new QPushButton(tr("&Stop after this bundle"), this);
    m_cancel->setObjectName(QStringLiteral("importCancel"));
    m_cancel->setToolTip(tr("The bundle being imported is finished; the others are not started."));
    m_cancel->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, &ImportWindow::cancelImport);
    m_provenance = new QPushButton(tr("&Received testimonies…"), this);
    m_provenance->setObjectName(QStringLiteral("importProvenance"));
    connect(m_provenance, &QPushButton::clicked, this, [this] {
        if (m_session.isBusy())
            return;
        ProvenanceDialog dialog(m_session, this);
        dialog.exec();
    });
    auto* close = new QPushButton(tr("&Close"), this);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("importResults"));
    m_table->setHorizontalHeaderLabels({tr("Bundle"), tr("Sender"), tr("Fingerprint"), tr("Verification"),
                                        tr("Testimonies added"), tr("Versions added"),
                                        tr("Attachments added"), tr("Imported")});
    m_table->horizontalHeader()->setSectionResizeMode(ResultColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importStatus"));
    m_status->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(m_import);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_provenance);
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_files, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(m_table, 2);
    resize(980, 560);

    // The lock has already stopped the import between bundles and waited for it.
    connect(&session, &Session::aboutToLock, this, &QDialog::reject);
}

ImportWindow::~ImportWindow()
{
    if (m_importing) {
        m_stop = true;
        m_outcomes.reset(); // nothing to show any more
        m_session.waitUntilIdle();
    }
}

void ImportWindow::addFiles(const QStringList& paths)
{
    const QStringList present = pendingFiles();
    for (const QString& path : paths) {
        const QString absolute = QFileInfo(path).absoluteFilePath();
        if (path.isEmpty() || present.contains(absolute) ||
            !m_files->findItems(absolute, Qt::MatchExactly).isEmpty())
            continue;
        m_files->addItem(absolute);
    }
    m_import->setEnabled(m_files->count() > 0 && !m_importing);
}

QStringList ImportWindow::pendingFiles() const
{
    QStringList out;
    for (int i = 0; i < m_files->count(); ++i)
        out.append(m_files->item(i)->text());
    return out;
}

bool ImportWindow::startImport()
{
    Database* db = m_session.database();
    BlobStore* blobs = m_session.blobs();
    const VaultIdentity* identity = m_session.identity();
    if (m_importing || m_files->count() == 0 || !db || !blobs || !identity)
        return false;
    if (m_session.role() != VaultRole::Hq) {
        m_status->setText(tr("Only an HQ vault imports bundles; this is a field vault."));
        return false;
    }
    m_outcomes = std::make_shared<std::vector<Outcome>>();
    for (BundleFiles& bundle : groupBundleFiles(pendingFiles()))
        m_outcomes->push_back(Outcome{std::move(bundle), std::nullopt, {}});
    auto outcomes = m_outcomes;
    m_stop = false;
    std::atomic<bool>* stop = &m_stop; // the work ends before this window (destructor)
    const bool started = m_session.runExclusive(
        this,
        [db, blobs, identity, outcomes, stop] {
            // Each bundle is one transaction in core: stopping between two leaves no half import.
            for (Outcome& o : *outcomes) {
                if (*stop)
                    break;
                o.when = QDateTime::currentDateTimeUtc();
                o.result.emplace(importBundle(o.bundle.files, *identity, *db, *blobs, o.when));
            }
        },
        [this] { onImportDone(); }, [this] { m_stop = true; });
    if (!started) {
        m_outcomes.reset();
        m_status->setText(tr("Another operation is still running in this vault. Import when it has ended."));
        return false;
    }
    m_files->clear();
    m_importing = true;
    m_import->setEnabled(false);
    m_cancel->setEnabled(true);
    m_provenance->setEnabled(false);
    m_status->setText(tr("Checking and importing %n bundle(s)…", nullptr, int(m_outcomes->size())));
    return true;
}

void ImportWindow::cancelImport()
{
    if (!m_importing || m_stop)
        return;
    m_stop = true;
    m_cancel->setEnabled(false);
    m_status->setText(tr("Stopping after the bundle being imported…"));
}

void ImportWindow::onImportDone()
{
    m_importing = false;
    m_cancel->setEnabled(false);
    m_provenance->setEnabled(true);
    m_import->setEnabled(m_files->count() > 0);
    if (!m_outcomes)
        return;
    const auto outcomes = std::move(m_outcomes);
    int verified = 0, quarantined = 0, refused = 0, notStarted = 0;
    QStringList again;
    for (const Outcome& o : *outcomes) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        QString bundleText = o.bundle.label;
        QTableWidgetItem* result = nullptr;
        if (!o.result || !*o.result) {
            if (o.result) {
                ++refused;
                const Error error = o.result->error();
                result = cell(tr("REFUSED, nothing imported: %1 (%2)")
                                  .arg(userMessage(error), QString::fromStdString(error.message)));
                result->setForeground(QColor(0xb0, 0x00, 0x20));
                result->setData(Qt::UserRole, QStringLiteral("refused"));
            } else {
                ++notStarted;
                for (const std::filesystem::path& file : o.bundle.files)
                    again.append(QFile::decodeName(file.c_str()));
                result = cell(tr("Not started: the import was stopped. Its files wait in the list above."));
                result->setData(Qt::UserRole, QStringLiteral("notStarted"));
            }
            m_table->setItem(row, BundleColumn, cell(bundleText));
            for (int c : {SenderColumn, FingerprintColumn, TestimoniesColumn, VersionsColumn,
                          AttachmentsColumn, ImportedColumn})
                m_table->setItem(row, c, cell(QString()));
        } else {
            const ImportReport& r = **o.result;
            bundleText = tr("%1 (%2)").arg(r.bundleId, o.bundle.label);
            QString state;
            if (r.verified) {
                ++verified;
                state =
                    r.alreadyImported ? tr("Verified (already imported; nothing changed)") : tr("Verified");
                result = cell(state);
                result->setForeground(QColor(0x1b, 0x5e, 0x20));
                result->setData(Qt::UserRole, QStringLiteral("verified"));
            } else {
                ++quarantined;
                state = tr("QUARANTINED: the sender's card is not enrolled here. The bundle is intact and "
                           "signed by the key it names, but nobody vouched for that key. Check the "
                           "fingerprint by phone, enrol the card and ask for a new export.");
                result = cell(state);
                result->setForeground(QColor(0x7a, 0x2e, 0x00));
                result->setBackground(QColor(0xff, 0xe0, 0xb2));
                result->setData(Qt::UserRole, QStringLiteral("quarantined"));
            }
            m_table->setItem(row, BundleColumn, cell(bundleText));
            m_table->setItem(row, SenderColumn, cell(r.senderName));
            m_table->setItem(row, FingerprintColumn, cell(r.sender));
            m_table->setItem(row, TestimoniesColumn, cell(QString::number(r.entriesAdded)));
            m_table->setItem(row, VersionsColumn, cell(QString::number(r.versionsAdded)));
            m_table->setItem(row, AttachmentsColumn, cell(QString::number(r.attachmentsAdded)));
            m_table->setItem(row, ImportedColumn,
                             cell(QLocale().toString(o.when.toLocalTime(), QLocale::ShortFormat)));
        }
        m_table->setItem(row, ResultColumn, result);
    }
    QString status =
        tr("%1 verified, %2 quarantined, %3 refused.")
            .arg(QString::number(verified), QString::number(quarantined), QString::number(refused));
    if (notStarted > 0) {
        status += QLatin1Char(' ') + tr("The import was stopped: %n bundle(s) not started; they wait in the "
                                        "list to be imported.",
                                        nullptr, notStarted);
        addFiles(again);
    }
    m_status->setText(status);
    if (verified + quarantined > 0)
        m_session.notifyChanged({});
    emit importFinished();
}

void ImportWindow::done(int result)
{
    if (m_importing) {
        cancelImport();
        m_session.waitUntilIdle(); // onImportDone() runs before it returns
    }
    QDialog::done(result);
}

void ImportWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void ImportWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            paths.append(url.toLocalFile());
    }
    addFiles(paths);
    event->acceptProposedAction();
}

} // namespace fv::desktop
