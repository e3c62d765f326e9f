"""Git merge driver for gettext catalogues: the union of both sides, translations kept.

Two branches that each ran ``make messages`` touch every catalogue, so a plain three-way merge
of ``.po`` files conflicts on lines that do not really disagree. This driver takes the entries
of both sides; where both hold the same message it keeps a finished translation over an empty or
fuzzy one, and where both translated it differently it keeps the side that changed it from the
common ancestor (ours when both did). ``make messages`` afterwards drops what the source no
longer has and sorts the file again.

Set up once per clone (``.gitattributes`` already names the driver)::

    git config merge.po.name "gettext catalogue union"
    git config merge.po.driver ".venv/bin/python scripts/po_merge.py %O %A %B"
"""

from __future__ import annotations

import sys

import polib  # type: ignore[import-untyped]


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _done(entry: polib.POEntry) -> bool:
    if entry.fuzzy or entry.obsolete:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _text(entry: polib.POEntry | None) -> object:
    if entry is None:
        return None
    return dict(entry.msgstr_plural) if entry.msgid_plural else entry.msgstr


def merge(base_path: str, ours_path: str, theirs_path: str) -> None:
    base = {_key(e): e for e in polib.pofile(base_path)} if base_path else {}
    ours = polib.pofile(ours_path, wrapwidth=0)
    theirs = polib.pofile(theirs_path, wrapwidth=0)
    if "EXPRESSION" in ours.metadata.get("Plural-Forms", "") and "Plural-Forms" in theirs.metadata:
        ours.metadata["Plural-Forms"] = theirs.metadata["Plural-Forms"]
    for name, value in theirs.metadata.items():
        if not ours.metadata.get(name, "").strip():  # absent or left empty (a template "Language: ")
            ours.metadata[name] = value
    # A header one side checked (flag removed) stays checked.
    ours.metadata_is_fuzzy = ours.metadata_is_fuzzy and theirs.metadata_is_fuzzy
    index = {_key(e): e for e in ours}
    for entry in theirs:
        mine = index.get(_key(entry))
        if mine is None:
            ours.append(entry)
            index[_key(entry)] = entry
            continue
        take_theirs = (_done(entry) and not _done(mine)) or (
            _done(entry) and _done(mine) and _text(mine) == _text(base.get(_key(entry)))
        )
        if take_theirs:
            mine.msgstr = entry.msgstr
            mine.msgstr_plural = dict(entry.msgstr_plural)
            mine.flags = list(entry.flags)
            mine.obsolete = entry.obsolete
    ours.save(ours_path)


if __name__ == "__main__":
    merge(sys.argv[1], sys.argv[2], sys.argv[3])
