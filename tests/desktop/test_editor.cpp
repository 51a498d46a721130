// The testimony editor: typing a testimony through the widgets (an Arabic narrative laid out
// right to left), autosave and versions, ESF acts picked and found again by search, the
// witness's identifying fields, status, what core rejects (shown next to the field, text kept,
// the draft still saved), and switching testimonies.
#include "DesktopTestSupport.h"
#include "core/Esf.h"
#include "core/Search.h"
#include "core/TestimonyStore.h"
#include "editor/DraftRepair.h"
#include "editor/EsfPicker.h"
#include "editor/FuzzyDateEdit.h"
#include "editor/IncidentsPage.h"
#include "editor/TestimonyEditor.h"
#include "session/Session.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextEdit>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;
using namespace std::chrono_literals;

namespace {

constexpr const char* kPassphrase = "correct horse battery staple river";
const QString kTorture = QStringLiteral("020111110000");
const QString kTortureParent = QStringLiteral("020111000000");

/// An unlocked session over a fresh vault, without the unlock screen.
struct Fixture
{
    TempDir dir;
    Session session;

    Fixture()
    {
        makeVault(dir / "vault", kPassphrase);
        auto vault = Vault::unlock(dir / "vault", secret(kPassphrase));
        REQUIRE(vault);
        REQUIRE(session.adopt(std::move(*vault)));
    }
    TestimonyStore& store() { return *session.testimonies(); }

    QString addTestimony(const QString& title)
    {
        Testimony t;
        t.title = title;
        t.interviewDate = QStringLiteral("2024-03-01");
        t.witness.pseudonym = QStringLiteral("W-1");
        auto id = store().add(t);
        REQUIRE(id);
        return *id;
    }
};

void selectAllAndDelete(QWidget* widget)
{
    widget->setFocus();
    QTest::keyClick(widget, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(widget, Qt::Key_Delete);
}

bool savedState(const TestimonyEditor& editor)
{
    return editor.saveState() == TestimonyEditor::SaveState::Saved && !editor.currentId().isEmpty();
}

QTreeWidgetItem* itemFor(QTreeWidget* tree, const QString& code)
{
    for (QTreeWidgetItemIterator it(tree); *it; ++it) {
        if ((*it)->data(0, Qt::UserRole).toString() == code)
            return *it;
    }
    return nullptr;
}

int visibleItems(QTreeWidget* tree)
{
    int n = 0;
    for (QTreeWidgetItemIterator it(tree); *it; ++it)
        n += (*it)->isHidden() ? 0 : 1;
    return n;
}

} // namespace

TEST_CASE("editor: a testimony typed through the widgets is saved by autosave; Arabic runs right to left",
          "[editor]")
{
    Fixture f;
    TestimonyEditor editor(f.session);
    editor.resize(900, 700);
    editor.setAutosaveDelay(50ms);
    editor.show();
    REQUIRE(editor.startNew());
    CHECK(editor.saveState() == TestimonyEditor::SaveState::Saved);
    CHECK(editor.currentId().isEmpty()); // nothing saved before the first keystroke

    type(child<QLineEdit>(&editor, "editorTitle"), QStringLiteral("Raid on the bakery"));
    auto* narrative = child<QTextEdit>(&editor, "editorNarrative");
    const QString arabic = QStringLiteral("دخلوا البيت في الليل وأخذوا أخي");
    type(narrative, arabic);
    QTest::keyClick(narrative, Qt::Key_Return);
    type(narrative, QStringLiteral("The witness switched to English here."));
    CHECK(editor.saveState() == TestimonyEditor::SaveState::Pending);
    CHECK(editor.saveStateText() == QStringLiteral("Saving…"));

    REQUIRE(waitFor([&] { return savedState(editor); }));
    CHECK(editor.saveStateText() == QStringLiteral("All changes saved"));
    const QString id = editor.currentId();
    auto history = f.store().history(id);
    REQUIRE(history);
    CHECK_FALSE(history->versions.isEmpty());
    auto saved = f.store().current(id);
    REQUIRE(saved);
    CHECK(saved->title == QStringLiteral("Raid on the bakery"));
    CHECK(saved->narrative == arabic + u'\n' + QStringLiteral("The witness switched to English here."));
    CHECK(saved->version == history->versions.size());

    // Each paragraph takes its own direction: the Arabic one starts at the right edge.
    const QTextBlock first = narrative->document()->firstBlock();
    CHECK(first.textDirection() == Qt::RightToLeft);
    CHECK(first.next().textDirection() == Qt::LeftToRight);
    QTextCursor start(first);
    const QRect arabicStart = narrative->cursorRect(start);
    QTextCursor englishStart(first.next());
    const QRect latinStart = narrative->cursorRect(englishStart);
    CHECK(arabicStart.x() > narrative->viewport()->width() / 2);
    CHECK(latinStart.x() < narrative->viewport()->width() / 2);
}

TEST_CASE("editor: an edit of an existing testimony makes a new version; the old one stays", "[editor]")
{
    Fixture f;
    const QString id = f.addTestimony(QStringLiteral("Checkpoint at the bridge"));
    TestimonyEditor editor(f.session);
    editor.setAutosaveDelay(50ms);
    editor.show();
    REQUIRE(editor.open(id));
    CHECK(child<QLineEdit>(&editor, "editorTitle")->text() == QStringLiteral("Checkpoint at the bridge"));

    type(child<QTextEdit>(&editor, "editorSummary"), QStringLiteral("Two men held for six hours."));
    REQUIRE(waitFor([&] { return editor.saveState() == TestimonyEditor::SaveState::Saved; }));
    auto history = f.store().history(id);
    REQUIRE(history);
    REQUIRE(history->versions.size() >= 2);
    auto first = f.store().version(id, 1);
    REQUIRE(first);
    CHECK(first->summary.isEmpty());
    auto now = f.store().current(id);
    REQUIRE(now);
    CHECK(now->summary == QStringLiteral("Two men held for six hours."));
    CHECK(now->title == QStringLiteral("Checkpoint at the bridge"));

    // Nothing changed: flushing saves no version.
    const auto before = history->versions.size();
    CHECK(editor.flush());
    CHECK(f.store().history(id)->versions.size() == before);
}

TEST_CASE("editor: an incident with an act picked in the ESF picker is saved and found by that act",
          "[editor]")
{
    Fixture f;
    TestimonyEditor editor(f.session);
    editor.setAutosaveDelay(1h); // saved by flush() below
    editor.resize(1000, 800);
    editor.show();
    REQUIRE(editor.startNew());
    type(child<QLineEdit>(&editor, "editorTitle"), QStringLiteral("Detention at the school"));
    editor.setCurrentPage(TestimonyEditor::IncidentsTab);

    QTest::mouseClick(child<QPushButton>(&editor, "incidentAdd"), Qt::LeftButton);
    auto* list = child<QListWidget>(&editor, "incidentList");
    REQUIRE(list->count() == 1);

    // Date: month only.
    auto* date = child<FuzzyDateEdit>(&editor, "incidentDate");
    date->precisionBox()->setCurrentIndex(date->precisionBox()->findData(int(DatePrecision::Month)));
    date->yearBox()->setValue(2013);
    date->monthBox()->setValue(8);
    CHECK_FALSE(date->dayBox()->isEnabled());
    type(child<QLineEdit>(&editor, "incidentPlaceCity"), QStringLiteral("حمص"));

    // The picker filters in English and in Arabic, keeping parents for context.
    auto* filter = child<QLineEdit>(&editor, "incidentActsFilter");
    auto* tree = child<QTreeWidget>(&editor, "incidentActsTree");
    const int all = visibleItems(tree);
    type(filter, QStringLiteral("tortu"));
    QTreeWidgetItem* torture = itemFor(tree, kTorture);
    REQUIRE(torture != nullptr);
    CHECK_FALSE(torture->isHidden());
    CHECK_FALSE(itemFor(tree, kTortureParent)->isHidden());
    CHECK(visibleItems(tree) < all);
    CHECK(itemFor(tree, QStringLiteral("010103010000"))->isHidden()); // Killing between combatants
    filter->clear();
    type(filter, QStringLiteral("تعذيب"));
    CHECK_FALSE(torture->isHidden());
    CHECK(itemFor(tree, QStringLiteral("010103010000"))->isHidden());
    CHECK(torture->text(0) == QStringLiteral("Torture")); // labels in the UI language (English here)
    torture->setCheckState(0, Qt::Checked);

    // A perpetrator and a victim.
    QTest::mouseClick(child<QPushButton>(&editor, "perpetratorAdd"), Qt::LeftButton);
    auto* perpetrators = child<QTableWidget>(&editor, "perpetratorsTable");
    REQUIRE(perpetrators->rowCount() == 1);
    perpetrators->item(0, 1)->setText(QStringLiteral("Men in uniform at the school gate"));
    QTest::mouseClick(child<QPushButton>(&editor, "victimAdd"), Qt::LeftButton);
    auto* victims = child<QTableWidget>(&editor, "victimsTable");
    REQUIRE(victims->rowCount() == 1);
    victims->item(0, 1)->setText(QStringLiteral("The school's caretaker"));
    auto* count = qobject_cast<QSpinBox*>(victims->cellWidget(0, 2));
    REQUIRE(count);
    count->setValue(3);
    auto* condition = qobject_cast<QComboBox*>(victims->cellWidget(0, 5));
    REQUIRE(condition);
    condition->setCurrentIndex(condition->findData(int(VictimCondition::Detained)));
    type(child<QTextEdit>(&editor, "incidentDescription"), QStringLiteral("They were taken at dawn."));
    CHECK(editor.saveState() == TestimonyEditor::SaveState::Pending);

    REQUIRE(editor.flush());
    const QString id = editor.currentId();
    auto saved = f.store().current(id);
    REQUIRE(saved);
    REQUIRE(saved->incidents.size() == 1);
    const Incident& incident = saved->incidents.front();
    CHECK(incident.acts == QStringList{kTorture});
    REQUIRE(incident.date);
    CHECK(incident.date->precision == DatePrecision::Month);
    CHECK(incident.date->year == 2013);
    CHECK(incident.date->month == 8);
    CHECK(incident.place.city == QStringLiteral("حمص"));
    REQUIRE(incident.perpetrators.size() == 1);
    CHECK(incident.perpetrators.front().description == QStringLiteral("Men in uniform at the school gate"));
    REQUIRE(incident.victims.size() == 1);
    CHECK(incident.victims.front().count == 3);
    CHECK(incident.victims.front().condition == VictimCondition::Detained);
    CHECK(incident.description == QStringLiteral("They were taken at dawn."));

    // Found by the act and by its broader parent; not by an unrelated act.
    Search search(*f.session.database());
    for (const QString& act : {kTorture, kTortureParent}) {
        SearchQuery query;
        query.acts = {act};
        auto hits = search.run(query);
        REQUIRE(hits);
        REQUIRE(hits->size() == 1);
        CHECK(hits->front().id == id);
    }
    SearchQuery other;
    other.acts = {QStringLiteral("010103010000")};
    auto none = search.run(other);
    REQUIRE(none);
    CHECK(none->isEmpty());

    // Reopened, the incident shows again with its act checked.
    editor.clear();
    REQUIRE(editor.open(id));
    CHECK(child<QListWidget>(&editor, "incidentList")->count() == 1);
    CHECK(editor.incidentsPage()->actsPicker()->selectedCodes() == QStringList{kTorture});

    // Removing the incident is saved too.
    editor.setCurrentPage(TestimonyEditor::IncidentsTab);
    QTest::mouseClick(child<QPushButton>(&editor, "incidentRemove"), Qt::LeftButton);
    REQUIRE(editor.flush());
    CHECK(f.store().current(id)->incidents.isEmpty());
}

TEST_CASE("editor: the witness's identifying fields sit in the marked group and are saved", "[editor]")
{
    Fixture f;
    const QString id = f.addTestimony(QStringLiteral("Statement of the nurse"));
    TestimonyEditor editor(f.session);
    editor.setAutosaveDelay(1h);
    editor.show();
    REQUIRE(editor.open(id));
    editor.setCurrentPage(TestimonyEditor::WitnessTab);

    auto* group = child<QGroupBox>(&editor, "witnessSensitive");
    CHECK(group->title().contains(QStringLiteral("Sensitive")));
    auto* realName = child<QLineEdit>(&editor, "witnessRealName");
    auto* contact = child<QLineEdit>(&editor, "witnessContact");
    auto* address = child<QLineEdit>(&editor, "witnessAddress");
    auto* pseudonym = child<QLineEdit>(&editor, "witnessPseudonym");
    for (QWidget* field :
         {static_cast<QWidget*>(realName), static_cast<QWidget*>(contact), static_cast<QWidget*>(address)})
        CHECK(group->isAncestorOf(field));
    CHECK_FALSE(group->isAncestorOf(pseudonym));

    type(realName, QStringLiteral("سلمى الأحمد"));
    type(contact, QStringLiteral("+963 955 000 111"));
    type(address, QStringLiteral("Al-Waer, building 4"));
    selectAllAndDelete(pseudonym);
    type(pseudonym, QStringLiteral("Nurse-7"));
    auto* role = child<QComboBox>(&editor, "witnessRole");
    role->setCurrentIndex(role->findData(esf::findWitnessRole(u"medic")->code));
    auto* age = child<QComboBox>(&editor, "witnessAgeRange");
    age->setCurrentIndex(age->findData(QStringLiteral("30-44")));
    auto* given = child<QCheckBox>(&editor, "consentGiven");
    auto* un = child<QCheckBox>(&editor, "consentUn");
    CHECK_FALSE(un->isEnabled()); // no scope without consent
    given->setChecked(true);
    CHECK(un->isEnabled());
    un->setChecked(true);
    REQUIRE(editor.flush());

    auto saved = f.store().current(id);
    REQUIRE(saved);
    CHECK(saved->witness.realName == QStringLiteral("سلمى الأحمد"));
    CHECK(saved->witness.contact == QStringLiteral("+963 955 000 111"));
    CHECK(saved->witness.address == QStringLiteral("Al-Waer, building 4"));
    CHECK(saved->witness.pseudonym == QStringLiteral("Nurse-7"));
    CHECK(saved->witness.role == esf::findWitnessRole(u"medic")->code);
    CHECK(saved->witness.ageRange == QStringLiteral("30-44"));
    CHECK(saved->consent.given);
    CHECK(saved->consent.shareWithUn);
    CHECK_FALSE(saved->consent.legalProceedings);

    // Withdrawing consent clears the scopes in what is saved (core refuses scopes without it).
    given->setChecked(false);
    REQUIRE(editor.flush());
    CHECK_FALSE(f.store().current(id)->consent.shareWithUn);
}

TEST_CASE("editor: choosing Complete sets the status without a new version", "[editor]")
{
    Fixture f;
    const QString id = f.addTestimony(QStringLiteral("Shelling of the market"));
    TestimonyEditor editor(f.session);
    editor.show();
    REQUIRE(editor.open(id));
    auto* status = child<QComboBox>(&editor, "editorStatus");
    CHECK(status->currentData().toInt() == int(TestimonyStatus::Draft));
    status->setFocus();
    QTest::keyClick(status, Qt::Key_Down); // activates the next entry: Complete

    auto saved = f.store().current(id);
    REQUIRE(saved);
    CHECK(saved->status == TestimonyStatus::Complete);
    auto history = f.store().history(id);
    REQUIRE(history);
    CHECK(history->versions.size() == 1);
    CHECK(history->events.back().kind == QStringLiteral("status"));

    // Reopened: still complete.
    editor.clear();
    REQUIRE(editor.open(id));
    CHECK(child<QComboBox>(&editor, "editorStatus")->currentData().toInt() == int(TestimonyStatus::Complete));

    // A new testimony is saved first when its status is set.
    REQUIRE(editor.startNew());
    type(child<QLineEdit>(&editor, "editorTitle"), QStringLiteral("Finished on the spot"));
    REQUIRE(editor.setStatus(TestimonyStatus::Complete));
    REQUIRE_FALSE(editor.currentId().isEmpty());
    CHECK(f.store().current(editor.currentId())->status == TestimonyStatus::Complete);
}

TEST_CASE("editor: what core rejects is shown next to the field, the text stays and the draft is saved",
          "[editor]")
{
    Fixture f;
    TestimonyEditor editor(f.session);
    editor.setAutosaveDelay(1h);
    editor.show();
    REQUIRE(editor.startNew());
    auto* narrative = child<QTextEdit>(&editor, "editorNarrative");
    type(narrative, QStringLiteral("قالت إنّ الجنود وصلوا قبل الفجر"));
    auto* pseudonym = child<QLineEdit>(&editor, "witnessPseudonym");
    const QString generated = pseudonym->text();
    CHECK_FALSE(generated.isEmpty());
    selectAllAndDelete(pseudonym);
    auto* languages = child<QLineEdit>(&editor, "editorLanguages");
    type(languages, QStringLiteral("ar, x"));

    // No title, no pseudonym, a malformed language code: still saved, nothing typed lost.
    REQUIRE(editor.flush());
    CHECK(editor.saveState() == TestimonyEditor::SaveState::Saved);
    CHECK(editor.saveStateText().contains(QStringLiteral("could not be saved as typed")));
    const QString id = editor.currentId();
    auto saved = f.store().current(id);
    REQUIRE(saved);
    CHECK(saved->narrative == QStringLiteral("قالت إنّ الجنود وصلوا قبل الفجر"));
    CHECK(saved->title == QStringLiteral("Untitled testimony"));
    CHECK(saved->witness.pseudonym == generated);
    CHECK(saved->languages == QStringList{QStringLiteral("ar")});

    auto* pseudonymMessage = child<QLabel>(&editor, "message:witness.pseudonym");
    CHECK_FALSE(pseudonymMessage->isHidden());
    CHECK(pseudonymMessage->text().contains(QStringLiteral("pseudonym is required")));
    CHECK(pseudonymMessage->text().contains(generated));
    CHECK(pseudonym->text().isEmpty()); // the field shows what was typed, not the stand-in
    CHECK(pseudonym->property("fvInvalid").toBool());
    CHECK_FALSE(child<QLabel>(&editor, "message:title")->isHidden());
    CHECK_FALSE(child<QLabel>(&editor, "message:language")->isHidden());
    CHECK(languages->text() == QStringLiteral("ar, x"));
    auto* tabs = child<QTabWidget>(&editor, "editorTabs");
    CHECK(tabs->tabText(TestimonyEditor::WitnessTab).contains(QStringLiteral("check the marked fields")));

    // Fixed: the messages go and the typed values are saved.
    type(pseudonym, QStringLiteral("Baker-2"));
    type(child<QLineEdit>(&editor, "editorTitle"), QStringLiteral("Arrests before dawn"));
    languages->setFocus();
    QTest::keyClick(languages, Qt::Key_Backspace);
    QTest::keyClick(languages, Qt::Key_Backspace);
    QTest::keyClick(languages, Qt::Key_Backspace);
    REQUIRE(editor.flush());
    CHECK(pseudonymMessage->isHidden());
    CHECK_FALSE(pseudonym->property("fvInvalid").toBool());
    CHECK(tabs->tabText(TestimonyEditor::WitnessTab) == QStringLiteral("&Witness and consent"));
    saved = f.store().current(id);
    REQUIRE(saved);
    CHECK(saved->witness.pseudonym == QStringLiteral("Baker-2"));
    CHECK(saved->title == QStringLiteral("Arrests before dawn"));
    CHECK(editor.saveStateText() == QStringLiteral("All changes saved"));
}

TEST_CASE("editor: switching to another testimony saves the one being edited first", "[editor]")
{
    Fixture f;
    const QString first = f.addTestimony(QStringLiteral("First"));
    const QString second = f.addTestimony(QStringLiteral("Second"));
    TestimonyEditor editor(f.session);
    editor.setAutosaveDelay(1h); // only the switch can save
    editor.show();
    QStringList savedIds;
    QObject::connect(&editor, &TestimonyEditor::saved, [&](const QString& id) { savedIds.append(id); });
    REQUIRE(editor.open(first));
    type(child<QLineEdit>(&editor, "editorInterviewer"), QStringLiteral("D-17"));
    CHECK(editor.saveState() == TestimonyEditor::SaveState::Pending);

    REQUIRE(editor.open(second));
    CHECK(savedIds == QStringList{first});
    CHECK(f.store().current(first)->interviewer == QStringLiteral("D-17"));
    CHECK(editor.currentId() == second);
    CHECK(child<QLineEdit>(&editor, "editorTitle")->text() == QStringLiteral("Second"));
    CHECK(child<QLineEdit>(&editor, "editorInterviewer")->text().isEmpty());
    CHECK(editor.saveState() == TestimonyEditor::SaveState::Saved);

    // Starting a new one saves too.
    type(child<QLineEdit>(&editor, "editorInterviewer"), QStringLiteral("D-18"));
    REQUIRE(editor.startNew());
    CHECK(f.store().current(second)->interviewer == QStringLiteral("D-18"));
}

TEST_CASE("editor: stand-ins make any draft savable; a cut never splits a character", "[editor]")
{
    CHECK(truncateUtf8(QStringLiteral("سلام"), 5) == QStringLiteral("سل")); // 2 bytes each
    CHECK(truncateUtf8(QStringLiteral("a\U0001F600b"), 4) == QStringLiteral("a"));
    CHECK(truncateUtf8(QStringLiteral("a\U0001F600b"), 5) == QStringLiteral("a\U0001F600"));

    Testimony draft;
    draft.interviewDate = QStringLiteral("2024-13-40");
    draft.title = QString(2000, u'x');
    draft.tags = {QStringLiteral("ok"), QString(200, u't')};
    Incident incident;
    incident.acts = {kTorture};
    Victim victim;
    victim.age = QString(100, u'9');
    incident.victims = {victim};
    draft.incidents = {incident};
    Testimony lastSaved;
    lastSaved.interviewDate = QStringLiteral("2024-03-01");
    lastSaved.witness.pseudonym = QStringLiteral("W-9");
    QList<FieldProblem> problems;
    REQUIRE(makeSavable(draft, lastSaved, problems));
    CHECK(draft.interviewDate == QStringLiteral("2024-03-01"));
    CHECK(draft.title == QString(1024, u'x'));
    CHECK(draft.witness.pseudonym == QStringLiteral("W-9"));
    CHECK(draft.tags == QStringList{QStringLiteral("ok")});
    CHECK(draft.incidents.front().victims.front().age == QString(64, u'9'));
    CHECK(draft.incidents.front().acts == QStringList{kTorture});
    QStringList paths;
    for (const FieldProblem& problem : problems)
        paths.append(problem.path);
    CHECK(paths == QStringList{QStringLiteral("title"), QStringLiteral("interview_date"),
                               QStringLiteral("witness.pseudonym"),
                               QStringLiteral("incidents[0].victims[0].age"), QStringLiteral("tags[1]")});
}
