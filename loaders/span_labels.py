"""What a tagged span's text says of it: its label (a Program span naming a place's end-state is a Goal, a titled
plan a Document), its name (a quoted name carried by 建设 or followed by 经验), whether it names no entity (a
period, people, a grant) and whether several rule names inside it are one name written in pieces.  Used by
:mod:`.combine`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from policykg.graph.names import canonical

from .lexicon import lexicon
from .rules.common import Candidate, ideologies_only, rules
from .rules.goals import quality_of_place
from .rules.programs import type_word_end

__all__ = ["CARRIED", "accepted_supervision", "aspiration", "department_field", "end_state", "lesson_of",
           "malpractice", "names_no_entity", "one_name", "program_label", "session_convener", "speech_occasion"]

#: A quoted name carried by a word of building or of work (guide rule 2: 推行“红色物业”建设 -> 红色物业, alias 红色物业建设).
CARRIED = re.compile(r"^[“\"「]([^”\"」]{2,})[”\"」](?:建设工作|创建工作|建设|创建|工作)$")


def lesson_of(text: str) -> str | None:
    """The program whose lessons ``text`` names (``[program] lesson_tails`` after a closing quotation mark or a type
    word: “千万工程”经验 -> “千万工程”), or None (枫桥经验 is a practice's own name)."""
    tail = next((t for t in _lesson_tails() if text.endswith(t)), None)
    head = text[: -len(tail)] if tail else ""
    if len(canonical(head)) < 2 or not (head.endswith("”") or type_word_end().search(head, 1)):
        return None
    return head


@lru_cache(maxsize=1)
def _lesson_tails() -> tuple[str, ...]:
    return tuple(lexicon().words("program", "lesson_tails"))


@lru_cache(maxsize=1)
def _end_state_tails() -> tuple[str, ...]:
    return tuple(lexicon().words("goal", "end_state_tails"))


@lru_cache(maxsize=1)
def _goal_type_words() -> tuple[str, ...]:
    return tuple(lexicon().words("goal", "goal_type_words"))


def end_state(name: str) -> bool:
    """True when ``name`` names the end-state of a place (guide rule 12: 教育强省, 国际消费中心城市建设,
    平安江苏和法治江苏建设)."""
    core = name.removesuffix("建设")
    return core.endswith(_end_state_tails()) or all(quality_of_place(m) for m in re.split("[和、与及]", core))


@lru_cache(maxsize=1)
def _document_tails() -> tuple[str, ...]:
    return tuple(lexicon().words("document", "program_document_tails"))


def program_label(name: str) -> str:
    """The label of a span tagged Program: ``Goal`` for a place's end-state (guide rule 12: also a standing named by
    its grade, :func:`aspiration`) or a name ending in the guide's Goal words (``[goal] goal_type_words``:
    国家江河战略, 市市通高铁目标), ``Document`` for a titled plan, regulation, convention or guideline (rule 10:
    十四五规划, 全省应急避难场所专项规划, 林长制条例, 应急志愿服务预案; ``[document] program_document_tails``, with the
    counts behind each word), else ``Program``."""
    if end_state(name) or name.endswith(_goal_type_words()) or aspiration(name):
        return "Goal"
    return "Document" if name.endswith(_document_tails()) else "Program"


def aspiration(name: str) -> bool:
    """True when ``name`` opens with a grade of standing (``[goal] aspiration_grades``: 世界一流石化产业基地, 世界级
    旅游景区) and ends in no word of action (``[goal] aspiration_actions``): the standing a place builds toward, an
    end-state (guide rule 12), not a designated zone (rule 10)."""
    grades, actions = _aspiration_words()
    return name.startswith(grades) and not name.endswith(actions)


@lru_cache(maxsize=1)
def _aspiration_words() -> tuple[tuple[str, ...], tuple[str, ...]]:
    lx = lexicon()
    return tuple(lx.words("goal", "aspiration_grades")), tuple(lx.words("goal", "aspiration_actions"))


@lru_cache(maxsize=1)
def _body_no_organ_tails() -> tuple[str, ...]:
    """``[body] people_tails`` and ``amount_tails``: a tagged Body ending in one names people (guide rule 11) or an
    amount (中央财政赤字), not an organ."""
    lx = lexicon()
    return (*lx.words("body", "people_tails"), *lx.words("body", "amount_tails"))


def _period(name: str) -> bool:
    """True when a tagged span names a period, not an entity (“十四五”以来, 十四五时期; ``[text] period_pattern``)."""
    return bool(rules().period.search(name.replace("“", "").replace("”", "").replace('"', "")))


def _no_target(name: str) -> bool:
    """True when a tagged Goal grants support (给予…奖补, 最高500万元): a measure's means, no target
    (guide rule 9; ``[goal] grant_pattern``), or reports a figure as reached (已建成24个: ``[goal]
    achieved_pattern``)."""
    r = rules()
    return bool(r.grant.search(name)) or (bool(re.search(r"\d", name)) and bool(r.achieved.search(name)))


#: What separates two names written one after the other: a pause mark or comma, a conjunction, 等, or two quotations
#: side by side (“三率”“三度”).
_SEPARATOR = re.compile(r"[、，,；;和与及或等]|”“")


def one_name(sentence: str, s: int, e: int, inside: list[Candidate]) -> bool:
    """True when the tagged span ``sentence[s:e]`` over the rule names ``inside`` is one name written in pieces,
    not several names: nothing separates the pieces (:data:`_SEPARATOR`), they are of one label, and no piece of a
    Program or Goal but the last ends on a type word.  A quoted name opening a longer one (“宏志助航”就业能力培训项目,
    “人房地钱”要素联动机制, guide rule 5: the quoted part is no name on its own there) or a Body named under its parent
    (北京大学口腔医院三亚医院) is one name; two typed names run together (文化保护传承利用工程“专精特新”项目) are two.
    4-fold over the 115 annotated documents: Body 12 more right (3,773 -> 3,785 of 4,763), Program 5; held-out pair
    Program and Body one more each.  A Goal nested in a Program among the pieces (乡村振兴 inside 党建引领促乡村振兴) is no
    piece: 党建引领促乡村振兴“1+3+5”机制, a local organisation-work meeting's mechanism, is one name, as the golds write
    党建引领村集体经济“强基固本”行动.  (A nested Body is still a piece: 统筹经营性事业单位改革 stays cut after 统筹.)"""
    pieces = [c for c in inside if not (c.label == "Goal" and any(
        o.label == "Program" and o.start <= c.start and c.end <= o.end and o.end - o.start > c.end - c.start
        for o in inside))]
    if any(c.label != pieces[0].label for c in pieces) or _SEPARATOR.search(sentence, s, e):
        return False
    ends = type_word_end()
    last = max(c.end for c in pieces)
    return pieces[0].label == "Body" or not any(c.end < last and ends.search(c.name) for c in pieces)


def names_no_entity(label: str, name: str) -> str:
    """Why a span tagged ``label`` with canonical ``name`` names no entity, or ``""`` when it may name one: under two
    characters, a period (:func:`_period`), guiding ideologies alone (guide rule 6), people or an amount for a Body
    (``[body] people_tails``, guide rule 11; ``amount_tails``: 中央财政赤字), or a Goal stating a grant or a figure
    reached (:func:`_no_target`).  The reason is what ``policykg extract --explain`` prints for the dropped span."""
    if len(name) < 2:
        return "under two characters"
    if _period(name):
        return "a period, not an entity"
    if ideologies_only(name):
        return "guiding ideologies alone, guide rule 6"
    if label == "Body" and name.endswith(_body_no_organ_tails()):
        return "people or an amount, not an organ, guide rule 11"
    if label == "Goal" and _no_target(name):
        return "a grant or a figure reached, no target, guide rule 9"
    return ""


@lru_cache(maxsize=1)
def _department_list() -> re.Pattern[str]:
    """What follows an item of a list of departments named by their fields: more items, then 等 and the departments
    (``[body] department_list_heads``).  Without 等 the list names places or organs whose departments it means
    (两江新区、万盛经开区有关部门), which may be names."""
    heads = "|".join(map(re.escape, lexicon().words("body", "department_list_heads")))
    return re.compile(rf"(?:[、和][^，。；：、和“”]{{1,8}}?)*等(?:有关|相关)?(?:{heads})")


def department_field(sentence: str, s: int, e: int) -> bool:
    """True when ``sentence[s:e]`` is an item of a list of departments named by their fields (发展改革、公安、住房城乡建设、
    农业农村…等部门): the field of work of a department the list's head names, no Program or Goal of its own.

    Pattern source: the division of labour closing a plan's measures names the departments by their fields before one
    head (一个城市的养老服务人才实施方案: 发展改革、公安、住房城乡建设…等部门依职责做好…; a central opinion on rivers:
    自然资源、生态环境、住房城乡建设、交通运输…等部门), where the tagger read 住房城乡建设 as a Program.  The item stands
    after a pause mark or at a clause's start, and the list runs on to its head with no clause's mark in between.
    """
    if s > 0 and sentence[s - 1] not in "、，：；。":
        return False
    return bool(_department_list().match(sentence, e))


@lru_cache(maxsize=1)
def _speech_occasion() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The words closing a meeting's name (``[program] speech_occasion_meetings``) and what follows the name of the
    meeting a speech was given at: more meetings, then 上/时 and a word of speaking (``speech_occasion_acts``), or
    等(重要)会议上 closing the list."""
    lx = lexicon()
    meetings = "|".join(map(re.escape, lx.words("program", "speech_occasion_meetings")))
    acts = "|".join(map(re.escape, sorted(lx.words("program", "speech_occasion_acts"), key=len, reverse=True)))
    more = rf"(?:(?:、|和|特别是|以及)[^，。；：（）“”]{{2,40}}?(?:{meetings}))*"
    return (tuple(lx.words("program", "speech_occasion_meetings")),
            re.compile(rf"{more}(?:(?:上|时)(?:{acts})|等(?:重要)?会议上)"))


def speech_occasion(sentence: str, s: int, e: int) -> bool:
    """True when ``sentence[s:e]`` names the meeting a speech was given at, as its occasion (我在庆祝中国共产党成立
    九十五周年大会、…特别是庆祝中国共产党成立一百周年大会等重要会议上; （2014年5月9日在参加…专题民主生活会时的讲话）): a past
    event, no Program.

    Pattern source: speeches and the compilations of them point to the meetings where the speaker said something
    (a 2021 speech explaining a resolution lists four anniversary meetings; a 2019 compilation closes each passage with
    its source line), where the 4-fold predictions made each meeting a Program.  The name closes on a word of
    ``[program] speech_occasion_meetings`` and is followed by the words of :func:`_speech_occasion`.
    """
    meetings, after = _speech_occasion()
    return sentence.endswith(meetings, s, e) and bool(after.match(sentence, e))


_COUNTED = re.compile(r"[一二两三四五六七八九十百千万0-9０-９]")


@lru_cache(maxsize=1)
def _malpractice() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What stands before a quoted malpractice (a word of ``[program] malpractice_verbs``, at most two characters, then
    any quoted items of the same list) and what closes the list as a campaign's (``malpractice_campaign_closers``)."""
    lx = lexicon()
    verbs = "|".join(map(re.escape, lx.words("program", "malpractice_verbs")))
    closers = "|".join(map(re.escape, lx.words("program", "malpractice_campaign_closers")))
    return (re.compile(rf"(?:{verbs})[\u4e00-\u9fff]{{0,2}}(?:“[^“”]{{1,16}}”[、和]?)*$"),
            re.compile(rf"(?:[、和]?“[^“”]{{1,16}}”)*(?:{closers})"))


def malpractice(sentence: str, s: int, e: int) -> bool:
    """True when ``sentence[s:e]`` is no more than a quotation naming a malpractice the sentence prevents or corrects
    (防止干部“带病上岗”、“带病提拔”; 坚决杜绝“形象工程”“面子工程”): what the work stops, no Program.

    Pattern source: the discipline commissions' reports and the work reports' pledges on conduct (a 2012 report of the
    central discipline commission, the 2025 reports of 重庆, 四川 and 吉林), where the 4-fold predictions made each quoted
    malpractice a Program; the words are ``[program] malpractice_verbs`` (see ``lexicon.toml`` for what is left alone:
    the action named with its verb, a counted formula, a quotation opening a longer name, a campaign's list).
    """
    q = s if sentence.startswith("“", s) else s - 1 if s > 0 and sentence[s - 1] == "“" else -1
    close = sentence.find("”", q + 1)
    if q < 0 or close < 0 or e > close + 1 or _COUNTED.search(sentence, q, close):
        return False
    before, after = _malpractice()
    return bool(before.search(sentence[max(0, q - 60):q])) and not after.match(sentence, close + 1)


@lru_cache(maxsize=1)
def _session() -> re.Pattern[str]:
    """A session's number then a word of ``[body] session_words`` (第六次全体会议, 三次全会)."""
    words = "|".join(map(re.escape, lexicon().words("body", "session_words")))
    return re.compile(rf"第?[一二三四五六七八九十]+次(?:{words})")


def session_convener(sentence: str, s: int, e: int) -> bool:
    """True when the Body ``sentence[s:e]`` is followed by the number of one of its sessions (中共十八届中央纪委三次全会,
    中国共产党第十九届中央委员会第六次全体会议, 中央纪委四次全会精神): the span names a past meeting by its organ, where
    the organ acts in nothing the document says.

    Pattern source: the source lines of speeches (（2014年1月14日在中共十八届中央纪委三次全会上的讲话）), the title note of
    a 2021 explanation of a resolution and the work reports' 贯彻…中央纪委四次全会精神, where the 4-fold predictions made
    the organ a Body no gold names (``[body] session_words``, measured in ``lexicon.toml``).  A
    session without its number (中央政治局向中央委员会全体会议…报告工作: the plenary as the organ reported to) is no
    such name.
    """
    return bool(_session().match(sentence, e))


@lru_cache(maxsize=1)
def _accept_verbs() -> re.Pattern[str]:
    """A word of ``[program] supervision_accept_verbs`` (接受)."""
    return lexicon().alternation("program", "supervision_accept_verbs")


def accepted_supervision(sentence: str, s: int, e: int) -> bool:
    """True when ``sentence[s:e]`` ends in 监督 and stands in the clause a word of ``[program]
    supervision_accept_verbs`` opens (自觉接受人大监督、民主监督、审计监督、群众监督、舆论监督等各方面监督): a channel of
    supervision the government submits to, no Program (guide rule 8).

    Pattern source: the closing pledges on the government's own work in the provincial reports of 2025 (27 of 29 hold
    one) and the State Council's reports (依法接受同级人大及其常委会的监督，自觉接受人民政协的民主监督); the clause
    runs back from the span to the last ，；。： and must hold the verb.

    Args:
        sentence: the sentence the offsets index.
        s, e: the span's start and end.
    Returns:
        ``True`` to drop the span.
    """
    if not sentence[s:e].rstrip("”\"」").endswith("监督"):
        return False
    start = max(sentence.rfind(mark, 0, s) for mark in "，；。：,;:") + 1
    return bool(_accept_verbs().search(sentence, start, s))

