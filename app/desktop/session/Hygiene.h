#pragma once
// What the desktop process does before it shows anything, so that nothing about the work
// reaches the disk through Qt or the desktop (threat model A5): no core dumps, files created
// private (umask 077), Qt's own file dialogs (the platform ones write "recently used" lists),
// and every QSettings Qt opens for itself (QFileDialog saves the last folders it visited)
// sent nowhere: QSettings with the default format go to a format that stores nothing, and the
// paths of the native and INI formats (which QFileDialog's QSettings(UserScope, "QtProject")
// uses whatever the default) point to a folder that cannot be created. Fieldvault's own
// settings (AppSettings) open their file by its full path and are not affected.
namespace fv::desktop {

/// Call once, after QApplication exists and before any window. Returns false when libsodium
/// cannot be initialised (the app must not start).
[[nodiscard]] bool applyProcessHygiene();

/// The QSettings part of applyProcessHygiene(): every QSettings opened by scope and name (any
/// format, both scopes) or with the default format reads nothing and writes nowhere. Tests call
/// it again after putting Qt's own paths back for a positive control.
void sendQtSettingsNowhere();

} // namespace fv::desktop
