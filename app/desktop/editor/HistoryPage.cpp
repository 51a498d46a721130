#include "editor/HistoryPage.h"

#include "editor/VersionDiff.h"
#include "session/UserMessage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace fv::desktop {

namespace {

constexpr int kShortHash = 12;

QString whenText(const QDateTime& at)
{
    return QLocale().toString(at.toLocalTime(), QLocale::ShortFormat);
}

QString statusText(const QString& code)
{
    if (code == u"draft")
        return HistoryPage::tr("draft");
    if (code == u"complete")
        return HistoryPage::tr("complete");
    if (code == u"exported")
        return HistoryPage::tr("exported");
    if (code == u"delivered")
        return HistoryPage::tr("delivered");
    return code;
}

QTreeWidget* makeTree(const QString& name, const QStringList& headers, QWidget* parent)
{
    auto* tree = new QTreeWidget(parent);
    tree->setObjectName(name);
    tree->setRootIsDecorated(false);
    tree->setUniformRowHeights(false);
    tree->setWordWrap(true);
    tree->setHeaderLabels(headers);
    tree->header()->setStretchLastSection(true);
    tree->setSelectionMode(QAbstractItemView::SingleSelection);
    return tree;
}

} // namespace

HistoryPage::HistoryPage(Session& session, QWidget* parent) : QWidget(parent), m_session(session)
{
    m_chainStatus = new QLabel(this);
    m_chainStatus->setObjectName(QStringLiteral("chainStatus"));
    m_chainStatus->setTextFormat(Qt::PlainText);
    m_chainStatus->setWordWrap(true);

    auto* splitter = new QSplitter(Qt::Vertical, this);

    auto* versionsBox = new QWidget(splitter);
    auto* versionsLabel = new QLabel(tr("&Versions"), versionsBox);
    m_versions = makeTree(QStringLiteral("versionsList"), {tr("Version"), tr("Saved at"), tr("Fingerprint")},
                          versionsBox);
    versionsLabel->setBuddy(m_versions);
    auto* versionsLayout = new QVBoxLayout(versionsBox);
    versionsLayout->setContentsMargins(0, 0, 0, 0);
    versionsLayout->addWidget(versionsLabel);
    versionsLayout->addWidget(m_versions);

    auto* eventsBox = new QWidget(splitter);
    auto* eventsLabel = new QLabel(tr("&Custody events"), eventsBox);
    m_events =
        makeTree(QStringLiteral("custodyList"), {tr("No."), tr("When"), tr("What happened")}, eventsBox);
    eventsLabel->setBuddy(m_events);
    auto* eventsLayout = new QVBoxLayout(eventsBox);
    eventsLayout->setContentsMargins(0, 0, 0, 0);
    eventsLayout->addWidget(eventsLabel);
    eventsLayout->addWidget(m_events);

    auto* diffBox = new QWidget(splitter);
    m_from = new QComboBox(diffBox);
    m_from->setObjectName(QStringLiteral("diffFrom"));
    m_to = new QComboBox(diffBox);
    m_to->setObjectName(QStringLiteral("diffTo"));
    auto* fromLabel = new QLabel(tr("Compare version &from:"), diffBox);
    fromLabel->setBuddy(m_from);
    auto* toLabel = new QLabel(tr("&to version:"), diffBox);
    toLabel->setBuddy(m_to);
    auto* pick = new QHBoxLayout;
    pick->addWidget(fromLabel);
    pick->addWidget(m_from);
    pick->addWidget(toLabel);
    pick->addWidget(m_to);
    pick->addStretch(1);
    m_diff = makeTree(QStringLiteral("diffTable"), {tr("Field"), tr("Before"), tr("After")}, diffBox);
    m_diff->setSelectionMode(QAbstractItemView::NoSelection);
    m_diffNote = new QLabel(diffBox);
    m_diffNote->setObjectName(QStringLiteral("diffNote"));
    m_diffNote->setTextFormat(Qt::PlainText);
    m_diffNote->setWordWrap(true);
    auto* diffLayout = new QVBoxLayout(diffBox);
    diffLayout->setContentsMargins(0, 0, 0, 0);
    diffLayout->addWidget(new QLabel(tr("What changed between two versions"), diffBox));
    diffLayout->addLayout(pick);
    diffLayout->addWidget(m_diffNote);
    diffLayout->addWidget(m_diff);

    splitter->addWidget(versionsBox);
    splitter->addWidget(eventsBox);
    splitter->addWidget(diffBox);
    splitter->setStretchFactor(2, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_chainStatus);
    layout->addWidget(splitter, 1);

    connect(m_versions, &QTreeWidget::itemSelectionChanged, this, &HistoryPage::versionSelected);
    connect(m_from, &QComboBox::currentIndexChanged, this, &HistoryPage::combosChanged);
    connect(m_to, &QComboBox::currentIndexChanged, this, &HistoryPage::combosChanged);
    connect(&m_session, &Session::locked, this, [this] { setTestimony({}); });
    connect(&m_session, &Session::busyChanged, this, [this](bool busy) {
        if (!busy && m_reloadWhenIdle)
            reload();
    });
    connect(&m_session, &Session::testimonyChanged, this, [this](const QString& id) {
        if (!m_id.isEmpty() && (id.isEmpty() || id == m_id))
            reload();
    });

    setEnabled(false);
}

HistoryPage::~HistoryPage() = default;

void HistoryPage::setTestimony(const QString& id)
{
    m_id = id;
    reload();
}

void HistoryPage::clearAll()
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    m_versions->clear();
    m_events->clear();
    m_from->clear();
    m_to->clear();
    m_diff->clear();
    m_diffNote->clear();
    m_chainStatus->clear();
    m_chainStatus->setStyleSheet(QString());
    m_updating = wasUpdating;
}

void HistoryPage::showError(const QString& text)
{
    m_chainStatus->setText(text);
    m_chainStatus->setStyleSheet(
        QStringLiteral("color: palette(bright-text); background: #b00020; padding: 4px;"));
}

void HistoryPage::reload()
{
    if (m_session.isBusy()) {
        m_reloadWhenIdle = true;
        return;
    }
    m_reloadWhenIdle = false;
    TestimonyStore* store = m_session.testimonies();
    const int selected =
        m_versions->currentItem() ? m_versions->currentItem()->data(0, Qt::UserRole).toInt() : 0;
    const int from = m_from->currentData().toInt();
    const int to = m_to->currentData().toInt();
    clearAll();
    setEnabled(!m_id.isEmpty() && store);
    if (m_id.isEmpty() || !store)
        return;

    auto history = store->history(m_id);
    if (!history) {
        // A testimony not saved yet has no history; anything else is worth saying.
        if (history.error().code != ErrorCode::NotFound)
            showError(userMessage(history.error(), tr("Reading the history")));
        return;
    }

    if (auto chain = store->verifyChain(m_id); chain) {
        m_chainStatus->setText(
            tr("History intact: every version and custody event is linked and unaltered."));
    } else {
        showError(
            tr("Warning: the history of this testimony does not verify. A version or custody event may have "
               "been altered or removed outside Fieldvault. Do not rely on it; tell HQ. (%1)")
                .arg(userMessage(chain.error())));
    }

    m_updating = true;
    QTreeWidgetItem* toSelect = nullptr;
    for (auto it = history->versions.crbegin(); it != history->versions.crend(); ++it) {
        auto* item = new QTreeWidgetItem(
            m_versions, {tr("Version %1").arg(it->number), whenText(it->created), it->hash.left(kShortHash)});
        item->setData(0, Qt::UserRole, it->number);
        item->setToolTip(2, tr("SHA-256 of this version in the chain: %1").arg(it->hash));
        if (it->number == selected || (!toSelect && selected == 0))
            toSelect = item;
    }
    for (const VersionInfo& v : history->versions) {
        m_from->addItem(tr("Version %1").arg(v.number), v.number);
        m_to->addItem(tr("Version %1").arg(v.number), v.number);
    }
    for (const CustodyEvent& e : history->events) {
        auto* item = new QTreeWidgetItem(m_events, {QString::number(e.number), whenText(e.at), describe(e)});
        item->setToolTip(2, e.detail);
    }
    for (int c = 0; c < 2; ++c) {
        m_versions->resizeColumnToContents(c);
        m_events->resizeColumnToContents(c);
    }
    if (toSelect)
        m_versions->setCurrentItem(toSelect);
    m_updating = false;

    if (from > 0 && to > 0 && m_from->findData(from) >= 0 && m_to->findData(to) >= 0)
        compareVersions(from, to);
    else
        versionSelected();
}

void HistoryPage::versionSelected()
{
    if (m_updating)
        return;
    QTreeWidgetItem* item = m_versions->currentItem();
    if (!item)
        return;
    const int n = item->data(0, Qt::UserRole).toInt();
    compareVersions(std::max(1, n - 1), n);
}

void HistoryPage::combosChanged()
{
    if (m_updating)
        return;
    compareVersions(m_from->currentData().toInt(), m_to->currentData().toInt());
}

void HistoryPage::compareVersions(int from, int to)
{
    TestimonyStore* store = m_session.testimonies();
    if (!store || m_id.isEmpty())
        return;
    if (m_session.isBusy()) {
        m_reloadWhenIdle = true;
        return;
    }
    const bool wasUpdating = m_updating;
    m_updating = true;
    m_from->setCurrentIndex(m_from->findData(from));
    m_to->setCurrentIndex(m_to->findData(to));
    m_updating = wasUpdating;
    m_diff->clear();

    if (from == to) {
        m_diffNote->setText(
            from == 1 ? tr("Version 1 is the first version; there is nothing before it to compare with.")
                      : tr("Choose two different versions to see what changed."));
        return;
    }
    auto before = store->version(m_id, from);
    auto after = store->version(m_id, to);
    if (!before || !after) {
        m_diffNote->setText(
            userMessage(!before ? before.error() : after.error(), tr("Reading the versions to compare")));
        return;
    }
    const QList<FieldChange> changes = VersionDiff::compare(*before, *after);
    m_diffNote->setText(changes.isEmpty() ? tr("Versions %1 and %2 have the same content.").arg(from).arg(to)
                                          : tr("%n field(s) changed from version %1 to version %2.", nullptr,
                                               static_cast<int>(changes.size()))
                                                .arg(from)
                                                .arg(to));
    m_diff->setHeaderLabels({tr("Field"), tr("Version %1").arg(from), tr("Version %1").arg(to)});
    for (const FieldChange& change : changes) {
        const QString field = change.sensitive ? tr("%1 (sensitive)").arg(change.field) : change.field;
        auto* item = new QTreeWidgetItem(m_diff, {field, change.before, change.after});
        item->setToolTip(1, change.before);
        item->setToolTip(2, change.after);
    }
    m_diff->resizeColumnToContents(0);
}

QString HistoryPage::describe(const CustodyEvent& event)
{
    const QJsonObject d = QJsonDocument::fromJson(event.detail.toUtf8()).object();
    const QString kind = event.kind;
    if (kind == u"created")
        return tr("Testimony created (version %1).").arg(event.version);
    if (kind == u"edited")
        return tr("Edited: version %1 saved.").arg(d.value(u"version").toInt(event.version));
    if (kind == u"attached") {
        const QString size = QLocale().formattedDataSize(static_cast<qint64>(d.value(u"size").toDouble()));
        const QString sha = d.value(u"sha256").toString().left(kShortHash);
        const QString what = d.value(u"kind").toString();
        if (what == u"audio")
            return tr("Audio recording attached (%1, fingerprint %2).").arg(size, sha);
        if (what == u"photo")
            return tr("Photo attached (%1, fingerprint %2).").arg(size, sha);
        if (what == u"video")
            return tr("Video attached (%1, fingerprint %2).").arg(size, sha);
        return tr("Document attached (%1, fingerprint %2).").arg(size, sha);
    }
    if (kind == u"status")
        return tr("Status changed from %1 to %2.")
            .arg(statusText(d.value(u"from").toString()), statusText(d.value(u"to").toString()));
    if (kind == u"exported") {
        QStringList recipients;
        for (const QJsonValue& r : d.value(u"recipients").toArray())
            recipients << r.toString();
        return tr("Exported in bundle %1 for %2.")
            .arg(d.value(u"bundle").toString(),
                 recipients.isEmpty() ? tr("no named recipient") : recipients.join(QStringLiteral(", ")));
    }
    if (kind == u"received")
        return tr("HQ confirmed it received bundle %1.").arg(d.value(u"bundle").toString());
    if (kind == u"purged")
        return tr("Purged from this device after HQ confirmed delivery.");
    return tr("Custody event “%1”.").arg(kind);
}

} // namespace fv::desktop
