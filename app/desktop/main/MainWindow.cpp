#include "main/MainWindow.h"

#include "browse/TestimonyBrowser.h"
#include "editor/TestimonyEditor.h"
#include "handoff/HandoffActions.h"
#include "session/AppSettings.h"
#include "session/UserMessage.h"
#include "settings/SettingsDialog.h"
#include "unlock/CreateVaultWizard.h"
#include "unlock/UnlockScreen.h"
#include "widgets/FileDialogs.h"

#ifdef FV_HAVE_AUDIO
#include "audio/AudioRecorderWidget.h"
#endif

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <utility>

namespace fv::desktop {

// The way back after unlocking, valid only for the store whose fingerprint it carries.
struct MainWindow::ReturnPoint
{
    SecretBuffer key;         // random, made at lock, never leaves memory
    SecretBuffer fingerprint; // Session::storeFingerprint(key) of the store that was locked
    QString id;               // the testimony that was open (may be empty)
    int page = 0;             // its tab
    QString unsaved;          // why its last edit could not be saved (idle lock), else empty
};

MainWindow::MainWindow(Session& session, const std::filesystem::path& location, QWidget* parent)
    : QMainWindow(parent), m_session(session), m_location(location)
{
    setWindowTitle(QStringLiteral("Fieldvault")); // never a testimony title: window lists are visible
    m_stack = new QStackedWidget(this);
    m_unlock = new UnlockScreen(session, m_stack);
    m_unlock->setLocation(location);
    m_workspace = new QSplitter(Qt::Horizontal, m_stack);
    m_browser = new TestimonyBrowser(session, m_workspace);
    m_editor = new TestimonyEditor(session, m_workspace);
    m_workspace->addWidget(m_browser);
    m_workspace->addWidget(m_editor);
    m_workspace->setStretchFactor(0, 2);
    m_workspace->setStretchFactor(1, 3);
    resetWorkspaceSplit();
    m_stack->addWidget(m_unlock);
    m_stack->addWidget(m_workspace);
    setCentralWidget(m_stack);
    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);

    buildMenus();

    connect(&m_session, &Session::unlocked, this, &MainWindow::onUnlocked);
    connect(&m_session, &Session::aboutToLock, this, &MainWindow::onAboutToLock);
    connect(&m_session, &Session::locked, this, &MainWindow::onLocked);
    connect(&m_idle, &IdleWatcher::idle, this, &MainWindow::onIdle);
    // Quitting by any other path (the session ending, a signal Qt turns into quit()) locks too.
    connect(qApp, &QCoreApplication::aboutToQuit, this, [this] {
        m_session.lock();
        m_clipboard.clearEverythingOwned();
    });
    // F12 and Ctrl+L must work while a modal dialog is open, where Qt blocks the main
    // window's shortcuts (eventFilter()).
    qApp->installEventFilter(this);
    connect(m_unlock, &UnlockScreen::createRequested, this, &MainWindow::showCreateWizard);
    connect(m_unlock, &UnlockScreen::openOtherRequested, this, &MainWindow::openOtherFolder);
    connect(m_browser, &TestimonyBrowser::openRequested, this, [this](const QString& id) {
        if (!m_editor->open(id))
            m_browser->select(m_editor->currentId());
    });
    connect(m_browser, &TestimonyBrowser::resultsChanged, this, [this](int count, bool more) {
        m_status->setText(more ? tr("%1+ testimonies").arg(count) : tr("%n testimonies", nullptr, count));
    });
    connect(m_editor, &TestimonyEditor::saved, this, [this](const QString& id) { m_browser->select(id); });

    resize(1100, 720);
    m_stack->setCurrentWidget(m_unlock);
    updateActions();
}

MainWindow::~MainWindow()
{
    qApp->removeEventFilter(this);
    delete m_wizard.data(); // while m_idle, which it holds, still exists
}

void MainWindow::buildMenus()
{
    m_vaultMenu = menuBar()->addMenu(tr("&Vault"));
    QAction* add = m_vaultMenu->addAction(tr("&New testimony"), this, &MainWindow::newTestimony);
    add->setObjectName(QStringLiteral("actionNewTestimony"));
    add->setShortcut(QKeySequence::New);
    m_unlockedActions.append(add);
    m_vaultMenu->addSeparator();
    m_lockAction = m_vaultMenu->addAction(tr("&Lock"), this, &MainWindow::lock);
    m_lockAction->setObjectName(QStringLiteral("actionLock"));
    m_lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_lockAction->setShortcutContext(Qt::ApplicationShortcut);
    m_unlockedActions.append(m_lockAction);
    m_quickExitAction = m_vaultMenu->addAction(tr("&Quick exit"), this, &MainWindow::quickExit);
    m_quickExitAction->setObjectName(QStringLiteral("actionQuickExit"));
    m_quickExitAction->setShortcuts(
        {QKeySequence(Qt::Key_F12), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q)});
    m_quickExitAction->setShortcutContext(Qt::ApplicationShortcut);
    m_quickExitAction->setToolTip(tr("Save, lock and close at once (F12)"));
    QAction* settings = m_vaultMenu->addAction(tr("&Settings…"), this, [this] {
        SettingsDialog dialog(m_session, &m_idle, this);
        bool erase = false;
        connect(&dialog, &SettingsDialog::eraseRequested, this, [&erase] { erase = true; });
        dialog.exec();
        if (erase)
            eraseVault();
    });
    settings->setObjectName(QStringLiteral("actionSettings"));
    settings->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Comma));
    m_unlockedActions.append(settings);
    m_vaultMenu->addSeparator();
    QAction* quit = m_vaultMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_handoffMenu = menuBar()->addMenu(tr("&Hand-off"));
    m_handoffMenu->menuAction()->setObjectName(QStringLiteral("menuHandoff"));
    m_unlockedActions.append(m_handoffMenu->menuAction());
    installHandoffActions(*this, m_session);
}

void MainWindow::start()
{
    m_idle.setTimeout(std::chrono::minutes(AppSettings::idleLockMinutes()));
    m_idle.stop();
    m_stack->setCurrentWidget(m_unlock);
    m_unlock->reset();
    if (!Vault::exists(m_location))
        showCreateWizard();
}

void MainWindow::setCreateKdf(const Argon2Params& params)
{
    m_createKdf = params;
}

CreateVaultWizard* MainWindow::createWizard() const noexcept
{
    return m_wizard.data();
}

bool MainWindow::showsWorkspace() const
{
    return m_stack->currentWidget() == m_workspace;
}

void MainWindow::updateActions()
{
    for (QAction* action : std::as_const(m_unlockedActions))
        action->setEnabled(m_session.isUnlocked());
}

void MainWindow::onUnlocked()
{
    m_stack->setCurrentWidget(m_workspace);
    updateActions();
    m_idle.setTimeout(std::chrono::minutes(AppSettings::idleLockMinutes()));
    returnTo(std::move(m_return));
    m_browser->view()->setFocus();
}

void MainWindow::returnTo(std::unique_ptr<ReturnPoint> point)
{
    if (!point)
        return;
    // A different store (the other passphrase of the same vault, or another vault) starts clean:
    // not even an error about a testimony it does not hold may show.
    const SecretBuffer now = m_session.storeFingerprint(point->key);
    if (now.empty() || !now.equals(point->fingerprint))
        return;
    // A testimony purged while locked (fieldvault-cli purge) is not returned to: no stale error.
    const auto gone = [this](const QString& id) {
        auto testimony = m_session.testimonies()->current(id);
        return !testimony && testimony.error().code == ErrorCode::NotFound;
    };
    if (!point->id.isEmpty() && !gone(point->id) && m_editor->open(point->id)) {
        m_browser->select(point->id);
        m_editor->setCurrentPage(point->page);
    }
    if (!point->unsaved.isEmpty()) {
        auto* box = new QMessageBox(QMessageBox::Warning, tr("A change was not saved"),
                                    tr("Before the automatic lock, the last change to the testimony "
                                       "could not be saved (%1). Please check it and type it again.")
                                        .arg(point->unsaved),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("unsavedOnLockMessage"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
}

void MainWindow::onAboutToLock()
{
    m_editor->flush();
    auto point = std::make_unique<ReturnPoint>();
    point->key = SecretBuffer::random(32);
    point->fingerprint = m_session.storeFingerprint(point->key);
    point->id = m_editor->currentId();
    point->page = m_editor->currentPage();
    point->unsaved = std::exchange(m_unsavedOnLock, QString());
    m_return.reset();
    if (!point->fingerprint.empty())
        m_return = std::move(point);
    m_clipboard.clearEverythingOwned();
    // Every other window (dialogs, wizards, previews) goes, so nothing stays on screen.
    for (QWidget* window : QApplication::topLevelWidgets()) {
        if (window != this && window->isVisible())
            window->close();
    }
}

void MainWindow::resetWorkspaceSplit()
{
    m_workspace->setSizes({2000, 3000}); // list : editor = 2 : 3, scaled to the width
}

void MainWindow::onLocked()
{
    m_editor->clear();
    m_editor->setCurrentPage(TestimonyEditor::InterviewTab);
    resetWorkspaceSplit(); // the window's state is no one store's either
    m_status->clear();
    m_idle.stop();
    m_stack->setCurrentWidget(m_unlock);
    m_unlock->reset();
    updateActions();
}

void MainWindow::lock()
{
    // The wizard holds the new vault's recovery key on screen until it is acknowledged.
    if (!m_session.isUnlocked() || wizardOpen())
        return;
    if (!m_editor->flush()) {
        QMessageBox box(QMessageBox::Warning, tr("Lock"),
                        tr("The last change could not be saved: %1\n\nIf you lock now, this change is "
                           "lost.")
                            .arg(m_editor->saveStateText()),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("lockUnsavedQuestion"));
        QPushButton* lockAnyway = box.addButton(tr("Lock &anyway"), QMessageBox::DestructiveRole);
        box.addButton(tr("&Stay unlocked"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() != lockAnyway || !m_session.isUnlocked())
            return;
    }
    m_session.lock();
}

void MainWindow::onIdle()
{
    if (!m_session.isUnlocked() || wizardOpen())
        return;
    // An interview being recorded is not idleness, even when nobody touches the keyboard.
    if (isRecording()) {
        m_idle.restart();
        return;
    }
    // Locking wins over an edit that cannot be saved (the machine may be unattended); the
    // person is told after unlocking.
    if (!m_editor->flush())
        m_unsavedOnLock = m_editor->saveStateText();
    m_session.lock();
}

bool MainWindow::wizardOpen() const
{
    return m_wizard && m_wizard->isVisible();
}

bool MainWindow::isRecording() const
{
#ifdef FV_HAVE_AUDIO
    const auto recorders = findChildren<AudioRecorderWidget*>();
    for (AudioRecorderWidget* recorder : recorders) {
        if (recorder->recorder().state() != AudioRecorder::State::Idle)
            return true;
    }
#endif
    return false;
}

void MainWindow::quickExit()
{
    m_session.lock(); // saves pending edits first (aboutToLock)
    m_clipboard.clearEverythingOwned();
    QApplication::exit(0);
}

void MainWindow::newTestimony()
{
    if (!m_session.isUnlocked())
        return;
    m_browser->view()->clearSelection();
    m_editor->startNew();
}

void MainWindow::eraseVault()
{
    if (!m_session.isUnlocked() || wizardOpen())
        return;
    const std::filesystem::path location = m_session.location();
    // No question about an edit that cannot be saved: everything is about to be destroyed.
    m_session.lock();
    if (m_session.isUnlocked())
        return;
    const Status erased = Vault::erase(location);
    m_return.reset();
    m_unsavedOnLock.clear();
    m_location = location;
    m_unlock->setLocation(m_location);
    start();
    const QString flash = tr("On SSDs, USB sticks and memory cards, the drive may still keep an old copy of "
                             "the key file in blocks it no longer uses, where no program can overwrite it. "
                             "Full-disk encryption of this computer protects against that.");
    const QString text =
        erased ? tr("The vault was erased: its key file was overwritten and every file of the vault "
                    "deleted. No passphrase and no recovery key can open it any more.")
               : tr("The vault could not be erased completely: %1")
                     .arg(userMessage(erased.error(), tr("Erasing the vault")));
    auto* box = new QMessageBox(erased ? QMessageBox::Information : QMessageBox::Warning, tr("Erase"),
                                text + QStringLiteral("\n\n") + flash, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("eraseResultMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showCreateWizard()
{
    if (m_wizard)
        return;
    m_wizard = new CreateVaultWizard(m_session, m_clipboard, this);
    // No idle lock while the wizard is open: it would close the wizard with the new vault's
    // recovery key before the person has written it down.
    m_idle.hold();
    connect(m_wizard, &QObject::destroyed, this, [this] { m_idle.release(); });
    m_wizard->setAttribute(Qt::WA_DeleteOnClose);
    m_wizard->setKdf(m_createKdf);
    if (!Vault::exists(m_location))
        m_wizard->setLocation(m_location);
    connect(m_wizard, &QDialog::finished, this, [this] {
        if (m_wizard && m_wizard->vaultCreated()) {
            m_location = m_session.location();
            m_unlock->setLocation(m_location);
        }
    });
    m_wizard->open();
}

void MainWindow::openOtherFolder()
{
    const QString dir = chooseFolder(this, tr("Folder of the vault"));
    if (dir.isEmpty())
        return;
    m_location = std::filesystem::path(dir.toStdString());
    m_unlock->setLocation(m_location);
    if (!Vault::exists(m_location))
        QMessageBox::information(this, tr("No vault here"),
                                 tr("This folder does not hold a Fieldvault vault. Choose another folder, "
                                    "or create a new vault."));
    m_unlock->reset();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_session.lock();
    m_clipboard.clearEverythingOwned();
    event->accept();
}

bool MainWindow::eventFilter(QObject* watched, QEvent* event)
{
    // Without a modal dialog the actions' own shortcuts fire and this never sees the key.
    if (event->type() == QEvent::KeyPress && QApplication::activeModalWidget()) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const QKeySequence pressed(
            QKeyCombination(key->modifiers() & ~Qt::KeypadModifier, Qt::Key(key->key())));
        if (m_quickExitAction->shortcuts().contains(pressed)) {
            quickExit();
            return true;
        }
        if (m_lockAction->shortcuts().contains(pressed) && m_session.isUnlocked() && !wizardOpen()) {
            lock();
            return true;
        }
    }
    return QMainWindow::eventFilter(watched, event);
}

} // namespace fv::desktop
