#pragma once
// The hand-off menu (issue 4 §3). A field vault gets: Export for HQ, Receipts and purge, Enrol
// HQ card; an HQ vault gets: Import bundles, Issue receipt, Received testimonies (provenance),
// Report; both get Show my card. The actions follow the vault's role at each unlock. Every
// window they open is modal, so the main window does not use the vault meanwhile.
#include "session/Session.h"

namespace fv::desktop {

class MainWindow;

/// Adds the hand-off actions to `window.handoffMenu()` (object names "actionExport",
/// "actionReceipts", "actionEnrolCard", "actionImport", "actionIssueReceipt",
/// "actionProvenance", "actionReport", "actionOwnCard").
void installHandoffActions(MainWindow& window, Session& session);

} // namespace fv::desktop
