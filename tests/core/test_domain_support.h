#pragma once
// Shared helpers for the domain tests (test_domain*, test_json*, test_search*, test_esf*):
// a freshly created, encrypted and migrated vault store in a temporary directory, and sample
// testimonies.

#include "core/Schema.h"
#include "core/Testimony.h"
#include "core/TestimonyJson.h"
#include "core/TestimonyStore.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"
#include "storage/Migrations.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>
#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>

namespace fvtest {

/// A complete testimony in English and Arabic, as the JSON input format.
inline QByteArray sampleJson()
{
    return QByteArrayLiteral(R"json({
  "title": "Demonstration fired on near the Great Mosque / مظاهرة أُطلق عليها النار قرب الجامع الكبير",
  "narrative": "خرجنا بعد صلاة الجمعة. أطلقت قوات الأمن النار على المتظاهرين قرب المستشفى الميداني، واستشهد أحمد.\nWe left after Friday prayers; security forces opened fire.",
  "summary": "Live fire on a peaceful demonstration; one killed, several injured.",
  "interview_date": "2012-06-02T15:30:00+03:00",
  "interview_place": {"name": "Safe house", "city": "Ḥalab", "district": "Salah al-Din"},
  "language": ["ar", "en"],
  "interpreter": "Interpreter 3",
  "interviewer": "D-17",
  "sensitivity": "high",
  "witness": {
    "pseudonym": "W-0412",
    "real_name": "CANARY-REAL-NAME",
    "contact": "+963 000 000",
    "gender": "male",
    "age_range": "18-29",
    "role": "eyewitness",
    "relation_to_victims": "friend of the first victim"
  },
  "consent": {
    "given": true, "how": "oral_recorded", "quote_anonymously": true, "share_with_un": true,
    "legal_proceedings": true, "contact_again": false, "date": "2012-06-02"
  },
  "incidents": [
    {
      "date": "2012-05-25", "date_precision": "exact",
      "place": {"name": "جامع الكبير", "city": "حلب", "latitude": 36.1995, "longitude": 37.1568},
      "acts": ["010105010000", "020111110000"],
      "perpetrators": ["010103000000", {"type": "010106000000", "description": "Air Force Intelligence"}],
      "victims": [
        {"name": "أحمد", "condition": "killed", "gender": "male", "age": "17"},
        {"description": "protesters", "count": 12, "condition": "injured"}
      ]
    },
    {"date": "2012-05", "date_precision": "month", "place": "Bustan al-Qasr", "acts": ["010106010000"]}
  ],
  "tags": ["demonstration", "مظاهرة", "live fire"]
})json");
}

/// sampleJson() parsed; fails the test if it does not parse.
inline fv::Testimony sampleTestimony()
{
    auto t = fv::parseTestimonyJson(sampleJson());
    if (!t)
        FAIL(t.error().message);
    return *t;
}

/// A minimal valid testimony.
inline fv::Testimony minimalTestimony(const QString& title, const QString& narrative = {})
{
    fv::Testimony t;
    t.title = title;
    t.narrative = narrative;
    t.interviewDate = QStringLiteral("2012-06-01");
    t.witness.pseudonym = QStringLiteral("W-1");
    return t;
}

/// A new encrypted vault store (page key random) with its blob store, migrated.
struct Vault
{
    QTemporaryDir dir;
    std::optional<fv::Database> db;
    std::optional<fv::BlobStore> blobs;
    std::optional<fv::TestimonyStore> store;

    Vault()
    {
        REQUIRE(dir.isValid());
        const std::filesystem::path root = dir.path().toStdString();
        auto key = fv::SecretBuffer::random(32);
        auto opened = fv::Database::open(root / "store", key, {.create = true});
        if (!opened)
            FAIL(opened.error().message);
        db.emplace(std::move(*opened));
        auto migrated = fv::migrate(*db, fv::vaultMigrations());
        if (!migrated)
            FAIL(migrated.error().message);
        auto b = fv::BlobStore::open(root / "blobs");
        if (!b)
            FAIL(b.error().message);
        blobs.emplace(std::move(*b));
        store.emplace(*db, *blobs);
    }

    /// The number of rows in `table`.
    qint64 rows(const std::string& table)
    {
        auto stmt = db->prepare("SELECT count(*) FROM " + table);
        REQUIRE(stmt);
        auto row = stmt->step();
        REQUIRE(row);
        REQUIRE(*row);
        return stmt->columnInt(0);
    }

    /// Runs SQL and returns its error message, or "" when it succeeded.
    std::string execError(const std::string& sql)
    {
        auto st = db->exec(sql);
        return st ? std::string() : st.error().message;
    }
};

} // namespace fvtest
