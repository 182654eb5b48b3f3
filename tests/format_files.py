"""What the tests of real-world files (``test_formats_*.py``, ``test_docx_order.py``) compare a file by: the entities
extracted from it; and the Word documents they build."""

from __future__ import annotations

from pathlib import Path

import docx

from policykg.loaders.pipeline import process_file


def entities_of(path: Path) -> set[tuple[str, str]]:
    """The (label, name) of every entity extracted from the file ``path``."""
    return {(e.label, e.name) for e in process_file(path).entities}


def numbered_docx(items: list[tuple[int | None, str]]):
    """A python-docx document (unsaved) whose paragraphs (level, text) carry Word's automatic numbering, 一、 at
    level 0 (numFmt chineseCounting) and 1. at level 1, counted on across level 0 (lvlRestart 0), as seed 003
    numbers its items; level ``None`` for a plain paragraph."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/>'
        '<w:lvlText w:val="%2."/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in items:
        p = d.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    return d
