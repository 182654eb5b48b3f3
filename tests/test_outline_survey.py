"""Lines an outline had misread, found by printing the outline of every text of the corpora (session 63): each test
reads the text as published (a training text, or lines of corpus/gwr quoted as they stand)."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.outline import outline
from policykg.loaders.read import read_document

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


def _read(name: str) -> tuple[str, list]:
    doc = read_document(TEXTS / name)
    return doc.text, outline(doc.id, doc.text, doc.title)


def test_the_title_over_a_subtitle_heads_no_section():
    # xi_jinping_shijiuda_baogao_dangjian_jie13_2017: the 19th congress report's part 13, under its title of two lines
    # and its subtitle (——在中国共产党第十九次全国代表大会上的报告), with no 同志们： under them; the title's second line
    # had headed the part's opening paragraphs as a section of level 1
    text, secs = _read("xi_jinping_shijiuda_baogao_dangjian_jie13_2017.txt")
    assert text.split("\n")[1] == "为夺取新时代中国特色社会主义伟大胜利"
    assert [(s.number, s.level) for s in secs[:3]] == [("", 0), ("十三", 1), ("（一）", 2)]
    assert not any("伟大胜利" in s.heading for s in secs)


def test_a_dash_list_under_a_first_heading_is_no_subtitle():
    # the dash opens a subtitle only under title lines: a heading's list of end-states (——…。) keeps its heading
    text = "总体要求\n——基层组织更加健全。\n——服务能力明显提升。\n"
    assert [s.heading for s in outline("Document:x", text, None)] == ["（导语）", "总体要求"]
