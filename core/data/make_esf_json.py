#!/usr/bin/env python3
"""Builds core/data/esf.json, the vocabulary Fieldvault ships, from the HURIDOCS ESF reference
CSVs (see /work/shared/data/esf/README.md for their provenance and caveats).

Usage: make_esf_json.py ESF_CSV_DIR OUT_JSON

- types of acts: every term of ESF list 4, with its standard code, parent and level;
- types of perpetrators: every term of ESF list 24;
- witness roles: the terms of ESF list 19 (source connection to information) that a
  testimony needs, under their ESF codes, plus the few roles ESF lacks, under codes in the
  80.. range (never used by ESF list 19).

Codes are the stable identifiers: never renumber, only add. Arabic labels that the README
lists as wrong or misleading are replaced by the corrections below (to be reviewed by an
Arabic speaker, like the realigned labels they come from).
"""
import csv
import json
import sys
from pathlib import Path

LICENCE = ("Vocabulary derived from the HURIDOCS Events Standard Formats micro-thesauri as "
           "published in huridocs/OpenEvSys (commit 2f734af969b557ed0684e5691bcb0259937bc994, "
           "AGPL-3.0). This file is distributed under the AGPL-3.0; Arabic labels were "
           "realigned and corrected, see docs/json-format.md.")

# (list, code) -> corrected Arabic label.
AR_FIXES = {
    ("acts", "010101010000"): "الإعدام بإجراءات موجزة",
    ("acts", "900000000000"): "غير ذلك",
    ("perpetrators", "010100000000"): "السلطة التنفيذية",
}
# Words replaced in every Arabic label of a list.
AR_WORD_FIXES = {
    "acts": [("السريّة", "الخصوصيّة")],
}

# Witness roles: (key, ESF list 19 code or Fieldvault code, en, ar). Order is the picker order.
WITNESS_ROLES = [
    ("victim", "010100000000", None, None),
    ("eyewitness", "010200000000", "Eyewitness", "شاهد عيان"),
    ("relative", "020101000000", None, None),
    ("medic", "040200000000", "Medic or other provider of medical care", "مسعف أو مقدّم رعاية طبيّة"),
    ("detainee", "800100000000", "Fellow detainee (witnessed it in detention)", "معتقل (شهد ذلك أثناء الاحتجاز)"),
    ("lawyer", "040100000000", None, None),
    ("colleague", "020102000000", None, None),
    ("reporter", "030100000000", "Reporter or activist who relayed the information", "مراسل أو ناشط نقل المعلومات"),
    ("other", "900000000000", "Other", "غير ذلك"),
    ("unknown", "990000000000", None, None),
]


def read_list(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def terms_of(rows, name):
    out = []
    for r in rows:
        ar = AR_FIXES.get((name, r["code"]), r["ar"])
        for old, new in AR_WORD_FIXES.get(name, []):
            ar = ar.replace(old, new)
        out.append({"code": r["code"], "parent": r["parent_code"], "level": int(r["level"]),
                    "en": r["en"], "ar": ar})
    codes = [t["code"] for t in out]
    assert len(codes) == len(set(codes)), name + ": duplicate codes"
    return out


def main():
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    acts = terms_of(read_list(src / "04_types_of_acts.csv"), "acts")
    perps = terms_of(read_list(src / "24_types_of_perpetrators.csv"), "perpetrators")
    conn = {r["code"]: r for r in read_list(src / "19_source_connection_to_information.csv")}
    roles = []
    for key, code, en, ar in WITNESS_ROLES:
        if code in conn:
            en = en or conn[code]["en"]
            ar = ar or conn[code]["ar"]
            source = "esf-19"
        else:
            source = "fieldvault"
        assert en and ar, key
        roles.append({"code": code, "key": key, "parent": "", "level": 0, "en": en, "ar": ar,
                      "source": source})
    doc = {
        "format": "fieldvault-vocabulary",
        "version": 1,
        "licence": LICENCE,
        "lists": {
            "acts": {"esf_list": 4, "terms": acts},
            "perpetrators": {"esf_list": 24, "terms": perps},
            "witness_roles": {"esf_list": 19, "terms": roles},
        },
    }
    # One term per line, so a review or a diff reads term by term.
    text = json.dumps(doc, ensure_ascii=False, indent=1)
    lines = [json.dumps({k: v for k, v in doc.items() if k != "lists"}, ensure_ascii=False)[:-1]
             + ', "lists": {']
    for i, (name, lst) in enumerate(doc["lists"].items()):
        lines.append(f' "{name}": {{"esf_list": {lst["esf_list"]}, "terms": [')
        for j, t in enumerate(lst["terms"]):
            sep = "," if j + 1 < len(lst["terms"]) else ""
            lines.append("  " + json.dumps(t, ensure_ascii=False) + sep)
        lines.append(" ]}" + ("," if i + 1 < len(doc["lists"]) else ""))
    lines.append("}}")
    text = "\n".join(lines) + "\n"
    assert json.loads(text) == doc
    dst.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
