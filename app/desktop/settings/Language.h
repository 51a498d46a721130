#pragma once
// The UI language: Fieldvault's own translation (embedded, app/desktop/translations/) and
// Qt's (qtbase_*.qm from the system's Qt translations folder). Installing the Arabic
// translator also turns the layout right-to-left (its QT_LAYOUT_DIRECTION entry says so).
#include <QString>

namespace fv::desktop {

/// The language to use: AppSettings::language(), or "ar" when empty and the system locale is
/// Arabic, else "en".
QString effectiveLanguage();

/// Replaces the installed translators with those for `language` ("en" removes them). Returns
/// false when Fieldvault's own translation for `language` is missing (the UI stays English).
/// Qt's own translation is optional (system package qt6-translations-l10n).
bool installTranslations(const QString& language);

} // namespace fv::desktop
