#!/usr/bin/env python3
"""Refreshes the .ts files from the whole app (audio/ included) with lupdate.

Strings of a file-local tr() helper outside any class (session/UserMessage.cpp,
handoff/HandoffActions.cpp, widgets/PassphraseStrength.cpp) are in the context "fv::desktop",
where lupdate files them and where the helpers look them up. The script drops strings that are
gone from the code and keeps Qt's layout-direction entry.
Usage: app/desktop/translations/update.py [path/to/lupdate]
"""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
APP = os.path.dirname(HERE)
LUPDATE = sys.argv[1] if len(sys.argv) > 1 else "/usr/lib/qt6/bin/lupdate"
# Qt reads the layout direction from this entry of the app's own translation ("RTL" in Arabic).
LAYOUT_CONTEXT = "QGuiApplication"
LAYOUT_SOURCE = "QT_LAYOUT_DIRECTION"
LAYOUT_COMMENT = ("Translate this string to the string 'LTR' in left-to-right languages or to 'RTL' in "
                  "right-to-left languages (such as Hebrew and Arabic) to get proper widget layout.")


def fix(ts_path):
    tree = ET.parse(ts_path)
    root = tree.getroot()
    contexts = {c.find("name").text: c for c in root.findall("context")}
    # Strings lupdate no longer sees; Qt's layout-direction entry is one of them (kept).
    old = {}
    for name, context in contexts.items():
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete"):
                old[(name, message.find("source").text)] = translation
    layout = old.pop((LAYOUT_CONTEXT, LAYOUT_SOURCE), None)
    for context in root.findall("context"):
        for message in list(context.findall("message")):
            if message.find("translation").get("type") in ("vanished", "obsolete"):
                context.remove(message)
        if not context.findall("message"):
            root.remove(context)
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = LAYOUT_CONTEXT
    message = ET.SubElement(context, "message")
    ET.SubElement(message, "source").text = LAYOUT_SOURCE
    ET.SubElement(message, "comment").text = LAYOUT_COMMENT
    translation = ET.SubElement(message, "translation")
    if layout is not None and layout.text:
        translation.text = layout.text
    else:
        translation.set("type", "unfinished")
    ET.indent(tree, space="    ")
    with open(ts_path, "wb") as out:
        out.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="utf-8", xml_declaration=False)
        out.write(b"\n")


for name in sorted(os.listdir(HERE)):
    if name.endswith(".ts"):
        path = os.path.join(HERE, name)
        language = name[len("fieldvault_"):-len(".ts")]
        subprocess.run([LUPDATE, APP, "-ts", path, "-target-language", language, "-locations", "relative"],
                       check=True)
        fix(path)
