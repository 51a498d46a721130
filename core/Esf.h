#pragma once
// The controlled vocabularies a testimony uses, from the HURIDOCS Events Standard Formats:
// types of acts (ESF list 4), types of perpetrators (ESF list 24) and witness roles (ESF list 19
// plus a few Fieldvault terms). Codes are the stable identifiers; labels exist in English and
// Arabic. The data is core/data/esf.json, compiled into the library as a Qt resource.

#include <QList>
#include <QString>
#include <QStringView>

namespace fv {

enum class Vocabulary
{
    Acts,
    Perpetrators,
    WitnessRoles,
};

struct EsfTerm
{
    QString code;   ///< 12 digits, e.g. "020111110000" (Torture)
    QString parent; ///< the parent term's code; empty for a top-level term
    int level = 0;  ///< depth in the hierarchy, 0 for a top-level term
    QString key;    ///< a short English name ("eyewitness"); witness roles only
    QString en;
    QString ar;
};

namespace esf {

/// Every term of `vocabulary` in picker order (the vocabulary's own order: a parent precedes
/// its children). The list is loaded once and lives for the whole program.
const QList<EsfTerm>& terms(Vocabulary vocabulary);

/// The term with `code`, or nullptr when the vocabulary has no such code.
const EsfTerm* find(Vocabulary vocabulary, QStringView code);

/// True when `code` is a term of `vocabulary`.
bool isValid(Vocabulary vocabulary, QStringView code);

/// The witness role whose key ("medic") or code matches `keyOrCode`, or nullptr.
const EsfTerm* findWitnessRole(QStringView keyOrCode);

/// The label of `code` in `language` ("ar" for Arabic; anything else gives English). Falls
/// back to English when the Arabic label is missing, and to the code itself for an unknown code.
QString label(Vocabulary vocabulary, QStringView code, QStringView language);

/// True when `code` is `ancestor` or one of its descendants (follows the parent links).
bool isWithin(Vocabulary vocabulary, QStringView code, QStringView ancestor);

/// The vocabulary's name as used in messages and JSON ("acts", "perpetrators", "witness_roles").
QString vocabularyName(Vocabulary vocabulary);

} // namespace esf
} // namespace fv
