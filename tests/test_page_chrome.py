"""A document published as a government web page, printed to PDF from the browser, copied to a text file or saved as
HTML: the site's name, the page's field line under the title (来源：…  发布时间：…  字号：大 中 小  浏览次数：…) and its
buttons under the text (扫一扫在手机打开当前页  打印本页  关闭窗口) are no part of the document.

A researcher's PDF of such a page (session 68) was titled by the lines around its title; the date on the field line
dates a document that states none.
"""

from __future__ import annotations

import pytest
from genre_texts import EXAMPLES, TEXTS

from pdfgen import make_pdf
from policykg.loaders.page_chrome import chrome_line, without_page_chrome
from policykg.loaders.pipeline import build_document_graph
from policykg.loaders.read import read_document

SITE = ["湖南省人民政府门户网站", "首页 > 政务公开 > 政府工作报告"]
FIELDS = "来源：湖南省人民政府  发布时间：2025-01-20  字号：大 中 小  浏览次数：12345"
FOOTER = "扫一扫在手机打开当前页  打印本页  关闭窗口"


def _lines(name: str) -> list[str]:
    return [line.strip() for line in (TEXTS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def _wrapped(lines: list[str], width: int = 30) -> list[str]:
    """The lines as a printed page breaks them, ``width`` characters a line."""
    return [line[i:i + width] for line in lines for i in range(0, len(line), width)]


def _hunan(tmp_path):
    """湖南's 2025 report (its title, then the text under the paper's own 来源：湖南日报 line) as its text file writes
    it, and the lines of the web page publishing it."""
    lines = _lines("gwr2025-湖南.txt")[:30]
    title, body = lines[0], lines[2:]
    (tmp_path / "report.txt").write_text("\n".join([title, *body]), encoding="utf-8")
    return title, body, read_document(tmp_path / "report.txt")


def test_a_report_printed_from_its_web_page_is_titled_and_read_as_its_text(tmp_path):
    # the old reader titled the PDF 湖南省人民政府门户网站 and read the field line, joined to the dateline under it
    # (…浏览次数：123452025年1月14日在湖南省第十四届人民代表大会…), and the buttons as the text's last line
    title, body, report = _hunan(tmp_path)
    printed = [*SITE, title, FIELDS, *_wrapped(body), FOOTER]
    path = tmp_path / "hunan.pdf"
    path.write_bytes(make_pdf([printed[:45], printed[45:]]))
    doc = read_document(path)
    assert (doc.title, doc.year, doc.place, doc.level) == (title, 2025, "湖南省", "省")
    # every character the text file holds, in order (a printed line that ends a sentence at the page's width ends a
    # paragraph of the PDF's), and its opening lines as they stand
    assert doc.text.replace("\n", "") == report.text.replace("\n", "")
    assert doc.text.split("\n")[:4] == report.text.split("\n")[:4]
    # the page copied from the browser into a text file, a paragraph a line
    (tmp_path / "hunan.txt").write_text("\n".join([*SITE, title, FIELDS, *body, FOOTER]), encoding="utf-8")
    assert read_document(tmp_path / "hunan.txt").text == report.text


def test_a_browsers_date_and_address_lines_at_each_pages_edge_are_no_part_of_the_text(tmp_path):
    # Chromium prints the date and the page's <title> at each page's head and the page's address and number at its
    # foot; pypdf read them first or last on the page, and the old reader joined them to the sentence the break cut
    # (…洞庭湖区重点垸一期、金12/7/26, 2:51 PM 2025年湖南省政府工作报告_湖南省人民政府门户网站 / ﬁle:///… 1/5 / 塘冲水库…)
    title, body, report = _hunan(tmp_path)
    printed = _wrapped([title, *body])
    cut = next(k for k, line in enumerate(printed) if k > 20 and len(line) == 30 and line[-1] not in "。：；")
    running = f"{title}_湖南省人民政府门户网站"
    pages = [[f"2025/1/20 下午2:51 {running}", *printed[:cut + 1], "https://www.hunan.gov.cn/hnszf/zfgzbg/index.html 1/2"],
             [*printed[cut + 1:], f"12/7/26, 2:51 PM {running}", "\ufb01le:///C:/Users/researcher/Downloads/hunan.html 2/2"]]
    path = tmp_path / "hunan.pdf"
    path.write_bytes(make_pdf(pages))
    doc = read_document(path)
    assert doc.title == title and printed[cut] + printed[cut + 1] in doc.text
    assert doc.text.replace("\n", "") == report.text.replace("\n", "")


@pytest.mark.parametrize(("counts", "date"), [
    (("1 of 2", "2 of 2"), "1/20/25, 2:51 PM"),  # Firefox in English: print.print_footerleft &PT, footerright &D
    (("第1页 共2页", "第2页 共2页"), "2025/1/20 14:51"),  # in Chinese (zh-CN's pageofpages)
    (("Page 1 of 2", "第 2 页，共 2 页"), "2025/1/20 下午2:51"),
])
def test_firefoxs_title_address_number_and_date_at_each_pages_foot_are_no_part_of_the_text(tmp_path, counts, date):
    # Firefox prints the page's <title> and address at each page's head and its number of the count and the date at its
    # foot, after the page's text: pypdf reads them as the page's last two lines, a line each for the two strings on a
    # baseline, and the old reader kept them, the sentence the break cut joined to neither half (…金 / 2025年湖南省…
    # https://… / 1 of 2 1/20/25, 2:51 PM / 塘冲水库…)
    title, body, report = _hunan(tmp_path)
    printed = _wrapped([title, *body])
    cut = next(k for k, line in enumerate(printed) if k > 20 and len(line) == 30 and line[-1] not in "。：；")
    head = f"{title}_湖南省人民政府门户网站 https://www.hunan.gov.cn/hnszf/zfgzbg/202501/t20250120_1.html"
    pages = [[*printed[:cut + 1], head, f"{counts[0]} {date}"], [*printed[cut + 1:], head, f"{counts[1]} {date}"]]
    path = tmp_path / "hunan.pdf"
    path.write_bytes(make_pdf(pages))
    doc = read_document(path)
    assert doc.title == title and printed[cut] + printed[cut + 1] in doc.text
    assert doc.text.replace("\n", "") == report.text.replace("\n", "")


def _hunan_page(title: str, body: list[str]) -> str:
    """湖南's report as its government's site sets it: the site's name, the title, the field line, the paragraphs in a
    ``<div class="TRS_Editor">`` and the buttons."""
    paragraphs = "".join(f"<p>{line}</p>" for line in body)
    return (f'<html><head><title>{title}_湖南省人民政府门户网站</title></head><body><div class="top">{SITE[0]}</div>'
            f'<h1>{title}</h1><div class="info">{FIELDS}</div><div class="TRS_Editor">{paragraphs}</div>'
            f'<div class="tools">{FOOTER}</div></body></html>')


def test_a_report_saved_as_its_web_page_reads_as_printed(tmp_path):
    # trafilatura left the field line out but kept the site's name under the title and the buttons under the text; its
    # recovery of the paragraphs kept one element of each text, and lost the second 各位代表！ (the address before
    # 这些成绩的取得…), which ran into the paragraph before it
    title, body, report = _hunan(tmp_path)
    assert body.count("各位代表！") == 2
    (tmp_path / "hunan.html").write_text(_hunan_page(title, body), encoding="utf-8")
    doc = read_document(tmp_path / "hunan.html")
    assert doc.title == title and doc.text == report.text


def test_a_heading_a_web_page_sets_twice_stays_where_it_stands(tmp_path):
    # the plan for the party's rules of 2023-2027 heads its third and fourth parts alike (三、坚持以完善党的组织法规制度…);
    # trafilatura's recovery kept one element of each text, the fourth part lost its heading and ran into the third
    lines = _lines("zhongyang_dangnei_fagui_zhiding_guihua_2023_2027.txt")
    heading = next(line for line in lines if line.startswith("三、"))
    assert lines.count(heading) == 2
    (tmp_path / "plan.html").write_text(_hunan_page(lines[0], lines[1:]), "utf-8")
    doc = read_document(tmp_path / "plan.html")
    assert doc.title == lines[0] and doc.text.split("\n") == lines


def test_a_web_pages_title_visible_text_and_date_come_from_one_soup(tmp_path, monkeypatch):
    # the page was parsed by trafilatura, by BeautifulSoup for its title and, when trafilatura left the field line out,
    # by BeautifulSoup again for its date; now lxml's once for trafilatura (its fromstring parses a document with
    # document_fromstring) and BeautifulSoup's once for the title, the visible text and the date
    import bs4
    import lxml.html

    parses = []

    def counted(parse):
        def parsed(*args, **kwargs):
            parses.append(parse.__name__)
            return parse(*args, **kwargs)
        return parsed

    monkeypatch.setattr(lxml.html, "document_fromstring", counted(lxml.html.document_fromstring))
    class CountedSoup(bs4.BeautifulSoup):  # a subclass: bs4 checks isinstance against the name it exports
        def __init__(self, *args, **kwargs):
            parses.append("BeautifulSoup")
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(bs4, "BeautifulSoup", CountedSoup)
    # seed 001, an account of work whose text states no year: the page's date, on a line trafilatura leaves out, dates it
    lines = [line.strip() for line in (EXAMPLES / "001_b67b329c3470edd9.txt").read_text("utf-8").splitlines()
             if line.strip()]
    (tmp_path / "seed.html").write_text(_hunan_page(lines[0], lines[1:]).replace("2025-01-20", "2023-06-12"), "utf-8")
    doc = read_document(tmp_path / "seed.html")
    assert (doc.title, doc.year) == (lines[0], 2023) and doc.text.split("\n")[1:] == lines[1:]
    assert sorted(parses) == ["BeautifulSoup", "document_fromstring"]


def test_a_title_filling_the_printed_line_is_not_joined_to_the_pages_fields(tmp_path):
    # the opinion of 2026 on the old revolutionary base areas as gov.cn sets it: its title (28 characters) fills a printed
    # line of 30, and had taken the field line into it, 中共中央办公厅国务院办公厅关于加快革命老区振兴发展的意见来源：新华社…
    lines = _lines("zhongban_geming_laoqu_zhenxing_yijian_2026.txt")[:12]
    fields = "来源：新华社  发布时间：2026-03-04 18:30  【字体：默认 大 超大】  打印  分享到："
    path = tmp_path / "laoqu.pdf"
    path.write_bytes(make_pdf([[lines[0], fields, *_wrapped(lines[1:])]]))
    (tmp_path / "laoqu.txt").write_text("\n".join(lines), encoding="utf-8")
    doc, text = read_document(path), read_document(tmp_path / "laoqu.txt")
    assert doc.title == "中共中央办公厅国务院办公厅关于加快革命老区振兴发展的意见"  # a PDF's space between Chinese goes
    rest, written = doc.text.split("\n", 1)[1], text.text.split("\n", 1)[1]
    assert rest.split("\n")[:2] == written.split("\n")[:2] and rest.replace("\n", "") == written.replace("\n", "")


def test_the_pages_date_dates_a_document_that_states_none(tmp_path):
    # seed 001, an account of work with no year in its text: the page's 发布日期 gives it one; a document that states
    # its year keeps it (湖南's report of 2025 on a page dated 2026)
    lines = [line.strip() for line in (EXAMPLES / "001_b67b329c3470edd9.txt").read_text("utf-8").splitlines() if line]
    (tmp_path / "seed.txt").write_text("\n".join(lines), encoding="utf-8")
    assert read_document(tmp_path / "seed.txt").year is None
    page = [lines[0], "发布时间：2023-06-12  信息来源：市委组织部  阅读次数：356", *lines[1:], "【打印本页】【关闭窗口】"]
    (tmp_path / "page.txt").write_text("\n".join(page), encoding="utf-8")
    doc = read_document(tmp_path / "page.txt")
    assert doc.year == 2023 and doc.text == read_document(tmp_path / "seed.txt").text
    title, body, _ = _hunan(tmp_path)
    (tmp_path / "hunan.txt").write_text("\n".join([title, FIELDS.replace("2025-01-20", "2026-02-01"), *body]), "utf-8")
    assert read_document(tmp_path / "hunan.txt").year == 2025


def test_the_pages_date_is_the_year_extraction_reads_too(tmp_path):
    # a district's speech on a page dated 2025 that states no year: the document was stored of 2025, but extraction read
    # the year again from the text alone and found none, so the paragraph opened by 2024年 was no review of past work
    # and its figures were read as targets (guide rule 9)
    lines = ["全区组织工作会议上的讲话", "同志们：",
             "这次会议的主要任务是，深入学习贯彻党的二十大和二十届三中全会精神，总结过去一年的组织工作，分析当前面临的形势，"
             "部署今年的重点任务。刚才，几位同志作了交流发言，讲得都很好，请大家认真学习借鉴。下面，我讲三点意见。",
             "2024年，全区组织工作取得新成效，新建党群服务中心12个，培训基层党员干部3000人次。"]
    (tmp_path / "speech.txt").write_text("\n".join(lines), "utf-8")
    (tmp_path / "page.txt").write_text("\n".join([lines[0], "发布时间：2025-02-10  信息来源：区委组织部  浏览次数：356",
                                                  *lines[1:]]), "utf-8")
    speech, page = read_document(tmp_path / "speech.txt"), read_document(tmp_path / "page.txt")
    assert (speech.year, page.year) == (None, 2025) and speech.text == page.text

    def goals(doc):
        return sorted(e.name for e in build_document_graph(doc).entities if e.label == "Goal")

    assert goals(speech) == ["培训基层党员干部3000人次", "新建党群服务中心12个"]  # of no known year, nothing reviews
    assert goals(page) == []


@pytest.mark.parametrize(("line", "kind"), [
    (FIELDS, "page"),
    ("来源：湖南省人民政府发布时间：2025-01-20  字号：大中小浏览次数：12345", "page"),  # as a PDF's text layer reads it
    ("发布日期：2024-05-20  信息来源：省发展改革委", "page"),
    ("作者：张华  来源：人民日报  阅读次数：1024", "page"),
    ("2025-03-12 18:30  来源：新华社  【字体：大 中 小】  打印", "page"),
    ("扫一扫在手机打开当前页", "page"),
    ("打印本页 | 关闭窗口", "page"),
    ("分享到：", "page"),
    ("【打印文章】【关闭窗口】", "page"),
    ("【收藏】【打印】【关闭】", "page"),
    ("时间：2025-01-20  来源：湖南省发展和改革委员会  浏览：1024", "page"),
    ("来源：湖南日报", "source"),  # under the title of 湖南's report in its .docx and .txt: the document's own line
    ("来源 : 南方日报", "source"),
    ("打印", None),
    ("资金来源：省级财政专项资金", None),
    ("2025年1月17日", None),
    ("来源：湖南日报。各位代表：", None),
])
def test_the_lines_a_page_sets_are_told_from_the_documents(line, kind):
    assert chrome_line(line) == kind


def test_no_report_of_2025_loses_a_line():
    # 29 of the 30 reports of 2025 name the paper they were taken from under their title (来源：湖南日报): kept
    names = sorted(path.name for path in TEXTS.glob("gwr2025-*.txt"))
    kept = [name for name in names if without_page_chrome(text := (TEXTS / name).read_text("utf-8"))[0] is text]
    assert kept == names and "来源：湖南日报" in read_document(TEXTS / "gwr2025-湖南.txt").text
