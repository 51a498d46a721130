#pragma once
// HQ: every received testimony version with its provenance (sender name and fingerprint, the
// bundle that brought it, the verification of that bundle, when it was imported, whether
// identifying fields were left out). Received entries live in the sync tables, not in the
// testimony list, so this is where HQ sees them; quarantined rows are marked in colour and
// words.
#include "session/Session.h"

#include <QDialog>

class QTableWidget;

namespace fv::desktop {

class ProvenanceDialog : public QDialog
{
    Q_OBJECT

public:
    enum Column
    {
        TitleColumn,
        TestimonyColumn,
        VersionColumn,
        SenderColumn,
        FingerprintColumn,
        BundleColumn,
        VerificationColumn,
        ReceivedColumn,
        RedactedColumn,
        ColumnCount,
    };

    /// The received versions of the HQ vault of `session` (of `testimonyId` only, when given).
    explicit ProvenanceDialog(Session& session, QWidget* parent = nullptr, const QString& testimonyId = {});
    QTableWidget* table() const noexcept { return m_table; }

private:
    QTableWidget* m_table = nullptr;
};

} // namespace fv::desktop
