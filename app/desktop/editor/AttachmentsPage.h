#pragma once
// The editor's Attachments tab: the testimony's attachments (files, photos, recordings), adding
// files by dialog or drag and drop, previewing photos and playing recordings from decrypted bytes
// in memory only, and saving a decrypted copy of a file on purpose.
#include "session/Session.h"

#include <QStringList>
#include <QWidget>

namespace fv::desktop {

class AttachmentsPage : public QWidget
{
    Q_OBJECT

public:
    explicit AttachmentsPage(Session& session, QWidget* parent = nullptr);
    ~AttachmentsPage() override;

    /// Shows the attachments of testimony `id`; an empty id shows nothing and disables the page.
    void setTestimony(const QString& id);

signals:
    /// Emitted after an attachment was added to the testimony shown (after session.notifyChanged).
    void changed();
};

} // namespace fv::desktop
