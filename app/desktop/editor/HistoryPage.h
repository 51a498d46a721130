#pragma once
// The editor's History tab: the testimony's saved versions, its custody events in sentences,
// whether the history chain is intact, and what changed between two versions, field by field.
#include "session/Session.h"

#include <QWidget>

namespace fv::desktop {

class HistoryPage : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPage(Session& session, QWidget* parent = nullptr);
    ~HistoryPage() override;

    /// Shows the history of testimony `id`; an empty id shows nothing and disables the page.
    void setTestimony(const QString& id);
    /// Reads the history of the testimony shown again (after a save).
    void reload();

signals:
    /// Part of the editor's page interface; the history never changes the testimony itself.
    void changed();
};

} // namespace fv::desktop
