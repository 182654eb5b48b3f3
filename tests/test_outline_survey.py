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


def test_the_notes_to_marks_set_in_the_text_head_no_section():
    # gwr-1956 (corpus/gwr), its first part and its close as they stand: the notes to the characters the digitised text
    # marks ＠① and ＠② had each been a section of level 1, the second one holding nothing
    text = ("各位代表：\n一、１９５５年国家决算\n１９５５年…硫酸增长９％，烧碱增长１８％，硫＠①增长９％，机车增长８８％。\n"
            "二、１９５６年的国家预算\n…合金无缝钢管、ｘī＠②铜片、联合收割机。\n"
            "各位代表！１９５６年国家预算关系到我国建设事业和人民生活的各个方面。\n字库未存字注释：\n＠①原字石右加安\n＠②原字钅右加夕\n")
    secs = outline("Document:gwr-1956", text, None)
    assert [s.heading for s in secs] == ["（导语）", "１９５５年国家决算", "１９５６年的国家预算", "（结语）"]
    assert text[secs[-1].start:secs[-1].end].rstrip().endswith("＠②原字钅右加夕")


def test_an_item_numbered_with_a_circled_number_set_nowhere_before_still_heads_its_section():
    # cpc-congress-1-guangzhou (corpus/gwr): ① opens an item, not a note, when no word above it carries the mark
    text = "3．成立工人学校\n①工会学校\n成立这类学校的计划是：每周到学校来两三次。\n②工人夜校\n目前，只有一所学校。\n"
    assert [s.heading for s in outline("Document:x", text, None)][2:] == ["①工会学校", "②工人夜校"]


def test_an_address_closed_by_a_half_width_exclamation_mark_heads_no_section():
    # gwr-2002 (corpus/gwr), its close as it stands: 各位代表! had headed a section of its own, at the offset of （结语）
    # and holding the whole close
    text = ("八、进一步做好外交工作\n在新的一年，我们要继续奉行独立自主的和平外交政策。\n结束语\n各位代表!\n"
            "今年政府工作的任务相当繁重，我们肩负的责任重大而光荣。\n")
    secs = outline("Document:gwr-2002", text, None)
    assert [s.heading for s in secs] == ["（导语）", "进一步做好外交工作", "结束语"]


def test_the_heading_a_report_titles_its_close_with_heads_the_close():
    # gwr-1983 (corpus/gwr; 17 national reports, gwr-1982 to gwr-2002, so title their close): 结束语 had been read as a
    # sentence of the last part, too short for a heading, and （结语） inserted at 各位代表！ under it
    text = ("四、关于外交工作\n我国对外政策的根本原则已经载入了新宪法。\n结束语\n各位代表！\n"
            "国家的统一，全国各族人民的团结，是我们的祖国走向繁荣富强的根本保证。\n")
    secs = outline("Document:gwr-1983", text, None)
    assert [(s.heading, s.level) for s in secs] == [("（导语）", 0), ("关于外交工作", 1), ("结束语", 1)]
    assert text[secs[1].start:secs[1].end].rstrip().endswith("载入了新宪法。")
    assert text[secs[2].start:].startswith("结束语\n各位代表！")
    # a name as short, over a speech, heads nothing
    assert [s.heading for s in outline("Document:x", "习近平\n同志们：\n现在，我代表…作报告。\n", None)] == ["（导语）"]


def test_a_list_numbered_as_the_parts_inside_a_part_stays_in_it():
    # gwr-1955 (corpus/gwr), abridged: under 三、 and （一）, two lists numbered 一、 to 四、 had each been parts of level 1,
    # and （二） a section under the second list's last item
    text = ("三、第一個五年計劃的若幹問題\n（一）关于工业和运输业的基本建设问题\n"
            "我们国家的财力是不是有可能来适应这样的建设规模呢？\n"
            "一、我国人民已经推翻了帝国主义者在中国的统治，这样就提供了我国建设的一个重要积累来源。\n"
            "二、我国人民推翻了封建主义，农民用劳动的所得改善了自己的生活。\n"
            "所有这些都证明：我国并不是没有建设资金。\n第六，保证工程的质量问题。\n"
            "一、提高设计工作，力求避免在设计中造成差错；\n二、加强施工的技术指导，鼓励合理化建议；\n"
            "三、各有关方面必须认真地协同地工作，并及时地供应；\n四、国家机关和基本建设主管部门经常对工程的质量进行切实的检查。\n"
            "（二）关于工业的生产问题\n四、为完成和超额完成第一个五年计划而奋斗\n")
    secs = outline("Document:gwr-1955", text, None)
    by_id = {s.id: s for s in secs}
    assert [(s.number, s.level) for s in secs[1:]] == [
        ("三", 1), ("（一）", 2), ("一", 3), ("二", 3), ("一", 3), ("二", 3), ("三", 3), ("四", 3), ("（二）", 2), ("四", 1)]
    assert {by_id[s.parent_id].number for s in secs if s.level == 3} == {"（一）"}
    # gwr-1981 (corpus/gwr), abridged: the aims 一、 to 三、 inside the part 四、, a heading alone on its line, then 五、
    text = ("四、有重点有步骤地进行技术改造，充分发挥现有企业的作用\n对现有企业进行技术改造，要根据我国的国情，走自己的路。\n"
            "一、节约能源，节约原材料，降低消耗，降低生产成本；\n二、改革产品结构，使产品升级换代，满足国内外市场的需要；\n"
            "三、合理地利用资源，提高综合利用水平。\n为了有效地推进技术改造，要把基本建设和技术改造统一规划。\n"
            "五、分批进行企业的全面整顿和必要改组\n")
    assert [(s.number, s.level) for s in outline("Document:gwr-1981", text, None)[1:]] == [
        ("四", 1), ("一", 2), ("二", 2), ("三", 2), ("五", 1)]


def test_an_item_whose_title_opens_with_a_digit_is_read_by_its_lists_count():
    # gwr2025-四川's glossary: 8.6个重大科技专项 after 7.“两新”… had been read as a decimal, the entry run into 7.
    _text, secs = _read("gwr2025-四川.txt")
    entry = next(s for s in secs if s.number == "8" and s.heading.startswith("6个重大科技专项"))
    assert [s.number for s in secs if s.parent_id == entry.parent_id][6:9] == ["7", "8", "9"]
    # guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012: 11.121人才梯队项目 between 10. and 12.
    _text, secs = _read("guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012.txt")
    assert ("11", "121人才梯队项目。") in [(s.number, s.heading) for s in secs]
    # a decimal that does not count on the last item stays a sentence's number
    assert [s.number for s in outline("Document:x", "1.加强领导。\n5.5万人参加培训。\n", None)] == ["", "1"]


def test_the_parts_under_a_heading_with_no_number_stand_under_it():
    # gwr2025-云南: the annex 2025年10件惠民实事 and its items 一、 to 十、, which had been parts of level 1 beside it, the
    # annex's heading a section holding nothing
    _text, secs = _read("gwr2025-云南.txt")
    annex = next(s for s in secs if s.heading == "2025年10件惠民实事")
    items = [s for s in secs if s.parent_id == annex.id]
    assert [s.number for s in items] == ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
    assert {s.level for s in items} == {2} and items[0].heading == "稳定和扩大就业"
    # gwr-1984 (corpus/gwr), abridged: 关于国内建设 and 关于外交工作, each over its parts 一、 二、
    text = ("各位代表：\n我代表国务院向大会作政府工作报告，请予审议。\n关于国内建设\n"
            "根据一九八三年六月第六届全国人民代表大会第一次会议的决议，各级政府和全国各族人民一道，进行了不懈的努力。\n"
            "一、认真地有步骤地改革城市经济中普遍存在的吃“大锅饭”的弊端，更好地调动企业和职工的积极性\n"
            "当前城市经济体制改革的中心课题，是要做到企业不吃国家的“大锅饭”，职工不吃企业的“大锅饭”。\n"
            "二、改革建筑业和基本建设的管理体制，大力提高投资效益\n建筑业的经济效益如何，对整个国民经济关系极大。\n关于外交工作\n"
            "一、维护世界和平是我国对外政策的主要目标，我们要坚持不懈地为缓和国际紧张局势而努力。\n")
    secs = outline("Document:gwr-1984", text, None)
    assert [(s.heading[:6], s.level) for s in secs[1:]] == [
        ("关于国内建设", 1), ("认真地有步骤", 2), ("改革建筑业和", 2), ("关于外交工作", 1), ("维护世界和平", 2)]


def test_the_parts_of_an_instrument_a_notice_issues_keep_their_levels():
    # beijing_shuju_zhuanqu_jianshe_zhidao_yijian_2022: the notice, then the title of the opinion it issues over the
    # opinion's parts: another document's text begins, its 一、 of level 1
    _text, secs = _read("beijing_shuju_zhuanqu_jianshe_zhidao_yijian_2022.txt")
    title = next(s for s in secs if s.heading == "关于推进北京市数据专区建设的指导意见")
    first = secs[secs.index(title) + 1]
    assert (first.number, first.heading, first.level, first.parent_id) == ("一", "总体要求", 1, None)


def test_a_parts_number_alone_on_its_line_opens_a_part():
    # xi_jinping_dang_de_lingdao_jianghua_zhaibian_2019: 18 excerpts numbered 一 to 十八, each closed by its speech's
    # date in brackets; the numbers had been read as no heading, all 18 excerpts one section
    text, secs = _read("xi_jinping_dang_de_lingdao_jianghua_zhaibian_2019.txt")
    parts = [s for s in secs if s.number and not s.number.startswith("（")]
    assert len(parts) == 18 and parts[0].number == "一" and parts[-1].number == "十八"
    assert {s.heading for s in parts} == {""} and len({s.parent_id for s in parts}) == 1
    first = text[parts[0].start:parts[1].start]
    assert first.startswith("一\n") and first.rstrip().endswith("（2013年12月10日在中央经济工作会议上的讲话）")
    # the Section node of such a part is named by its number, with no space after it ("一 ")
    from policykg.graph.schema import to_property_graph
    from policykg.loaders.pipeline import build_document_graph

    doc = read_document(TEXTS / "xi_jinping_dang_de_lingdao_jianghua_zhaibian_2019.txt")
    names = [n.props["name"] for n in to_property_graph(build_document_graph(doc)).nodes if n.label == "Section"]
    assert "一" in names and "十八" in names and all(name == name.strip() for name in names)
    # gwr-1960 (corpus/gwr), abridged: part 四 opens with the report's last address, which stays its text
    text = ("各位代表：\n我受中共中央和国务院的委托，向大会作关于全国农业发展纲要的说明。\n一\n"
            "一九五六年到一九六七年全国农业发展纲要，是中共中央政治局提出的。\n四\n"
            "各位代表，全国农业发展纲要草案，反映了我国农村在社会主义的道路上向前发展的过程。\n")
    assert [(s.number, s.heading, s.level) for s in outline("Document:gwr-1960", text, None)] == [
        ("", "（导语）", 0), ("一", "", 1), ("四", "", 1)]
