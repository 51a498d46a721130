// Duress in the desktop app: a vault with a real store and a decoy. Whatever was done in one
// store, after a lock and an unlock of the other nothing of it shows anywhere in the app: no
// id, title or text in any widget, model, tooltip, window title or status bar, no search text
// (nor its undo history), no filter or order, no return to its testimony, no message about it.
// The way back to the open testimony still works when the same store is unlocked again. The
// vault is made by core, and through the first-run wizard's duress option.
#include "DesktopTestSupport.h"
#include "browse/TestimonyBrowser.h"
#include "browse/TestimonyListModel.h"
#include "core/TestimonyStore.h"
#include "editor/AttachmentsPage.h"
#include "editor/TestimonyEditor.h"
#include "main/MainWindow.h"
#include "storage/FaultInjection.h"
#include "unlock/CreateVaultWizard.h"
#include "unlock/UnlockScreen.h"
#include "widgets/SecretField.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTextEdit>
#include <algorithm>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;

namespace {

constexpr const char* kRealPassphrase = "real passphrase of the delegate seven";
constexpr const char* kDuressPassphrase = "duress passphrase given under pressure";

void unlockWith(MainWindow& window, const char* passphrase)
{
    auto* field = child<SecretField>(window.unlockScreen(), "unlockSecret");
    type(field, QString::fromUtf8(passphrase));
    QTest::keyClick(field, Qt::Key_Return);
    REQUIRE(waitFor([&] { return !window.unlockScreen()->isBusy(); }));
    QTest::qWait(50); // queued work after unlocking (first list page, messages)
}

void addModelStrings(const QAbstractItemModel* model, const QModelIndex& parent, QStringList& out,
                     const QString& where)
{
    if (!model)
        return;
    static const int roles[] = {Qt::DisplayRole,   Qt::EditRole,           Qt::ToolTipRole, Qt::StatusTipRole,
                                Qt::WhatsThisRole, Qt::AccessibleTextRole, Qt::UserRole,    Qt::UserRole + 1,
                                Qt::UserRole + 2,  Qt::UserRole + 3};
    for (int row = 0; row < model->rowCount(parent); ++row) {
        for (int column = 0; column < model->columnCount(parent); ++column) {
            const QModelIndex index = model->index(row, column, parent);
            for (int role : roles)
                out << where + QStringLiteral(" model: ") + model->data(index, role).toString();
            if (column == 0 && model->hasChildren(index))
                addModelStrings(model, index, out, where);
        }
    }
}

// Every piece of text the app holds in a widget, a model, an action or a window title, each
// prefixed with where it was found.
QStringList everythingShown(MainWindow& window)
{
    QStringList out;
    for (QWidget* widget : QApplication::allWidgets()) {
        const QString where =
            QString::fromLatin1(widget->metaObject()->className()) + QLatin1Char(' ') + widget->objectName();
        out << where + QStringLiteral(" title: ") + widget->windowTitle()
            << where + QStringLiteral(" tip: ") + widget->toolTip() + widget->statusTip() +
                   widget->whatsThis()
            << where + QStringLiteral(" accessible: ") + widget->accessibleName() +
                   widget->accessibleDescription();
        if (auto* label = qobject_cast<QLabel*>(widget))
            out << where + QStringLiteral(": ") + label->text();
        if (auto* button = qobject_cast<QAbstractButton*>(widget))
            out << where + QStringLiteral(": ") + button->text();
        if (auto* group = qobject_cast<QGroupBox*>(widget))
            out << where + QStringLiteral(": ") + group->title();
        if (auto* line = qobject_cast<QLineEdit*>(widget)) {
            out << where + QStringLiteral(": ") + line->text() + line->placeholderText();
            if (line->completer())
                addModelStrings(line->completer()->model(), {}, out, where + QStringLiteral(" completer"));
        }
        if (auto* text = qobject_cast<QTextEdit*>(widget))
            out << where + QStringLiteral(": ") + text->toPlainText();
        if (auto* text = qobject_cast<QPlainTextEdit*>(widget))
            out << where + QStringLiteral(": ") + text->toPlainText();
        if (auto* combo = qobject_cast<QComboBox*>(widget)) {
            out << where + QStringLiteral(": ") + combo->currentText();
            addModelStrings(combo->model(), {}, out, where);
        }
        if (auto* tabs = qobject_cast<QTabWidget*>(widget))
            for (int i = 0; i < tabs->count(); ++i)
                out << where + QStringLiteral(" tab: ") + tabs->tabText(i) + tabs->tabToolTip(i);
        if (auto* view = qobject_cast<QAbstractItemView*>(widget))
            addModelStrings(view->model(), {}, out, where);
    }
    for (QAction* action : window.findChildren<QAction*>())
        out << QStringLiteral("action: ") + action->text() + action->toolTip() + action->statusTip();
    out << QStringLiteral("status bar: ") + window.statusBar()->currentMessage();
    return out;
}

// No text anywhere in the app contains one of `needles`, and no text field can undo back to
// something typed before.
void checkNothingOf(MainWindow& window, const QStringList& needles)
{
    const QStringList shown = everythingShown(window);
    for (const QString& needle : needles) {
        REQUIRE(!needle.isEmpty());
        for (const QString& text : shown) {
            INFO(text.toStdString());
            CHECK_FALSE(text.contains(needle, Qt::CaseInsensitive));
        }
    }
    for (QWidget* widget : QApplication::allWidgets()) {
        INFO(widget->metaObject()->className() << " " << widget->objectName().toStdString());
        if (auto* line = qobject_cast<QLineEdit*>(widget))
            CHECK_FALSE((line->isUndoAvailable() || line->isRedoAvailable()));
        if (auto* text = qobject_cast<QTextEdit*>(widget))
            CHECK_FALSE((text->document()->isUndoAvailable() || text->document()->isRedoAvailable()));
        if (auto* text = qobject_cast<QPlainTextEdit*>(widget))
            CHECK_FALSE((text->document()->isUndoAvailable() || text->document()->isRedoAvailable()));
    }
    CHECK(window.windowTitle() == QStringLiteral("Fieldvault"));
    CHECK_FALSE(window.findChild<QMessageBox*>(QStringLiteral("unsavedOnLockMessage")));
}

// A fresh session as it looks before anything is done: no testimony open, or only the first
// of the list (a focused, non-empty list opens its first row), on its first tab; default list.
void checkFreshStart(MainWindow& window)
{
    const QString first = window.browser()->model()->idAt(0);
    CHECK(window.editor()->currentId() == first);
    CHECK(window.browser()->selectedId() == first);
    CHECK(window.editor()->saveState() ==
          (first.isEmpty() ? TestimonyEditor::SaveState::Empty : TestimonyEditor::SaveState::Saved));
    CHECK(window.editor()->currentPage() == TestimonyEditor::InterviewTab);
    CHECK(window.browser()->searchBox()->text().isEmpty());
    const QHeaderView* header = window.browser()->view()->horizontalHeader();
    CHECK(header->sortIndicatorSection() == TestimonyListModel::UpdatedColumn);
    CHECK(header->sortIndicatorOrder() == Qt::DescendingOrder);
}

// Works in the store open in `window`: a testimony with `title` and `narrative`, left open on
// its Witness tab, and a search for `search` with the list sorted by title. Returns its id.
QString workIn(MainWindow& window, const QString& title, const QString& narrative, const QString& search)
{
    window.newTestimony();
    type(child<QLineEdit>(window.editor(), "editorTitle"), title);
    auto* text = child<QTextEdit>(window.editor(), "editorNarrative");
    text->setFocus();
    text->insertPlainText(narrative);
    REQUIRE(window.editor()->flush());
    const QString id = window.editor()->currentId();
    REQUIRE(!id.isEmpty());
    window.browser()->view()->sortByColumn(TestimonyListModel::TitleColumn, Qt::AscendingOrder);
    type(window.browser()->searchBox(), search);
    window.browser()->applyNow();
    REQUIRE(window.browser()->model()->rowCount() == 1);
    window.browser()->select(id);
    window.editor()->setCurrentPage(TestimonyEditor::WitnessTab);
    return id;
}

// A vault with a real store and a decoy, its window shown and locked. Made either by core or
// through the first-run wizard's duress option.
struct DuressVault
{
    TempDir dir;
    Session session;
    std::unique_ptr<MainWindow> window;

    explicit DuressVault(bool throughWizard)
    {
        if (!throughWizard) {
            VaultCreateOptions options;
            options.kdf = Argon2Params::fastForTests();
            options.duressPassphrase = secret(kDuressPassphrase);
            auto created = Vault::create(dir / "vault", secret(kRealPassphrase), options);
            REQUIRE(created);
            (void)created->vault.lock();
        }
        window = std::make_unique<MainWindow>(session, dir / "vault");
        window->setCreateKdf(Argon2Params::fastForTests());
        window->show();
        window->activateWindow();
        window->start();
        if (!throughWizard)
            return;
        CreateVaultWizard* wizard = window->createWizard();
        REQUIRE(wizard);
        wizard->next();
        type(child<SecretField>(wizard, "createPassphrase1"), QString::fromUtf8(kRealPassphrase));
        type(child<SecretField>(wizard, "createPassphrase2"), QString::fromUtf8(kRealPassphrase));
        wizard->next();
        REQUIRE(wizard->currentId() == CreateVaultWizard::DuressPage);
        child<QCheckBox>(wizard, "createDuressEnable")->setChecked(true);
        type(child<SecretField>(wizard, "createDuress1"), QString::fromUtf8(kDuressPassphrase));
        type(child<SecretField>(wizard, "createDuress2"), QString::fromUtf8(kDuressPassphrase));
        wizard->next();
        REQUIRE(waitFor([&] { return wizard->currentId() == CreateVaultWizard::RecoveryKeyPage; }));
        child<QCheckBox>(wizard, "recoveryWritten")->setChecked(true);
        wizard->next();
        wizard->accept();
        REQUIRE(session.isUnlocked());
        window->lock();
        REQUIRE_FALSE(session.isUnlocked());
        // The wizard was the active window; Ctrl+L goes to the active one.
        window->activateWindow();
        REQUIRE(waitFor([&] { return window->isActiveWindow(); }));
    }
};

} // namespace

TEST_CASE("duress: nothing of the real store shows after unlocking the decoy, nor the decoy's in the real",
          "[duress]")
{
    const bool throughWizard = GENERATE(false, true);
    DuressVault fixture(throughWizard);
    MainWindow& window = *fixture.window;
    Session& session = fixture.session;

    unlockWith(window, kRealPassphrase);
    REQUIRE(session.isUnlocked());
    const QList<int> freshSplit = window.findChild<QSplitter*>()->sizes();
    const int freshStatusWidth =
        window.browser()->view()->horizontalHeader()->sectionSize(TestimonyListModel::StatusColumn);
    const QString realTitle = QStringLiteral("RealTitleOleander");
    const QString realWord = QStringLiteral("RealNarrativeQuince");
    const QString realArabic = QStringLiteral("شهادة-حقيقية-سرية");
    const QString realId = workIn(window, realTitle, realWord + QLatin1Char(' ') + realArabic, realWord);
    // The real store's count is part of what must not show: give it three testimonies, so a
    // "3 testimonies" anywhere in the decoy session would be found.
    for (const char* extra : {"RealSecondTestimony", "RealThirdTestimony"}) {
        window.newTestimony();
        type(child<QLineEdit>(window.editor(), "editorTitle"), QString::fromLatin1(extra));
        REQUIRE(window.editor()->flush());
    }
    window.browser()->searchBox()->setText(QString());
    window.browser()->applyNow();
    REQUIRE(window.browser()->model()->rowCount() == 3);
    REQUIRE(window.editor()->open(realId));
    // An attachment, shown in its tab.
    {
        QByteArray bytes(2000, 'a');
        QBuffer buffer(&bytes);
        REQUIRE(buffer.open(QIODevice::ReadOnly));
        REQUIRE(session.testimonies()
                    ->attach(realId, buffer, {.fileName = QStringLiteral("RealAttachmentYarrow.jpg")})
                    .has_value());
        window.editor()->attachmentsPage()->setTestimony(realId); // shows it again
    }
    window.editor()->setCurrentPage(TestimonyEditor::AttachmentsTab);
    REQUIRE(waitFor([&] {
        const QStringList shown = everythingShown(window);
        return std::any_of(shown.begin(), shown.end(), [](const QString& t) {
            return t.contains(QStringLiteral("RealAttachmentYarrow"));
        });
    }));
    window.editor()->setCurrentPage(TestimonyEditor::WitnessTab);
    type(window.browser()->searchBox(), realWord);
    window.browser()->applyNow();
    // Every other filter box of the app (list and editor) gets a word too.
    const QString filterWord = QStringLiteral("RealFilterTamarind");
    for (QLineEdit* filter : window.findChildren<QLineEdit*>()) {
        if (filter->objectName().endsWith(QLatin1String("Filter")) ||
            filter->objectName() == QLatin1String("filterPlace"))
            type(filter, filterWord);
    }
    // Window state: the list pane and a column made wider.
    auto* splitter = window.findChild<QSplitter*>();
    REQUIRE(splitter);
    splitter->setSizes({900, 200});
    QHeaderView* header = window.browser()->view()->horizontalHeader();
    header->resizeSection(TestimonyListModel::StatusColumn, 333);
    const QStringList realNeedles{realId,
                                  realTitle,
                                  realWord,
                                  realArabic,
                                  filterWord,
                                  QStringLiteral("RealAttachmentYarrow"),
                                  QStringLiteral("RealSecondTestimony"),
                                  QStringLiteral("RealThirdTestimony"),
                                  QStringLiteral("3 testimonies")};

    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE_FALSE(session.isUnlocked());
    checkNothingOf(window, realNeedles); // while locked

    SECTION("real, then decoy, then real again")
    {
        unlockWith(window, kDuressPassphrase);
        REQUIRE(session.isUnlocked());
        checkNothingOf(window, realNeedles);
        checkFreshStart(window);
        CHECK(window.browser()->model()->rowCount() == 0);
        CHECK(window.findChild<QSplitter*>()->sizes() == freshSplit);
        CHECK(window.browser()->view()->horizontalHeader()->sectionSize(TestimonyListModel::StatusColumn) ==
              freshStatusWidth);

        // Work in the decoy, then back to the real store: nothing of the decoy shows there.
        const QString decoyTitle = QStringLiteral("DecoyTitleAzalea");
        const QString decoyWord = QStringLiteral("DecoyNarrativeMedlar");
        const QString decoyId = workIn(window, decoyTitle, decoyWord, decoyWord);
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        REQUIRE_FALSE(session.isUnlocked());
        unlockWith(window, kRealPassphrase);
        REQUIRE(session.isUnlocked());
        checkNothingOf(window, {decoyId, decoyTitle, decoyWord});
        CHECK(window.browser()->model()->rowCount() == 3);
        checkFreshStart(window);

        // And the way back still works within one store.
        REQUIRE(window.editor()->open(realId));
        window.editor()->setCurrentPage(TestimonyEditor::IncidentsTab);
        QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
        unlockWith(window, kRealPassphrase);
        REQUIRE(session.isUnlocked());
        CHECK(window.editor()->currentId() == realId);
        CHECK(window.editor()->currentPage() == TestimonyEditor::IncidentsTab);
        CHECK(window.browser()->selectedId() == realId);
        // The search text, though, is not kept even for the same store.
        CHECK(window.browser()->searchBox()->text().isEmpty());
    }

    SECTION("an edit the idle lock could not save is not reported in the decoy")
    {
        unlockWith(window, kRealPassphrase);
        REQUIRE(session.isUnlocked());
        REQUIRE(window.editor()->currentId() == realId);
        type(child<QLineEdit>(window.editor(), "editorTitle"), QStringLiteral(" RealUnsavedTail"));
        armFault(FaultPlan{FaultOp::Write, FaultKind::DiskFull, 1, true});
        window.idleWatcher().setTimeout(std::chrono::milliseconds(200));
        REQUIRE(waitFor([&] { return !session.isUnlocked(); }, std::chrono::seconds(5)));
        disarmFaults();
        window.idleWatcher().setTimeout(std::chrono::minutes(5));

        unlockWith(window, kDuressPassphrase);
        REQUIRE(session.isUnlocked());
        checkNothingOf(window, realNeedles + QStringList{QStringLiteral("RealUnsavedTail")});
        checkFreshStart(window);
    }
    window.lock();
}
