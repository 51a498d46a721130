#include "editor/HistoryPage.h"

namespace fv::desktop {

HistoryPage::HistoryPage(Session& session, QWidget* parent) : QWidget(parent)
{
    Q_UNUSED(session);
    setEnabled(false);
}

HistoryPage::~HistoryPage() = default;

void HistoryPage::setTestimony(const QString& id)
{
    setEnabled(!id.isEmpty());
}

void HistoryPage::reload() {}

} // namespace fv::desktop
