#pragma once
// The app's plain settings file (QSettings, ~/.config/Fieldvault/Fieldvault.conf). It may be
// read by whoever seizes the machine, so it holds only what reveals nothing about the work:
// the UI language and timings. No vault location, no recent files, no names, no window
// titles (docs/desktop.md, "What the app writes outside the vault").
#include <QString>
#include <chrono>

namespace fv::desktop {

class AppSettings
{
public:
    /// "en" or "ar"; empty means "follow the system".
    static QString language();
    static void setLanguage(const QString& language);
    /// Minutes without input before the vault locks; 0 disables. Default 5.
    static int idleLockMinutes();
    static void setIdleLockMinutes(int minutes);
    /// Seconds before the app clears text it put on the clipboard. Default 30.
    static int clipboardClearSeconds();
    static void setClipboardClearSeconds(int seconds);
};

} // namespace fv::desktop
