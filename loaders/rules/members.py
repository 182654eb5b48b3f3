"""Organisations named one by one: the members of a list of organisations, and Programs named as enterprises.

Guide rule 11 makes named enterprises, universities and hospitals Bodies.  Work reports name them in lists closed
by 等 and a word for organisations (支持平煤神马等5家企业, 支持宁德时代、中伟、裕能、比亚迪等龙头企业), and by names the
tagger reads as Programs (中豫航空集团).  Both run after the tagger, on a sentence's final candidates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from policykg.graph.names import canonical

from ..lexicon import lexicon, tokenize
from .body_forms import after_leading_verbs, counted_heads
from .common import Candidate, note

__all__ = ["counted_members", "enterprises", "without_posts"]


# Named members of a counted set of organisations (支持平煤神马等5家企业) and of a ranked one (比亚迪等龙头企业).
_MEMBERS = re.compile(r"([^，。；：！？,;:]{3,60}?)等(?:[0-9]+|[一二三四五六七八九十两]+)([家个])([\u4e00-\u9fff]{1,8})")
_ETC = re.compile(r"等([\u4e00-\u9fff]{1,8})")


def counted_members(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """Organisations named before 等N家 or a ranked group and a word for organisations, as Bodies (guide rule
    11: named enterprises, hospitals, universities).

    家 is the measure word of organisations, so A、B等N家企业 closes a list of organisations named one by
    one: 支持平煤神马等5家企业建设世界一流企业, 建成北京天坛医院河南医院等5家医院; so does 个 before a word for
    party organisations or units (``[body] counted_units``: 县检察院、县民政局、县医院等12个党组织有关负责人现场述职, as
    local news of organisation-work meetings lists the units that reported).  The list runs back from 等
    to the clause's start, without the clause's verbs (as in :func:`.body_forms.counted_bodies`); its items are cut
    at 、 and 和.  An item shorter than three characters names a sector, not an organisation
    (医药、环保、标检等3家专业化产业公司), and one with 的 is a description.  The word after the count must
    open with an organisation's word (``[body] counted_heads``, 国企, 央企): 6家园区 counts zones, which
    are Programs (guide rule 10).

    Without a count, a ranking or an owner between 等 and the organisation's word (``[body]
    named_group_marks``: 支持宁德时代、中伟、裕能、比亚迪等龙头企业, 金川集团、白银集团等省属企业) closes a list of
    named organisations too, and then an item of two characters is a name (中伟, 百度).  A trade's word
    (``[body] named_group_trades``: 行业, 领域, 产业) before the organisation's word makes it a list of
    trades (钢铁、水泥等重点行业龙头企业), and a list closed by 等企业 alone is as often one of trades (汽车、建材、
    家电等企业): neither is read.

    Args:
        sentence: the sentence the candidates index.
        cands: its final candidates, in text order.

    Returns:
        ``cands`` with the members added (rule ``body-member``) where no Body stands already, in place
        of a mention of another label on the same characters; in text order.
    """
    if "等" not in sentence:
        return cands
    heads = (*counted_heads(), "国企", "央企")
    added: list[Candidate] = []
    units = _counted_units()
    lists = [(m.start(1), m.end(1), 3, m.group(0)[len(m.group(1)):]) for m in _MEMBERS.finditer(sentence)
             if (any(h in m.group(3) for h in heads) if m.group(2) == "家" else m.group(3).startswith(units))]
    for m in _ETC.finditer(sentence):
        start = max(sentence.rfind(p, 0, m.start()) for p in "，。；：！？,;:") + 1
        if m.start() - start >= 2 and _named_group(sentence[start:m.start()], m.group(1), heads):
            lists.append((start, m.start(), 2, m.group(0)))
    for start, end, shortest, closing in lists:
        at = start + after_leading_verbs(sentence[start:end])
        for part in re.split(r"(、|和)", sentence[at:end]):
            name = canonical(part)
            if part not in ("、", "和") and len(name) >= shortest and "的" not in name:
                stop = at + len(part)
                if not any(c.label == "Body" and c.start < stop and at < c.end for c in cands + added):
                    c = Candidate("Body", at, stop, name, rule="body-member")
                    what = "a count" if shortest == 3 else "a ranked or owned group"
                    note(c, f"kept: named before {what} of organisations ({closing!r})")
                    added.append(c)
            at += len(part)
    if not added:
        return cands
    # a mention of the same span under another label is the member, mislabelled
    spans = {(c.start, c.end) for c in added}
    return sorted([c for c in cands if (c.start, c.end) not in spans] + added, key=lambda c: c.start)


@lru_cache(maxsize=1)
def _group_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(lexicon().words("body", "named_group_marks")), tuple(lexicon().words("body", "named_group_trades"))


def _named_group(items: str, after: str, heads: tuple[str, ...]) -> bool:
    """Whether ``items`` (a clause up to 等) is a list of named organisations closed by 等 and ``after``: ``after``
    opens with a ranking or owner and then an organisation's word, 等 is a word of its own (not of 平等, 高等学校),
    and no item is a description with 的 (山东的大型碱厂等相当一批重点企业)."""
    cut = min((i for i in (after.find(h) for h in heads) if i > 0), default=-1)
    marks, trades = _group_words()
    if cut <= 0 or not any(w in after[:cut] for w in marks) or any(w in after[:cut] for w in trades) or "的" in items:
        return False
    return any(w == "等" and s == len(items) for w, s, _ in tokenize(items + "等" + after))


def enterprises(cands: list[Candidate]) -> list[Candidate]:
    """Programs named as enterprises are Bodies (guide rule 11: named enterprises).

    A mention labelled Program whose name ends with an enterprise's word (``[body] enterprise_tails``:
    吉能集团, 金控集团, 中豫航空集团) or with a supplier's head, naming enterprises by what they supply
    (``[body] supplier_heads``: 云服务商, 设备制造商; rule 11, categories of organisations acting as a group), is
    relabelled Body, unless it is a formula joined by + (实验室+产业化公司, written 十 where a document's + was
    mis-encoded) or a list (、).

    Args:
        cands: a sentence's final candidates.

    Returns:
        The candidates, with those Programs relabelled (same span, name and rule).
    """
    out = []
    for c in cands:
        if c.label == "Program" and c.name.endswith(_enterprise_tails()) and not any(ch in c.name for ch in "+＋十、"):
            c = replace(c, label="Body")
            note(c, "kept: relabelled Body (an enterprise's name)")
        out.append(c)
    return out


@lru_cache(maxsize=1)
def _enterprise_tails() -> tuple[str, ...]:
    return tuple(lexicon().words("body", "enterprise_tails") + lexicon().words("body", "supplier_heads"))


def without_posts(sentence: str, cands: list[Candidate]) -> list[Candidate]:
    """``cands`` with each span that closes with the post of an organ's head (``[body] organ_head_posts``) after the
    organ's own word (局, 厅, 行, 委, 府, 院, 部) ended before the post, as a Body whatever the tagger labelled it:
    省市场监管局局长 is 省市场监管局 (its head is a person, and the organ a Body).

    Pattern source: the member lists of a plan's leading group (成员：… 韩永生 省市场监管局局长, 陈　军 省统计局局长),
    where the tagger read four such Bodies of 安徽's industrial-internet plan over the post (a walkthrough, session 54;
    the 厅长 lines beside them were read right by the rules), and a fold tagger read 省地方金融监管局局长 of the same
    list as a Program (session 67); a post without its organ (编外校长, a program of 云南's 2025 report) is kept."""
    out = []
    for c in cands:
        post = next((p for p in _organ_head_posts() if c.label in ("Body", "Program", "Goal") and c.name.endswith(p)), None)
        if post is not None and c.name[:-len(post)][-1:] in _ORGAN_ENDS and len(c.name) - len(post) >= 3:
            c = replace(c, label="Body", end=c.end - len(post), name=c.name[:-len(post)])
            note(c, f"trimmed: the post {post} of the organ's head is a person")
        out.append(c)
    return out


@lru_cache(maxsize=1)
def _organ_head_posts() -> tuple[str, ...]:
    return tuple(lexicon().words("body", "organ_head_posts"))


#: The last character of an organ's name, before the post of its head (省统计局局长, 省教育厅厅长, 中心支行行长, 省卫健委主任,
#: 养老院院长, 组织部部长).
_ORGAN_ENDS = frozenset("局厅行委府院部")


@lru_cache(maxsize=1)
def _counted_units() -> tuple[str, ...]:
    """``[body] counted_units`` (党组织, 单位, 部门: what 个 counts after a list of named organs), read once."""
    return tuple(lexicon().words("body", "counted_units"))
