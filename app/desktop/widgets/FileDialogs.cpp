#include "widgets/FileDialogs.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>

namespace fv::desktop {
namespace {

constexpr QFileDialog::Options kOptions = QFileDialog::DontUseNativeDialog;

} // namespace

QString chooseOpenFile(QWidget* parent, const QString& caption, const QString& filter)
{
    return QFileDialog::getOpenFileName(parent, caption, QDir::homePath(), filter, nullptr, kOptions);
}

QStringList chooseOpenFiles(QWidget* parent, const QString& caption, const QString& filter)
{
    return QFileDialog::getOpenFileNames(parent, caption, QDir::homePath(), filter, nullptr, kOptions);
}

QString chooseSaveFile(QWidget* parent, const QString& caption, const QString& suggestedName,
                       const QString& filter, QString* selectedFilter)
{
    const QString proposed =
        QFileInfo(suggestedName).isAbsolute() ? suggestedName : QDir::home().filePath(suggestedName);
    return QFileDialog::getSaveFileName(parent, caption, proposed, filter, selectedFilter, kOptions);
}

QString chooseFolder(QWidget* parent, const QString& caption, const QString& start)
{
    const QString from = !start.isEmpty() && QFileInfo(start).isDir() ? start : QDir::homePath();
    return QFileDialog::getExistingDirectory(parent, caption, from, kOptions | QFileDialog::ShowDirsOnly);
}

} // namespace fv::desktop
