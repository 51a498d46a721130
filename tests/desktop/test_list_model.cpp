// The testimony list model: QAbstractItemModelTester over lazy loading, sorting and queries,
// and what a person sees: pages of rows, the search result, the order.
#include "DesktopTestSupport.h"
#include "browse/TestimonyBrowser.h"
#include "browse/TestimonyListModel.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLineEdit>
#include <QTableView>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;

namespace {

struct OpenSession
{
    TempDir dir;
    Session session;

    explicit OpenSession(int testimonies)
    {
        makeVault(dir / "vault", "list model passphrase");
        auto vault = Vault::unlock(dir / "vault", secret("list model passphrase"));
        REQUIRE(vault);
        REQUIRE(session.adopt(std::move(*vault)));
        for (int i = 0; i < testimonies; ++i) {
            Testimony t;
            t.title = QStringLiteral("Testimony %1").arg(i, 4, 10, QLatin1Char('0'));
            t.narrative = i % 10 == 0 ? QStringLiteral("الرصاص الحي في السوق") : QStringLiteral("checkpoint");
            t.interviewDate = QDate(2012, 1, 1).addDays(i % 300).toString(Qt::ISODate);
            t.witness.pseudonym = QStringLiteral("W-%1").arg(i);
            REQUIRE(session.testimonies()->add(t));
        }
    }
};

} // namespace

TEST_CASE("list model: lazy pages, sorting and queries pass QAbstractItemModelTester", "[model]")
{
    OpenSession open(450);
    TestimonyListModel model(open.session);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setQuery({});
    CHECK(model.rowCount() == TestimonyListModel::kPageSize);
    int pages = 1;
    while (model.canFetchMore({})) {
        model.fetchMore({});
        ++pages;
    }
    CHECK(model.rowCount() == 450);
    CHECK(pages == (450 + TestimonyListModel::kPageSize - 1) / TestimonyListModel::kPageSize);
    CHECK_FALSE(model.canFetchMore({}));

    model.sort(TestimonyListModel::TitleColumn, Qt::AscendingOrder);
    CHECK(model.data(model.index(0, TestimonyListModel::TitleColumn)).toString() ==
          QStringLiteral("Testimony 0000"));
    model.sort(TestimonyListModel::TitleColumn, Qt::DescendingOrder);
    CHECK(model.data(model.index(0, TestimonyListModel::TitleColumn)).toString() ==
          QStringLiteral("Testimony 0449"));

    SearchQuery arabic;
    arabic.text = QStringLiteral("رصاص"); // without the article: the normaliser strips it
    model.setQuery(arabic);
    CHECK(model.rowCount() == 45);
    CHECK(
        model.data(model.index(0, 0), TestimonyListModel::SnippetRole).toString().contains(QLatin1Char('[')));

    SearchQuery unknownAct;
    unknownAct.acts = {QStringLiteral("999999999999")};
    model.setQuery(unknownAct);
    CHECK(model.rowCount() == 0);
    CHECK_FALSE(model.lastError().isEmpty());

    open.session.lock();
    CHECK(model.rowCount() == 0);
}

TEST_CASE("browser: results as you type, filters, and the list follows a save", "[model]")
{
    OpenSession open(30);
    TestimonyBrowser browser(open.session);
    browser.show();
    browser.applyNow();
    CHECK(browser.model()->rowCount() == 30);

    type(browser.searchBox(), QStringLiteral("السوق"));
    REQUIRE(waitFor([&] { return browser.model()->rowCount() == 3; }, std::chrono::seconds(3)));

    browser.searchBox()->clear();
    auto* status = child<QComboBox>(&browser, "filterStatus");
    const QString first = browser.model()->idAt(0);
    REQUIRE(open.session.testimonies()->setStatus(first, TestimonyStatus::Complete));
    status->setCurrentIndex(status->findData(int(TestimonyStatus::Complete)));
    browser.applyNow();
    REQUIRE(browser.model()->rowCount() == 1);
    CHECK(browser.model()->idAt(0) == first);

    QString opened;
    QObject::connect(&browser, &TestimonyBrowser::openRequested, [&](const QString& id) { opened = id; });
    browser.view()->setFocus();
    QTest::keyClick(browser.view(), Qt::Key_Down);
    CHECK(opened == first);
}
