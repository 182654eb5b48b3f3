"""Unquoted Program names, found from the type word that ends them (guide: Program; rules 5, 8, 10).

A name grows leftwards from its type word (工程, 行动, 机制, 项目, 示范区 …)
over content words; verbs of carrying out, adverbs and prepositions stop it.
Generic heads (长效机制, 人才培养计划: guide rule 8), categories of projects
(民间投资项目) and counted things (二十八个水利工程) are rejected.  The standing
institutions the party's regulations name (民主生活会, 三会一课, 容错纠错: ``[program]
practices``) are Programs without a type word (rule ``program-practice``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import canonical

from ..lexicon import lexicon, tokenize, word_tag
from .common import NUMERAL, PUNCT, Candidate, Rules, Tokens, rules, small_number
from .walks import blocks, clause_verb_end, covered, grow_left, program_bridge, strip_prefix, strip_stop_tokens

__all__ = ["generic_program", "generic_tagged_name", "program_heads", "programs", "project_category", "type_word_end"]


def programs(sentence: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    out: list[Candidate] = []
    for m in _activity_series().finditer(sentence):
        out += _enumeration(sentence, m.end() - len(m.group(0)) + m.group(0).index("等") + 1, "", tokens, r)
    for pat in r.prog_patterns:
        out += [Candidate("Program", m.start(), m.end(), canonical(m.group(0)), rule="program-pattern", priority=2)
                for m in pat.finditer(sentence)]
    out += [Candidate("Program", m.start(), m.end(), m.group(0), rule="program-practice", priority=2)
            for m in r.prog_practices.finditer(sentence) if m.start() in tokens.starts and m.end() in tokens.by_end]
    for m in r.prog_types.finditer(sentence):
        end = m.end()
        if end not in tokens.by_end:
            continue
        type_word = m.group(0)
        before = sentence[:m.start()]
        if before.endswith("等") and "、" in before[-30:]:
            if not sentence.startswith(_guarantee_tails(), end):  # 就业、就医、住房等制度保障: fields, no institutions
                out += _enumeration(sentence, m.start(), type_word, tokens, r)
            continue
        counted = _counted_whole(sentence, m.start(), end, tokens, r)
        if counted:
            out += counted
            continue
        short = _short_series(sentence, m.start())
        if short is not None:
            out.append(Candidate("Program", short, end, canonical(sentence[short:end]), rule="short-series+type",
                                 priority=3))
            continue
        s = grow_left(tokens, sentence, m.start(), 24, lambda w: blocks(w, r), lambda t, i: program_bridge(t, i, r))
        s = _whole_ideology(sentence, s, m.start(), r)
        name = canonical(sentence[s:end])
        name = strip_prefix(name, r.body_strip)
        name = strip_stop_tokens(name, end - len(name), tokens, r, anchor=m.start())
        head = name[: len(name) - len(type_word)]
        if (len(head) < 2 or generic_program(name, head, r) or head[-1] in "的之"
                or name.endswith(_GENERIC_ENDINGS) or _counted(head) or sentence[end:end + 1] in _ADJECTIVAL
                or (type_word in ("创建", "改革") and not _ends_name(sentence, end))):
            continue
        out.append(Candidate("Program", end - len(name), end, name, rule="program-type-word", priority=3))
    return out


@lru_cache(maxsize=1)
def _guarantee_tails() -> tuple[str, ...]:
    """``[program] enumeration_guarantee_tails`` (保障): after a list's 等 and type word they make the type word
    part of a guarantee (完善台湾同胞在闽就业、就医、住房、养老服务、社会救助等制度保障, 福建's report of 2025), so
    the items are the fields it covers, not institutions named item + type word (guide rule 8)."""
    return tuple(lexicon().words("program", "enumeration_guarantee_tails"))


@lru_cache(maxsize=1)
def _institution_ranks() -> frozenset[str]:
    """``[program] institution_ranks`` (根本制度, 基础性工程), read once."""
    return lexicon().wordset("program", "institution_ranks")


@lru_cache(maxsize=1)
def _project_categories() -> frozenset[str]:
    return lexicon().wordset("program", "project_categories")


def project_category(name: str) -> bool:
    """True for the name of a category of projects rather than of a project: 项目 after words of size or
    standing, sector, or ownership and funding only (重大工业项目, 民间投资项目, 优质项目; ``[program]
    project_categories``, guide rule 8: generic phrases with no proper name)."""
    return name.endswith("项目") and len(name) > 2 and covered(name[:-2], _project_categories())


def generic_tagged_name(name: str) -> bool:
    """True when a span the tagger calls a Program names no program (guide: Program, "not this type: generic
    phrases with no proper name (长效机制, 工作机制, 体制机制, 教育培训, 日常监督)", and rule 8).

    The rules already refuse such names for their own candidates (:func:`generic_program`); this holds the
    tagger's spans to the same words: a name in ``[program] generic_names`` (长效化机制) or an area of party
    building (``work_areas``: 党的政治建设, 作风建设); a name without a type word made of generic words only
    (``generic_heads``: 政治监督, 年度考核); generic words before one of the type words in ``[program]
    generic_type_words`` (人才评价制度, 量化考评工作机制, 省级重点人才项目; not 科技体制改革 or 乡村建设行动); a
    kind of thing named by one common word and its type word (:func:`_bare_kind`: 合作机制, 商业模式); the rank of an
    institution a speech grades (``institution_ranks``: 根本制度, 基础性工程, the whole span only); or a span
    opening with a demonstrative, a quantity of a kind or a modal verb (``not_name_openers``: 这样一种制度,
    一系列重大科技项目, 应当改革党的领导制度; from the 1969-1992 congress reports, session 45); or a list of names
    for people (养老院院长、养老服务社会工作者: ``people_words``; guide: groups of people are no entity); or printed
    matter handed out (民法典宣传资料: ``printed_matter``).  It holds every span the tagger calls a Program, whether or
    not a rule named it too (:func:`policykg.loaders.combine.read_spans`).
    Beside ``generic_heads`` it reads ``tagged_generic_heads`` (a level, manner or function with no object: 国家级平台,
    省部级沟通对接机制, 滚动使用机制) and names ``business_lines`` (承包工程), both from the gwr2025 precision samples.

    Args:
        name: the span's canonical name.
    Returns:
        ``True`` to drop the span.
    """
    r = rules()
    tagged_heads, lines, printed = _tagged_generic()
    if (name in r.generic_names or name in lines or _work_area(name) or _bare_kind(name)
            or name.startswith(_not_name_openers())):
        return True
    if name in _institution_ranks():  # 根本制度, 基础性工程: a rank, no name
        return True
    if "、" in name and all(item.endswith(_people_words()) for item in name.split("、")):
        return True  # 社区助老员、老年助浴员: a group of people (``[program] people_words``)
    if name.endswith(printed):
        return True  # 民法典宣传资料: leaflets handed out (``[program] printed_matter``)
    heads = r.generic_heads | tagged_heads
    end = type_word_end().search(name, 1)
    if end is None:
        return covered(name, heads)
    return end.group(0) in _generic_type_words() and covered(name[: -len(end.group(0))], heads)


@lru_cache(maxsize=1)
def _tagged_generic() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """``[program] tagged_generic_heads`` (国家级, 一体化, 支持: heads of 国家级平台, 一体化保护机制), ``business_lines``
    (承包工程) and ``printed_matter`` (宣传资料), which :func:`generic_tagged_name` reads and the rules' own
    :func:`generic_program` does not; read once, not for every span the tagger calls a Program."""
    lx = lexicon()
    return (lx.wordset("program", "tagged_generic_heads"), lx.wordset("program", "business_lines"),
            tuple(lx.words("program", "printed_matter")))


@lru_cache(maxsize=1)
def _people_words() -> tuple[str, ...]:
    """``[program] people_words``: the words that end a name for people (养老护理员, 社会工作者, 院长)."""
    return tuple(lexicon().words("program", "people_words"))


@lru_cache(maxsize=1)
def _not_name_openers() -> tuple[str, ...]:
    """``[program] not_name_openers``: a demonstrative, a quantity of a kind or a modal verb (这样一种制度)."""
    return tuple(lexicon().words("program", "not_name_openers"))


def _work_area(name: str) -> bool:
    """True when ``name`` is an area of party building (``[program] work_areas``: 党的政治建设, 作风建设), with or
    without one of ``work_area_prefixes`` before it."""
    areas, prefixes = _work_areas()
    return name in areas or any(name.startswith(p) and name[len(p):] in areas for p in prefixes)


@lru_cache(maxsize=1)
def _work_areas() -> tuple[frozenset[str], tuple[str, ...]]:
    lx = lexicon()
    return lx.wordset("program", "work_areas"), tuple(lx.words("program", "work_area_prefixes"))


@lru_cache(maxsize=1)
def type_word_end() -> re.Pattern[str]:
    """The longest type word ending a name (the rules' alternation, longest first); search from 1 so that at least
    one character stands before it."""
    return re.compile(f"(?:{rules().prog_types.pattern})$")


@lru_cache(maxsize=1)
def _generic_type_words() -> frozenset[str]:
    return lexicon().wordset("program", "generic_type_words")


@lru_cache(maxsize=1)
def _bare_kinds() -> tuple[tuple[str, ...], frozenset[str], frozenset[str]]:
    lx = lexicon()
    return (tuple(lx.words("program", "bare_generic_type_words")), lx.wordset("program", "bare_generic_tags"),
            lx.wordset("program", "bare_word_tags"), tuple(lx.words("program", "bare_noun_type_words")),
            lx.wordset("program", "bare_noun_tags"))


def _bare_kind(name: str) -> bool:
    """True for a kind of thing named in four characters by one common word and a type word (合作机制, 评估体系,
    贸易平台: ``[program] bare_generic_type_words`` after one word of ``bare_generic_tags``), or by one word jieba
    knows that ends with such a type word (商业模式, 支撑体系), or by one common noun and 制度 (``bare_noun_type_words``:
    产权制度, 户籍制度; not 信访制度), or in two characters by one common noun of jieba's dictionary (``bare_word_tags``:
    基金, 制度, 补贴).  Longer names are left alone: a sector before the type word
    names a standing programme often enough (社会保障体系).

    Part of :func:`generic_tagged_name` only: the rules still read such names (a list's items are cut at them:
    银行与企业交流平台和对接合作机制), and the tagger's reading then drops them (one tagged span over both names keeps
    银行与企业交流平台 alone: :func:`policykg.loaders.combine.read_spans`)."""
    heads, tags, word_tags, noun_heads, noun_tags = _bare_kinds()
    if len(name) == 2:
        return word_tag(name) in word_tags
    if len(name) != 4 or not name.endswith(heads + noun_heads):
        return False
    words = [w for w, _s, _e in tokenize(name)]
    if len(words) == 1:
        return word_tag(name) in (tags if name.endswith(heads) else noun_tags)  # 商业模式, 户籍制度: one word
    if len(words) == 2 and words[1] in noun_heads:  # 产权制度: ``bare_noun_type_words`` after a noun only
        return word_tag(words[0]) in noun_tags
    return len(words) == 2 and words[1] in heads and word_tag(words[0]) in tags


def _whole_ideology(sentence: str, start: int, anchor: int, r: Rules) -> int:
    """``start`` moved back to the start of a guiding ideology's name it falls inside, when the name ends
    before ``anchor`` (the type word); else ``start``.

    A program named after an ideology takes all of its name (习近平新时代中国特色社会主义思想主题教育,
    guide rule 6), but jieba cuts the name (习近平 | 新 | 时代 | …) and the leftward growth stops inside
    it, at 新: 时代中国特色社会主义思想主题教育 came out beside the whole name.
    """
    for name in _ideologies_holding(r.ideologies).get(sentence[start - 1:start + 1], ()) if start else ():
        first = sentence.rfind(name, max(0, start - len(name) + 1), min(len(sentence), start + len(name) - 1))
        if 0 <= first < start < first + len(name) <= anchor:
            return first
    return start


@lru_cache(maxsize=4)
def _ideologies_holding(ideologies: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """The names of ``ideologies`` holding each pair of adjacent characters, in the set's own order.  A name
    :func:`_whole_ideology` moves ``start`` back to holds the two characters at ``start - 1`` and ``start`` (it starts
    before ``start`` and ends after it), so only those names are tried, in the order the whole set was: the same name
    is found.  Safe to cache: a pure function of the (frozen, hashable) set, one entry per lexicon."""
    out: dict[str, list[str]] = {}
    for name in ideologies:
        for pair in dict.fromkeys(name[i:i + 2] for i in range(len(name) - 1)):
            out.setdefault(pair, []).append(name)
    return {pair: tuple(names) for pair, names in out.items()}


@lru_cache(maxsize=1)
def _activity_series() -> re.Pattern[str]:
    """``A、B、C等活动``: activities named in a series (guide: Program "campaign"); 活动 itself is a generic
    wrapper, so the items are the names.  Words of ``[program] activity_series_kinds`` may stand between 等
    and 活动 (…等系列活动, …等主题活动, 文明城市、文明村镇、文明单位、文明家庭等创建活动)."""
    kinds = lexicon().alternation("program", "activity_series_kinds").pattern
    return re.compile(r"(?<=、)[^，。；：、]{2,20}等(?:" + kinds + r"){0,2}活动")


def _enumeration(sentence: str, etc: int, type_word: str, tokens: Tokens, r: Rules) -> list[Candidate]:
    """Programs of ``A、B、“C”等<type word>`` (周学习、月调度、“组工讲堂”等制度).

    ``etc`` is the offset of the type word (just after 等).  Each item becomes
    ``item + type word`` (alias: the item); with the empty type word (…等活动)
    the item alone is the name.  Leading stop words are dropped on token
    boundaries, as for every unquoted name (广泛开展创建党建先锋岗 -> 党建先锋岗,
    see :func:`strip_stop_tokens`); quotation marks are removed and kept in the surface.
    """
    before = sentence[: etc - 1]
    seg = re.split(r"[，。；：（）()]", before)[-1]
    out, pos = [], etc - 1 - len(seg)
    items = seg.split("、")
    # an item holding 等 closes an enumeration before this one (发改、工信、财政等部门推出一批…时效、放宽…权限等改革事项:
    # 发改 and 工信 are of 部门, not of 改革): the items start after it
    closed = max((k for k, it in enumerate(items) if "等" in it), default=-1)
    pos += sum(len(it) + 1 for it in items[:closed + 1])
    for it in items[closed + 1:]:
        i_start, pos = pos, pos + len(it) + 1
        raw = it.strip()
        surface_start = i_start + len(it) - len(it.lstrip())
        name = canonical(raw)
        if name == raw:  # unquoted: offsets of name and item agree
            stripped = strip_stop_tokens(name, surface_start, tokens, r)
            surface_start += len(name) - len(stripped)
            name = stripped
        if len(name) < 2 or name + type_word in r.generic_names:
            continue
        if name.endswith(program_heads()):  # 津潍高铁、杭温高铁等项目: each item is a whole name already
            out.append(Candidate("Program", surface_start, i_start + len(it), name, rule="enumeration", priority=3))
            continue
        out.append(Candidate("Program", surface_start, i_start + len(it), name + type_word,
                             aliases=[name] if type_word else [], rule="enumeration+type", priority=3))
    return out


@lru_cache(maxsize=1)
def program_heads() -> tuple[str, ...]:
    """Type words and zone heads (``[program] type_words``, ``zone_heads``): an enumerated item ending in one
    is named whole, without the list's shared type word (镜岭水库、丽水机场等项目 -> 镜岭水库, 丽水机场;
    the adjudicated work reports name 20 of 20 such items so)."""
    lx = lexicon()
    return tuple(sorted(set(lx.words("program", "type_words")) | set(lx.words("program", "zone_heads")), key=len,
                        reverse=True))


# A count closing a list (count, classifier, up to six characters of modifier, then the type word).
# With a classifier of sets (项, 大, 类) it names the whole the list makes up (A、B、C、D4项行动,
# A、B等三大工程); with one of things (个, 条, 批) it only counts the listed items (雄商、津潍等6个高铁项目).
_COUNT_CLOSE = re.compile(r"(等)?([0-9０-９]+|[一二两三四五六七八九十]+)([个项大条类批])([\u4e00-\u9fff]{0,6})$")
_SET_CLASSIFIERS = frozenset("项大类")


def _counted_whole(sentence: str, type_start: int, end: int, tokens: Tokens, r: Rules) -> list[Candidate]:
    """The whole and its parts for a list closed by a count (guide: PART_OF, "an enumeration of components").

    Work reports close a list of actions with the count of the set they make up:
    开展A、B、C、D4项行动 names the Program 4项行动 with four parts.  Without 等 the
    count must equal the number of listed items (else the count quantifies
    something else: 建设5个国家新型城镇化试点); with 等 the list may be partial.
    A classifier of things (雄商、津潍等6个高铁项目) names no whole: the items alone
    are the programs.

    Returns:
        ``[]``, or the whole (its ``parts`` filled, only for a classifier of sets)
        followed by one ``enumerated-part`` Program per item, leading clause verbs cut off.
    """
    m = _COUNT_CLOSE.search(sentence, 0, type_start)
    if m is None or m.end() != type_start:
        return []
    seg = re.split(r"[，。；：]", sentence[: m.start()])[-1]  # an item may hold brackets: 联通（湖南）…系统
    if not seg or seg[-1] in "“”\"‘’「」":  # a quoted formula (A、B等“十大项目”): see rules.quoted
        return []
    items = seg.split("、")
    n = small_number(m.group(2))
    if len(items) < 2 or n is None or (not m.group(1) and n != len(items)) or n < len(items):
        return []
    parts, pos = [], m.start() - len(seg)
    for it in items:
        i_start, pos = pos, pos + len(it) + 1
        lead = clause_verb_end(it, r)
        if lead == 0 and it == canonical(it):  # a short first item: 加快·雄商 (at least two characters stay)
            lead = len(it) - len(strip_stop_tokens(it, i_start, tokens, r))
        name = canonical(it[lead:])
        if len(name) < 2 or len(name) > 20:
            return []
        parts.append(Candidate("Program", i_start + lead, i_start + len(it), name,
                               rule="enumerated-part", priority=1))
    if m.group(3) not in _SET_CLASSIFIERS:
        return parts
    whole_start = m.start(2)
    whole = Candidate("Program", whole_start, end, canonical(sentence[whole_start:end]), rule="counted-whole",
                      parts=[p.name for p in parts], priority=1)
    return [whole, *parts]


_SHORT_SERIES = re.compile(r"(?<![\u4e00-\u9fff]{2})((?:[\u4e00-\u9fff]{2}、){2,5}[\u4e00-\u9fff]{2})$")


def _short_series(sentence: str, type_start: int) -> int | None:
    """Start of a parallel series such as ``述学、评学、考学`` right before a type word.

    Chinese official writing names a set of rules as one unit with three or
    more two-character items sharing their last character (述学、评学、考学制度).
    Returns the series' start offset, or ``None``.
    """
    window = sentence[max(0, type_start - 24):type_start]
    if len(window) < 8 or window[-3] != "、":  # a series of three items or more ends with 、 and a two-character item
        return None
    for cut in range(len(window)):
        m = _SHORT_SERIES.fullmatch(window[cut:])
        if m is None:
            continue
        items = m.group(1).split("、")
        if len({it[-1] for it in items}) == 1:
            return type_start - len(m.group(1))
    return None


# 项目化, 制度化, 体系性: the type word is part of an adjective, not a name's end.
_ADJECTIVAL = frozenset("化性式型")


def generic_program(name: str, head: str, r: Rules) -> bool:
    """True when ``name`` (``head`` + its type word) names no program (guide rule 8: "generic phrases with
    no proper name"): a generic name (``[program] generic_names``), a head made of generic words only
    (``generic_heads``: 人才培养计划, 综合考核管理体系, 优秀年轻干部常态化工作机制; not 党员分类管理制度 or
    新型职业农民培育工程), or a category of projects (:func:`project_category`)."""
    return name in r.generic_names or covered(head, r.generic_heads) or project_category(name)


def _ends_name(sentence: str, end: int) -> bool:
    """True when a name may end at ``end`` (punctuation, a conjunction or 活动/工作 follows).

    Guards the type words 创建 and 改革, which are also verbs or modifiers
    (创建党建先锋岗, 改革发展主战场).
    """
    nxt = sentence[end:end + 2]
    return not nxt or nxt[0] in PUNCT or nxt[0] in "和与及等中" or nxt in ("活动", "工作", "行动", "成果")


# A count before a noun (二十八个水利工程, 两个建设项目, 二期工程) quantifies things; it names
# none.  A numbered formula (五个一工程) has only numerals after its classifier.
_COUNT_HEAD = re.compile(r"^[0-9０-９一二两三四五六七八九十百千万几多]+(?:个|项|批|座|条|期|处|家|所)")


def _counted(head: str) -> bool:
    """True when ``head`` (a name without its type word) is a counted noun phrase, not a name."""
    m = _COUNT_HEAD.match(head)
    if m is None:
        return False
    rest = head[m.end():]
    return not rest or (len(rest) >= 2 and not NUMERAL.search(rest))


_GENERIC_ENDINGS = ("长效机制", "长效化机制", "常态化机制", "体制机制", "制度机制", "基本制度")
