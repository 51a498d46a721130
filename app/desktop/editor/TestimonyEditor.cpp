#include "editor/TestimonyEditor.h"

#include "session/UserMessage.h"

#include <QDate>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QVBoxLayout>

namespace fv::desktop {

TestimonyEditor::TestimonyEditor(Session& session, QWidget* parent) : QWidget(parent), m_session(session)
{
    m_stateLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("saveState"));
    m_tabs = new QTabWidget(this);

    auto* interview = new QWidget(m_tabs);
    m_title = new QLineEdit(interview);
    m_title->setObjectName(QStringLiteral("editorTitle"));
    m_date = new QLineEdit(interview);
    m_date->setObjectName(QStringLiteral("editorInterviewDate"));
    m_date->setPlaceholderText(QStringLiteral("YYYY-MM-DD"));
    m_interviewer = new QLineEdit(interview);
    m_interviewer->setObjectName(QStringLiteral("editorInterviewer"));
    m_narrative = new QPlainTextEdit(interview);
    m_narrative->setObjectName(QStringLiteral("editorNarrative"));
    m_summary = new QPlainTextEdit(interview);
    m_summary->setObjectName(QStringLiteral("editorSummary"));
    m_summary->setMaximumHeight(m_summary->fontMetrics().height() * 5);
    auto* form = new QFormLayout(interview);
    form->addRow(tr("&Title:"), m_title);
    form->addRow(tr("Interview &date:"), m_date);
    form->addRow(tr("Inter&viewer:"), m_interviewer);
    form->addRow(tr("&Narrative:"), m_narrative);
    form->addRow(tr("S&ummary:"), m_summary);
    m_tabs->addTab(interview, tr("Interview"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_stateLabel, 0, Qt::AlignTrailing);
    layout->addWidget(m_tabs, 1);

    m_autosave.setSingleShot(true);
    m_autosave.setInterval(1500);
    connect(&m_autosave, &QTimer::timeout, this, &TestimonyEditor::flush);
    for (QLineEdit* edit : {m_title, m_date, m_interviewer})
        connect(edit, &QLineEdit::textEdited, this, &TestimonyEditor::markChanged);
    for (QPlainTextEdit* edit : {m_narrative, m_summary})
        connect(edit, &QPlainTextEdit::textChanged, this, &TestimonyEditor::markChanged);
    clear();
}

bool TestimonyEditor::open(const QString& id)
{
    if (id == m_id && m_state != SaveState::Empty)
        return true;
    if (!flush())
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
    return true;
}

bool TestimonyEditor::startNew()
{
    if (!flush())
        return false;
    m_id.clear();
    Testimony fresh;
    fresh.interviewDate = QDate::currentDate().toString(Qt::ISODate);
    // A draft must always be savable: the fields the store requires start filled in.
    fresh.witness.pseudonym = QStringLiteral("W-") + newRandomId().left(4).toUpper();
    load(fresh);
    setState(SaveState::Saved);
    setEnabled(true);
    m_title->setFocus();
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
    const Testimony content = collect();
    if (m_id.isEmpty()) {
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
    m_loaded = content;
    setState(SaveState::Saved);
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

void TestimonyEditor::load(const Testimony& testimony)
{
    m_loading = true;
    m_loaded = testimony;
    m_title->setText(testimony.title);
    m_date->setText(testimony.interviewDate);
    m_interviewer->setText(testimony.interviewer);
    m_narrative->setPlainText(testimony.narrative);
    m_summary->setPlainText(testimony.summary);
    m_loading = false;
}

Testimony TestimonyEditor::collect() const
{
    Testimony testimony = m_loaded;
    testimony.title = m_title->text().trimmed();
    testimony.interviewDate = m_date->text().trimmed();
    testimony.interviewer = m_interviewer->text().trimmed();
    testimony.narrative = m_narrative->toPlainText();
    testimony.summary = m_summary->toPlainText();
    return testimony;
}

void TestimonyEditor::markChanged()
{
    if (m_loading || m_state == SaveState::Empty)
        return;
    setState(SaveState::Pending);
    m_autosave.start();
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
        m_stateLabel->setText(m_id.isEmpty() ? tr("New testimony: saved as soon as you type")
                                             : tr("All changes saved"));
        break;
    case SaveState::Pending:
        m_stateLabel->setText(tr("Saving…"));
        break;
    case SaveState::Failed:
        m_stateLabel->setText(tr("Not saved: %1").arg(detail));
        break;
    }
}

} // namespace fv::desktop
