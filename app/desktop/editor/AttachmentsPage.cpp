#include "editor/AttachmentsPage.h"

namespace fv::desktop {

AttachmentsPage::AttachmentsPage(Session& session, QWidget* parent) : QWidget(parent)
{
    Q_UNUSED(session);
    setEnabled(false);
}

AttachmentsPage::~AttachmentsPage() = default;

void AttachmentsPage::setTestimony(const QString& id)
{
    setEnabled(!id.isEmpty());
}

} // namespace fv::desktop
