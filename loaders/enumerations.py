"""PART_OF from an enumeration inside one sentence (guide: PART_OF is "an enumeration of components").

Three ways official writing lists the parts of a program in the sentence that names it: the parts
before the whole, closed by 等 / 在内的 / 组成的 / 的 (A、B、C等14个X: :func:`enumerated_members`); the parts
in brackets right after the whole (“三打两建”（A、B、C）: :func:`bracketed_members`); the parts listed right
before the quoted count that names the whole (A、B、C“三大专项行动”: :func:`listed_members`).
:mod:`policykg.loaders.relations` applies them with its other rules of one sentence.
"""

from __future__ import annotations

import re

from policykg.graph.resolve import short_name_definition

from .rules.common import Candidate, leading_count, top_level_parts

__all__ = ["bracketed_members", "enumerated_members", "listed_members"]

Triple = tuple[str, Candidate, Candidate]


# What stands between an enumeration of programs and the program it makes up: 等 (with a count:
# 等14个, 等一批, 等“十大…”), 在内的, 组成的 or 的 (A、B、C的分级培训制度).
_MEMBERS_CLOSE = re.compile(
    r"(?:等(?:[0-9一二三四五六七八九十百两几多]+[个项大条批类家种]|一批|多项|多个)?(?:组成的|构成的|在内的)?"
    r"|在内的|组成的|构成的|的)[“\"]?$")
_CHAIN = frozenset({"、", "和", "与", "及", "以及", "，"})


def enumerated_members(sentence: str, progs: list[Candidate]) -> list[Triple]:
    """PART_OF from an enumeration closed by the whole it makes up.

    The guide's PART_OF is "an enumeration of components"; in plans and work
    reports the components come first and the whole after them: A、B、C等14个X,
    由A、B组成的X (or 由A、B等组成的X: 健全由水库、河道及堤防、蓄滞洪区等组成的流域防洪工程体系),
    A、B、C的X制度.  At least two programs joined only by 、/和/与/及 must precede the closing word;
    a lone A的X is no enumeration.
    """
    out: list[Triple] = []
    ordered = sorted(progs, key=lambda c: c.start)
    for k, whole in enumerate(ordered):
        m = _MEMBERS_CLOSE.search(sentence, 0, whole.start)
        if not m or m.end() != whole.start:
            continue
        members, edge = [], m.start()
        for q in reversed(ordered[:k]):
            if q.end > edge:  # overlaps the member just taken: keep the longer of the two
                if members and q.start <= members[-1].start and q.end >= members[-1].end:
                    members[-1], edge = q, q.start
                continue
            gap = re.sub(r"[“”\"‘’]", "", sentence[q.end:edge])
            if (gap and gap not in _CHAIN) or (not gap and members):
                break
            members.append(q)
            edge = q.start
        # one member suffices after 等 / 在内的 / 组成的 (A等10项X); a lone A的X is no enumeration
        if len(members) >= 2 or (members and m.group(0)[0] != "的"):
            out += [("PART_OF", q, whole) for q in members]
    return out


def bracketed_members(sentence: str, progs: list[Candidate], duty_verbs: tuple[str, ...]) -> list[Triple]:
    """PART_OF from the parts listed in brackets right after the whole, its quotation mark between: X（A、B、C）.

    Pattern source: a program named by a count is spelled out in brackets after its name,
    “三打两建”（打击欺行霸市、打击制假售假、打击商业贿赂，建设社会信用体系、建设市场监管体系） in a
    city implementation opinion of 2012.  The bracket must hold at least two programs and be a list
    (a 、 or ，): a pair joined by 和 alone (“两基”（基本普及…和基本扫除…）) is left to X（包括A和B） in
    :func:`sentence_relations`, and a short name's definition (以下简称…,
    :func:`policykg.graph.resolve.short_name_definition`) or a duty note (a labelled line 牵头单位：…, or a
    duty verb of ``[relation] duty_verbs``: X牵头, Y配合) is no list of parts.
    """
    out: list[Triple] = []
    for p in progs:
        at = p.end + (1 if sentence[p.end:p.end + 1] in "”\"" else 0)
        if sentence[at:at + 1] not in ("（", "(") or short_name_definition().match(sentence, at):
            continue
        close = min((k for k in (sentence.find("）", at), sentence.find(")", at)) if k > at), default=-1)
        inner = sentence[at + 1:close] if close > 0 else ""
        if not re.search(r"[、，,]", inner) or re.search(r"[：:]", inner) or any(v in inner for v in duty_verbs):
            continue
        members = [q for q in progs if q is not p and at < q.start and q.end <= close]
        if len(members) >= 2:
            out += [("PART_OF", q, p) for q in members]
    return out


# Where the list before a quoted count starts: the clause's start.  What may not end it: a joiner
# (邓小平理论和“三个代表”: the quote is the list's last item, not its whole).
_CLAUSE_OPEN = re.compile(r"[，。；：,;:！？（(]")
_JOINER_END = ("和", "与", "及", "、", "以及")


def listed_members(sentence: str, progs: list[Candidate]) -> list[Triple]:
    """PART_OF from a list written right before the quoted count that names the set it makes up.

    Pattern source: the 2025 work reports close a list of programs with the set's quoted count and no
    word between (深入开展矛盾纠纷排查化解、校园及周边安全治理、道路交通安全风险隐患排查整治“三大专项行动”;
    做好科技金融、绿色金融、普惠金融、养老金融、数字金融“五篇大文章”; 实施先期预防、应急指挥、…“五大工程”).
    The list runs from the clause's start to the opening quotation mark; its 、-items must number the
    count (with 等 before the quote, at most the count: the list may be partial).  Each item that holds
    exactly one Program gives that Program as a part; at least two parts.  On the 107 adjudicated
    documents, such a list whose items are named programs is linked to its whole in the gold every time
    (江西, 湖北, 青海, 宁夏, 天津 …); a list of plain nouns (生态、历史、红色…“五个文化”) holds no Programs, and
    a list of measures (播种面积、单产、总产“三增长”) closes a Goal.

    Args:
        sentence: the sentence the candidates index.
        progs: its Program candidates.

    Returns:
        ``("PART_OF", part, whole)`` triples.
    """
    out: list[Triple] = []
    for whole in progs:
        quote = whole.start if sentence[whole.start:whole.start + 1] in "“\"" else whole.start - 1
        n = leading_count(whole.name) or 0
        if quote < 1 or sentence[quote] not in "“\"" or n < 2:
            continue
        head = sentence[:quote]
        etc = head.endswith("等")
        head = head[:-1] if etc else head
        if not head or head.endswith(_JOINER_END):
            continue
        start = max((m.end() for m in _CLAUSE_OPEN.finditer(head)), default=0)
        items = top_level_parts(head, start, len(head), "、")  # 县（市、区）… is one item
        if len(items) < 2 or (len(items) > n if etc else len(items) != n):
            continue
        members = []
        for a, b in items:
            inside = [p for p in progs if p is not whole and a <= p.start and p.end <= b]
            if len(inside) == 1:
                members.append(inside[0])
        if len(members) >= 2:
            out += [("PART_OF", p, whole) for p in members]
    return out
