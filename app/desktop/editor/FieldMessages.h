#pragma once
// Validation messages shown next to the field they concern. A page wraps each field with
// wrap(), naming it by its path in the testimony JSON ("witness.pseudonym", "title"); the
// editor then shows core's complaint about that path under the field, with the field framed.
#include <QHash>
#include <QPointer>
#include <QString>

class QLabel;
class QWidget;

namespace fv::desktop {

class FieldMessages
{
public:
    /// Returns a container holding `field` and, under it, a hidden message label; registers the
    /// pair under `path`. The container takes the place of `field` in a layout.
    QWidget* wrap(QWidget* field, const QString& path);

    /// Shows `message` for the registered path that is the longest prefix of `path` (so
    /// "interview_place.city" lands on "interview_place"). False when no field matches.
    bool show(const QString& path, const QString& message);

    /// Hides every message and frame.
    void clear();

    /// The field registered for the longest prefix of `path`, or nullptr.
    QWidget* fieldFor(const QString& path) const;

private:
    struct Entry
    {
        QPointer<QWidget> field;
        QPointer<QLabel> message;
    };
    const Entry* find(const QString& path) const;
    QHash<QString, Entry> m_entries;
};

/// Marks `field` as invalid (a red frame) or restores it.
void setInvalidFrame(QWidget* field, bool invalid);

} // namespace fv::desktop
