"""Real-world files in other formats than plain text: web pages (HTML), Word (.docx, .doc, automatic numbering) and
PDF (a text layer, printed page numbers, broken lines), and files of one format saved under another's extension."""

from __future__ import annotations

import logging
import re
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from format_files import entities_of, numbered_docx
from genre_texts import TEXTS

from pdfgen import make_pdf
from policykg.errors import LoadError
from policykg.loaders.outline import PAGE_NUMBER
from policykg.loaders.pipeline import process_file
from policykg.loaders.read import read_document


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
    assert entities_of(path) >= entities_of(seed_paths[1])


def test_a_government_pages_footer_and_menus_are_no_part_of_the_document(tmp_path):
    # a report published as a page: menus and the site's footer in <div>s; the footer's host unit (主办单位：…) was
    # read as the lead unit of the last item's programs
    lines = (TEXTS / "gwr2025-甘肃.txt").read_text(encoding="utf-8").splitlines()
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
    lines = [line for line in (TEXTS / "gwr2025-甘肃.txt").read_text(encoding="utf-8").splitlines() if line]
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
    assert entities_of(path) >= entities_of(seed_paths[2])


def _word_file(text_path: Path, out: Path) -> Path:
    """A .docx of the lines of a text file, a paragraph each."""
    d = docx.Document()
    for line in _lines(text_path):
        d.add_paragraph(line)
    d.save(out)
    return out


def test_a_document_saved_under_the_txt_extension_is_named_for_what_it_is(tmp_path, seed_paths):
    # a walkthrough (session 44): a .docx renamed .txt was "binary, not text", which says nothing of the remedy
    _word_file(seed_paths[2], tmp_path / "plan.docx")
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


def test_a_file_named_as_a_web_page_that_is_no_text_is_refused(tmp_path, seed_paths):
    # a walkthrough (session 57): a .docx, a PDF and a PNG named .html were loaded as documents of binary junk
    (tmp_path / "plan.html").write_bytes(_word_file(seed_paths[2], tmp_path / "plan.docx").read_bytes())
    (tmp_path / "scan.htm").write_bytes(make_pdf([_lines(seed_paths[1])[:3]]))
    (tmp_path / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    for name, remedy in (("plan.html", "a zip archive, not a web page (a Word .docx under another name?)"),
                         ("scan.htm", "a PDF, not a web page: give it the .pdf extension"),
                         ("logo.html", "the file is binary, not a web page")):
        with pytest.raises(LoadError) as err:
            read_document(tmp_path / name)
        assert name in str(err.value) and remedy in err.value.reason, err.value.reason
    page = "<html><head><meta charset='gbk'><title>通知</title></head><body><p>" + "".join(_lines(seed_paths[2])[:5])
    (tmp_path / "gbk.html").write_bytes((page + "</p></body></html>").encode("gbk"))
    assert "组织" in read_document(tmp_path / "gbk.html").text  # a page in the mainland's other encoding still reads


def test_a_web_page_is_decoded_once_by_the_detection_a_text_file_gets(tmp_path, monkeypatch):
    # a review (session 61): the page's bytes were decoded to see they were text, the text thrown away, and the bytes
    # decoded again by trafilatura and by BeautifulSoup; now neither parser is given bytes, and the page reads as
    # before: 甘肃's 2025 report as a GBK page with its <meta charset>, its title from its <h1>
    import bs4
    import trafilatura.utils

    lines = [line for line in (TEXTS / "gwr2025-甘肃.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    page = (f'<html><head><meta charset="gbk"><title>{lines[0]}</title></head><body><h1>{lines[0]}</h1>'
            f'<div class="TRS_Editor">{"".join(f"<p>{line}</p>" for line in lines[1:])}</div></body></html>')
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    decode_file, soup = trafilatura.utils.decode_file, bs4.BeautifulSoup

    def text_only(content, *args, **kwargs):
        assert isinstance(content, str), "the page's bytes decoded again"
        return decode_file(content, *args, **kwargs)

    class TextSoup(soup):
        def __init__(self, markup="", *args, **kwargs):
            assert isinstance(markup, str), "the page's bytes decoded again"
            super().__init__(markup, *args, **kwargs)

    monkeypatch.setattr(trafilatura.utils, "decode_file", text_only)
    monkeypatch.setattr(bs4, "BeautifulSoup", TextSoup)
    doc = read_document(path)
    assert doc.title == lines[0] == "2025年甘肃省政府工作报告" and doc.text.count(lines[0]) == 1
    assert all(line.strip().replace(" ", "") in doc.text for line in lines[1:])


def test_pdf_text_layer_is_read_and_broken_lines_joined(tmp_path, seed_paths):
    lines = _lines(seed_paths[1])[:12]
    wrapped = [chunk for line in lines for chunk in (line[i:i + 30] for i in range(0, len(line), 30))]
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([wrapped[: len(wrapped) // 2], wrapped[len(wrapped) // 2:]]))
    doc = read_document(path)
    assert doc.encoding == "pdf"
    assert "开展“红色物业”创建" in doc.text
    assert ("Program", "红色物业") in entities_of(path)
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
    assert ("Program", "一镇（乡）一品建设工程") in entities_of(path)


def test_a_pdfs_spaces_around_quotation_marks_are_layout_not_text(tmp_path):
    # gwr2025-湖南 printed to PDF from Chromium (a walkthrough, session 67): the text layer read 关键产品 “ 揭榜挂帅 ”
    # 和产业链 and 动态编制 “ 4×4 ” 现代化产业体系, spaces a sentence search for “揭榜挂帅” missed and the tagger read
    sentence = next(s for s in (TEXTS / "gwr2025-湖南.txt").read_text(encoding="utf-8").split("。") if "“揭榜挂帅”和产业链" in s)
    spaced = re.sub(r"([“”])", r" \1 ", sentence) + "。"
    path = tmp_path / "hunan.pdf"
    path.write_bytes(make_pdf([[spaced[i:i + 30] for i in range(0, len(spaced), 30)]]))
    assert sentence + "。" in read_document(path).text
    (tmp_path / "hunan.txt").write_text(sentence + "。", "utf-8")
    assert entities_of(path) == entities_of(tmp_path / "hunan.txt")
    # Latin text keeps the spaces between its words and around its quotation marks, not inside them
    (tmp_path / "mixed.html").write_text("<p>实施 “ 揭榜挂帅 ” 机制，即 the “ open competition ” mechanism。</p>", "utf-8")
    text = read_document(tmp_path / "mixed.html").text
    assert "实施“揭榜挂帅”机制" in text and "the “open competition” mechanism" in text


def test_a_pdfs_space_between_a_per_cent_sign_and_a_chinese_mark_is_layout_not_text(tmp_path):
    # gwr2025-湖南 printed to PDF from Chromium: the text layer read 增长4.6% 、追平全国 and 增长2.6% 、高于全国, the
    # space after each figure's % kept where the one after a Chinese mark goes; Latin text keeps its 5 % of
    paragraph = next(line for line in (TEXTS / "gwr2025-湖南.txt").read_text(encoding="utf-8").splitlines()
                     if "增长4.6%、追平全国" in line)
    spaced = paragraph.replace("%、", "% 、")
    assert spaced.count("% 、") == 6
    path = tmp_path / "hunan.pdf"
    path.write_bytes(make_pdf([[spaced[i:i + 30] for i in range(0, len(spaced), 30)]]))
    assert read_document(path).text == paragraph
    (tmp_path / "hunan.txt").write_text(paragraph, "utf-8")
    assert entities_of(path) == entities_of(tmp_path / "hunan.txt")
    (tmp_path / "mixed.txt").write_text("全年增长5%。The share rose by 5 % of GDP, to 5% , then 6%.", "utf-8")
    assert read_document(tmp_path / "mixed.txt").text == "全年增长5%。The share rose by 5 % of GDP, to 5% , then 6%."


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


def test_a_word_document_missing_a_part_or_cut_short_names_what_is_wrong(tmp_path):
    # a walkthrough (session 55): a .docx without [Content_Types].xml was said to hold no word/document.xml, and one
    # whose word/document.xml was cut in half printed lxml's traceback before its one-line failure
    import docx

    whole = tmp_path / "whole.docx"
    d = docx.Document()
    d.add_paragraph("一、加强基层党组织建设。深化“五星”支部创建。")
    d.save(whole)
    assert "五星" in read_document(whole).text
    with zipfile.ZipFile(whole) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    for name, keep in (("no-types.docx", lambda n, b: None if n == "[Content_Types].xml" else b),
                       ("cut.docx", lambda n, b: b[: len(b) // 2] if n == "word/document.xml" else b)):
        with zipfile.ZipFile(tmp_path / name, "w") as z:
            for part, data in parts.items():
                if (data := keep(part, data)) is not None:
                    z.writestr(part, data)
    with pytest.raises(LoadError, match=r"no-types\.docx.*holds no \[Content_Types\]\.xml"):
        read_document(tmp_path / "no-types.docx")
    with pytest.raises(LoadError, match=r"cut\.docx.*corrupt: a part of it is not well-formed XML") as err:
        read_document(tmp_path / "cut.docx")
    assert "XMLSyntaxError" not in str(err.value)


def test_a_text_file_named_pdf_is_refused_without_pypdfs_own_warnings(tmp_path, seed_paths, caplog):
    # pypdf's "invalid pdf header" and "EOF marker not found" printed into the load's progress bar before
    path = tmp_path / "fake.pdf"
    path.write_text(seed_paths[0].read_text("utf-8"), "utf-8")
    with caplog.at_level(logging.WARNING), pytest.raises(LoadError, match=r"fake\.pdf.*plain text, not a PDF"):
        read_document(path)
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]


def test_words_automatic_numbering_is_read_as_the_numbers_it_shows(tmp_path, seed_paths):
    # the walkthrough with messy input: a .docx numbered by Word (the 一、 and 1. not in the text) came out one
    # section, every heading a sentence of the preamble
    lines = _lines(seed_paths[3])
    items: list[tuple[int | None, str]] = [(None, lines[0])]
    for line in lines[1:]:
        m = re.match(r"^([一二三四五六七八九十]+、|\d+\.)(.*)$", line)
        items.append((0 if m.group(1).endswith("、") else 1, m.group(2)) if m else (None, line))
    path = tmp_path / "numbered.docx"
    numbered_docx(items).save(path)
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
