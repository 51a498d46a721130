#pragma once
// The left side of the main window: the search box (results as you type, Arabic-aware), the
// filters (type of act, place, date range, status) and the testimony list. Selecting a row
// asks for that testimony to be opened. While the session is busy, searches and reloads wait and
// run once when it is idle again.
#include "browse/TestimonyListModel.h"
#include "session/Session.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTableView;

namespace fv::desktop {

class TestimonyBrowser : public QWidget
{
    Q_OBJECT

public:
    explicit TestimonyBrowser(Session& session, QWidget* parent = nullptr);

    TestimonyListModel* model() const noexcept { return m_model; }
    QTableView* view() const noexcept { return m_view; }
    QLineEdit* searchBox() const noexcept { return m_search; }
    /// The id of the selected testimony; empty when none.
    QString selectedId() const;
    /// Selects (and scrolls to) `id` if it is among the loaded rows.
    void select(const QString& id);
    /// Runs the query now instead of after the typing pause (tests, Enter); when the session is
    /// busy, once it is idle.
    void applyNow();
    /// Back to a fresh start, without asking core: empty search box (its undo history too), no
    /// filter, the default order and column widths, no selection, no message. Runs when the session locks, so
    /// that nothing typed or chosen in one store shows in the next session (maybe the other store).
    void forget();

signals:
    void openRequested(const QString& id);
    /// The list now shows `count` rows (first page for large results) and `more` says whether
    /// more are available; for the status bar.
    void resultsChanged(int count, bool more);

private:
    SearchQuery buildQuery() const;
    void onTestimonyChanged(const QString& id);

    Session& m_session;
    TestimonyListModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_act = nullptr;
    QLineEdit* m_place = nullptr;
    QCheckBox* m_dated = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QComboBox* m_status = nullptr;
    QLabel* m_message = nullptr;
    QTimer m_debounce;
    bool m_applyWhenIdle = false;
    bool m_reloadWhenIdle = false;
    QString m_reloadId;
};

} // namespace fv::desktop
