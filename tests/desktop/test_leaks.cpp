// Threat model A5 for the desktop app: after a whole GUI workflow (create a vault, record a
// testimony with Arabic and Latin text, search it, copy the recovery key, lock), no file
// anywhere under HOME, TMPDIR or the XDG folders holds any of the text, the passphrase or the
// recovery key, in UTF-8 or UTF-16, and
// the only settings file is Fieldvault's own, holding only known, harmless keys.
#include "DesktopTestSupport.h"
#include "browse/TestimonyBrowser.h"
#include "browse/TestimonyListModel.h"
#include "editor/AttachmentsPage.h"
#include "editor/TestimonyEditor.h"
#include "main/MainWindow.h"
#include "session/AppSettings.h"
#include "session/Hygiene.h"
#include "unlock/CreateVaultWizard.h"
#include "unlock/UnlockScreen.h"
#include "widgets/SecretField.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QTableView>
#include <QTextEdit>
#include <QTimer>
#include <QUrl>
#include <QWizard>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;

namespace {

QList<QByteArray> encodings(const QString& text)
{
    QByteArray le, be;
    for (QChar c : text) {
        le.append(char(c.unicode() & 0xff)).append(char(c.unicode() >> 8));
        be.append(char(c.unicode() >> 8)).append(char(c.unicode() & 0xff));
    }
    return {text.toUtf8(), le, be};
}

// Every file under `root` whose bytes contain one of `needles`. Whatever cannot be read (a
// regular file that does not open, a folder that cannot be listed, any other kind of entry
// than a file, folder or symbolic link) is counted in `unreadable`, so a scan cannot pass by
// skipping it.
QStringList filesContaining(const std::filesystem::path& root, const QList<QByteArray>& needles,
                            int* unreadable = nullptr)
{
    QStringList hits;
    int skipped = 0;
    std::error_code ec;
    auto it = std::filesystem::recursive_directory_iterator(root, ec);
    if (ec)
        ++skipped;
    for (; !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code kind;
        const auto status = it->symlink_status(kind);
        if (kind) {
            ++skipped;
            continue;
        }
        if (std::filesystem::is_directory(status) || std::filesystem::is_symlink(status))
            continue; // a link's target is scanned where it lives (inside root, or not ours)
        if (!std::filesystem::is_regular_file(status)) {
            ++skipped;
            continue;
        }
        QFile file(QString::fromStdString(it->path().string()));
        if (!file.open(QIODevice::ReadOnly)) {
            ++skipped;
            continue;
        }
        const QByteArray bytes = file.readAll();
        if (file.error() != QFileDevice::NoError)
            ++skipped;
        for (const QByteArray& needle : needles)
            if (bytes.contains(needle))
                hits.append(file.fileName());
    }
    if (ec)
        ++skipped; // the walk stopped early
    if (unreadable)
        *unreadable += skipped;
    return hits;
}

} // namespace

TEST_CASE("leaks: a whole GUI workflow writes no plaintext and no sensitive setting", "[leaks]")
{
    TempDir dir;
    const auto location = dir / "vault";
    const QString arabic = QStringLiteral("شاهدنا-كناري-سري ٤٢");
    const QString latin = QStringLiteral("CanaryWitnessZebra");
    const QString title = QStringLiteral("TitleCanaryMarigold");
    const QString passphrase = QStringLiteral("leaky faucet mountain orchard");
    QString recoveryKey;
    {
        Session session;
        MainWindow window(session, location);
        window.setCreateKdf(Argon2Params::fastForTests());
        window.show();
        window.start();
        CreateVaultWizard* wizard = window.createWizard();
        REQUIRE(wizard);
        wizard->next();
        type(child<SecretField>(wizard, "createPassphrase1"), passphrase);
        type(child<SecretField>(wizard, "createPassphrase2"), passphrase);
        wizard->next();
        wizard->next();
        REQUIRE(waitFor([&] { return wizard->currentId() == CreateVaultWizard::RecoveryKeyPage; }));
        recoveryKey = wizard->recoveryKeyText();
        REQUIRE(recoveryKey.size() >= 30);
        window.clipboard().copy(recoveryKey, 1);
        child<QCheckBox>(wizard, "recoveryWritten")->setChecked(true);
        wizard->next();
        wizard->accept();
        REQUIRE(session.isUnlocked());

        window.newTestimony();
        type(child<QLineEdit>(window.editor(), "editorTitle"), title);
        auto* narrative = child<QTextEdit>(window.editor(), "editorNarrative");
        narrative->setFocus();
        narrative->insertPlainText(arabic + QLatin1Char(' ') + latin);
        REQUIRE(window.editor()->flush());
        type(window.browser()->searchBox(), QStringLiteral("CanaryWitnessZebra"));
        window.browser()->applyNow();
        CHECK(window.browser()->model()->rowCount() == 1);

        window.lock();
        CHECK(QGuiApplication::clipboard()->text().isEmpty()); // the recovery key left with the lock
    }

    const auto home = privateHome();
    QList<QByteArray> needles;
    QString keyDigits = recoveryKey;
    keyDigits.remove(QRegularExpression(QStringLiteral("[^A-Za-z0-9]")));
    for (const QString& text : {arabic, latin, title, passphrase, recoveryKey, keyDigits})
        needles += encodings(text);
    int unreadable = 0;
    CHECK(filesContaining(home, needles, &unreadable).isEmpty());
    CHECK(unreadable == 0);

    // Settings: Fieldvault's file holds only known keys; Qt's own QtProject.conf (file dialog
    // history) is never written.
    const auto config = home / "config";
    CHECK_FALSE(std::filesystem::exists(config / "QtProject.conf"));
    AppSettings::setIdleLockMinutes(7); // make sure the file exists, as after a settings change
    QSettings settings(QString::fromStdString((config / "Fieldvault" / "Fieldvault.conf").string()),
                       QSettings::IniFormat);
    const QStringList allowed{QStringLiteral("ui/language"), QStringLiteral("security/idleLockMinutes"),
                              QStringLiteral("security/clipboardClearSeconds")};
    for (const QString& key : settings.allKeys()) {
        INFO(key.toStdString());
        CHECK(allowed.contains(key));
    }
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(config, ec);
         it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) {
            INFO(it->path().string());
            CHECK(it->path() == config / "Fieldvault" / "Fieldvault.conf");
        }
    }
    CHECK_FALSE(std::filesystem::exists(home / "data" / "recently-used.xbel"));
}

// ---------------------------------------------------------------------------------------------
// File dialogs. Each file chooser of the app is opened through its real button or menu entry,
// driven into a folder whose name is a canary, then accepted or cancelled; afterwards no file
// under HOME or TMPDIR may hold that name (QFileDialog saves its history and last folder with
// QSettings(UserScope, "QtProject"), session/Hygiene.cpp sends that nowhere).

namespace {

const QString kCanaryFolder = QStringLiteral("Aleppo-evidence-CANARY");

// Runs `act` on the first modal widget for which `match` holds, from inside its event loop.
void whenModal(std::function<bool(QWidget*)> match, std::function<void(QWidget*)> act)
{
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll, match = std::move(match), act = std::move(act)] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal || !match(modal))
            return;
        poll->stop();
        poll->deleteLater();
        const auto run = act; // the lambda goes with the timer
        run(modal);
    });
    poll->start();
}

// Drives the app's file dialogs: the next QFileDialog that becomes modal is moved into the
// canary folder, `pick` (a name in it; empty for the folder itself) is selected, and it is
// accepted or cancelled. Each dialog's title is recorded, and each must be Qt's own dialog and
// start outside the canary folder.
struct FileDialogDriver
{
    std::filesystem::path folder;
    QStringList seen;

    void next(const QString& pick, bool accept)
    {
        whenModal([](QWidget* w) { return qobject_cast<QFileDialog*>(w) != nullptr; },
                  [this, pick, accept](QWidget* w) {
                      auto* dialog = qobject_cast<QFileDialog*>(w);
                      seen << dialog->windowTitle();
                      CHECK(dialog->testOption(QFileDialog::DontUseNativeDialog));
                      // It starts in HOME (or the folder given), never in the folder an earlier
                      // dialog visited: QFileDialog remembers that for the whole process.
                      INFO(dialog->directory().absolutePath().toStdString());
                      CHECK_FALSE(dialog->directory().absolutePath().contains(kCanaryFolder));
                      dialog->setDirectory(QString::fromStdString(folder.string()));
                      if (!pick.isEmpty())
                          dialog->selectFile(QString::fromStdString((folder / pick.toStdString()).string()));
                      QTimer::singleShot(20, dialog, [dialog, accept] {
                          if (accept)
                              static_cast<QDialog*>(dialog)->accept(); // public there
                          else
                              dialog->reject();
                      });
                  });
    }
    /// Waits until the dialog armed last has been handled.
    void wait(qsizetype count)
    {
        REQUIRE(waitFor([&] { return seen.size() >= count; }));
    }
};

// Presses the button with `role` of the next QMessageBox.
void answerNextMessage(QMessageBox::ButtonRole role)
{
    whenModal([](QWidget* w) { return qobject_cast<QMessageBox*>(w) != nullptr; },
              [role](QWidget* w) {
                  auto* box = qobject_cast<QMessageBox*>(w);
                  for (QAbstractButton* button : box->buttons()) {
                      if (box->buttonRole(button) == role) {
                          QTimer::singleShot(0, button, [button] { button->click(); });
                          return;
                      }
                  }
                  FAIL("no button with that role");
              });
}

void unlockThroughScreen(MainWindow& window, const char* passphrase)
{
    auto* field = child<SecretField>(window.unlockScreen(), "unlockSecret");
    type(field, QString::fromUtf8(passphrase));
    QTest::keyClick(field, Qt::Key_Return);
    REQUIRE(waitFor([&] { return !window.unlockScreen()->isBusy(); }));
}

QAction* action(MainWindow& window, const char* name)
{
    auto* found = window.findChild<QAction*>(QString::fromLatin1(name));
    REQUIRE(found);
    return found;
}

// The modal window named `name` once it is shown (dialogs the app opens with open()).
template <class T>
T* shownModal(const char* name)
{
    REQUIRE(waitFor([&] {
        QWidget* w = QApplication::activeModalWidget();
        return w && w->objectName() == QLatin1String(name);
    }));
    auto* found = qobject_cast<T*>(QApplication::activeModalWidget());
    REQUIRE(found);
    return found;
}

QList<QByteArray> canaryNeedles()
{
    QList<QByteArray> needles = encodings(kCanaryFolder);
    needles << QUrl::fromLocalFile(QStringLiteral("/") + kCanaryFolder).toEncoded();
    return needles;
}

// Every file under HOME and TMPDIR holding the canary; `unreadable` counts what could not be read.
QStringList canaryHits(int* unreadable)
{
    QStringList hits = filesContaining(privateHome(), canaryNeedles(), unreadable);
    const std::filesystem::path tmp = qEnvironmentVariable("TMPDIR").toStdString();
    if (!tmp.empty() && tmp.string().rfind(privateHome().string(), 0) != 0)
        hits += filesContaining(tmp, canaryNeedles(), unreadable);
    return hits;
}

} // namespace

TEST_CASE("leaks: the file dialogs' folder history and last folder stay off the disk", "[leaks]")
{
    TempDir dir;
    FileDialogDriver dialogs{dir.path() / kCanaryFolder.toStdString(), {}};
    std::filesystem::create_directories(dialogs.folder);
    {
        QFile photo(QString::fromStdString((dialogs.folder / "photo.jpg").string()));
        REQUIRE(photo.open(QIODevice::WriteOnly));
        photo.write(QByteArray(3000, 'p'));
    }
    const auto inCanary = [&](const char* name) {
        return QString::fromStdString((dialogs.folder / name).string());
    };
    const QString canaryPath = QString::fromStdString(dialogs.folder.string());
    qsizetype count = 0;

    // HQ: its own card saved, the import chooser, the receipt folder, the report.
    {
        makeVault(dir / "hq", "hq passphrase for the dialogs", VaultRole::Hq);
        Session session;
        MainWindow window(session, dir / "hq");
        window.show();
        window.start();
        // Locked: "Open a vault in another folder…", cancelled.
        dialogs.next({}, false);
        QTest::mouseClick(child<QPushButton>(window.unlockScreen(), "unlockOther"), Qt::LeftButton);
        dialogs.wait(++count);
        unlockThroughScreen(window, "hq passphrase for the dialogs");
        REQUIRE(session.isUnlocked());

        action(window, "actionOwnCard")->trigger();
        auto* own = shownModal<QDialog>("ownCardDialog");
        dialogs.next(QStringLiteral("hq.card"), true);
        QTest::mouseClick(child<QPushButton>(own, "ownCardSave"), Qt::LeftButton);
        dialogs.wait(++count);
        REQUIRE(waitFor([&] { return QFile::exists(inCanary("hq.card")); }));
        own->close();

        action(window, "actionImport")->trigger();
        auto* import = shownModal<QDialog>("importWindow");
        dialogs.next({}, false);
        QTest::mouseClick(child<QPushButton>(import, "importAdd"), Qt::LeftButton);
        dialogs.wait(++count);
        import->close();

        action(window, "actionIssueReceipt")->trigger();
        auto* issue = shownModal<QDialog>("issueReceiptDialog");
        dialogs.next({}, true);
        QTest::mouseClick(child<QPushButton>(issue, "receiptFolderBrowse"), Qt::LeftButton);
        dialogs.wait(++count);
        CHECK(child<QLineEdit>(issue, "receiptFolder")->text() == canaryPath);
        issue->close();

        dialogs.next(QStringLiteral("report.csv"), true);
        answerNextMessage(QMessageBox::AcceptRole); // "n rows written"
        action(window, "actionReport")->trigger();
        dialogs.wait(++count);
        CHECK(QFile::exists(inCanary("report.csv")));
        window.lock();
    }

    // Field, from the first-run wizard on.
    Session session;
    MainWindow window(session, dir / "field");
    window.setCreateKdf(Argon2Params::fastForTests());
    window.show();
    window.start();
    CreateVaultWizard* wizard = window.createWizard();
    REQUIRE(wizard);
    dialogs.next({}, true);
    QTest::mouseClick(child<QPushButton>(wizard, "createFolderBrowse"), Qt::LeftButton);
    dialogs.wait(++count);
    auto* folder = child<QLineEdit>(wizard, "createFolder");
    CHECK(folder->text() == canaryPath);
    folder->setText(QString::fromStdString((dir / "field").string()));
    wizard->next();
    type(child<SecretField>(wizard, "createPassphrase1"), QStringLiteral("field passphrase for the dialogs"));
    type(child<SecretField>(wizard, "createPassphrase2"), QStringLiteral("field passphrase for the dialogs"));
    wizard->next();
    wizard->next();
    REQUIRE(waitFor([&] { return wizard->currentId() == CreateVaultWizard::RecoveryKeyPage; }));
    answerNextMessage(QMessageBox::AcceptRole); // "Anyone who finds this file…": Save
    dialogs.next(QStringLiteral("recovery-key.txt"), true);
    QTest::mouseClick(child<QPushButton>(wizard, "recoverySave"), Qt::LeftButton);
    dialogs.wait(++count);
    CHECK(QFile::exists(inCanary("recovery-key.txt")));
    child<QCheckBox>(wizard, "recoveryWritten")->setChecked(true);
    wizard->next();
    REQUIRE(wizard->currentId() == CreateVaultWizard::HqCardPage);
    dialogs.next({}, false);
    QTest::mouseClick(child<QPushButton>(wizard, "hqCardLoad"), Qt::LeftButton);
    dialogs.wait(++count);
    wizard->accept();
    REQUIRE(session.isUnlocked());

    // Enrol HQ's card from the canary folder.
    action(window, "actionEnrolCard")->trigger();
    auto* enrol = shownModal<QDialog>("enrolCardDialog");
    dialogs.next(QStringLiteral("hq.card"), true);
    QTest::mouseClick(child<QPushButton>(enrol, "enrolCardBrowse"), Qt::LeftButton);
    dialogs.wait(++count);
    child<QCheckBox>(enrol, "enrolConfirmed")->setChecked(true);
    QTest::mouseClick(child<QPushButton>(enrol, "enrolButton"), Qt::LeftButton);
    enrol->close();

    // A testimony with a photo from the canary folder, and a decrypted copy saved back there.
    window.newTestimony();
    type(child<QLineEdit>(window.editor(), "editorTitle"), QStringLiteral("Dialogs"));
    REQUIRE(window.editor()->flush());
    window.editor()->setCurrentPage(TestimonyEditor::AttachmentsTab);
    auto* attachments = window.editor()->attachmentsPage();
    dialogs.next(QStringLiteral("photo.jpg"), true);
    QTest::mouseClick(child<QPushButton>(attachments, "addFilesButton"), Qt::LeftButton);
    dialogs.wait(++count);
    auto* list = child<QAbstractItemView>(attachments, "attachmentsList");
    REQUIRE(waitFor([&] { return list->model()->rowCount() == 1 && !session.isBusy(); }));
    list->setCurrentIndex(list->model()->index(0, 0));
    answerNextMessage(QMessageBox::AcceptRole); // "Save a decrypted copy" after the warning
    dialogs.next(QStringLiteral("copy.jpg"), true);
    QTest::mouseClick(child<QPushButton>(attachments, "saveCopyButton"), Qt::LeftButton);
    dialogs.wait(++count);
    REQUIRE(waitFor([&] { return QFile::exists(inCanary("copy.jpg")) && !session.isBusy(); }));

    // The export destination. (Settings → My card is the same CardView as "Show my card", seen
    // at HQ.)
    action(window, "actionExport")->trigger();
    auto* exportWizard = shownModal<QWizard>("exportWizard");
    exportWizard->next();
    exportWizard->next();
    dialogs.next({}, true);
    QTest::mouseClick(child<QPushButton>(exportWizard, "exportBrowse"), Qt::LeftButton);
    dialogs.wait(++count);
    CHECK(child<QLineEdit>(exportWizard, "exportDestination")->text() == canaryPath);
    exportWizard->reject();

    // The receipt chooser.
    action(window, "actionReceipts")->trigger();
    auto* receipts = shownModal<QDialog>("receiptsDialog");
    dialogs.next({}, false);
    QTest::mouseClick(child<QPushButton>(receipts, "receiptFileBrowse"), Qt::LeftButton);
    dialogs.wait(++count);
    receipts->close();
    window.lock();

    // Every file chooser of the app was seen (grep QFileDialog / FileDialogs.h in app/desktop).
    const QStringList expected{QStringLiteral("Folder of the vault"),
                               QStringLiteral("Save the card"),
                               QStringLiteral("Bundles and parts to import"),
                               QStringLiteral("Folder to write the receipt to"),
                               QStringLiteral("Save the HQ report (plaintext)"),
                               QStringLiteral("Folder for the vault"),
                               QStringLiteral("Save the recovery key"),
                               QStringLiteral("HQ's card"),
                               QStringLiteral("Card file"),
                               QStringLiteral("Add files to the testimony"),
                               QStringLiteral("Save a decrypted copy"),
                               QStringLiteral("Folder to write the bundle to"),
                               QStringLiteral("Receipt file from HQ")};
    CHECK(dialogs.seen == expected);

    int unreadable = 0;
    const QStringList hits = canaryHits(&unreadable);
    INFO(hits.join(QLatin1Char('\n')).toStdString());
    CHECK(hits.isEmpty());
    CHECK(unreadable == 0);
    CHECK_FALSE(std::filesystem::exists(privateHome() / "config" / "QtProject.conf"));
}

TEST_CASE("leaks: positive control, without the hygiene a file dialog writes the folder to QtProject.conf",
          "[leaks]")
{
    // Qt's own paths back, as in a process without sendQtSettingsNowhere().
    const auto config = privateHome() / "config";
    const QString configPath = QString::fromStdString(config.string());
    struct Restore
    {
        std::filesystem::path file;
        ~Restore()
        {
            sendQtSettingsNowhere();
            std::error_code ec;
            std::filesystem::remove(file, ec);
        }
    } restore{config / "QtProject.conf"};
    for (const QSettings::Format format : {QSettings::NativeFormat, QSettings::IniFormat})
        QSettings::setPath(format, QSettings::UserScope, configPath);
    QSettings::setDefaultFormat(QSettings::NativeFormat);

    TempDir dir;
    FileDialogDriver dialogs{dir.path() / kCanaryFolder.toStdString(), {}};
    std::filesystem::create_directories(dialogs.folder);
    makeVault(dir / "vault", "control passphrase");
    {
        Session session;
        MainWindow window(session, dir / "vault");
        window.show();
        window.start();
        dialogs.next({}, false); // even a cancelled dialog
        QTest::mouseClick(child<QPushButton>(window.unlockScreen(), "unlockOther"), Qt::LeftButton);
        dialogs.wait(1);
    }
    int unreadable = 0;
    const QStringList hits = canaryHits(&unreadable);
    CHECK(unreadable == 0);
    CHECK(hits.contains(QString::fromStdString((config / "QtProject.conf").string())));
}
