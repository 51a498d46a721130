#include "editor/FieldMessages.h"

#include <QLabel>
#include <QVBoxLayout>
#include <QWidget>

namespace fv::desktop {

namespace {
const char* const kInvalidProperty = "fvInvalid";
} // namespace

void setInvalidFrame(QWidget* field, bool invalid)
{
    if (!field || field->property(kInvalidProperty).toBool() == invalid)
        return;
    field->setProperty(kInvalidProperty, invalid);
    // The frame is the only style sheet these fields carry.
    field->setStyleSheet(invalid ? QStringLiteral("border: 2px solid #b3261e;") : QString());
}

QWidget* FieldMessages::wrap(QWidget* field, const QString& path)
{
    auto* box = new QWidget(field->parentWidget());
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    field->setParent(box);
    layout->addWidget(field);
    auto* message = new QLabel(box);
    message->setObjectName(QStringLiteral("message:") + path);
    message->setWordWrap(true);
    message->setStyleSheet(QStringLiteral("color: #b3261e;"));
    message->setTextFormat(Qt::PlainText);
    message->hide();
    message->setBuddy(field);
    layout->addWidget(message);
    m_entries.insert(path, Entry{field, message});
    return box;
}

const FieldMessages::Entry* FieldMessages::find(const QString& path) const
{
    QString key = path;
    while (!key.isEmpty()) {
        auto it = m_entries.constFind(key);
        if (it != m_entries.constEnd())
            return &*it;
        const qsizetype cut = std::max(key.lastIndexOf(u'.'), key.lastIndexOf(u'['));
        if (cut <= 0)
            break;
        key.truncate(cut);
    }
    return nullptr;
}

QWidget* FieldMessages::fieldFor(const QString& path) const
{
    const Entry* entry = find(path);
    return entry ? entry->field.data() : nullptr;
}

bool FieldMessages::show(const QString& path, const QString& message)
{
    const Entry* entry = find(path);
    if (!entry || !entry->message)
        return false;
    entry->message->setText(message);
    entry->message->show();
    setInvalidFrame(entry->field, true);
    return true;
}

void FieldMessages::clear()
{
    for (const Entry& entry : std::as_const(m_entries)) {
        if (entry.message)
            entry.message->hide();
        setInvalidFrame(entry.field, false);
    }
}

} // namespace fv::desktop
