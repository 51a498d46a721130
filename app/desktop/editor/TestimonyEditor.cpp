#include "editor/TestimonyEditor.h"

#include "editor/AttachmentsPage.h"
#include "editor/DraftRepair.h"
#include "editor/HistoryPage.h"
#include "editor/IncidentsPage.h"
#include "editor/InterviewPage.h"
#include "editor/WitnessPage.h"
#include "session/UserMessage.h"

#include <QDate>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace fv::desktop {

namespace {

QScrollArea* scrolling(QWidget* page, QWidget* parent)
{
    auto* area = new QScrollArea(parent);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setWidget(page);
    return area;
}

/// The tab a JSON path belongs to.
int tabOf(const QString& path)
{
    if (path.startsWith(u"witness") || path.startsWith(u"consent"))
        return TestimonyEditor::WitnessTab;
    if (path.startsWith(u"incidents"))
        return TestimonyEditor::IncidentsTab;
    return TestimonyEditor::InterviewTab;
}

} // namespace

TestimonyEditor::TestimonyEditor(Session& session, QWidget* parent) : QWidget(parent), m_session(session)
{
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("saveState"));
    m_stateLabel->setTextFormat(Qt::PlainText);
    m_stateLabel->setWordWrap(true);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("editorTabs"));

    m_interview = new InterviewPage(m_messages);
    m_witness = new WitnessPage(m_messages);
    m_incidents = new IncidentsPage(m_tabs);
    m_tabTitles = {tr("&Interview"), tr("&Witness and consent"), tr("In&cidents")};
    m_tabs->addTab(scrolling(m_interview, m_tabs), m_tabTitles[InterviewTab]);
    m_tabs->addTab(scrolling(m_witness, m_tabs), m_tabTitles[WitnessTab]);
    m_tabs->addTab(m_incidents, m_tabTitles[IncidentsTab]);
    m_attachments = new AttachmentsPage(session, m_tabs);
    m_tabs->addTab(m_attachments, tr("&Attachments"));
    m_history = new HistoryPage(session, m_tabs);
    m_tabs->addTab(m_history, tr("&History"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_tabs, 1);

    m_autosave.setSingleShot(true);
    m_autosave.setInterval(1500);
    connect(&m_autosave, &QTimer::timeout, this, &TestimonyEditor::flush);
    connect(m_interview, &InterviewPage::changed, this, &TestimonyEditor::markChanged);
    connect(m_witness, &WitnessPage::changed, this, &TestimonyEditor::markChanged);
    connect(m_incidents, &IncidentsPage::changed, this, &TestimonyEditor::markChanged);
    connect(m_interview, &InterviewPage::statusChosen, this, &TestimonyEditor::setStatus);
    connect(m_attachments, &AttachmentsPage::changed, m_history, &HistoryPage::reload);
    // An edit kept while the store was busy is saved as soon as it is free.
    connect(&session, &Session::busyChanged, this, [this](bool busy) {
        if (!busy && m_state == SaveState::Pending && !m_autosave.isActive())
            flush();
    });
    // A testimony removed from the store (purged) cannot be saved any more: close it, so the
    // next keystroke or Ctrl+N does not go to it.
    connect(&session, &Session::testimoniesRemoved, this, [this](const QStringList& ids) {
        if (!m_id.isEmpty() && ids.contains(m_id))
            clear();
    });
    clear();
}

bool TestimonyEditor::open(const QString& id)
{
    if (id == m_id && m_state != SaveState::Empty)
        return true;
    if (m_session.isBusy() || !flush())
        return false;
    TestimonyStore* store = m_session.testimonies();
    if (!store)
        return false;
    auto testimony = store->current(id);
    if (!testimony) {
        setState(SaveState::Failed, userMessage(testimony.error(), tr("Opening the testimony")));
        return false;
    }
    m_id = id;
    load(*testimony);
    setState(SaveState::Saved);
    idChanged();
    return true;
}

bool TestimonyEditor::startNew()
{
    if (m_session.isBusy() || !flush())
        return false;
    m_id.clear();
    Testimony fresh;
    fresh.interviewDate = QDate::currentDate().toString(Qt::ISODate);
    // A draft must always be savable: the fields the store requires start filled in, except
    // the title, which the delegate types first (an empty one is saved as a stand-in).
    fresh.witness.pseudonym = QStringLiteral("W-") + newRandomId().left(4).toUpper();
    load(fresh);
    setState(SaveState::Saved);
    idChanged();
    setCurrentPage(InterviewTab);
    m_interview->titleEdit()->setFocus();
    return true;
}

bool TestimonyEditor::flush()
{
    if (m_state != SaveState::Pending && m_state != SaveState::Failed)
        return true;
    m_autosave.stop();
    TestimonyStore* store = m_session.testimonies();
    if (!store)
        return false;
    if (m_session.isBusy()) {
        setState(SaveState::Pending); // saved on busyChanged(false), which Session::lock() waits for
        return true;
    }
    Testimony content = collect();
    QList<FieldProblem> problems;
    if (!makeSavable(content, m_loaded, problems)) {
        showProblems(problems);
        setState(SaveState::Failed, tr("a field cannot be saved as it is; see the message under it."));
        return false;
    }
    const bool isNew = m_id.isEmpty();
    if (isNew) {
        auto id = store->add(content);
        if (!id) {
            setState(SaveState::Failed, userMessage(id.error()));
            return false;
        }
        m_id = *id;
    } else {
        auto version = store->edit(m_id, content);
        if (!version) {
            setState(SaveState::Failed, userMessage(version.error()));
            return false;
        }
    }
    m_loaded = content; // the record fields stay as they were loaded
    showProblems(problems);
    setState(SaveState::Saved);
    if (isNew)
        idChanged();
    else
        m_history->reload();
    m_session.notifyChanged(m_id);
    emit saved(m_id);
    return true;
}

void TestimonyEditor::clear()
{
    m_autosave.stop();
    m_id.clear();
    load(Testimony{});
    setState(SaveState::Empty);
    idChanged();
}

int TestimonyEditor::currentPage() const
{
    return m_tabs->currentIndex();
}

void TestimonyEditor::setCurrentPage(int page)
{
    m_tabs->setCurrentIndex(page);
}

void TestimonyEditor::setAutosaveDelay(std::chrono::milliseconds delay)
{
    m_autosave.setInterval(delay);
}

bool TestimonyEditor::setStatus(TestimonyStatus status)
{
    TestimonyStore* store = m_session.testimonies();
    if (!store || m_state == SaveState::Empty)
        return false;
    if (m_session.isBusy()) {
        m_interview->showStatus(m_loaded.status);
        return false;
    }
    if (m_id.isEmpty())
        m_state = SaveState::Pending; // a new testimony is saved first, as it is
    if (!flush() || m_id.isEmpty()) {
        m_interview->showStatus(m_loaded.status);
        return false;
    }
    if (auto st = store->setStatus(m_id, status); !st) {
        m_interview->showStatus(m_loaded.status);
        setState(SaveState::Failed, userMessage(st.error(), tr("Changing the status")));
        return false;
    }
    m_loaded.status = status;
    m_interview->showStatus(status);
    m_history->reload();
    m_session.notifyChanged(m_id);
    return true;
}

void TestimonyEditor::load(const Testimony& testimony)
{
    m_loading = true;
    m_loaded = testimony;
    m_interview->load(testimony);
    m_witness->load(testimony);
    m_incidents->setIncidents(testimony.incidents);
    showProblems({});
    m_loading = false;
}

Testimony TestimonyEditor::collect() const
{
    Testimony testimony = m_loaded;
    m_interview->store(testimony);
    m_witness->store(testimony);
    testimony.incidents = m_incidents->incidents();
    return testimony;
}

void TestimonyEditor::markChanged()
{
    if (m_loading || m_state == SaveState::Empty)
        return;
    setState(SaveState::Pending);
    m_autosave.start();
}

void TestimonyEditor::showProblems(const QList<FieldProblem>& problems)
{
    m_messages.clear();
    m_incidents->clearProblems();
    QList<bool> marked(m_tabTitles.size(), false);
    for (const FieldProblem& problem : problems) {
        const QString message = problemMessage(problem);
        static const QRegularExpression incident(QStringLiteral(R"(^incidents\[(\d+)\]\.?(.*)$)"));
        if (const auto m = incident.match(problem.path); m.hasMatch())
            m_incidents->showProblem(m.captured(1).toInt(), m.captured(2), message);
        else
            m_messages.show(problem.path, message);
        marked[tabOf(problem.path)] = true;
    }
    const QStringList attention = {tr("&Interview (check the marked fields)"),
                                   tr("&Witness and consent (check the marked fields)"),
                                   tr("In&cidents (check the marked fields)")};
    for (int tab = 0; tab < int(m_tabTitles.size()); ++tab)
        m_tabs->setTabText(tab, marked[tab] ? attention[tab] : m_tabTitles[tab]);
    m_hasProblems = !problems.isEmpty();
}

QString TestimonyEditor::problemMessage(const FieldProblem& problem) const
{
    const QString& path = problem.path;
    const bool empty =
        problem.problem.startsWith(u"required") || problem.problem.startsWith(u"must not be empty");
    if (empty && path == u"title")
        return tr("A title is required. The testimony is saved as “%1” until you type one.")
            .arg(problem.replacement);
    if (empty && path == u"witness.pseudonym")
        return tr("A pseudonym is required: the witness is always recorded under one. The testimony is saved "
                  "with the pseudonym “%1” until you type one.")
            .arg(problem.replacement);
    if (problem.problem.startsWith(u"too long"))
        return tr(
            "This text is too long to be saved whole: only its beginning is saved. Shorten it, or move part "
            "of it to another field.");
    if (path.startsWith(u"language"))
        return tr(
            "Use language codes such as ar, en or ar-SY, separated by commas. A code that is not valid is "
            "not saved.");
    if (path == u"interview_date")
        return tr("This date cannot be saved; the testimony keeps the date %1.").arg(problem.replacement);
    if (path.startsWith(u"tags"))
        return tr("A tag that cannot be saved is left out: %1.").arg(problem.problem);
    return tr("This value cannot be saved as it is (%1); the last value that could be saved is kept.")
        .arg(problem.problem);
}

QString TestimonyEditor::saveStateText() const
{
    return m_stateLabel->text();
}

void TestimonyEditor::setState(SaveState state, const QString& detail)
{
    m_state = state;
    setEnabled(state != SaveState::Empty);
    switch (state) {
    case SaveState::Empty:
        m_stateLabel->setText(tr("Select a testimony, or create one with Ctrl+N."));
        break;
    case SaveState::Saved:
        if (m_id.isEmpty())
            m_stateLabel->setText(tr("New testimony: saved as soon as you type"));
        else if (m_hasProblems)
            m_stateLabel->setText(tr("Saved. Some fields could not be saved as typed: see the messages under "
                                     "them."));
        else
            m_stateLabel->setText(tr("All changes saved"));
        break;
    case SaveState::Pending:
        m_stateLabel->setText(m_session.isBusy() ? tr("Saving as soon as the running operation ends…")
                                                 : tr("Saving…"));
        break;
    case SaveState::Failed:
        m_stateLabel->setText(tr("Not saved: %1").arg(detail));
        break;
    }
}

void TestimonyEditor::idChanged()
{
    // The attachments and history tabs follow the testimony shown.
    m_attachments->setTestimony(m_id);
    m_history->setTestimony(m_id);
}

} // namespace fv::desktop
