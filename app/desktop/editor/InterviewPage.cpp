#include "editor/InterviewPage.h"

#include "editor/EditorText.h"
#include "editor/FieldMessages.h"
#include "editor/PlaceEdit.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QStandardItemModel>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextOption>

namespace fv::desktop {

InterviewPage::InterviewPage(FieldMessages& messages, QWidget* parent) : QWidget(parent)
{
    auto line = [&](const char* name, int maxLength) {
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QLatin1String(name));
        edit->setMaxLength(maxLength);
        connect(edit, &QLineEdit::textEdited, this, &InterviewPage::onEdited);
        return edit;
    };
    m_title = line("editorTitle", kShortTextChars);
    m_date = new QDateEdit(this);
    m_date->setObjectName(QStringLiteral("editorInterviewDate"));
    m_date->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    m_date->setCalendarPopup(true);
    m_date->setMinimumDate(QDate(1900, 1, 1));
    connect(m_date, &QDateEdit::dateChanged, this, &InterviewPage::onEdited);
    m_place = new PlaceEdit(QStringLiteral("editorPlace"), this);
    m_place->setObjectName(QStringLiteral("editorPlace"));
    connect(m_place, &PlaceEdit::changed, this, &InterviewPage::onEdited);
    m_languages = line("editorLanguages", kShortTextChars);
    m_languages->setPlaceholderText(tr("Language codes, separated by commas: ar, en"));
    m_languages->setValidator(new QRegularExpressionValidator(
        QRegularExpression(QStringLiteral("[A-Za-z0-9, \\-\u060C]*")), m_languages));
    m_interpreter = line("editorInterpreter", kShortTextChars);
    m_interpreter->setPlaceholderText(tr("Empty when nobody interpreted"));
    m_interviewer = line("editorInterviewer", kShortTextChars);

    m_sensitivity = new QComboBox(this);
    m_sensitivity->setObjectName(QStringLiteral("editorSensitivity"));
    m_sensitivity->addItem(tr("Normal"), int(Sensitivity::Normal));
    m_sensitivity->addItem(tr("High: identifying details or graphic content"), int(Sensitivity::High));
    m_sensitivity->addItem(tr("Critical: disclosure would put someone in immediate danger"),
                           int(Sensitivity::Critical));
    connect(m_sensitivity, &QComboBox::currentIndexChanged, this, &InterviewPage::onEdited);

    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("editorStatus"));
    m_status->addItem(tr("Draft"), int(TestimonyStatus::Draft));
    m_status->addItem(tr("Complete"), int(TestimonyStatus::Complete));
    m_status->addItem(tr("Exported"), int(TestimonyStatus::Exported));
    m_status->addItem(tr("Delivered to headquarters"), int(TestimonyStatus::Delivered));
    if (auto* model = qobject_cast<QStandardItemModel*>(m_status->model())) {
        for (int row = 2; row < 4; ++row)
            model->item(row)->setEnabled(false); // set by export and receipts only
    }
    connect(m_status, &QComboBox::activated, this, [this] {
        if (!m_loading)
            emit statusChosen(static_cast<TestimonyStatus>(m_status->currentData().toInt()));
    });

    m_tags = line("editorTags", 100 * kTagChars);
    m_tags->setPlaceholderText(tr("Tags, separated by commas"));

    // QTextEdit, not QPlainTextEdit: its layout aligns each paragraph by its own direction, so
    // an Arabic paragraph starts at the right edge and an English one at the left in the same
    // text (QPlainTextEdit runs Arabic right to left but keeps it at the left edge). Plain text
    // only: pasted formatting is dropped.
    const auto plainText = [this](const char* name) {
        auto* edit = new QTextEdit(this);
        edit->setObjectName(QString::fromLatin1(name));
        edit->setAcceptRichText(false);
        edit->setAutoFormatting(QTextEdit::AutoNone);
        edit->setTabChangesFocus(true);
        connect(edit, &QTextEdit::textChanged, this, &InterviewPage::onEdited);
        return edit;
    };
    m_narrative = plainText("editorNarrative");
    m_narrative->setMinimumHeight(m_narrative->fontMetrics().height() * 12);
    m_summary = plainText("editorSummary");
    m_summary->setMaximumHeight(m_summary->fontMetrics().height() * 6);

    auto* sensitiveNote = new QLabel(tr("Sensitive: never exported unless chosen."), this);
    sensitiveNote->setStyleSheet(QStringLiteral("color: #8a4b00;"));
    QWidget* interpreterField = messages.wrap(m_interpreter, QStringLiteral("interpreter"));
    auto* interpreterBox = new QWidget(this);
    auto* interpreterLayout = new QHBoxLayout(interpreterBox);
    interpreterLayout->setContentsMargins(0, 0, 0, 0);
    interpreterLayout->addWidget(interpreterField, 1);
    interpreterLayout->addWidget(sensitiveNote, 0, Qt::AlignTop);

    auto* form = new QFormLayout(this);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto row = [&](const QString& label, QWidget* field, QWidget* wrapped) {
        auto* title = new QLabel(label, this);
        title->setBuddy(field);
        form->addRow(title, wrapped);
    };
    row(tr("&Title:"), m_title, messages.wrap(m_title, QStringLiteral("title")));
    row(tr("Interview &date:"), m_date, messages.wrap(m_date, QStringLiteral("interview_date")));
    row(tr("Interview &place:"), m_place, messages.wrap(m_place, QStringLiteral("interview_place")));
    row(tr("&Languages:"), m_languages, messages.wrap(m_languages, QStringLiteral("language")));
    row(tr("Interp&reter:"), m_interpreter, interpreterBox);
    row(tr("Inter&viewer:"), m_interviewer, messages.wrap(m_interviewer, QStringLiteral("interviewer")));
    row(tr("Sensitivit&y:"), m_sensitivity, m_sensitivity);
    row(tr("&Status:"), m_status, m_status);
    row(tr("Ta&gs:"), m_tags, messages.wrap(m_tags, QStringLiteral("tags")));
    row(tr("&Narrative:"), m_narrative, messages.wrap(m_narrative, QStringLiteral("narrative")));
    row(tr("S&ummary:"), m_summary, messages.wrap(m_summary, QStringLiteral("summary")));
}

void InterviewPage::load(const Testimony& testimony)
{
    m_loading = true;
    m_title->setText(testimony.title);
    m_loadedDate = testimony.interviewDate;
    const QDate date = QDate::fromString(testimony.interviewDate.left(10), Qt::ISODate);
    m_date->setDate(date.isValid() ? date : QDate::currentDate());
    m_place->setPlace(testimony.interviewPlace);
    m_languages->setText(testimony.languages.join(QStringLiteral(", ")));
    m_interpreter->setText(testimony.interpreter);
    m_interviewer->setText(testimony.interviewer);
    selectData(m_sensitivity, int(testimony.sensitivity));
    m_tags->setText(testimony.tags.join(QStringLiteral(", ")));
    m_narrative->setPlainText(testimony.narrative);
    m_summary->setPlainText(testimony.summary);
    showStatus(testimony.status);
    m_loading = false;
}

void InterviewPage::showStatus(TestimonyStatus status)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    selectData(m_status, int(status));
    m_status->setEnabled(status == TestimonyStatus::Draft || status == TestimonyStatus::Complete);
    m_loading = wasLoading;
}

void InterviewPage::store(Testimony& testimony) const
{
    testimony.title = m_title->text().trimmed();
    const QString date = m_date->date().toString(Qt::ISODate);
    // A date with a time of day (from an import) keeps its time while its day is unchanged.
    testimony.interviewDate = m_loadedDate.startsWith(date) ? m_loadedDate : date;
    testimony.interviewPlace = m_place->place();
    testimony.languages = splitList(m_languages->text());
    testimony.interpreter = m_interpreter->text().trimmed();
    testimony.interviewer = m_interviewer->text().trimmed();
    testimony.sensitivity = static_cast<Sensitivity>(m_sensitivity->currentData().toInt());
    testimony.tags = splitList(m_tags->text());
    testimony.narrative = m_narrative->toPlainText();
    testimony.summary = m_summary->toPlainText();
}

void InterviewPage::onEdited()
{
    if (!m_loading)
        emit changed();
}

} // namespace fv::desktop
