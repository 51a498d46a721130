// recordCustodyForAll (what an export and a receipt apply record): the caller's own rows and the
// same custody event for each testimony it names, in one transaction, all or nothing.
#include "test_domain_support.h"

#include <QJsonObject>

using namespace fv;
using namespace Qt::StringLiterals;

TEST_CASE("recordCustodyForAll stores every event and the caller's rows, or none", "[sync][custody]")
{
    fvtest::Vault v;
    const QString a = *v.store->add(fvtest::sampleTestimony());
    const QString b = *v.store->add(fvtest::sampleTestimony());
    const QJsonObject detail{{u"bundle"_s, u"b1"_s}};
    const auto events = [&](const QString& id) { return v.store->history(id)->events.size(); };
    REQUIRE(events(a) == 1);

    // The caller's work runs inside the transaction; when it fails nothing is stored.
    int calls = 0;
    auto failing = v.store->recordCustodyForAll(
        [&]() -> Result<QList<QString>> {
            ++calls;
            return fail(ErrorCode::Io, "disk gone");
        },
        u"exported"_s, detail);
    REQUIRE_FALSE(failing);
    CHECK(failing.error().code == ErrorCode::Io);
    CHECK(calls == 1);
    CHECK(events(a) == 1);
    CHECK(events(b) == 1);

    // An unknown id in the list: nothing is stored either, not even for the ids before it.
    const auto ids = [](QList<QString> list) { return [list]() -> Result<QList<QString>> { return list; }; };
    auto unknown = v.store->recordCustodyForAll(ids({a, u"nosuchid"_s, b}), u"exported"_s, detail);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK(events(a) == 1);
    CHECK(v.store->recordCustodyForAll(ids({a}), u"edited"_s, detail).error().code ==
          ErrorCode::InvalidArgument);

    // Success: one event each, the chains still verify.
    REQUIRE(v.store->recordCustodyForAll(ids({a, b}), u"exported"_s, detail));
    CHECK(events(a) == 2);
    CHECK(events(b) == 2);
    CHECK(v.store->history(b)->events.back().kind == u"exported"_s);
    CHECK(v.store->verifyChain(a));
    CHECK(v.store->verifyChain(b));
}
