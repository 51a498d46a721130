#include "editor/AttachmentsPage.h"

#include "crypto/Crypto.h"
#include "session/UserMessage.h"
#include "widgets/FileDialogs.h"

#ifdef FV_HAVE_AUDIO
#include "audio/AudioPlayerWidget.h"
#include "audio/AudioRecorderWidget.h"
#endif

#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <atomic>

namespace fv::desktop {

namespace {

constexpr qint64 kChunk = 256 * 1024;
/// Photos larger than this are not decoded for the preview (they would be decrypted whole).
constexpr std::uint64_t kMaxPreviewBytes = 64ull * 1024 * 1024;
constexpr int kShortHash = 12;

enum Column
{
    KindColumn,
    NameColumn,
    TypeColumn,
    SizeColumn,
    CapturedColumn,
    NoteColumn,
    HashColumn,
};

enum PreviewPage
{
    NotePage,
    PhotoPage,
    PlayerPage,
};

constexpr int kIdRole = Qt::UserRole;
constexpr int kKindRole = Qt::UserRole + 1;

QString kindText(AttachmentKind kind)
{
    switch (kind) {
    case AttachmentKind::Audio:
        return AttachmentsPage::tr("Recording");
    case AttachmentKind::Photo:
        return AttachmentsPage::tr("Photo");
    case AttachmentKind::Video:
        return AttachmentsPage::tr("Video");
    case AttachmentKind::Document:
        return AttachmentsPage::tr("Document");
    }
    return {};
}

QStringList localFiles(const QMimeData* mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile())
            return {};
        paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

/// What the GUI and the worker share while files are added or a copy is saved.
struct AttachmentsPage::Job
{
    std::atomic<bool> cancel{false};
    std::atomic<qint64> bytesDone{0};
    std::atomic<int> current{0};
    qint64 bytesTotal = 0;
    QStringList names;
};

AttachmentsPage::AttachmentsPage(Session& session, QWidget* parent) : QWidget(parent), m_session(session)
{
    setAcceptDrops(true);

    m_addButton = new QPushButton(tr("&Add files…"), this);
    m_addButton->setObjectName(QStringLiteral("addFilesButton"));
    m_saveCopyButton = new QPushButton(tr("Save a &decrypted copy…"), this);
    m_saveCopyButton->setObjectName(QStringLiteral("saveCopyButton"));
    m_saveCopyButton->setToolTip(
        tr("Writes the selected attachment to a file of your choice, without encryption."));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_saveCopyButton);
    buttons->addStretch(1);

    auto* hint =
        new QLabel(tr("You can also drop files here. They are encrypted into the vault as they are added; "
                      "the original files are not changed or deleted."),
                   this);
    hint->setWordWrap(true);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("attachmentsList"));
    m_list->setRootIsDecorated(false);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setHeaderLabels({tr("Kind"), tr("Original name (sensitive)"), tr("Media type"), tr("Size"),
                             tr("Captured"), tr("Note"), tr("Fingerprint")});
    m_list->headerItem()->setToolTip(NameColumn,
                                     tr("The original file name may identify a person or a place."));
    m_list->headerItem()->setToolTip(HashColumn, tr("The start of the SHA-256 of the content."));
    m_list->setAccessibleName(tr("Attachments"));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("attachmentsMessage"));
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->hide();

    auto* previewBox = new QGroupBox(tr("Preview"), this);
    m_preview = new QStackedWidget(previewBox);
    m_preview->setObjectName(QStringLiteral("attachmentPreview"));
    m_previewNote = new QLabel(m_preview);
    m_previewNote->setObjectName(QStringLiteral("previewNote"));
    m_previewNote->setTextFormat(Qt::PlainText);
    m_previewNote->setWordWrap(true);
    m_previewNote->setAlignment(Qt::AlignLeading | Qt::AlignTop);
    m_photo = new QLabel(m_preview);
    m_photo->setObjectName(QStringLiteral("photoPreview"));
    m_photo->setAlignment(Qt::AlignCenter);
    m_photo->setMinimumSize(160, 120);
    m_photo->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_playerArea = new QWidget(m_preview);
    m_playerArea->setObjectName(QStringLiteral("playerArea"));
    m_playerLayout = new QVBoxLayout(m_playerArea);
    m_playerLayout->setContentsMargins(0, 0, 0, 0);
    m_playerLayout->addStretch(1);
    m_preview->insertWidget(NotePage, m_previewNote);
    m_preview->insertWidget(PhotoPage, m_photo);
    m_preview->insertWidget(PlayerPage, m_playerArea);
    auto* previewLayout = new QVBoxLayout(previewBox);
    previewLayout->addWidget(m_preview);

    auto* recordBox = new QGroupBox(tr("Record interview"), this);
    m_recordArea = recordBox;
    m_recordLayout = new QVBoxLayout(recordBox);
#ifndef FV_HAVE_AUDIO
    auto* noAudio = new QLabel(tr("Recording is not available in this build of Fieldvault."), recordBox);
    noAudio->setWordWrap(true);
    m_recordLayout->addWidget(noAudio);
#endif

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(hint);
    layout->addWidget(m_list, 2);
    layout->addWidget(m_message);
    layout->addWidget(previewBox, 2);
    layout->addWidget(recordBox);

    connect(m_addButton, &QPushButton::clicked, this, &AttachmentsPage::chooseFiles);
    connect(m_saveCopyButton, &QPushButton::clicked, this, &AttachmentsPage::chooseCopyPlace);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &AttachmentsPage::showSelected);
    connect(&m_session, &Session::aboutToLock, this, &AttachmentsPage::dropEverything);
    connect(&m_session, &Session::locked, this, [this] { setTestimony({}); });
    connect(&m_session, &Session::busyChanged, this, [this](bool busy) {
        if (!busy && m_refreshWhenIdle)
            refresh();
    });

    setTestimony({});
}

AttachmentsPage::~AttachmentsPage()
{
    // Before the members go: a recording still running is saved and announced to this page.
    dropEverything();
}

void AttachmentsPage::setTestimony(const QString& id)
{
    if (id == m_id && !id.isEmpty() && m_session.testimonies()) {
        refresh();
        return;
    }
    dropEverything();
    m_id = m_session.testimonies() ? id : QString();
    m_message->hide();
    setEnabled(!m_id.isEmpty());
    if (m_id.isEmpty()) {
        m_previewNote->setText(tr("No testimony is open."));
        m_preview->setCurrentIndex(NotePage);
        m_saveCopyButton->setEnabled(false);
        return;
    }
#ifdef FV_HAVE_AUDIO
    auto* recorder = new AudioRecorderWidget(*m_session.testimonies(), m_id, m_recordArea);
    recorder->setObjectName(QStringLiteral("interviewRecorder"));
    const QString testimonyId = m_id;
    connect(recorder, &AudioRecorderWidget::recorded, this, [this, testimonyId] { recorded(testimonyId); });
    m_recordLayout->addWidget(recorder);
    m_recorder = recorder;
#endif
    refresh();
}

void AttachmentsPage::dropEverything()
{
    // A running add stops (the file being encrypted is not kept); runInWorker() waits for it.
    if (m_job)
        m_job->cancel = true;
    // Destroying the recorder saves a recording still running while the keys are still there.
    delete m_recorder;
    m_recorder = nullptr;
    clearPreview();
    m_list->clear();
}

void AttachmentsPage::recorded(const QString& testimonyId)
{
    m_session.notifyChanged(testimonyId);
    if (testimonyId != m_id)
        return;
    refresh();
    showMessage(tr("The recording was saved, encrypted, as an attachment."));
    emit changed();
}

void AttachmentsPage::refresh()
{
    TestimonyStore* store = m_session.testimonies();
    if (!store || m_id.isEmpty())
        return;
    if (m_session.isBusy()) {
        m_refreshWhenIdle = true;
        return;
    }
    m_refreshWhenIdle = false;
    const QString selected = selectedAttachment();
    auto list = store->attachments(m_id);
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    if (!list) {
        showMessage(userMessage(list.error(), tr("Reading the attachments")), true);
        return;
    }
    QTreeWidgetItem* toSelect = nullptr;
    const QLocale locale;
    for (const AttachmentInfo& info : *list) {
        auto* item = new QTreeWidgetItem(m_list);
        item->setText(KindColumn, kindText(info.kind));
        item->setText(NameColumn, info.fileName);
        item->setToolTip(NameColumn, tr("Sensitive: the original name may identify a person or a place."));
        item->setText(TypeColumn, info.mediaType);
        item->setText(SizeColumn, locale.formattedDataSize(static_cast<qint64>(info.size)));
        item->setTextAlignment(SizeColumn, Qt::AlignTrailing | Qt::AlignVCenter);
        item->setText(CapturedColumn,
                      info.captured ? locale.toString(info.captured->toLocalTime(), QLocale::ShortFormat)
                                    : QString());
        item->setToolTip(CapturedColumn,
                         tr("Added to the vault on %1.")
                             .arg(locale.toString(info.created.toLocalTime(), QLocale::ShortFormat)));
        item->setText(NoteColumn, info.note);
        item->setText(HashColumn, info.sha256.left(kShortHash));
        item->setToolTip(HashColumn, tr("SHA-256: %1").arg(info.sha256));
        item->setData(0, kIdRole, info.id);
        item->setData(0, kKindRole, static_cast<int>(info.kind));
        if (info.id == selected)
            toSelect = item;
    }
    for (int c = 0; c < HashColumn; ++c)
        m_list->resizeColumnToContents(c);
    if (toSelect)
        m_list->setCurrentItem(toSelect);
    showSelected();
}

QString AttachmentsPage::selectedAttachment() const
{
    const QList<QTreeWidgetItem*> items = m_list->selectedItems();
    return items.isEmpty() ? QString() : items.first()->data(0, kIdRole).toString();
}

void AttachmentsPage::selectAttachment(const QString& attachmentId)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_list->topLevelItem(i);
        if (item->data(0, kIdRole).toString() == attachmentId) {
            m_list->setCurrentItem(item);
            return;
        }
    }
}

void AttachmentsPage::clearPreview()
{
    delete m_player;
    m_player = nullptr;
    m_previewImage = QImage();
    m_photo->clear();
    m_previewNote->clear();
    m_preview->setCurrentIndex(NotePage);
}

void AttachmentsPage::showSelected()
{
    clearPreview();
    const QList<QTreeWidgetItem*> items = m_list->selectedItems();
    m_saveCopyButton->setEnabled(!items.isEmpty());
    if (items.isEmpty()) {
        m_previewNote->setText(m_list->topLevelItemCount() == 0
                                   ? tr("This testimony has no attachments yet.")
                                   : tr("Select an attachment to preview a photo or play a recording."));
        return;
    }
    if (m_session.isBusy()) {
        m_refreshWhenIdle = true;
        return;
    }
    const auto kind = static_cast<AttachmentKind>(items.first()->data(0, kKindRole).toInt());
    switch (kind) {
    case AttachmentKind::Photo:
        showPhoto();
        return;
    case AttachmentKind::Audio:
#ifdef FV_HAVE_AUDIO
        if (TestimonyStore* store = m_session.testimonies()) {
            auto* player = new AudioPlayerWidget(*store, selectedAttachment(), m_playerArea);
            player->setObjectName(QStringLiteral("attachmentPlayer"));
            m_playerLayout->insertWidget(0, player);
            m_player = player;
            m_preview->setCurrentIndex(PlayerPage);
            return;
        }
#endif
        m_previewNote->setText(tr("Recordings cannot be played in this build of Fieldvault."));
        return;
    case AttachmentKind::Video:
    case AttachmentKind::Document:
        m_previewNote->setText(
            tr("Fieldvault does not open this kind of file itself. To open it with another "
               "program, use “Save a decrypted copy…”; that copy is not protected."));
        return;
    }
}

void AttachmentsPage::showPhoto()
{
    TestimonyStore* store = m_session.testimonies();
    if (!store)
        return;
    auto reader = store->openAttachment(selectedAttachment());
    if (!reader) {
        m_previewNote->setText(userMessage(reader.error(), tr("Showing the photo")));
        return;
    }
    if (reader->size() > kMaxPreviewBytes) {
        m_previewNote->setText(tr("This photo is too large to preview."));
        return;
    }
    // The decrypted bytes stay in memory, are wiped after decoding, and no thumbnail is kept.
    QByteArray bytes(static_cast<qsizetype>(reader->size()), Qt::Uninitialized);
    auto* plain = reinterpret_cast<std::uint8_t*>(bytes.data());
    std::uint64_t offset = 0;
    while (offset < reader->size()) {
        auto n = reader->read(
            offset, MutableByteView(plain + offset, static_cast<std::size_t>(reader->size() - offset)));
        if (!n || *n == 0) {
            wipeMemory(MutableByteView(plain, static_cast<std::size_t>(bytes.size())));
            m_previewNote->setText(n ? tr("The photo could not be read completely.")
                                     : userMessage(n.error(), tr("Showing the photo")));
            return;
        }
        offset += *n;
    }
    const bool decoded = m_previewImage.loadFromData(bytes);
    wipeMemory(MutableByteView(plain, static_cast<std::size_t>(bytes.size())));
    if (!decoded) {
        m_previewNote->setText(tr("This photo is in a format Fieldvault cannot show."));
        return;
    }
    m_preview->setCurrentIndex(PhotoPage);
    m_photo->setAccessibleName(
        tr("Photo preview, %1 by %2 pixels").arg(m_previewImage.width()).arg(m_previewImage.height()));
    resizeEvent(nullptr);
}

void AttachmentsPage::resizeEvent(QResizeEvent* event)
{
    if (event)
        QWidget::resizeEvent(event);
    if (m_previewImage.isNull())
        return;
    const QSize room = m_photo->size().expandedTo(QSize(160, 120));
    m_photo->setPixmap(
        QPixmap::fromImage(m_previewImage.size().boundedTo(room) == m_previewImage.size()
                               ? m_previewImage
                               : m_previewImage.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
}

void AttachmentsPage::showMessage(const QString& text, bool problem)
{
    m_message->setText(text);
    m_message->setProperty("problem", problem);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void AttachmentsPage::dragEnterEvent(QDragEnterEvent* event)
{
    if (!m_id.isEmpty() && !m_job && !localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void AttachmentsPage::dropEvent(QDropEvent* event)
{
    const QStringList paths = localFiles(event->mimeData());
    if (m_id.isEmpty() || m_job || paths.isEmpty())
        return;
    event->acceptProposedAction();
    // Not inside the drop handler: adding runs its own event loop behind a modal dialog.
    QTimer::singleShot(0, this, [this, paths] { addFiles(paths); });
}

void AttachmentsPage::chooseFiles()
{
    const QStringList paths = chooseOpenFiles(this, tr("Add files to the testimony"));
    if (!paths.isEmpty())
        addFiles(paths);
}

bool AttachmentsPage::runInWorker(const QString& label, bool cancellable, const std::shared_ptr<Job>& job,
                                  std::function<void()> work)
{
    QEventLoop loop;
    bool finished = false;
    if (!m_session.runExclusive(
            &loop, std::move(work),
            [&finished, &loop] {
                finished = true;
                loop.quit();
            },
            [job] { job->cancel = true; })) {
        showMessage(tr("Another operation is still running in this vault. Try again when it has ended."),
                    true);
        return false;
    }
    m_job = job;
    QPointer<AttachmentsPage> self(this);
    QPointer<QProgressDialog> progress =
        new QProgressDialog(label, tr("Cancel"), 0, job->bytesTotal > 0 ? 1000 : 0, window());
    progress->setObjectName(QStringLiteral("attachmentsProgress"));
    progress->setWindowTitle(tr("Fieldvault"));
    progress->setWindowModality(Qt::ApplicationModal);
    progress->setMinimumDuration(400);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    if (!cancellable)
        progress->setCancelButton(nullptr);
    connect(progress, &QProgressDialog::canceled, &loop, [job] { job->cancel = true; });
    QTimer tick;
    tick.setInterval(100);
    connect(&tick, &QTimer::timeout, &loop, [job, progress] {
        if (!progress || job->cancel)
            return;
        const int i = job->current;
        if (job->names.size() > 1 && i < job->names.size())
            progress->setLabelText(
                tr("Encrypting “%1” (file %2 of %3)…").arg(job->names[i]).arg(i + 1).arg(job->names.size()));
        if (job->bytesTotal > 0)
            progress->setValue(static_cast<int>(job->bytesDone * 1000 / job->bytesTotal));
        else
            progress->setValue(0);
    });
    tick.start();
    if (!finished)
        loop.exec();
    // The loop also ends when the application quits: the work uses this frame, so wait for it.
    if (!finished)
        m_session.waitUntilIdle();
    delete progress;
    if (self)
        m_job.reset();
    return true;
}

int AttachmentsPage::addFiles(const QStringList& paths)
{
    TestimonyStore* store = m_session.testimonies();
    if (m_id.isEmpty() || !store || m_job || paths.isEmpty())
        return 0;
    auto job = std::make_shared<Job>();
    for (const QString& path : paths) {
        const QFileInfo info(path);
        job->bytesTotal += std::max<qint64>(info.size(), 0);
        job->names << info.fileName();
    }
    const QString id = m_id;
    QStringList problems;
    int added = 0;
    QPointer<AttachmentsPage> self(this);
    const bool ran = runInWorker(
        job->names.size() == 1 ? tr("Encrypting “%1”…").arg(job->names.first())
                               : tr("Encrypting %n file(s)…", nullptr, static_cast<int>(job->names.size())),
        true, job, [store, id, paths, job, &problems, &added] {
            QByteArray buffer(kChunk, Qt::Uninitialized);
            auto* plain = reinterpret_cast<std::uint8_t*>(buffer.data());
            for (qsizetype i = 0; i < paths.size() && !job->cancel; ++i) {
                job->current = static_cast<int>(i);
                const QString name = job->names[i];
                QFile file(paths[i]);
                if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered)) {
                    problems << tr("“%1” could not be read: %2").arg(name, file.errorString());
                    continue;
                }
                AttachOptions options;
                options.fileName = name;
                auto writer = store->beginAttachment(id, options);
                if (!writer) {
                    problems << userMessage(writer.error(), tr("Adding “%1”").arg(name));
                    continue;
                }
                bool complete = false;
                for (;;) {
                    if (job->cancel)
                        break;
                    const qint64 n = file.read(buffer.data(), kChunk);
                    if (n < 0) {
                        problems << tr("“%1” could not be read: %2").arg(name, file.errorString());
                        break;
                    }
                    if (n == 0) {
                        complete = true;
                        break;
                    }
                    if (auto st = writer->write(ByteView(plain, static_cast<std::size_t>(n))); !st) {
                        problems << userMessage(st.error(), tr("Adding “%1”").arg(name));
                        break;
                    }
                    job->bytesDone += n;
                }
                if (!complete) {
                    writer->abandon();
                    continue;
                }
                if (auto info = writer->commit(); info)
                    ++added;
                else
                    problems << userMessage(info.error(), tr("Adding “%1”").arg(name));
            }
            wipeMemory(MutableByteView(plain, static_cast<std::size_t>(buffer.size())));
        });
    // Gone, or locked meanwhile (the lock cancelled the work): there is nothing left to show.
    if (!ran || !self || !m_session.isUnlocked())
        return added;
    const bool cancelled = job->cancel;
    if (added > 0) {
        m_session.notifyChanged(id);
        if (id == m_id)
            refresh();
    }
    QStringList report;
    if (cancelled)
        report << tr(
            "Adding was cancelled. %n file(s) were added before that; the file being encrypted was not kept.",
            nullptr, added);
    else if (added > 0)
        report << tr("%n file(s) added, encrypted.", nullptr, added);
    report << problems;
    showMessage(report.join(QLatin1Char('\n')), !problems.isEmpty());
    if (added > 0)
        emit changed();
    return added;
}

void AttachmentsPage::chooseCopyPlace()
{
    const QString attachmentId = selectedAttachment();
    TestimonyStore* store = m_session.testimonies();
    if (attachmentId.isEmpty() || !store)
        return;
    auto info = store->attachment(attachmentId);
    if (!info) {
        showMessage(userMessage(info.error(), tr("Saving a decrypted copy")), true);
        return;
    }
    QMessageBox warning(
        QMessageBox::Warning, tr("Save a decrypted copy"),
        tr("The copy will be an ordinary file without encryption. Anyone who can reach this "
           "computer or the place where you save it can read it, and deleting it later may not "
           "erase it from the disk.\n\nSave a decrypted copy anyway?"),
        QMessageBox::Cancel, this);
    QPushButton* save = warning.addButton(tr("&Save a decrypted copy"), QMessageBox::AcceptRole);
    warning.setDefaultButton(QMessageBox::Cancel);
    warning.exec();
    if (warning.clickedButton() != save)
        return;
    const QString path = chooseSaveFile(this, tr("Save a decrypted copy"), info->fileName);
    if (!path.isEmpty())
        saveDecryptedCopy(attachmentId, path);
}

bool AttachmentsPage::saveDecryptedCopy(const QString& attachmentId, const QString& path)
{
    TestimonyStore* store = m_session.testimonies();
    if (!store || m_job)
        return false;
    auto job = std::make_shared<Job>();
    Status result;
    QPointer<AttachmentsPage> self(this);
    if (!runInWorker(tr("Decrypting a copy…"), false, job, [store, attachmentId, path, &result] {
            result = store->extractAttachment(attachmentId, path);
        }))
        return false;
    if (!self)
        return result.has_value();
    if (!result) {
        showMessage(userMessage(result.error(), tr("Saving a decrypted copy")), true);
        return false;
    }
    showMessage(
        tr("A decrypted copy was saved to %1. It is not protected: delete it when you no longer need it.")
            .arg(QDir::toNativeSeparators(path)));
    return true;
}

} // namespace fv::desktop
