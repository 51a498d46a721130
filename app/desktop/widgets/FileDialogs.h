#pragma once
// The app's only way to ask for a file or a folder. Every chooser is Qt's own dialog (never the
// platform's, which keeps "recently used" lists), and starts in the home folder or in the folder
// given, never in the last folder Qt remembers (QFileDialog keeps it for the whole process, so
// a folder chosen in one store would be offered in a session of the other). What the dialog
// itself would save (history, last folder, sidebar) goes nowhere: session/Hygiene.cpp.
#include <QString>
#include <QStringList>

class QWidget;

namespace fv::desktop {

/// One existing file, or empty when cancelled. `filter` as in QFileDialog ("Cards (*.card)").
QString chooseOpenFile(QWidget* parent, const QString& caption, const QString& filter = {});
/// Existing files (none when cancelled).
QStringList chooseOpenFiles(QWidget* parent, const QString& caption, const QString& filter = {});
/// Where to save, proposing `suggestedName` (a bare name goes in the home folder, a path as
/// is); empty when cancelled. `selectedFilter`, when given, in: the filter shown first, out: the
/// filter chosen.
QString chooseSaveFile(QWidget* parent, const QString& caption, const QString& suggestedName,
                       const QString& filter = {}, QString* selectedFilter = nullptr);
/// An existing folder, starting in `start` when it exists (else the home folder); empty when
/// cancelled.
QString chooseFolder(QWidget* parent, const QString& caption, const QString& start = {});

} // namespace fv::desktop
