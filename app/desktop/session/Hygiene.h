#pragma once
// What the desktop process does before it shows anything, so that nothing about the work
// reaches the disk through Qt or the desktop (threat model A5): no core dumps, files created
// private (umask 077), Qt's own file dialogs (the platform ones write "recently used" lists),
// and every QSettings Qt opens for itself (QFileDialog saves the last folders it visited)
// sent to a format that stores nothing. Fieldvault's own settings (AppSettings) name their
// format explicitly and are not affected.
namespace fv::desktop {

/// Call once, after QApplication exists and before any window. Returns false when libsodium
/// cannot be initialised (the app must not start).
[[nodiscard]] bool applyProcessHygiene();

} // namespace fv::desktop
