"""Layout that a conversion from print or a word processor leaves in a text changes nothing extracted: a page's
number on a line of its own (— 3 —), paragraphs indented with full-width spaces (　　), blank lines between
paragraphs, the spaces web pages set around Chinese (增长 5% 左右).  Over all 117 annotated texts, each of these
layouts gives the same entities and relations as the text as written (checked in session 33; these tests keep two
texts of them)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from policykg.graph.names import with_full_stops
from policykg.graph.records import SourceDocument
from policykg.loaders.formats import cjk_spacing, relineate
from policykg.loaders.outline import PAGE_NUMBER, outline
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


def _graph(doc: SourceDocument, text: str) -> tuple[set, set]:
    dg = build_document_graph(replace(doc, text=text, char_count=len(text)))
    return ({(e.label, e.name) for e in dg.entities},
            {(r.type, r.source, r.target) for r in dg.relations})


def _with_page_numbers(text: str) -> str:
    lines = text.split("\n")
    return "\n".join(x for i, line in enumerate(lines) for x in ([line, f"— {i // 7 + 1} —"] if i % 7 == 6 else [line]))


def test_a_page_number_is_no_heading_and_leaves_the_review_a_review():
    # 湖南's 2025 work report with a page number after every seventh line: before, "— 1 —" opened a section of
    # its own, so the figures of the year's review under it were read as the plan's targets (guide rule 9)
    doc = read_document(TEXTS / "gwr2025-湖南.txt")
    paged = _with_page_numbers(doc.text)
    assert [s.heading for s in outline(doc.id, paged)] == [s.heading for s in outline(doc.id, doc.text)]
    assert _graph(doc, paged) == _graph(doc, doc.text)
    assert all(PAGE_NUMBER.fullmatch(n) for n in ("— 3 —", "-12-", "第3页", "第 3 页 共 12 页", "3/12"))
    assert not any(PAGE_NUMBER.fullmatch(h) for h in ("一、2024年工作回顾", "2025年", "（一）"))


def _indented(text: str) -> str:
    return "\n".join("　　" + line if line.strip() else line for line in text.split("\n"))


def _blank_lines(text: str) -> str:
    return "\n\n".join(text.split("\n"))


def _dotted_headings(text: str) -> str:
    return re.sub(r"(?m)^([一二三四五六七八九十]+)、", r"\1．", text)


@pytest.mark.parametrize("layout", [_indented, _with_page_numbers, _blank_lines, _dotted_headings])
@pytest.mark.parametrize("stem", ["gwr2025-湖南", "gwr2025-广东", "zhongban_xiangcun_zhenxing_zerenzhi_banfa_2022"])
def test_indents_page_numbers_blank_lines_and_heading_marks_give_the_same_graph(stem, layout):
    # every line opened by 　　 (a word processor's first-line indent, pasted), a page's number after every
    # seventh line, a blank line between paragraphs, headings numbered 一． for 一、: a paragraph's lead Goal
    # (三是…。) still serves the programs of the sentence under it, and the organs of a duty list still lead the
    # programs of its items (乡村振兴责任制实施办法, 第五条　中央和国家机关有关部门乡村振兴责任主要包括：), as in the
    # text as written
    doc = read_document(TEXTS / f"{stem}.txt")
    assert _graph(doc, layout(doc.text)) == _graph(doc, doc.text)


def test_spaces_typeset_around_chinese_are_removed_and_others_kept(tmp_path):
    # pangu spacing (增长 5% 左右) and a space after a mark: the text reads as printed, unspaced, and extracts the same
    doc = read_document(TEXTS / "gwr2025-湖南.txt")
    spaced = re.sub(r"(?<=[\u4e00-\u9fff])(?=[0-9A-Za-z])|(?<=[0-9A-Za-z%])(?=[\u4e00-\u9fff])", " ", doc.text)
    spaced = re.sub(r"([，。；：])(?=\S)", r"\1 ", spaced)
    path = tmp_path / "spaced.txt"
    path.write_text(spaced, encoding="utf-8")
    assert spaced != doc.text and read_document(path).text == doc.text
    # as found in the texts: 河南 writes 2024 年工作回顾, the seed 建立 40 周年， 探索…; a space between two Chinese
    # phrases parts them (山东: “好品山东 商行天下”) and two spaces part a label from its title (专栏1  工业互联网…)
    assert "一、2024年工作回顾" in read_document(TEXTS / "gwr2025-河南.txt").text
    seed = Path(__file__).resolve().parent.parent / "examples" / "000_a8eebd8133074170.txt"
    assert "建立40周年，探索" in read_document(seed).text
    assert "好品山东 商行天下" in read_document(TEXTS / "gwr2025-山东.txt").text
    assert cjk_spacing("专栏1  工业互联网网络体系建设") == "专栏1  工业互联网网络体系建设"


def test_full_width_digits_are_read_as_digits_and_names_keep_them():
    # older reports print figures full-width (１９９１年, corpus/gwr): read as digits, the report gives the same
    # entities and relations as with ASCII digits, and every name quotes the figures as the text prints them
    doc = read_document(TEXTS / "gwr2025-湖南.txt")
    wide = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "0123456789"})
    narrow = str.maketrans({chr(ord(c) + 0xFEE0): c for c in "0123456789"})
    entities, relations = _graph(doc, doc.text.translate(wide))
    assert {(label, name.translate(narrow)) for label, name in entities} == _graph(doc, doc.text)[0]
    assert {(t, a.translate(narrow), b.translate(narrow)) for t, a, b in relations} == _graph(doc, doc.text)[1]
    named = [name for _, name in entities if any(ch.isdigit() for ch in name)]
    assert named and all(name == name.translate(wide) for name in named)


@pytest.mark.parametrize("marks", [("「", "」"), ('"', '"'), ("“", '"'), ('"', "”")])
def test_corner_and_straight_quotes_read_as_curly_ones(marks):
    # 「五星」支部 / "五星"支部, as web pages print quotes: the quoted names are read as with “”; so are a curly mark
    # closed by a straight one and the other way round (“五星"支部, as Beijing's 2022 opinion on data zones and
    # Baotou's 2022 digital-government assessment type every closing mark: 《“十四五"数字经济发展规划》)
    doc = read_document(TEXTS / "gwr2025-湖南.txt")
    quoted = doc.text.replace("“", marks[0]).replace("”", marks[1])
    assert quoted != doc.text and _graph(doc, quoted) == _graph(doc, doc.text)


def test_a_text_run_onto_one_line_gets_its_numbered_items_back(tmp_path):
    # paragraphs run together on one line (a scraped page): the line is broken again before each numbered item
    # that follows a sentence's end or a heading, so the outline finds the report's items in their order
    doc = read_document(TEXTS / "gwr2025-湖南.txt")
    path = tmp_path / "one-line.txt"
    path.write_text("".join(line.strip() for line in doc.text.split("\n")), encoding="utf-8")
    relined = read_document(path)
    assert relined.text.count("\n") > 10
    numbers = [s.number for s in outline(doc.id, doc.text) if s.number]
    assert [s.number for s in outline(doc.id, relined.text) if s.number] == numbers and len(numbers) == 13
    # a paragraph as long as official paragraphs run is left as it is
    assert relineate(doc.text) == doc.text


def test_paragraph_separators_and_page_breaks_are_line_breaks(tmp_path):
    # a web page's U+2029 between paragraphs, a converted PDF's form feed between pages, Word's vertical tab
    doc = read_document(TEXTS / "gwr2025-湖南.txt")
    lines = doc.text.split("\n")
    for name, text in (("separated.txt", "\u2029".join(lines)),
                       ("paged.txt", "\n".join("\f" + line if i % 7 == 6 else line for i, line in enumerate(lines))),
                       ("word.txt", "\x0b".join(lines))):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert [x for x in read_document(path).text.split("\n") if x] == [x for x in lines if x], name


def test_a_heading_on_a_line_of_its_own_above_an_indented_paragraph_still_heads_it():
    # the 2023 reform plan of party and state organs as a word processor sets it: （十二）组建国家数据局。 alone on its
    # line, the paragraph under it indented by 　　.  The heading is still the subject of the duties under it
    # (负责协调推进数据基础制度建设… -> 国家数据局 LEADS 数据基础制度建设); three characters of line break and indent
    # between them had cost the heading its paragraph (four LEADS lost)
    doc = read_document(TEXTS / "zhongyang_guowuyuan_jigou_gaige_fangan_2023.txt")
    relined = re.sub(r"(?m)^(（[一二三四五六七八九十]+）[^。\n]{2,30}。)", "\\1\n　　", doc.text)
    assert relined.count("\n　　") > 10
    relations = _graph(doc, relined)[1]
    assert ("LEADS", "国家数据局", "数据基础制度建设") in relations and relations == _graph(doc, doc.text)[1]


#: A web page's or word processor's half-width marks for ，；：（）and the full stop 。
_HALF_WIDTH = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "。": "."})


@pytest.mark.parametrize("stem", ["guangzhou_minsheng_xingfu_gongcheng_shishi_yijian_2012", "gwr2025-湖南"])
def test_half_width_marks_and_a_dot_for_the_full_stop_give_the_same_graph(stem):
    # 16.加强城乡房屋安全管理.加强房屋安全普查和房屋日常巡查,抓好危房改造工作.…(牵头单位:市国土房管局,…): a sentence closed by
    # a dot ends as one closed by 。 does, so each item's title names its program and each unit line leads the programs
    # of its item; a decimal point (3.5%) and an item's number (16.) stay what they are.  Before, the dot ended no
    # sentence: an item ran on as one sentence and its title was no heading.
    doc = read_document(TEXTS / f"{stem}.txt")
    half = doc.text.translate(_HALF_WIDTH)
    assert half.count(".") > 100
    entities, relations = _graph(doc, half)
    assert (entities, relations) == _graph(doc, doc.text)
    assert with_full_stops("增长3.5%.16.加强城乡房屋安全管理.") == "增长3.5%。16.加强城乡房屋安全管理。"
