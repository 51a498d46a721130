#!/usr/bin/env python3
"""Refreshes the .ts files from the whole app (audio/ included) with lupdate.

Two files translate through a file-local tr() helper outside any class
(session/UserMessage.cpp, widgets/PassphraseStrength.cpp); lupdate files their strings under
the namespace "fv::desktop", while the helper asks for "fv::desktop::<File>". This script moves
them to the context the code asks for, keeps their translations, and drops strings that are
gone from the code. Usage: app/desktop/translations/update.py [path/to/lupdate]
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
HELPER_CONTEXTS = {
    "UserMessage.cpp": "fv::desktop::UserMessage",
    "PassphraseStrength.cpp": "fv::desktop::PassphraseStrength",
}


def fix(ts_path):
    tree = ET.parse(ts_path)
    root = tree.getroot()
    contexts = {c.find("name").text: c for c in root.findall("context")}
    # Translations of strings lupdate no longer sees where they were: reused when moved.
    old = {}
    for name, context in contexts.items():
        for message in context.findall("message"):
            translation = message.find("translation")
            if translation.get("type") in ("vanished", "obsolete"):
                old[(name, message.find("source").text)] = translation
    # With relative locations, a <location> names its file only when it differs from the
    # previous one's.
    files = {}
    current = None
    for context in root.findall("context"):
        for message in context.findall("message"):
            for location in message.findall("location"):
                current = location.get("filename") or current
                files.setdefault(id(message), current)
    stray = contexts.get("fv::desktop")
    if stray is not None:
        for message in list(stray.findall("message")):
            target = HELPER_CONTEXTS.get(os.path.basename(files.get(id(message)) or ""))
            if target is None:
                continue
            if target not in contexts:
                context = ET.SubElement(root, "context")
                ET.SubElement(context, "name").text = target
                contexts[target] = context
            source = message.find("source").text
            translation = message.find("translation")
            kept = old.get((target, source))
            if kept is not None and (translation.text or "") == "":
                translation.text = kept.text
                translation.attrib.pop("type", None)
            stray.remove(message)
            contexts[target].append(message)
        if not stray.findall("message"):
            root.remove(stray)
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
