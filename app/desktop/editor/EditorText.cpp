#include "editor/EditorText.h"

#include <QLocale>
#include <QRegularExpression>

namespace fv::desktop {

QString uiLanguage()
{
    return QLocale().language() == QLocale::Arabic ? QStringLiteral("ar") : QStringLiteral("en");
}

QStringList splitList(const QString& text)
{
    QStringList items;
    // The Arabic comma separates as well as the Latin one.
    for (const QString& part : text.split(QRegularExpression(QStringLiteral("[,\u060C]")))) {
        const QString item = part.trimmed();
        if (!item.isEmpty() && !items.contains(item))
            items.append(item);
    }
    return items;
}

} // namespace fv::desktop

#include "core/Testimony.h"

#include <QComboBox>
#include <QCoreApplication>

namespace fv::desktop {

namespace {
QString text(const char* source)
{
    return QCoreApplication::translate("EditorText", source);
}
} // namespace

void fillGenderBox(QComboBox* box)
{
    box->addItem(text(QT_TRANSLATE_NOOP("EditorText", "Not recorded")), int(Gender::Unspecified));
    box->addItem(text(QT_TRANSLATE_NOOP("EditorText", "Female")), int(Gender::Female));
    box->addItem(text(QT_TRANSLATE_NOOP("EditorText", "Male")), int(Gender::Male));
    box->addItem(text(QT_TRANSLATE_NOOP("EditorText", "Other")), int(Gender::Other));
    box->addItem(text(QT_TRANSLATE_NOOP("EditorText", "Unknown or would not say")), int(Gender::Unknown));
}

void fillConditionBox(QComboBox* box)
{
    const std::pair<VictimCondition, const char*> items[] = {
        {VictimCondition::Unspecified, QT_TRANSLATE_NOOP("EditorText", "Not recorded")},
        {VictimCondition::Killed, QT_TRANSLATE_NOOP("EditorText", "Killed")},
        {VictimCondition::Injured, QT_TRANSLATE_NOOP("EditorText", "Injured")},
        {VictimCondition::Detained, QT_TRANSLATE_NOOP("EditorText", "Detained")},
        {VictimCondition::Disappeared, QT_TRANSLATE_NOOP("EditorText", "Disappeared")},
        {VictimCondition::Tortured, QT_TRANSLATE_NOOP("EditorText", "Tortured")},
        {VictimCondition::Displaced, QT_TRANSLATE_NOOP("EditorText", "Displaced")},
        {VictimCondition::Released, QT_TRANSLATE_NOOP("EditorText", "Released")},
        {VictimCondition::Unharmed, QT_TRANSLATE_NOOP("EditorText", "Unharmed")},
        {VictimCondition::Unknown, QT_TRANSLATE_NOOP("EditorText", "Unknown")},
    };
    for (const auto& [value, source] : items)
        box->addItem(text(source), int(value));
}

void selectData(QComboBox* box, int value)
{
    const int index = box->findData(value);
    box->setCurrentIndex(index >= 0 ? index : 0);
}

} // namespace fv::desktop
