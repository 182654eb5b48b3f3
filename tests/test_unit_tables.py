"""A table of tasks and units (重点任务分工表) gives the LEADS its rows state, as 牵头单位 lines do (guide rule 7)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from policykg.loaders.pipeline import process_file
from policykg.loaders.unit_tables import cells

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"
HEADER = ("序号", "工作任务", "牵头单位", "配合单位")


def _items() -> list[tuple[str, str, str, str]]:
    # the 21 items of Guangzhou's 2012 science-and-technology opinion, each closed by （牵头单位：…，配合单位：…）
    text = (TEXTS / "guangzhou_keji_chuangxin_gongcheng_shishi_yijian_2012.txt").read_text(encoding="utf-8")
    pattern = re.compile(r"^(\d+)[.．](.*)（牵头单位：([^，）]*)(?:，配合单位：([^）]*))?）$")
    return [tuple(x or "" for x in m.groups()) for line in text.splitlines() if (m := pattern.match(line.strip()))]


def _leads(path: Path) -> tuple[set[tuple[str, str]], set[str]]:
    """The LEADS of the file's graph as (source, target), and the names of its Programs."""
    graph = process_file(path)
    return ({(r.source, r.target) for r in graph.relations if r.type == "LEADS"},
            {e.name for e in graph.entities if e.label == "Program"})


@pytest.mark.parametrize("form", ["docx", "md"])
def test_a_task_table_leads_as_the_items_lead_unit_lines_do(tmp_path, form):
    items = _items()
    assert len(items) == 21
    lines = tmp_path / "lines.txt"
    lines.write_text("任务分工\n" + "\n".join(f"{n}.{task}（牵头单位：{lead}" + (f"，配合单位：{sup}" if sup else "") + "）"
                                           for n, task, lead, sup in items), encoding="utf-8")
    if form == "docx":
        d = docx.Document()
        d.add_paragraph("任务分工")
        table = d.add_table(rows=len(items) + 1, cols=4)
        for row, values in zip(table.rows, [HEADER, *items], strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
        path = tmp_path / "table.docx"
        d.save(path)
    else:  # a page's table as trafilatura writes it, or a Markdown table
        path = tmp_path / "table.md"
        path.write_text("任务分工\n" + "\n".join("| " + " | ".join(v) + " |" for v in [HEADER, *items]), encoding="utf-8")
    (from_lines, _), (from_table, table_programs) = _leads(lines), _leads(path)
    assert len(from_lines) >= 90 and len(from_table & from_lines) >= len(from_lines) - 2
    # a lead the table lacks is a program the tagger read in the item's line but not in its cell (深化科技管理体制
    # 改革。…: after a tab, not after 17., it falls under tagging.PROGRAM_BIAS), never a program of a row left
    # without its lead unit
    assert all(program not in table_programs for _lead, program in from_lines - from_table)
    assert len(from_table - from_lines) <= 3


def test_rows_line_up_with_their_header_and_other_lines_are_no_rows():
    assert cells("1\t深入实施“红色物业”建设工程\t区委组织部\t区住建局") == [(0, 1), (2, 16), (17, 22), (23, 27)]
    assert cells("\t建设“15分钟便民服务圈”\t区民政局\t") == [(0, 0), (1, 14), (15, 19), (20, 20)]
    assert cells("| 1 | 红色物业 | 区委组织部 |") == [(2, 3), (6, 10), (13, 18)]
    assert cells("牵头单位\t区委组织部") == [] and cells("坚持“两个毫不动摇”") == []
