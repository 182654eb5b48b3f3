"""Short unpunctuated lines that are no headings, on the annotated texts: a formula a rule of assessment computes a
score by (a review, session 61, found one a section of level 1 that took the items after it from their heading)."""

from __future__ import annotations

from pathlib import Path

from policykg.loaders.outline import outline
from policykg.loaders.read import read_document

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


def test_a_formula_heads_no_section_and_the_items_after_it_stay_under_their_heading():
    # 包头's 数字政府建设考评办法: under 三、考评方式, （一） then two lines of formulas, then （二）-（四）
    doc = read_document(TEXTS / "baotou_shuzi_zhengfu_kaoping_2022.txt")
    secs = outline(doc.id, doc.text, doc.title)
    by_id = {s.id: s for s in secs}
    assert not any("考评分值=" in s.heading for s in secs)
    method = next(s for s in secs if s.number == "三")
    assert [s.number for s in secs if s.parent_id == method.id] == ["（一）", "（二）", "（三）", "（四）"]
    first = next(s for s in secs if s.parent_id == method.id)
    assert "年度考评分值=（上半年考评分值+下半年考评分值）÷2" in doc.text[first.start:first.end]
    assert by_id[first.parent_id].heading == "考评方式"


def test_names_that_write_plus_or_times_are_no_formulas():
    from policykg.loaders.outline import formula_line

    assert formula_line("年度考评分值=（上半年考评分值+下半年考评分值）÷2")
    # 安徽's plan, 湖南's 2025 report
    assert not formula_line("专栏7  5G＋工业互联网融合应用工程") and not formula_line("“4×4”现代化产业体系")
