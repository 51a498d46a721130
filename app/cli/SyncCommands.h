#pragma once
// Factories for the sync commands of issue 3 §7 (defined in SyncCommands.cpp): card, enrol,
// export, import, receipt, purge, report, identity-export, bundle-decrypt.

#include "VaultAccess.h"

namespace fv::cli {

std::unique_ptr<Command> makeCardCommand();
std::unique_ptr<Command> makeEnrolCommand();
std::unique_ptr<Command> makeExportCommand();
std::unique_ptr<Command> makeImportCommand();
std::unique_ptr<Command> makeReceiptCommand();
std::unique_ptr<Command> makePurgeCommand();
std::unique_ptr<Command> makeReportCommand();
std::unique_ptr<Command> makeIdentityExportCommand();
std::unique_ptr<Command> makeBundleDecryptCommand();

/// Appends every sync command to `commands` (one call from makeCommands()).
void addSyncCommands(std::vector<std::unique_ptr<Command>>& commands);

} // namespace fv::cli
