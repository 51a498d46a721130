#include "VaultAccess.h"

#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace fv::cli {

QString defaultVaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/fieldvault/vault"_s;
}

} // namespace fv::cli
