#pragma once
// What changed between two versions of a testimony, field by field, in words a delegate reads:
// the field's name, its value before and after. Long texts (narrative, summary, incidents) are
// compared line by line and show only the lines removed and added.
#include "core/Testimony.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace fv::desktop {

struct FieldChange
{
    QString field{};        ///< the field's name in the UI language
    QString before{};       ///< the old value (or the removed lines), empty when it was empty
    QString after{};        ///< the new value (or the added lines)
    bool sensitive = false; ///< the field identifies a person
};

class VersionDiff
{
    Q_DECLARE_TR_FUNCTIONS(VersionDiff)

public:
    /// The content fields that differ between `before` and `after`, in the editor's order;
    /// empty when the content is the same. Record fields (status, attachments) are not compared.
    static QList<FieldChange> compare(const Testimony& before, const Testimony& after);

    /// The lines of `before` missing from `after` and the lines of `after` new to it (a longest
    /// common subsequence diff), each list in text order.
    static std::pair<QStringList, QStringList> lineChanges(const QString& before, const QString& after);
};

} // namespace fv::desktop
