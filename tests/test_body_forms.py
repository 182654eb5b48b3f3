"""Bodies read from the forms of official writing: the addressee line of a notice (主送机关), which names Bodies
whatever the tagger makes of it, categories of organisations counted in a target, the organs issuing a cited
title (发文机关) and the centre's enterprises."""

from __future__ import annotations

from pathlib import Path

from policykg.graph.records import SourceDocument
from policykg.loaders.opening import addressed
from policykg.loaders.pipeline import bodies_after_tagging, build_document_graph, document_sentences
from policykg.loaders.rules.body_forms import addressees, counted_bodies, title_issuers, unit_line_bodies
from policykg.loaders.rules.common import Candidate
from policykg.loaders.rules.members import counted_members

TEXTS = Path(__file__).resolve().parent.parent / "loaders" / "training" / "texts"


def _lines(stem: str) -> list[str]:
    return (TEXTS / f"{stem}.txt").read_text(encoding="utf-8").splitlines()


def test_each_organ_of_an_addressee_line_is_a_body():
    # 阿坝州人民政府办公室关于印发…的通知, line 3: the place between the organs (卧龙特别行政区) is none
    line = _lines("aba_zhengwu_shuju_2021")[2]
    assert [c.name for c in addressees(line)] == ["县（市）人民政府", "州级各部门", "有关单位"]
    # 包头: 各旗、县、区人民政府 is the government of every level listed, one Body; 单位 alone is no name
    line = _lines("baotou_shuzi_zhengfu_kaoping_2022")[2]
    found = addressees(line)
    assert [c.name for c in found] == ["旗、县、区人民政府", "稀土高新区管委会", "市直有关部门"]
    assert all(line[c.start:c.end].lstrip("各") == c.name for c in found)


def test_a_salutation_and_a_title_are_no_addressee_line():
    assert addressees(next(x for x in _lines("gwr2025-天津") if x.startswith("各位代表"))) == []
    assert addressees(_lines("baotou_shuzi_zhengfu_kaoping_2022")[0]) == []


def _views_and_goal(text: str, stem: str):
    views = list(document_sentences(text, stem))
    k = next(i for i, v in enumerate(views) if v.matching.rstrip().endswith("："))
    line = views[k].matching
    # what a tagger fitted without such lines did (4-fold): the list of organs read as one Goal
    goal = Candidate("Goal", line.index("稀土"), line.rindex("部门") + 2, "稀土高新区管委会，市直有关部门", rule="model")
    candidates = [list(v.rules) for v in views]
    candidates[k] = [goal]
    return views, candidates, k


def test_the_opening_addressee_line_replaces_what_the_tagger_made_of_it():
    lines = _lines("baotou_shuzi_zhengfu_kaoping_2022")
    views, candidates, k = _views_and_goal("\n".join(lines[:4]), "baotou")
    addressed(views, candidates)
    assert [(c.label, c.name) for c in candidates[k]] == [
        ("Body", "旗、县、区人民政府"), ("Body", "稀土高新区管委会"), ("Body", "市直有关部门")]


def test_a_line_after_the_first_sentence_is_not_read_as_addressees():
    lines = _lines("baotou_shuzi_zhengfu_kaoping_2022")
    views, candidates, k = _views_and_goal("\n".join([lines[3], lines[2]]), "baotou")
    addressed(views, candidates)
    assert [c.label for c in candidates[k]] == ["Goal"]


# ---- categories of organisations counted in a target (guide rules 5, 9, 11) ----

def _sentence(stem: str, needle: str) -> str:
    line = next(x for x in _lines(stem) if needle in x)
    return next(s + "。" for s in line.split("。") if needle in s)


def _counted(sentence: str, clause: str) -> list[str]:
    start = sentence.index(clause)
    goal = Candidate("Goal", start, start + len(clause), clause, rule="model")
    return [c.name for c in counted_bodies(sentence, [goal]) if c.label == "Body"]


def test_a_category_counted_in_a_target_is_a_body_nested_in_the_goal():
    sentence = _sentence("gwr2025-浙江", "新增服务业领军企业200家左右")
    assert _counted(sentence, "新增服务业领军企业200家左右") == ["服务业领军企业"]
    # after the count, and one per clause of the Goal
    sentence = _sentence("gwr2025-浙江", "310支专职消防队")
    assert _counted(sentence, "提质升级700个乡镇（街道）应急消防管理站、310支专职消防队") == ["专职消防队"]


def test_a_count_before_a_clause_names_only_the_organisations_counted():
    # 5家企业建设世界一流企业: the count's object is 企业, a bare word and no name; the Goal stays alone
    sentence = _sentence("gwr2025-河南", "5家企业建设世界一流企业")
    assert _counted(sentence, "支持平煤神马等5家企业建设世界一流企业") == []
    assert _counted(sentence, "省级专精特新中小企业1000家") == ["省级专精特新中小企业"]


def test_the_pipeline_nests_the_counted_category_whatever_the_tagger_found():
    text = _sentence("gwr2025-浙江", "新增服务业领军企业200家左右")
    views = list(document_sentences(text, "zj"))
    view = next(v for v in views if "领军企业" in v.matching)
    start = view.matching.index("新增服务业")
    goal = Candidate("Goal", start, start + len("新增服务业领军企业200家左右"), "新增服务业领军企业200家左右", rule="model")
    names = [(c.label, c.name) for c in bodies_after_tagging(view.matching, [goal])]
    assert names == [("Goal", "新增服务业领军企业200家左右"), ("Body", "服务业领军企业")]


def test_explain_shows_the_addressees_with_the_tagger_and_with_rules_alone():
    from policykg.loaders.explain import explain_document
    from policykg.loaders.read import read_document

    doc = read_document(TEXTS / "baotou_shuzi_zhengfu_kaoping_2022.txt")
    for model in (None, ""):
        records = [r for item in explain_document(doc, model=model) for r in item.records if r["rule"] == "addressee"]
        assert [r["name"] for r in records] == ["旗、县、区人民政府", "稀土高新区管委会", "市直有关部门"]


def test_organisations_named_before_a_count_of_organisations_are_bodies():
    # 家 counts organisations: the list before 等N家企业/医院 names them one by one (guide rule 11)
    for needle, members in (("平煤神马等5家企业", ["平煤神马"]), ("北京天坛医院河南医院等5家医院", ["北京天坛医院河南医院"])):
        sentence = _sentence("gwr2025-河南", needle)
        assert [c.name for c in counted_members(sentence, []) if c.rule == "body-member"] == members
    # 6家园区 counts zones, which are Programs (guide rule 10)
    assert counted_members(_sentence("gwr2025-湖南", "等6家园区"), []) == []


def test_units_named_before_a_count_of_party_organisations_are_bodies():
    # 个 counts party organisations and units: a county's 机关党建 meeting lists the units that reported,
    # https://zpxww.cn/aspx/main/news_show.aspx?id=64780
    sentence = "会上,县检察院、县民政局、县医院等12个党组织有关负责人现场述职。"
    members = [c.name for c in counted_members(sentence, []) if c.rule == "body-member"]
    assert members == ["县检察院", "县民政局", "县医院"]
    # 个 before anything else counts places or programs (宛平城等12个重点区域, 北京's 2025 report): no member
    assert counted_members(_sentence("gwr2025-北京", "宛平城等12个重点区域"), []) == []


def test_organisations_listed_before_a_ranked_or_owned_group_are_bodies():
    # a ranking (龙头, 头部, 重点) or an owner (省属) after 等 closes a list of named enterprises (guide rule 11)
    heldout = Path(__file__).resolve().parent.parent / "loaders" / "training" / "heldout" / "texts"
    line = next(x for x in (heldout / "gwr2025-贵州.txt").read_text(encoding="utf-8").splitlines() if "中伟、裕能" in x)
    sentence = next(s + "。" for s in line.split("。") if "中伟、裕能" in s)
    cases = ((sentence, ["宁德时代", "中伟", "裕能", "比亚迪"]),
             (_sentence("gwr2025-青海", "科大讯飞等头部企业"), ["阿里", "百度", "京东", "金山", "360", "科大讯飞"]),
             (_sentence("gwr2025-黑龙江", "龙煤等重点企业"), ["北大荒", "森工", "龙煤"]),
             (_sentence("gwr2025-甘肃", "白银集团等省属企业"), ["金川集团", "白银集团"]))
    for text, members in cases:
        assert [c.name for c in counted_members(text, []) if c.rule == "body-member"] == members
    # trades, not organisations: a trade's word before the organisation's word (texts-b, the Anhui plan)
    assert counted_members("推动省内钢铁、水泥等重点行业龙头企业基于工业互联网平台提供社会化能源管理。", []) == []
    # 等 of 平等 and 高等 closes no list; an item described with 的 names none (clauses of the 14th congress
    # report and of the 1992 and 1982 work reports, corpus/gwr)
    assert counted_members("通过平等竞争发挥国有企业的主导作用。", []) == []
    assert counted_members("充分重视科研院所、高等学校和重点企业的作用。", []) == []
    assert counted_members("天津、湖北、辽宁、四川、山东的大型碱厂等相当一批重点企业。", []) == []


def test_a_program_named_as_an_enterprise_is_a_body():
    # a fold model called 中豫航空集团 (an enterprise: guide rule 11) a Program
    sentence = _sentence("gwr2025-河南", "做强中豫航空集团")
    start = sentence.index("中豫航空集团")
    program = Candidate("Program", start, start + 6, "中豫航空集团", rule="model")
    assert [(c.label, c.name) for c in bodies_after_tagging(sentence, [program])] == [("Body", "中豫航空集团")]
    # a formula joined by + (written 十 where the report's + was mis-encoded) stays a Program (guide rule 4)
    formula = Candidate("Program", 0, 9, "实验室十产业化公司", rule="model")
    assert [c.label for c in bodies_after_tagging("实验室十产业化公司", [formula])] == ["Program"]


def _bodies(sentence: str) -> list[str]:
    from policykg.loaders.extract import extract_sentence
    return [c.name for c in extract_sentence(sentence) if c.label == "Body"]


def test_a_party_organisation_is_named_by_the_unit_it_is_set_up_in():
    # reports of local party-building work (party_cms_jiceng_dangjian_dongtai_2025): 项目公司党支部, 临时党支部
    line = next(x for x in _lines("party_cms_jiceng_dangjian_dongtai_2025") if "项目公司党支部" in x)
    sentence = line[line.index("通过成立"):line.index("及时健全")]
    assert _bodies(sentence) == ["项目公司党支部", "临时党支部"]
    line = next(x for x in _lines("party_cms_jiceng_dangjian_dongtai_2025") if "协助街区党支部" in x)
    assert "街区党支部" in _bodies(line[line.index("协助街区党支部"):line.index("项目，") + 2])


def test_a_unit_word_that_ends_a_longer_name_is_left_out():
    # 城市发展公司党总支: the company's own name is not known, so the organisation is read without it
    assert _bodies("城市发展公司党总支深化“效益型”项目党建品牌") == ["党总支"]


# ---- the organs that issue a cited instrument (发文机关, guide rules 5 and 11) ----

def _issuers(sentence: str) -> list[str]:
    from policykg.loaders.extract import extract_sentence
    return [c.name for c in title_issuers(sentence, extract_sentence(sentence)) if c.rule == "title-issuer"]


def test_the_organs_heading_a_cited_title_are_bodies():
    # guangzhou_keji_chuangxin (an implementation opinion) cites the centre's and the city's decisions
    line = next(x for x in _lines("guangzhou_keji_chuangxin_gongcheng_shishi_yijian_2012") if "《中共中央、国务院" in x)
    sentence = line[line.index("根据《中共中央"):line.index("现就")]
    assert _issuers(sentence) == ["中共中央", "国务院", "中共广州市委", "广州市人民政府"]
    # the notice form: issuers joined by a space, before 印发
    assert _issuers("贯彻《中共中央办公厅 国务院办公厅印发〈关于加强社区工作者队伍建设的意见〉的通知》") == [
        "中共中央办公厅", "国务院办公厅"]
    # 等 closes the list of issuers: 民政部等部委办 names 民政部
    assert _issuers("落实《民政部等部委办关于加快养老服务人才队伍建设的意见》") == ["民政部"]


def test_a_place_or_a_subject_before_the_title_s_verb_is_no_issuer():
    # a province's title names the place, no organ; a title without 关于/印发 names no issuer
    assert _issuers("根据《安徽省关于加快推进工业互联网发展的意见》") == []
    assert _issuers("学习《中国共产党纪律处分条例》") == []


def test_the_centre_s_enterprises_are_bodies():
    # work reports name the central enterprises a province works with (guide rule 11)
    assert "中远海运" in _bodies(_sentence("gwr2025-天津", "加强与中远海运等合作"))
    assert "中国星网" in _bodies(_sentence("gwr2025-北京", "服务保障中国星网"))
    # a sector of the country is no enterprise: 中国石油 is left out of the list (the country's oil output)
    assert _bodies("曾经有人断言，中国石油产量要逐渐减少") == []


def _bodies_of_unit_line(sentence: str, organ: str) -> set[str]:
    """The Bodies a unit line settles to when the rules (or the tagger) read ``organ`` as its last Body."""
    start = sentence.index(organ)
    cands = [Candidate("Body", start, start + len(organ), organ, rule="test")]
    return {c.name for c in bodies_after_tagging(sentence, cands) if c.label == "Body" and c.start <= start < c.end}


def test_an_organ_of_several_levels_listed_before_it_is_one_body():
    # gwr2025-云南's annex of the year's projects and 广州's implementation opinion: the levels share the organ
    line = "主办单位：省人力资源社会保障厅、省财政厅，各州、市人民政府"
    assert _bodies_of_unit_line(line, "市人民政府") == {"州、市人民政府"}
    line = "（牵头单位：市科技和信息化局，配合单位：市发展改革委、市经贸委、市规划局、市知识产权局，各区、县级市政府）"
    assert _bodies_of_unit_line(line, "县级市政府") == {"区、县级市政府"}
    # a department before the 、 is another organ, not a level: 省财政厅 stays itself
    line = "主办单位：省人力资源社会保障厅、省财政厅，各州、市人民政府"
    assert _bodies_of_unit_line(line, "省财政厅") == {"省财政厅"}


def _unit_line(stem: str, opening: str) -> str:
    text = (TEXTS / f"{stem}.txt").read_text(encoding="utf-8")
    start = text.index(opening)
    return text[start:text.index("）", start) + 1]


def test_each_unit_a_unit_line_names_is_a_body():
    # 广州 2012, the people's-livelihood opinion and the talent opinion: abbreviations no rule knows
    line = _unit_line("guangzhou_minsheng_xingfu_gongcheng_shishi_yijian_2012", "（牵头单位：市应急办")
    names = [c.name for c in unit_line_bodies(line, [])]
    assert {"市应急办", "市民政局", "市民防办", "市应急委成员单位"} <= set(names)
    line = _unit_line("guangzhou_rencai_jiju_gongcheng_shishi_yijian_2012", "（牵头单位：市住房保障办")
    names = [c.name for c in unit_line_bodies(line, [])]
    assert names == ["市住房保障办", "市规划局", "市国土房管局"]  # 各区、县级市: places, no organs


def test_a_unit_already_a_body_or_inside_a_longer_one_stays_as_it_is():
    line = _unit_line("guangzhou_minsheng_xingfu_gongcheng_shishi_yijian_2012", "（牵头单位：市应急办")
    start = line.index("区、县级市政府")
    grown = Candidate("Body", start, start + len("区、县级市政府"), "区、县级市政府")
    out = unit_line_bodies(line, [grown])
    assert [c.name for c in out if c.start <= start < c.end] == ["区、县级市政府"]
    # a Program the tagger read inside a unit gives way to the unit
    line = _unit_line("guangzhou_dangjian_chuangxin_gongcheng_shishi_yijian_2012", "（牵头单位：市委组织部，配合单位：市“两新”")
    at = line.index("市委老干部局")
    inner = Candidate("Program", at + 2, at + 6, "老干部局")
    out = unit_line_bodies(line, [inner])
    assert inner not in out and any(c.name == "市委老干部局" and c.label == "Body" for c in out)


def test_the_pipeline_makes_a_unit_of_a_unit_line_a_body_that_leads():
    # 广州 2012, the people's-livelihood opinion, item 34: 市应急办 leads the programs of its item
    text = "\n".join(_lines("guangzhou_minsheng_xingfu_gongcheng_shishi_yijian_2012")[42:43]) + "\n"
    doc = SourceDocument("Document:t", "t.txt", "t", 2012, None, len(text), "h", text)
    dg = build_document_graph(doc, model="")
    bodies = {e.name for e in dg.entities if e.label == "Body"}
    assert {"市应急办", "市民防办", "市民政局"} <= bodies
    assert "县级市" not in bodies and "各区" not in bodies
    leads = {r.source for r in dg.relations if r.type == "LEADS"}
    assert leads == {"市应急办"}


# ---- two organs written as one name (joint issuers whose space was lost) ----

def test_joint_issuers_written_without_a_space_are_two_bodies():
    # texts-b/chongqing_yanglao_rencai_shishi_fangan_2024, line 21: the city's party and government offices issue
    # the cited notice together; the quoted title has lost the space between them
    sentence = ("根据《中共重庆市委办公厅重庆市人民政府办公厅关于印发〈推进基本养老服务体系建设的实施意见〉的通知》"
                "（渝委办发〔2023〕16号）等文件精神")
    from policykg.loaders.extract import extract_sentence
    bodies = [c.name for c in bodies_after_tagging(sentence, extract_sentence(sentence)) if c.label == "Body"]
    assert bodies == ["中共重庆市委办公厅", "重庆市人民政府办公厅"]
    # whatever proposed the joined span, the tagger included: each part opens with its place and level
    joined = "中共北京市委组织部北京市人力资源和社会保障局联合印发实施方案"
    whole = Candidate("Body", 0, 22, joined[:22], rule="model")
    assert [c.name for c in bodies_after_tagging(joined, [whole]) if c.label == "Body"] == [
        "中共北京市委组织部", "北京市人力资源和社会保障局"]
    region = "广西壮族自治区党委办公厅广西壮族自治区人民政府办公厅印发"
    assert [c.name for c in bodies_after_tagging(region, [Candidate("Body", 0, 26, region[:26])])] == [
        "广西壮族自治区党委办公厅", "广西壮族自治区人民政府办公厅"]


def test_an_organ_with_a_place_inside_its_name_stays_one_body():
    # a central organ's local branch (gold Body of chongqing_yanglao_rencai_shishi_fangan_2024), a hospital's branch
    # (gold Bodies of gwr2025-贵州), a government's office and a district's government: one organ each
    for name in ("国家税务总局重庆市税务局", "北京协和医院贵州医院", "中国人民银行上海总部", "重庆市人民政府办公厅",
                 "上海市浦东新区人民政府办公室"):
        sentence = name + "负责"
        assert [c.name for c in bodies_after_tagging(sentence, [Candidate("Body", 0, len(name), name)])] == [name]
