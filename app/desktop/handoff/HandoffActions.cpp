#include "handoff/HandoffActions.h"

#include "browse/TestimonyBrowser.h"
#include "editor/TestimonyEditor.h"
#include "handoff/CardDialogs.h"
#include "handoff/ExportWizard.h"
#include "handoff/ImportWindow.h"
#include "handoff/ProvenanceDialog.h"
#include "handoff/ReceiptDialogs.h"
#include "main/MainWindow.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QMessageBox>

namespace fv::desktop {
namespace {

// lupdate files a tr() call outside any class under the enclosing namespace: same context here.
QString tr(const char* text)
{
    return QCoreApplication::translate("fv::desktop", text);
}

/// Opens `dialog` modally, deleted when closed.
void openModal(QDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::ApplicationModal);
    dialog->open();
}

} // namespace

void installHandoffActions(MainWindow& window, Session& session)
{
    QMenu* menu = window.handoffMenu();
    MainWindow* w = &window;
    Session* s = &session;
    // The hand-off screens use the store: not while a recording or another operation writes to it.
    const auto ready = [w, s] {
        if (!s->isUnlocked())
            return false;
        if (w->isRecording()) {
            QMessageBox::information(w, tr("Hand-off"),
                                     tr("An interview is being recorded. Stop the recording first, then try "
                                        "again."));
            return false;
        }
        if (s->isBusy()) {
            QMessageBox::information(w, tr("Hand-off"),
                                     tr("Another operation is still running in this vault. Try again when it "
                                        "has ended."));
            return false;
        }
        return true;
    };
    const auto add = [menu](const QString& text, const char* name) {
        QAction* action = menu->addAction(text);
        action->setObjectName(QString::fromLatin1(name));
        return action;
    };

    QAction* exportAction = add(tr("&Export for HQ…"), "actionExport");
    QObject::connect(exportAction, &QAction::triggered, w, [w, s, ready] {
        if (s->role() != VaultRole::Field || !ready())
            return;
        if (!w->editor()->flush()) {
            QMessageBox::warning(w, tr("Export for HQ"),
                                 tr("The testimony being edited cannot be saved yet. Correct what the "
                                    "editor points out, then export."));
            return;
        }
        const QString selected = w->browser()->selectedId();
        openModal(new ExportWizard(*s, selected.isEmpty() ? QStringList{} : QStringList{selected}, w));
    });
    QAction* receipts = add(tr("&Receipts and purge…"), "actionReceipts");
    QObject::connect(receipts, &QAction::triggered, w, [w, s, ready] {
        // The pending edit is saved before anything can be purged: as a version HQ does not
        // hold, it keeps its testimony (the dialog is modal, so nothing is typed meanwhile).
        if (ready() && w->editor()->flush())
            openModal(new ReceiptsDialog(*s, w));
    });

    QAction* import = add(tr("&Import bundles…"), "actionImport");
    QObject::connect(import, &QAction::triggered, w, [w, s, ready] {
        if (s->role() == VaultRole::Hq && ready())
            openModal(new ImportWindow(*s, w));
    });
    QAction* issue = add(tr("Issue a re&ceipt…"), "actionIssueReceipt");
    QObject::connect(issue, &QAction::triggered, w, [w, s, ready] {
        if (s->role() == VaultRole::Hq && ready())
            openModal(new IssueReceiptDialog(*s, w));
    });
    QAction* provenance = add(tr("Received testimonies and &provenance…"), "actionProvenance");
    QObject::connect(provenance, &QAction::triggered, w, [w, s, ready] {
        if (s->role() == VaultRole::Hq && ready())
            openModal(new ProvenanceDialog(*s, w));
    });
    QAction* report = add(tr("Report for &analysts (CSV or JSON)…"), "actionReport");
    QObject::connect(report, &QAction::triggered, w, [w, s, ready] {
        if (s->role() == VaultRole::Hq && ready())
            saveHqReport(*s, w);
    });

    menu->addSeparator();
    QAction* enrol = add(tr("Enrol HQ's &card…"), "actionEnrolCard");
    QObject::connect(enrol, &QAction::triggered, w, [w, s, ready] {
        if (ready())
            openModal(new EnrolCardDialog(*s, w));
    });
    QAction* own = add(tr("Show &my card…"), "actionOwnCard");
    QObject::connect(own, &QAction::triggered, w, [w, s] {
        if (s->isUnlocked())
            openModal(new OwnCardDialog(*s, w));
    });

    const auto followRole = [=] {
        const bool hq = s->isUnlocked() && s->role() == VaultRole::Hq;
        for (QAction* a : {exportAction, receipts})
            a->setVisible(!hq);
        for (QAction* a : {import, issue, provenance, report})
            a->setVisible(hq);
        enrol->setText(hq ? tr("Enrol a &delegate's card…") : tr("Enrol HQ's &card…"));
    };
    QObject::connect(s, &Session::unlocked, w, followRole);
    followRole();
}

} // namespace fv::desktop
