"""Real-world files: HTML, DOCX, PDF, traditional script, pathological text, folders with bad files."""

from __future__ import annotations

import logging
import re
import shutil
import time
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from opencc import OpenCC

from pdfgen import make_pdf
from policykg.errors import LoadError
from policykg.graph.embedded import EmbeddedStore
from policykg.ingest import load_paths
from policykg.loaders.outline import PAGE_NUMBER
from policykg.loaders.pipeline import build_document_graph, process_file
from policykg.loaders.read import decode, read_document

TRAINING_TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


def _entities(path: Path) -> set[tuple[str, str]]:
    return {(e.label, e.name) for e in process_file(path).entities}


def _lines(seed: Path) -> list[str]:
    return [line.strip() for line in seed.read_text("utf-8").split("\n") if line.strip()]


def test_html_keeps_the_text_and_drops_scripts_styles_and_navigation(tmp_path, seed_paths):
    body = "".join(f"<p>{line}</p>" for line in _lines(seed_paths[1]))
    page = (f'<html><head><meta charset="gbk"><title>经验材料</title><style>p {{color: red}}</style>'
            f'<script>var program = "揭榜挂帅行动";</script></head><body><nav>首页 | 组工动态 | 联系我们</nav>'
            f"<h1>{_lines(seed_paths[1])[0]}</h1>{body}<footer>版权所有 **市委组织部</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    doc = read_document(path)
    assert "揭榜挂帅行动" not in doc.text and "组工动态" not in doc.text and "版权所有" not in doc.text
    assert "开展“红色物业”创建" in doc.text
    assert _entities(path) >= _entities(seed_paths[1])


def test_a_government_pages_footer_and_menus_are_no_part_of_the_document(tmp_path):
    # a report published as a page: menus and the site's footer in <div>s; the footer's host unit (主办单位：…) was
    # read as the lead unit of the last item's programs
    lines = (TRAINING_TEXTS / "gwr2025-甘肃.txt").read_text(encoding="utf-8").splitlines()
    body = "".join(f'<p style="text-indent:2em">{line}</p>' for line in lines if line.strip())
    page = (f'<html><head><title>{lines[0]}</title></head><body><div class="nav">首页 &gt; 政务公开 &gt; 政府工作报告'
            f'</div><div class="TRS_Editor">{body}</div><div class="footer">主办单位：甘肃省人民政府办公厅　'
            f'网站标识码：6200000001</div></body></html>')
    path = tmp_path / "gwr2025-甘肃.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert "主办单位" not in doc.text and "政务公开" not in doc.text
    assert all(line.strip().replace(" ", "") in doc.text for line in lines)  # 省长 任振鹤: spaces inside Chinese go
    assert not any(e.name.endswith("办公厅") for e in process_file(path).entities)


@pytest.mark.parametrize("head", ["<title>{t}_甘肃省人民政府门户网站</title>", "<title>首页</title>",
                                  "<title>甘肃省人民政府 - {t}</title>"])
def test_a_pages_title_is_the_documents_title_once(tmp_path, head):
    # trafilatura keeps a page's main text without its <h1> or <title>: the report was titled by its file name and
    # read with no year; the title comes from the <h1>, else from <title> without the site's name
    lines = [line for line in (TRAINING_TEXTS / "gwr2025-甘肃.txt").read_text(encoding="utf-8").splitlines() if line]
    body = "".join(f"<p>{line}</p>" for line in lines[1:])
    h1 = "" if "{t}" in head else f"<h1>{lines[0]}</h1>"
    page = f'<html><head>{head.format(t=lines[0])}</head><body>{h1}<div class="TRS_Editor">{body}</div></body></html>'
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    doc = read_document(path)
    assert (doc.title, doc.year, doc.place, doc.level) == ("2025年甘肃省政府工作报告", 2025, "甘肃省", "省")
    assert doc.text.count(lines[0]) == 1
    # kept by trafilatura as a paragraph, the title is not written twice
    path.write_text(page.replace('<div class="TRS_Editor">', f'<div class="TRS_Editor"><p>{lines[0]}</p>'), "utf-8")
    assert read_document(path).text.count(lines[0]) == 1


def test_docx_paragraphs_and_tables_give_the_same_entities_as_the_text(tmp_path, seed_paths):
    d = docx.Document()
    for line in _lines(seed_paths[2]):
        d.add_paragraph(line)
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "牵头单位", "区委组织部"
    path = tmp_path / "plan.docx"
    d.save(path)
    doc = read_document(path)
    assert doc.encoding == "docx" and "牵头单位\t区委组织部" in doc.text
    assert _entities(path) >= _entities(seed_paths[2])


def test_a_document_saved_under_the_txt_extension_is_named_for_what_it_is(tmp_path, seed_paths):
    # a walkthrough (session 44): a .docx renamed .txt was "binary, not text", which says nothing of the remedy
    d = docx.Document()
    for line in _lines(seed_paths[2]):
        d.add_paragraph(line)
    d.save(tmp_path / "plan.docx")
    (tmp_path / "plan.txt").write_bytes((tmp_path / "plan.docx").read_bytes())
    (tmp_path / "report.txt").write_bytes(make_pdf([_lines(seed_paths[1])[:3]]))
    for name, remedy in (("plan.txt", "give it the .docx extension"), ("report.txt", "give it the .pdf extension")):
        with pytest.raises(LoadError) as err:
            read_document(tmp_path / name)
        assert name in str(err.value) and remedy in err.value.reason
    assert read_document(tmp_path / "plan.docx").text  # as the remedy says
    # and the other way (a walkthrough, session 45: a text file named .docx was "corrupt or not a Word document")
    shutil.copy(seed_paths[2], tmp_path / "notes.docx")
    (tmp_path / "scan.docx").write_bytes(make_pdf([_lines(seed_paths[1])[:3]]))
    (tmp_path / "broken.docx").write_bytes((tmp_path / "plan.docx").read_bytes()[:2000])  # a download cut short
    # and as a PDF (a walkthrough, session 49: a .docx named .pdf read "the PDF is corrupt (PdfStreamError…)")
    (tmp_path / "plan.pdf").write_bytes((tmp_path / "plan.docx").read_bytes())
    shutil.copy(seed_paths[2], tmp_path / "notes.pdf")
    (tmp_path / "cut.pdf").write_bytes((tmp_path / "report.txt").read_bytes()[:300])  # a PDF cut short
    for name, remedy in (("notes.docx", "plain text, not a Word document: give it the .txt extension"),
                         ("scan.docx", "a PDF, not a Word document: give it the .pdf extension"),
                         ("broken.docx", "the .docx file is corrupt"),
                         ("plan.pdf", "not a PDF (a Word .docx under another name?): give it the .docx extension"),
                         ("notes.pdf", "plain text, not a PDF: give it the .txt extension"),
                         ("cut.pdf", "the PDF is corrupt")):
        with pytest.raises(LoadError) as err:
            read_document(tmp_path / name)
        assert name in str(err.value) and remedy in err.value.reason, err.value.reason


def test_pdf_text_layer_is_read_and_broken_lines_joined(tmp_path, seed_paths):
    lines = _lines(seed_paths[1])[:12]
    wrapped = [chunk for line in lines for chunk in (line[i:i + 30] for i in range(0, len(line), 30))]
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([wrapped[: len(wrapped) // 2], wrapped[len(wrapped) // 2:]]))
    doc = read_document(path)
    assert doc.encoding == "pdf"
    assert "开展“红色物业”创建" in doc.text
    assert ("Program", "红色物业") in _entities(path)
    assert all(doc.text[m.start:m.end] == m.surface for e in process_file(path).entities for m in e.mentions)


def test_a_pdfs_printed_page_numbers_are_dropped_and_a_sentence_goes_on_across_the_page_break(tmp_path, seed_paths):
    # official documents number each page at its foot as — 1 — (GB/T 9704-2012); pypdf gives the number as a line
    # between the pages, which had joined the sentence the break cut (…产业化、— 1 —\n精准化导向…) and kept its halves apart
    lines = _lines(seed_paths[1])[:12]
    wrapped = [chunk for line in lines for chunk in (line[i:i + 30] for i in range(0, len(line), 30))]
    cut = next(k for k, line in enumerate(wrapped) if k > 10 and "产业化、" in line)
    for foot in ("— 1 —", "－ 1 －", "- 1 -", "第 1 页 共 2 页", "1/2"):
        path = tmp_path / "report.pdf"
        path.write_bytes(make_pdf([[*wrapped[:cut + 1], foot], [foot.replace("1", "2", 1), *wrapped[cut + 1:]]]))
        text = read_document(path).text
        assert "产业化、精准化导向" in text and foot not in text, foot
    assert PAGE_NUMBER.fullmatch("— 12 —") and not PAGE_NUMBER.fullmatch("1.") and not PAGE_NUMBER.fullmatch("（一）")
    # the same pages saved as a text file (pdftotext: a form feed between pages) are joined the same way
    (tmp_path / "report.txt").write_text("\n".join([*wrapped[:cut + 1], "— 1 —\x0c", *wrapped[cut + 1:]]), "utf-8")
    text = read_document(tmp_path / "report.txt").text
    assert "产业化、精准化导向" in text and "— 1 —" not in text


def test_a_text_file_wrapped_at_a_fixed_width_is_read_as_its_paragraphs(tmp_path, seed_paths):
    # text copied out of a PDF or a fixed-width view: every paragraph cut into lines of 28 characters
    # (…全市组织工\n作…), which split words and names across sentences
    text = seed_paths[1].read_text(encoding="utf-8")
    wrapped = "\n".join(chunk for line in text.splitlines() for chunk in (line[i:i + 28] for i in range(0, len(line), 28)))
    path = tmp_path / "copied.txt"
    path.write_text(wrapped, encoding="utf-8")
    doc = read_document(path)
    assert "开展“红色物业”创建" in doc.text and "开展“红色物业”创建" not in wrapped
    # every paragraph is one line again, but where a cut fell right after a sentence's end
    assert len(doc.text.splitlines()) < len(text.splitlines()) + 10 < len(wrapped.splitlines())
    assert _entities(path) == _entities(seed_paths[1])
    # a text written a paragraph to a line is read as it is
    assert read_document(seed_paths[1]).text == text


def test_a_wrapped_numbered_item_goes_on_and_a_wrapped_title_stays_apart_from_the_number_under_it(tmp_path):
    # 包头's appraisal rules cut at 35 characters: the first line of （一）… runs on into the next (the words
    # cut at the wrap are whole again), and the title's short last line is not joined to the document number
    # under it, nor that to the addressee line
    text = (TRAINING_TEXTS / "baotou_shuzi_zhengfu_kaoping_2022.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    wrapped = "\n".join(c for line in lines for c in ([line[i:i + 35] for i in range(0, len(line), 35)] or [""]))
    path = tmp_path / "wrapped.txt"
    path.write_text(wrapped, encoding="utf-8")
    got = read_document(path).text.splitlines()
    assert got[:3] == lines[:3]  # title, 包府办发〔2022〕43号, the addressees
    items = [line for line in lines if line.startswith(("（一）", "（二）", "（三）")) and len(line) > 35]
    assert items and all(line in got for line in items)


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("scan.pdf", make_pdf([[], []]), "no text layer"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "corrupt"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "corrupt"),
    ("empty.html", b"<html><body><script>x()</script></body></html>", "no visible text"),
    ("empty.docx", b"", "empty"),
])
def test_unreadable_office_files_are_refused_with_a_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=reason) as err:
        read_document(path)
    assert name in str(err.value)


def test_a_zip_that_is_no_word_document_is_named_so(tmp_path):
    # a walkthrough (session 47): "…corrupt or not a Word document (KeyError)" leaked the exception's name
    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "加强基层党组织建设")
    with pytest.raises(LoadError, match=r"notes\.docx.*a zip archive but not a Word document") as err:
        read_document(path)
    assert "KeyError" not in str(err.value)


def test_a_text_file_named_pdf_is_refused_without_pypdfs_own_warnings(tmp_path, seed_paths, caplog):
    # pypdf's "invalid pdf header" and "EOF marker not found" printed into the load's progress bar before
    path = tmp_path / "fake.pdf"
    path.write_text(seed_paths[0].read_text("utf-8"), "utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(LoadError, match=r"fake\.pdf.*plain text, not a PDF"):
        read_document(path)
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


def test_traditional_script_matches_as_simplified_and_keeps_the_original_in_provenance(tmp_path, seed_paths):
    path = tmp_path / "traditional.txt"
    traditional = OpenCC("s2t").convert(seed_paths[1].read_text("utf-8"))
    path.write_text(traditional, "utf-8")
    assert _entities(path) == _entities(seed_paths[1])
    dg = process_file(path)
    red = next(e for e in dg.entities if e.name == "红色物业")
    assert red.mentions[0].surface == "“紅色物業”創建"
    assert all(dg.document.text[m.start:m.end] == m.surface for e in dg.entities for m in e.mentions)


def test_a_work_report_in_traditional_script_reads_as_in_simplified(tmp_path):
    # a walkthrough (session 48): the place, level and year and the review headings were read from the text as
    # written, so 寧夏回族自治區's report had no place, was national, and its review of 2024 (一、2024年工作回顧) gave
    # achieved figures as Goals
    report = Path(__file__).resolve().parents[1] / "loaders" / "training" / "texts" / "gwr2025-宁夏.txt"
    path = tmp_path / "traditional.txt"
    path.write_text(OpenCC("s2t").convert(report.read_text("utf-8")), "utf-8")
    simplified, traditional = read_document(report), read_document(path)
    assert "一、2024年工作回顧" in traditional.text
    assert (traditional.place, traditional.level, traditional.year) == ("宁夏回族自治区", "省", 2025)
    assert (simplified.place, simplified.level, simplified.year) == ("宁夏回族自治区", "省", 2025)
    assert _entities(path) == _entities(report)


def test_fast_traditional_to_simplified_is_opencc_t2s_on_real_text(seed_paths):
    """graph/t2s.py converts as OpenCC's t2s: the samples, a training text, both in traditional script,
    a report with traditional characters of the gwr corpus (when ../shared is there), and names cut from them."""
    from policykg.graph.t2s import t2s

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text("utf-8") for p in [*seed_paths, root / "loaders" / "training" / "texts" / "gwr2025-河南.txt"]]
    texts += [OpenCC("s2t").convert(t) for t in texts]
    report = root.parent / "shared" / "corpus" / "gwr" / "gwr-1954.txt"
    texts += [report.read_text("utf-8")] if report.exists() else []
    texts += [t[i:i + n] for t in texts for i in range(0, len(t) - 12, 97) for n in (1, 2, 5, 12)]
    opencc = OpenCC("t2s")
    assert [t2s().convert(t) for t in texts] == [opencc.convert(t) for t in texts]
    assert sum(opencc.convert(t) != t for t in texts) > 1000


# ------------------------------------------------------------------ pathological text


@pytest.mark.parametrize("text", [
    pytest.param("推行“红色物业" + "建设，实施五星支部创建" * 500, id="unbalanced-quote"),
    pytest.param("开展“" + "党建引领" * 1250 + "”行动。推行“红色物业”建设。", id="5000-char-quote"),
    pytest.param('<script>alert(1)</script><div class="x">推行“<b>红色物业</b>”建设</div>' * 200, id="markup-in-txt"),
    pytest.param("实施“MATCH (n) DETACH DELETE n”工程和“<img src=x onerror=alert(1)>”计划。" * 100, id="cypher-html-names"),
])
def test_pathological_text_builds_a_graph_with_valid_provenance(text):
    from policykg.graph.records import SourceDocument

    dg = build_document_graph(SourceDocument("Document:x", "x.txt", "x", None, None, len(text), "h", text))
    for e in dg.entities:
        assert all(text[m.start:m.end] == m.surface for m in e.mentions)
    names = {e.name for e in dg.entities}
    if "MATCH" in text:
        assert "MATCH(n)DETACHDELETEn工程" in names  # kept as text; pages escape it (test_api)


def test_a_5_mb_file_on_one_line_loads(tmp_path, seed_paths):
    """A whole document on one line, 5 MB: sentences are capped, so work stays linear."""
    line = seed_paths[2].read_text("utf-8").replace("\n", "")
    path = tmp_path / "one-line.txt"
    path.write_text(line * (5_000_000 // len(line.encode("utf-8")) + 1), encoding="utf-8")
    assert path.stat().st_size >= 5_000_000
    t0 = time.perf_counter()
    dg = process_file(path)
    assert ("Program", "红色物业") in {(e.label, e.name) for e in dg.entities}
    assert time.perf_counter() - t0 < 300  # a guard against runaway (quadratic) work, not a speed target


# ------------------------------------------------------------------ folders


def test_a_folder_with_bad_files_loads_the_good_ones_and_changes_nothing_else(tmp_path, seed_paths):
    store = EmbeddedStore(tmp_path / "d")
    load_paths(store, seed_paths[:2], progress=False)
    before = (store.stats(), sorted(n["id"] for n in store.iter_nodes()))
    folder = tmp_path / "in"
    folder.mkdir()
    bad = {"empty.txt": b"", "blank.txt": b" \n\t\n", "image.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
           "latin.txt": "caf\xe9 \xff\xfe\x00".encode("latin-1") * 3 + b"\x00" * 40,
           "scan.pdf": make_pdf([[]]), "broken.docx": b"PK\x03\x04xx", "sheet.xlsx": b"PK\x03\x04"}
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    report = load_paths(store, [folder, folder / "sheet.xlsx"], progress=False)
    failed = {Path(p).name: reason for p, reason in report.failed}
    assert set(failed) == set(bad) and not report.loaded
    assert "empty" in failed["empty.txt"] and "whitespace" in failed["blank.txt"]
    assert "binary" in failed["image.txt"] and "unsupported format" in failed["sheet.xlsx"]
    assert (store.stats(), sorted(n["id"] for n in store.iter_nodes())) == before
    (folder / "good.txt").write_bytes(seed_paths[3].read_text("utf-8").encode("gb18030"))
    report = load_paths(store, [folder], progress=False)
    assert report.loaded == ["Document:good"] and len(report.failed) == len(bad) - 1
    store.close()


def test_a_file_over_the_size_limit_is_refused(tmp_path, seed_paths):
    path = tmp_path / "big.txt"
    path.write_bytes(seed_paths[0].read_bytes())
    with pytest.raises(LoadError, match="larger than the limit"):
        read_document(path, max_bytes=1000)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused_with_the_documented_error(data):
    try:
        text, _ = decode(data, "x.txt")
    except LoadError as exc:
        assert exc.reason
    else:
        assert text.strip() and "\r" not in text and "\x00" not in text


def test_a_pdf_line_broken_after_a_closing_mark_is_joined_and_its_title_kept_apart(tmp_path, seed_paths):
    # a walkthrough printed seed 003 to PDF: a line ending in ）or ” was never joined to the next
    # (持续做好“一镇（乡）| 一品”建设工程 lost the program), and a title of 15 characters or more took the first line
    # of the text into it
    lines = _lines(seed_paths[3])
    title, body = lines[0], lines[1:]
    item = next(line for line in body if "一镇（乡）一品" in line)
    cut = item.index("一镇（乡）") + len("一镇（乡）")
    wrapped: list[str] = []
    for line in body:
        if line is item:  # the printed page broke the line right after the bracket
            chunks = [item[max(0, cut - 30):cut], item[cut:cut + 30], item[cut + 30:]]
            wrapped += [c for c in chunks if c] if cut <= 30 else [item[:cut - 30], *chunks]
        else:
            wrapped += [line[i:i + 30] for i in range(0, len(line), 30)]
    path = tmp_path / "s003.pdf"
    path.write_bytes(make_pdf([[title + "年度工作安排", *wrapped[:40]], wrapped[40:]]))
    doc = read_document(path)
    assert "持续做好“一镇（乡）一品”建设工程" in doc.text
    assert doc.title == title + "年度工作安排" and doc.text.split("\n")[1].startswith(body[0][:10])
    assert ("Program", "一镇（乡）一品建设工程") in _entities(path)


def test_utf16_without_a_byte_order_mark_markdown_headings_and_a_file_of_two_encodings(tmp_path, seed_paths):
    # the walkthrough with messy input: UTF-16 saved without a BOM was called binary, a Markdown heading
    # (## 一、…) kept its marks and was no section, and a file with one GBK line said only "cannot be decoded"
    text = seed_paths[3].read_text(encoding="utf-8")
    plain = read_document(seed_paths[3])
    for enc in ("utf-16-le", "utf-16-be"):
        (tmp_path / f"{enc}.txt").write_bytes(text.encode(enc))
        doc = read_document(tmp_path / f"{enc}.txt")
        assert doc.encoding == enc and doc.text == plain.text
    heading = next(line for line in text.splitlines() if line.startswith("一、"))
    (tmp_path / "plan.md").write_text(text.replace(heading, "## " + heading), encoding="utf-8")
    md = read_document(tmp_path / "plan.md")
    assert md.text == plain.text
    assert heading[2:] in {s.heading for s in process_file(tmp_path / "plan.md").sections}
    (tmp_path / "mixed.txt").write_bytes(text.encode("utf-8") + "\n附件：名单".encode("gbk"))
    with pytest.raises(LoadError, match=r"not UTF-8 from byte \d+, line \d+"):
        read_document(tmp_path / "mixed.txt")


def _numbered_docx(path: Path, items: list[tuple[int | None, str]]) -> None:
    """A .docx whose paragraphs (level, text) carry Word's automatic numbering, 一、 at level 0 (numFmt
    chineseCounting) and 1. at level 1, counted on across level 0 (lvlRestart 0), as seed 003 numbers its items;
    level ``None`` for a plain paragraph."""
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
    d.save(path)


def test_words_automatic_numbering_is_read_as_the_numbers_it_shows(tmp_path, seed_paths):
    # the walkthrough with messy input: a .docx numbered by Word (the 一、 and 1. not in the text) came out one
    # section, every heading a sentence of the preamble
    lines = _lines(seed_paths[3])
    items: list[tuple[int | None, str]] = [(None, lines[0])]
    for line in lines[1:]:
        m = re.match(r"^([一二三四五六七八九十]+、|\d+\.)(.*)$", line)
        items.append((0 if m.group(1).endswith("、") else 1, m.group(2)) if m else (None, line))
    path = tmp_path / "numbered.docx"
    _numbered_docx(path, items)
    assert sum(level is not None for level, _ in items) >= 5
    doc = read_document(path)
    assert doc.text.split("\n") == [line for line in read_document(seed_paths[3]).text.split("\n") if line.strip()]
    assert [s.heading for s in process_file(path).sections] == [s.heading for s in process_file(seed_paths[3]).sections]


DATA = Path(__file__).parent / "data"


def test_a_word_97_doc_reads_as_the_docx_it_was_saved_from(tmp_path):
    # Chinese offices send many documents as .doc; they were refused with "save it as .docx" (session 50)
    doc, docx_ = read_document(DATA / "gwr2025-吉林.doc"), read_document(DATA / "gwr2025-吉林.docx")
    assert doc.encoding == "doc" and doc.text == docx_.text and len(doc.text) > 10_000
    assert (doc.title, doc.year, doc.place) == (docx_.title, docx_.year, docx_.place) == (docx_.title, 2025, "吉林省")
    assert [s.heading for s in process_file(DATA / "gwr2025-吉林.doc").sections] == [
        s.heading for s in process_file(DATA / "gwr2025-吉林.docx").sections]
    data = (DATA / "gwr2025-吉林.doc").read_bytes()
    # RTF and web pages are what offices and sites name .doc; "give it the .txt extension" loaded their markup
    rtf, page = "{\\rtf1\\ansi 一、总体要求}".encode(), "<!DOCTYPE html><html><body>一、总体要求</body></html>".encode()
    for name, content, reason in (("cut.doc", data[:4096], "the .doc file is corrupt or not a Word 97-2003 document"),
                                  ("rich.doc", rtf, "the file is RTF (Rich Text Format), not a Word 97-2003 document"),
                                  ("rich.txt", rtf, "the file is RTF (Rich Text Format), not text: open it in Word"),
                                  ("page.doc", page, "a web page (HTML), not a Word 97-2003 document: give it the .html"),
                                  ("page.txt", page, "the file is a web page (HTML), not text: give it the .html extension"),
                                  ("plan.doc", (DATA / "gwr2025-吉林.docx").read_bytes(), "give it the .docx extension"),
                                  ("notes.doc", "一、总体要求\n加强党的建设。".encode(), "give it the .txt extension")):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(LoadError, match=re.escape(reason)) as err:
            read_document(tmp_path / name)
        assert name in str(err.value)
    # and a .doc under the name .txt says to give it its extension (it said "save it as .docx")
    (tmp_path / "report.txt").write_bytes(data)
    with pytest.raises(LoadError, match=r"an old Word \.doc .*give it the \.doc extension"):
        read_document(tmp_path / "report.txt")
