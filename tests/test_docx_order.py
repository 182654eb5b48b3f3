"""A table of a Word document is read where it stands, and no row of a table is a section heading.

A walkthrough found the task table of a plan (重点任务分工: 序号 / 重点任务 / 牵头单位) read after all the paragraphs,
below 三、保障措施, and each of its rows a section of level 1 whose heading held tabs: a concordance hit in a row
showed the row itself, tabs and all, as its section.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from format_files import numbered_docx

from policykg.graph.concordance import search_sentences
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths
from policykg.loaders.outline import outline
from policykg.loaders.pipeline import process_file
from policykg.loaders.read import read_document

TITLE = "关于加快推进5G网络建设和应用发展的实施方案"
ROWS = [("序号", "重点任务", "牵头单位"),
        ("1", "实施5G网络覆盖提升工程", "市通信管理局"),
        ("2", "开展“5G+工业互联网”专项行动", "市工业和信息化局"),
        ("3", "推进新型智慧城市建设工程", "市大数据局")]
BEFORE = [TITLE, "一、总体要求", "以习近平新时代中国特色社会主义思想为指导，加快建设高速泛在、集成互联的新型信息基础设施。",
          "二、重点任务分工", "各牵头单位要细化工作措施，按照职责分工抓好落实，每季度报送工作进展情况。"]
AFTER = ["三、保障措施", "各区要加强组织领导，建立工作推进机制，确保各项任务落到实处。"]
#: The text the plan reads as: the table's rows under its heading, before 三、保障措施.
LINES = [*BEFORE, *("\t".join(row) for row in ROWS), *AFTER]
LEADS = {("市通信管理局", "5G网络覆盖提升工程"), ("市工业和信息化局", "5G+工业互联网专项行动"),
         ("市大数据局", "新型智慧城市建设工程")}


def _table(d, rows: list[tuple[str, ...]]):
    """A table of ``rows`` appended to the python-docx document ``d``."""
    table = d.add_table(rows=len(rows), cols=len(rows[0]))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    return table


def _plan(path: Path) -> Path:
    """The plan as a .docx: paragraphs, the task table under 二、重点任务分工, then 三、保障措施."""
    d = docx.Document()
    for line in BEFORE:
        d.add_paragraph(line)
    _table(d, ROWS)
    for line in AFTER:
        d.add_paragraph(line)
    d.save(path)
    return path


def test_a_table_is_read_where_it_stands_under_its_heading(tmp_path):
    assert read_document(_plan(tmp_path / "plan.docx")).text.split("\n") == LINES


def test_words_numbering_counts_on_across_a_table(tmp_path):
    # the headings numbered by Word (一、 二、 三、 not in the paragraphs' text), the table between 二 and 三
    items = [(None, line) if k in (0, 2, 4) else (0, line[2:]) for k, line in enumerate(BEFORE)]
    d = numbered_docx([*items, (0, AFTER[0][2:]), (None, AFTER[1])])
    d.paragraphs[len(BEFORE) - 1]._p.addnext(_table(d, ROWS)._tbl)
    d.save(tmp_path / "numbered.docx")
    assert read_document(tmp_path / "numbered.docx").text.split("\n") == LINES


@pytest.mark.parametrize("form", ["docx", "txt"])
def test_no_row_of_a_table_is_a_section_heading(tmp_path, form):
    # a tab-separated text file holds its table as a .docx's is read
    if form == "docx":
        path = _plan(tmp_path / "plan.docx")
    else:
        path = tmp_path / "plan.txt"
        path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    graph = process_file(path)
    text = graph.document.text
    assert [s.heading for s in graph.sections] == ["（导语）", "总体要求", "重点任务分工", "保障措施"]
    tasks = graph.sections[2]
    assert all(tasks.start <= text.index("\t".join(row)) < tasks.end for row in ROWS)
    assert LEADS <= {(r.source, r.target) for r in graph.relations if r.type == "LEADS"}


def test_a_rows_hit_is_in_the_section_of_its_table_and_its_lead_unit_leads_the_task(tmp_path):
    store = EmbeddedStore(tmp_path / "data")
    try:
        assert not load_paths(store, [_plan(tmp_path / "plan.docx")], progress=False).failed
        rows = store.cypher("MATCH (b:Body)-[:LEADS]->(p:Program) RETURN b.name, p.name").rows
        assert LEADS <= {tuple(r) for r in rows}
        hits = search_sentences(store, "5G网络覆盖提升工程")["hits"]
        assert hits and all(h["section"] == "二 重点任务分工" for h in hits)  # number and heading
    finally:
        store.close()


def test_a_line_of_cells_is_no_heading_but_a_tab_after_a_number_is_one():
    text = "\n".join(["一、\t总体要求", "加快建设新型信息基础设施。", "重点任务\t牵头单位",
                      "推进新型智慧城市建设工程\t市大数据局", "1.\t实施5G网络覆盖提升工程\t市通信管理局", "第二部分\t保障措施"])
    sections = outline("Document:tabs", text)
    assert [(s.level, s.heading) for s in sections] == [(0, "（导语）"), (1, "总体要求")]


def test_a_nested_table_is_read_in_its_cell_and_a_merged_cell_once(tmp_path):
    d = docx.Document()
    d.add_paragraph("二、重点任务分工")
    table = _table(d, [ROWS[0], ("1", "实施5G网络覆盖提升工程", ""), ("2", "", "")])
    # the lead cell of row 1 holds a table of the lead and supporting units; row 2's task runs across two columns,
    # written once, the column it spans empty (the row keeps the header's three cells)
    inner = table.rows[1].cells[2].add_table(rows=2, cols=1)
    inner.rows[0].cells[0].text, inner.rows[1].cells[0].text = "市通信管理局", "市住房城乡建设局"
    merged = table.rows[2].cells[1].merge(table.rows[2].cells[2])
    merged.text = "各区按照职责分工抓好落实"
    d.save(tmp_path / "nested.docx")
    assert read_document(tmp_path / "nested.docx").text.split("\n") == [
        "二、重点任务分工", "序号\t重点任务\t牵头单位", "1\t实施5G网络覆盖提升工程\t市通信管理局 市住房城乡建设局",
        "2\t各区按照职责分工抓好落实\t"]


def test_a_table_above_the_title_leaves_the_title_to_the_line_under_it(tmp_path):
    # a .docx saved from a government page opens with the page's table of the document's data, which came last
    d = docx.Document()
    _table(d, [("索引号", "11440100MB2C92133J/2024-00123", "主题分类", "工业、交通"),
               ("发文机关", "广州市人民政府办公厅", "成文日期", "2024年03月15日")])
    for line in ["广州市加快推进5G网络建设和应用发展实施方案", "一、总体要求", "加快建设高速泛在、集成互联的新型信息基础设施。"]:
        d.add_paragraph(line)
    d.save(tmp_path / "page.docx")
    doc = read_document(tmp_path / "page.docx")
    assert doc.text.startswith("索引号\t") and doc.title == "广州市加快推进5G网络建设和应用发展实施方案"
    assert [s.heading for s in process_file(tmp_path / "page.docx").sections] == ["（导语）", "总体要求"]


def test_a_table_written_with_pipes_is_no_heading_either():
    """A Markdown table, or trafilatura's text of a web page's table, as a walkthrough's helper found them made
    level-1 sections (session 59)."""
    text = ("二、重点任务分工\n| 序号 | 重点任务 | 牵头单位 |\n| --- | --- | --- |\n"
            "| 1 | 实施5G网络覆盖提升工程 | 市通信管理局 |\n| 2 | 建设城市数据中心 | 市大数据局 |\n"
            "三、保障措施\n加强组织领导。\n")
    headings = [s.heading for s in outline("Document:x", text)]
    assert headings == ["（导语）", "重点任务分工", "保障措施"]


#: Rows of the task table whose cells are empty but one (a review, session 60, found such a row stripped of its
#: tabs and read as a heading of level 1): a task the row above's unit leads too, a unit alone in its column, and a
#: group's name over the rows under it, in its first column or in one cell merged across the table.
SPARSE = [("", "推进新型智慧城市建设工程", ""), ("", "", "市大数据局"), ("数字基础设施提升行动", "", "")]
GROUP = "一、数字产业化工程"


def _sparse_plan(path: Path) -> Path:
    """The plan as a .docx whose table holds :data:`SPARSE` and a row of :data:`GROUP` merged across its columns."""
    d = docx.Document()
    for line in BEFORE:
        d.add_paragraph(line)
    table = _table(d, [*ROWS, *SPARSE, ("", "", "")])
    merged = table.rows[-1].cells[0].merge(table.rows[-1].cells[2])
    merged.text = GROUP
    for line in AFTER:
        d.add_paragraph(line)
    d.save(path)
    return path


@pytest.mark.parametrize("form", ["docx", "txt", "md"])
def test_a_row_with_one_cell_not_empty_is_no_heading_either(tmp_path, form):
    rows = [*ROWS, *SPARSE, (GROUP, "", "")]
    if form == "docx":
        path = _sparse_plan(tmp_path / "plan.docx")
    elif form == "txt":  # a tab-separated text file
        path = tmp_path / "plan.txt"
        path.write_text("\n".join([*BEFORE, *("\t".join(row) for row in rows), *AFTER]), encoding="utf-8")
    else:  # a Markdown table; the group's name a row of one cell
        path = tmp_path / "plan.md"
        table = ["| " + " | ".join(row) + " |" for row in rows[:-1]] + [f"| {GROUP} |"]
        path.write_text("\n".join([*BEFORE, *table, *AFTER]), encoding="utf-8")
    graph = process_file(path)
    text = graph.document.text
    assert [s.heading for s in graph.sections] == ["（导语）", "总体要求", "重点任务分工", "保障措施"], form
    tasks = graph.sections[2]
    assert all(tasks.start <= text.index(cell) < tasks.end for row in rows for cell in row if cell), form
    if form == "docx":  # each row keeps its three cells, the empty ones too
        assert {"\t推进新型智慧城市建设工程\t", "\t\t市大数据局", "数字基础设施提升行动\t\t", GROUP + "\t\t"} <= \
            set(text.split("\n"))


def test_an_indented_line_is_a_row_under_a_row_of_as_many_tabs_only():
    # \t\t市大数据局 under a row of three cells is a row whose first two are empty; \t二、保障措施 after it, a
    # heading indented by one tab, and one after a paragraph stay headings
    text = "\n".join(["\t一、总体要求", "加快建设新型信息基础设施。", "序号\t重点任务\t牵头单位",
                      "1\t实施5G网络覆盖提升工程\t市通信管理局", "\t\t市大数据局", "\t二、保障措施", "加强组织领导。"])
    assert [(s.level, s.heading) for s in outline("Document:tabs", text)] == [(0, "（导语）"), (1, "总体要求"),
                                                                               (1, "保障措施")]


def test_a_row_of_one_cell_above_the_title_is_no_title(tmp_path):
    # the page's table of the document's data, a notice without a document number: 发文字号 and three empty cells
    d = docx.Document()
    _table(d, [("索引号", "11440100MB2C92133J/2024-00123", "主题分类", "工业、交通"), ("发文字号", "", "", ""),
               ("发文机关", "广州市人民政府办公厅", "成文日期", "2024年03月15日")])
    for line in ["广州市加快推进5G网络建设和应用发展实施方案", "一、总体要求", "加快建设高速泛在、集成互联的新型信息基础设施。"]:
        d.add_paragraph(line)
    d.save(tmp_path / "page.docx")
    assert read_document(tmp_path / "page.docx").title == "广州市加快推进5G网络建设和应用发展实施方案"


#: The projects of 安徽's plan for the industrial internet (texts-b anhui_gongye_hulianwang_2021, its boxes 专栏1-3
#: and 7), listed in a table of one column under its heading, and one of them set in a box drawn as a table of one
#: cell (1×1).  Joined, a row of one cell had no tab: each name, short and unpunctuated, headed a section of level 1
#: (a review, session 61).
PROJECTS = ["重点工程", "工业互联网网络互联互通工程", "工业互联网标识解析体系增强工程", "工业大数据能力提升工程"]
BOXED = "5G＋工业互联网融合应用工程"


def test_a_row_of_a_table_of_one_column_or_a_box_of_one_cell_is_no_heading(tmp_path):
    d = docx.Document()
    for line in BEFORE:
        d.add_paragraph(line)
    _table(d, [(name,) for name in PROJECTS])
    d.add_paragraph("各牵头单位要细化工作措施，按照职责分工抓好落实。")
    _table(d, [(BOXED,)])
    for line in AFTER:
        d.add_paragraph(line)
    d.save(tmp_path / "projects.docx")
    graph = process_file(tmp_path / "projects.docx")
    text = graph.document.text
    assert [s.heading for s in graph.sections] == ["（导语）", "总体要求", "重点任务分工", "保障措施"]
    tasks = graph.sections[2]
    assert all(tasks.start <= text.index(name) < tasks.end for name in [*PROJECTS, BOXED])
    assert {name + "\t" for name in [*PROJECTS, BOXED]} <= set(text.split("\n"))  # a row of one cell, closed by a tab


#: 安徽's box 专栏1 as its plan sets it (texts-b anhui_gongye_hulianwang_2021, the box's title and the first of its items;
#: the second item, 推进企业内网改造, is the box's next paragraph there too).
BOX = ["专栏1  工业互联网网络互联互通工程",
       "优化网络基础设施。组织基础电信企业通过改造已有网络、建设新型网络等方式，优先在数字化车间、智能工厂部署5G网络。",
       "推进企业内网改造。"]
#: The box's lines as read: its paragraphs one a line, each closed by a tab (a row, no heading).
BOX_LINES = [line + "\t" for line in BOX]


def _boxed_plan(path: Path, box) -> Path:
    """The plan as a .docx with ``box(d)`` adding 安徽's 专栏1 after its heading 二、重点任务分工."""
    d = docx.Document()
    for line in BEFORE[:4]:
        d.add_paragraph(line)
    box(d)
    for line in AFTER:
        d.add_paragraph(line)
    d.save(path)
    return path


def _one_cell(d) -> None:
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = BOX[0]
    for line in BOX[1:]:
        cell.add_paragraph(line)


def _text_box(d) -> None:
    # a text box as Word writes it: DrawingML (wps:txbx) in mc:Choice, the same box in VML (v:textbox) in mc:Fallback
    from docx.oxml import parse_xml

    ns = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:v="urn:schemas-microsoft-com:vml"')
    content = "<w:txbxContent>" + "".join(f"<w:p><w:r><w:t xml:space='preserve'>{line}</w:t></w:r></w:p>" for line in BOX) + \
        "</w:txbxContent>"
    run = parse_xml(f'<w:r {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic>'
                    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
                    f'<wps:txbx>{content}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
                    f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict>'
                    '</mc:Fallback></mc:AlternateContent></w:r>')
    d.add_paragraph()._p.append(run)


@pytest.mark.parametrize("box", [_one_cell, _text_box], ids=["table of one cell", "text box"])
def test_a_box_is_read_where_it_stands_a_line_for_each_of_its_paragraphs(tmp_path, box):
    # a box of one cell had been read as one line (its title and its first item one sentence), a text box not at all
    text = read_document(_boxed_plan(tmp_path / "boxed.docx", box)).text
    assert text.split("\n") == [*BEFORE[:4], *BOX_LINES, *AFTER]
    secs = outline("Document:boxed", text, TITLE)
    assert [s.heading for s in secs] == ["（导语）", "总体要求", "重点任务分工", "保障措施"]
    assert secs[2].start < text.index("推进企业内网改造") < secs[2].end
