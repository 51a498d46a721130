#include "core/Esf.h"

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <array>
#include <cstdio>
#include <cstdlib>

static void initCoreResources()
{
    // The resource lives in a static library: its registration must be referenced explicitly.
    Q_INIT_RESOURCE(core);
}

namespace fv::esf {
namespace {

struct List
{
    QList<EsfTerm> terms;
    QHash<QString, qsizetype> byCode;
    QHash<QString, qsizetype> byKey;
};

struct Data
{
    std::array<List, 3> lists;
};

const char* listName(Vocabulary vocabulary)
{
    switch (vocabulary) {
    case Vocabulary::Acts:
        return "acts";
    case Vocabulary::Perpetrators:
        return "perpetrators";
    case Vocabulary::WitnessRoles:
        return "witness_roles";
    }
    return "acts";
}

[[noreturn]] void broken(const char* what)
{
    // The file is compiled into the program; a broken one is a build defect, not user input.
    std::fprintf(stderr, "fieldvault: the built-in ESF vocabulary is damaged (%s)\n", what);
    std::abort();
}

Data load()
{
    initCoreResources();
    QFile file(QStringLiteral(":/fieldvault/esf.json"));
    if (!file.open(QIODevice::ReadOnly))
        broken("missing resource");
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject())
        broken("not a JSON object");
    const QJsonObject lists = doc.object().value(QLatin1StringView("lists")).toObject();
    Data data;
    for (Vocabulary v : {Vocabulary::Acts, Vocabulary::Perpetrators, Vocabulary::WitnessRoles}) {
        List& list = data.lists[static_cast<std::size_t>(v)];
        const QJsonArray terms = lists.value(QLatin1StringView(listName(v)))
                                     .toObject()
                                     .value(QLatin1StringView("terms"))
                                     .toArray();
        if (terms.isEmpty())
            broken(listName(v));
        for (const QJsonValue& value : terms) {
            const QJsonObject o = value.toObject();
            EsfTerm term{o.value(QLatin1StringView("code")).toString(),
                         o.value(QLatin1StringView("parent")).toString(),
                         o.value(QLatin1StringView("level")).toInt(),
                         o.value(QLatin1StringView("key")).toString(),
                         o.value(QLatin1StringView("en")).toString(),
                         o.value(QLatin1StringView("ar")).toString()};
            if (term.code.size() != 12 || term.en.isEmpty() || list.byCode.contains(term.code))
                broken(listName(v));
            list.byCode.insert(term.code, list.terms.size());
            if (!term.key.isEmpty())
                list.byKey.insert(term.key, list.terms.size());
            list.terms.append(std::move(term));
        }
    }
    return data;
}

const Data& data()
{
    static const Data d = load();
    return d;
}

const List& listOf(Vocabulary vocabulary)
{
    return data().lists[static_cast<std::size_t>(vocabulary)];
}

} // namespace

const QList<EsfTerm>& terms(Vocabulary vocabulary)
{
    return listOf(vocabulary).terms;
}

const EsfTerm* find(Vocabulary vocabulary, QStringView code)
{
    const List& list = listOf(vocabulary);
    const auto it = list.byCode.constFind(code.toString());
    return it == list.byCode.cend() ? nullptr : &list.terms[*it];
}

bool isValid(Vocabulary vocabulary, QStringView code)
{
    return find(vocabulary, code) != nullptr;
}

const EsfTerm* findWitnessRole(QStringView keyOrCode)
{
    const List& list = listOf(Vocabulary::WitnessRoles);
    const auto it = list.byKey.constFind(keyOrCode.toString());
    if (it != list.byKey.cend())
        return &list.terms[*it];
    return find(Vocabulary::WitnessRoles, keyOrCode);
}

QString label(Vocabulary vocabulary, QStringView code, QStringView language)
{
    const EsfTerm* term = find(vocabulary, code);
    if (!term)
        return code.toString();
    if (language.startsWith(u"ar") && !term->ar.isEmpty())
        return term->ar;
    return term->en;
}

bool isWithin(Vocabulary vocabulary, QStringView code, QStringView ancestor)
{
    const EsfTerm* term = find(vocabulary, code);
    // The hierarchy is at most a handful of levels deep; the bound guards against a cycle.
    for (int depth = 0; term && depth < 16; ++depth) {
        if (term->code == ancestor)
            return true;
        term = term->parent.isEmpty() ? nullptr : find(vocabulary, term->parent);
    }
    return false;
}

QString vocabularyName(Vocabulary vocabulary)
{
    return QString::fromLatin1(listName(vocabulary));
}

} // namespace fv::esf
