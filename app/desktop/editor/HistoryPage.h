#pragma once
// The editor's History tab: the testimony's saved versions, its custody events in sentences,
// whether the history chain is intact, and what changed between two versions, field by field.
#include "session/Session.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTreeWidget;

namespace fv::desktop {

class HistoryPage : public QWidget
{
    Q_OBJECT

public:
    explicit HistoryPage(Session& session, QWidget* parent = nullptr);
    ~HistoryPage() override;

    /// Shows the history of testimony `id`; an empty id shows nothing and disables the page.
    void setTestimony(const QString& id);
    /// Reads the history of the testimony shown again (after a save); while the session is busy,
    /// once it is idle again.
    void reload();
    /// Shows what changed from version `from` to version `to` in the comparison table (while the
    /// session is busy: nothing now, the page is read again once it is idle).
    void compareVersions(int from, int to);

    /// The sentence shown for a custody event (public for tests and the provenance view).
    static QString describe(const CustodyEvent& event);

signals:
    /// Part of the editor's page interface; the history never changes the testimony itself.
    void changed();

private:
    void clearAll();
    void versionSelected();
    void combosChanged();
    void showError(const QString& text);

    Session& m_session;
    QString m_id;
    bool m_updating = false;
    bool m_reloadWhenIdle = false;
    QLabel* m_chainStatus = nullptr;
    QTreeWidget* m_versions = nullptr;
    QTreeWidget* m_events = nullptr;
    QComboBox* m_from = nullptr;
    QComboBox* m_to = nullptr;
    QTreeWidget* m_diff = nullptr;
    QLabel* m_diffNote = nullptr;
};

} // namespace fv::desktop
