#pragma once
// Small helpers shared by the editor pages: field limits in characters that stay within core's
// byte limits (TestimonyJson.h), the UI language for ESF labels, and list fields.
#include <QString>
#include <QStringList>

namespace fv::desktop {

/// QLineEdit::maxLength for fields core limits to 1 KiB of UTF-8 (3 bytes per UTF-16 unit at most).
inline constexpr int kShortTextChars = 340;
/// For a victim's age (64 bytes).
inline constexpr int kAgeChars = 21;
/// For a tag (128 bytes).
inline constexpr int kTagChars = 42;

/// "ar" when the UI language is Arabic, "en" otherwise (the languages ESF labels exist in).
QString uiLanguage();

/// The comma-separated items of `text`, trimmed, empty ones and repeats dropped.
QStringList splitList(const QString& text);

} // namespace fv::desktop

class QComboBox;

namespace fv::desktop {

/// Fills `box` with the genders (item data: the fv::Gender as int), "not recorded" first.
void fillGenderBox(QComboBox* box);
/// Fills `box` with the victim conditions (item data: the fv::VictimCondition as int).
void fillConditionBox(QComboBox* box);
/// Selects the item whose data is `value` (the first item when none has it).
void selectData(QComboBox* box, int value);

} // namespace fv::desktop
