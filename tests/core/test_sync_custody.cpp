// recordCustodyForAll (what an export records): the same custody event for several testimonies
// and the caller's own rows, in one transaction, all or nothing.
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

    // The caller's step runs inside the transaction; when it fails nothing is stored.
    int calls = 0;
    auto failing = v.store->recordCustodyForAll({a, b}, u"exported"_s, detail, [&]() -> Status {
        ++calls;
        return fail(ErrorCode::Io, "disk gone");
    });
    REQUIRE_FALSE(failing);
    CHECK(failing.error().code == ErrorCode::Io);
    CHECK(calls == 1);
    CHECK(events(a) == 1);
    CHECK(events(b) == 1);

    // An unknown id in the list: nothing is stored either, not even for the ids before it.
    auto unknown = v.store->recordCustodyForAll({a, u"nosuchid"_s, b}, u"exported"_s, detail);
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == ErrorCode::NotFound);
    CHECK(events(a) == 1);
    CHECK(v.store->recordCustodyForAll({a}, u"edited"_s, detail).error().code == ErrorCode::InvalidArgument);

    // Success: one event each, the chains still verify.
    REQUIRE(v.store->recordCustodyForAll({a, b}, u"exported"_s, detail, [] { return Status{}; }));
    CHECK(events(a) == 2);
    CHECK(events(b) == 2);
    CHECK(v.store->history(b)->events.back().kind == u"exported"_s);
    CHECK(v.store->verifyChain(a));
    CHECK(v.store->verifyChain(b));
}
