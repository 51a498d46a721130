#pragma once
// The Interview tab: title, interview date and place, languages, interpreter (sensitive),
// interviewer, sensitivity, status, tags, the narrative in the witness's words (Arabic and
// English, each paragraph laid out in its own direction) and a summary.
#include "core/Testimony.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLineEdit;
class QTextEdit;

namespace fv::desktop {

class FieldMessages;
class PlaceEdit;

class InterviewPage : public QWidget
{
    Q_OBJECT

public:
    /// Registers its fields with `messages` under their JSON paths ("title", "narrative", …).
    InterviewPage(FieldMessages& messages, QWidget* parent = nullptr);

    /// Shows the content fields and the status of `testimony` without emitting signals.
    void load(const Testimony& testimony);
    /// Writes the fields shown into `testimony`'s content fields.
    void store(Testimony& testimony) const;
    /// Shows `status` (exported and delivered cannot be chosen here, and lock the choice).
    void showStatus(TestimonyStatus status);

    QLineEdit* titleEdit() const { return m_title; }

signals:
    void changed();
    /// The delegate chose draft or complete.
    void statusChosen(fv::TestimonyStatus status);

private:
    void onEdited();

    bool m_loading = false;
    QString m_loadedDate;
    QLineEdit* m_title = nullptr;
    QDateEdit* m_date = nullptr;
    PlaceEdit* m_place = nullptr;
    QLineEdit* m_languages = nullptr;
    QLineEdit* m_interpreter = nullptr;
    QLineEdit* m_interviewer = nullptr;
    QComboBox* m_sensitivity = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_tags = nullptr;
    QTextEdit* m_narrative = nullptr;
    QTextEdit* m_summary = nullptr;
};

} // namespace fv::desktop
