"""read -> outline -> extract for one file: the loaders' single entry point.

:func:`build_document_graph` turns a :class:`SourceDocument` into a
:class:`DocumentGraph` whose entities are merged within the document
(guide rule 1: one entity per distinct name, other forms as aliases) and
whose every mention carries provenance (document, section, sentence, offsets).  The sentences it reads are
:mod:`policykg.loaders.sentence_views`' (outline, tokens, reviews, rule candidates); here the tagger reads them
(:func:`tagged`) and the graph is built from what it makes of them.
"""

from __future__ import annotations

from pathlib import Path

from policykg.graph.names import match_key, surface_width, with_full_stops
from policykg.graph.records import DocumentGraph, Entity, Mention, Relation, SourceDocument
from policykg.graph.schema import FACT_ENDS

from . import relations as relation_forms
from .built_institutions import with_built_institutions
from .combine import read_spans, settle
from .count_wholes import CountWholes
from .duty_lists import DutyLists
from .extract import Candidate
from .genre import genre_copies, genre_name
from .glossary import Glossary
from .item_lists import ItemLists, with_item_title
from .leads import charged_under_heading, duty_unit_spans, lead_spans, lead_units, without_subject
from .opening import addressed
from .outline import outline
from .pairs import classifier, heads, label_counts, pair_features, relation_of, rule_votes, sentence_pairs
from .read import read_document
from .relations import PART_RULES, box_whole, general_requirements, paragraph_lead_goal, runs_on, sentence_relations
from .rules import body_forms
from .rules.documents import own_program_title, own_title, own_title_keys
from .rules.joint_bodies import joint_organs
from .rules.members import counted_members, enterprises, without_posts
from .sentence_views import SentenceView, document_sentences
from .service_lists import ServiceLists
from .tagger import model_path
from .tagging import GOAL_BIAS, OUTSIDE_BIAS, PROGRAM_BIAS, DocumentTagging
from .unit_tables import UnitTables

__all__ = ["SentenceView", "after_tagging", "bodies_after_tagging", "build_document_graph", "document_sentences",
           "pairs_path", "process_file", "tagged", "tagger_file"]

_LABEL_RANK = {"Document": 0, "Program": 1, "Goal": 2, "Body": 3}


def process_file(path: Path, max_bytes: int = 20 * 1024 * 1024) -> DocumentGraph:
    """Read, outline and extract one file.

    Raises:
        LoadError: the file cannot be read (see :func:`policykg.loaders.read.read_document`).
    """
    return build_document_graph(read_document(path, max_bytes))


def tagged(views: list[SentenceView], model: str, genre: tuple[str, ...] = (), closes: list[bool] | None = None
           ) -> list[list[Candidate]]:
    """Every sentence's candidates once the tagger has read the document (:mod:`policykg.loaders.combine`).

    The tags of all sentences come first (:class:`policykg.loaders.tagging.DocumentTagging`), then the
    marginal probabilities of the sentences whose untagged rule candidates must be weighed, together.
    Forms of official writing are then read from the final candidates (:func:`after_tagging`).

    Args:
        views: the document's sentences, in order (or any of them).
        model: the tagger model file.
        genre: the genre copies to read with (:func:`policykg.loaders.genre.genre_copies` of the document's text).
        closes: for each view, whether it is the last sentence of a numbered item (:func:`after_tagging`).
    """
    tagging = DocumentTagging(model, [(v.words, v.rule_tags, v.review) for v in views], OUTSIDE_BIAS, GOAL_BIAS,
                              PROGRAM_BIAS, genre)
    readings = [read_spans(v.matching, v.words, v.rules, t) if v.words else None
                for v, t in zip(views, tagging.tags, strict=True)]
    outside = tagging.outside([k for k, r in enumerate(readings) if r is not None and r.uncertain()])
    return [after_tagging(view, view.rules if r is None else settle(r, outside[k].__getitem__ if k in outside else None),
                          bool(closes and closes[k])) for k, (view, r) in enumerate(zip(views, readings, strict=True))]


def after_tagging(view: SentenceView, cands: list[Candidate], closes_item: bool = False) -> list[Candidate]:
    """A sentence's final candidates (the tagger's, or the rules' alone) with what forms of official writing add
    whatever the tagger made of them: an item's title as its program (:func:`.item_lists.with_item_title`) and
    the Bodies of :func:`bodies_after_tagging` (``closes_item``: the sentence is the last of a numbered item)."""
    return bodies_after_tagging(view.matching, with_item_title(view, cands), closes_item)


def bodies_after_tagging(sentence: str, cands: list[Candidate], closes_item: bool = False) -> list[Candidate]:
    """A sentence's final candidates with the Bodies read from them (``.rules.body_forms`` and ``.rules.members``):
    the label of a unit line names no Body (``without_unit_roles``), nor the post of an organ's head (``without_posts``:
    省统计局局长); an organ of several levels listed before it is one Body (``with_level_list``: 各州、市人民政府); each
    unit a unit line or a duty note names is a Body (``unit_line_bodies``: 责任单位：…安徽证监局; ``.leads.duty_unit_spans``:
    （市住房保障办牵头，…配合）, or the whole sentence when ``closes_item``); an organ named with its standing committee
    becomes two (``split_committees``), and so do two organs written as one name (``joint_organs``); a category of
    organisations counted in a target is nested in it (``counted_bodies``); organisations named before a count of
    organisations are Bodies (``counted_members``), so is a Program named as an enterprise (``enterprises``), and so
    are the organs issuing a cited title (``title_issuers``)."""
    cands = without_posts(sentence, body_forms.without_unit_roles(cands, sentence))
    cands = body_forms.with_level_list(sentence, enterprises(cands))
    cands = body_forms.unit_line_bodies(sentence, cands, duty_unit_spans(sentence, closes_item))
    cands = body_forms.split_committees(sentence, cands)
    cands = body_forms.title_issuers(sentence, counted_members(sentence, body_forms.counted_bodies(sentence, cands)))
    return joint_organs(sentence, cands)


def item_closes(views: list[SentenceView]) -> list[bool]:
    """For each sentence, whether it is the last of a numbered item (the place of the item's lead-unit line)."""
    return [bool(v.section.number) and (i + 1 == len(views) or views[i + 1].section.id != v.section.id)
            for i, v in enumerate(views)]


def lead_items(views: list[SentenceView], spans: list[list[tuple[int, int]]] | None = None) -> set[str]:
    """The ids of the numbered items holding a lead-unit line or duty note (``spans``: each sentence's
    :func:`.leads.lead_spans`, computed when ``None``); guide rule 7."""
    if spans is None:
        spans = [lead_spans(v.matching, c) for v, c in zip(views, item_closes(views), strict=True)]
    return {v.section.id for v, s in zip(views, spans, strict=True) if s and v.section.number}


def tagger_file(model: str | None) -> str | None:
    """The tagger model to use: ``model``, or the shipped one for ``None``; ``None`` for ``""`` or a missing file."""
    if model == "":
        return None
    path = model or str(model_path())
    return path if Path(path).exists() else None


def pairs_path(model: str | None) -> str | None:
    """The relation model that goes with tagger model ``model`` (``pairs.crfsuite`` beside it)."""
    return None if not model else str(Path(model).with_name(Path(model).stem + ".pairs.crfsuite"))


def build_document_graph(doc: SourceDocument, model: str | None = None) -> DocumentGraph:
    """Outline ``doc`` and extract its entities and relations.

    Args:
        doc: the read document.
        model: path of a tagger model to use instead of the shipped one
            (leave-one-document-out evaluation); ``""`` uses the rules alone.

    Returns:
        A :class:`DocumentGraph`; entity ``node_id`` is left empty for the
        resolver, mentions satisfy ``doc.text[m.start:m.end] == m.surface``.
    """
    secs = outline(doc.id, doc.text, doc.title)
    text = with_full_stops(doc.text)  # the structure's readers find a sentence's end in the dot a web page writes for 。
    groups: dict[tuple[str, str], Entity] = {}
    order: list[tuple[str, str]] = []
    triples: list[tuple[str, str, str, str, str, Mention]] = []
    part_links: list[tuple[str, str, Mention]] = []
    # guide rule 7: a lead-unit line LEADS the programs named since the previous one (or the section's start)
    item_programs: list[tuple[tuple[str, str], Mention]] = []  # with the sentence naming each
    item_section = ""
    item_leads: list[tuple[tuple[str, str], tuple[str, str], Mention]] = []
    named_in: dict[tuple[tuple[str, str], Mention], Mention] = {}  # (program, lead line) -> the item's sentence naming it
    # a plan's box (专栏3  X工程): every program of its body is PART_OF the program its heading names
    box: tuple[str, tuple[str, str], Mention] | None = None
    item_lists = ItemLists(text)  # （一）X计划。…实施如下重点项目： 1.Y项目。: Y PART_OF X; Y SERVES the Goals under it
    glossary = Glossary(text, secs)  # 12.“三通一码”：赣服通、赣政通、赣企通、赣通码。: each PART_OF 三通一码
    count_wholes = CountWholes(text)  # 实施城建“六大攻坚行动”。实施A攻坚行动。…: each PART_OF the whole
    duty_lists = DutyLists(text, secs)  # 第八条　X的主要职责是：（一）…Y…: X LEADS Y
    unit_tables = UnitTables(text)  # 序号\t重点任务\t牵头单位 / 1\tY\tX: X LEADS Y
    # the document's title, or its first line when the title is the file name (安徽省…关于印发…行动计划的通知)
    title_keys = own_title_keys(doc.title, doc.text)
    tagger_model = tagger_file(model)
    # a genre annotated apart (organisation work) is read with the models' copies for it (:mod:`.genre`)
    genre = genre_copies(doc.text)
    pair_model = classifier(pairs_path(model), genre) if model != "" else None
    prev: tuple[SentenceView, list[Candidate]] | None = None
    prev_names: dict[int, tuple[str, str]] = {}
    views = list(document_sentences(doc.text, doc.id.split(":", 1)[1], doc.title, secs, doc.year))
    # a document that closes its items with lead-unit lines names every item's lead there (guide rule 7)
    closes = item_closes(views)
    lead_spans_of = [lead_spans(v.matching, c) for v, c in zip(views, closes, strict=True)]
    leads_named = any(lead_spans_of)
    candidates = (tagged(views, tagger_model, genre, closes) if tagger_model
                  else [after_tagging(v, v.rules, c) for v, c in zip(views, closes, strict=True)])
    # an item closed by lead units names each institution it builds by the whole object of its verb (rule 7)
    built_in = lead_items(views, lead_spans_of)
    candidates = [with_built_institutions(v.matching, c) if v.section.id in built_in else c
                  for v, c in zip(views, candidates, strict=True)]
    addressed(views, candidates)
    service_lists = ServiceLists(secs)  # 2025年省十件民生实事 一、为老年人提供…服务。为超2.5万名…: a Program, its targets
    service_lists.titles(views, candidates)
    prev_end = 0
    lead: tuple[tuple[str, str], Mention] | None = None  # a paragraph lead's Goal (and sentence), while the one under it runs on
    for view, cands, spans in zip(views, candidates, lead_spans_of, strict=True):
        sent, sec, msent = view.sentence, view.section, view.matching
        lead = lead if lead is not None and runs_on(text, prev_end, sent.start) else None
        prev_end = sent.end
        # the document's own title, or the title of what it issues, or a piece of either, is not a
        # citation of another document (guide: Document is "another written instrument cited by title")
        cands = [c for c in cands if not (c.label == "Document" and own_title(match_key(c.name), title_keys))
                 and not (c.label == "Program" and own_program_title(match_key(c.name), title_keys))]
        lead_goal = paragraph_lead_goal(text, prev, view)
        if lead_goal is not None:  # the relation's evidence is the lead sentence naming the Goal, then each one under it
            lead = (prev_names[id(lead_goal)], _evidence(doc, prev[0]))
        if not cands:
            prev = None
            continue
        names: dict[int, tuple[str, str]] = {}
        for c in cands:
            key = _group(groups, order, c, doc, sec.id, sent.start, sent.text, msent)
            names[id(c)] = key
        evidence = _evidence(doc, view)
        if sec.id != item_section:
            item_programs, item_section = [], sec.id
        item_programs.extend((names[id(c)], evidence) for c in cands if c.label == "Program")
        leads = lead_units(msent, cands, spans) if spans else []
        if leads:
            for b in leads:
                item_leads += [(names[id(b)], p, evidence) for p in dict.fromkeys(p for p, _ in item_programs)]
            named_in.update(((p, evidence), pev) for p, pev in item_programs)  # evidence: the item's sentence, the line
            item_programs = []
        for c in cands:
            for part in c.parts:
                part_links.append((part, names[id(c)][1], evidence))
        triples += [(rel, *src, *dst, ev) for rel, src, dst, ev in item_lists.read(view, cands, names, evidence)]
        glossary.read(view, cands, names, evidence)
        count_wholes.read(view, cands, names, evidence)
        duty_lists.read(view, cands, names, evidence)
        unit_tables.read(view, cands, names, evidence)
        triples += [(rel, *src, *dst, ev) for rel, src, dst, ev in service_lists.read(view, cands, names, evidence)]
        found = sentence_relations(msent, cands)
        whole = box_whole(msent, cands)
        if whole is not None:
            box = (sec.id, names[id(whole)], evidence)
        elif box is not None and box[0] == sec.id:
            for c in cands:
                if c.label == "Program" and names[id(c)] != box[1]:  # evidence: the box's heading, then the sentence
                    triples += [("PART_OF", *names[id(c)], *box[1], ev) for ev in (box[2], evidence)]
        if pair_model is not None:
            # the classifier reads the rules' votes as features (pairs.rule_votes); the rules' relations
            # stand beside its own (letting it overrule them scored the same: 4-fold relation F1 0.389
            # against 0.390)
            # in a document that names its leads in lead-unit lines, the classifier's LEADS from other bodies
            # of an item (上下游部门, 乡镇（街道）) are no leads: 4-fold, 11 fewer predicted, none of them right
            found += [t for t in _classified(pair_model, view, cands, found)
                      if not (leads_named and t[0] == "LEADS")]
        if general_requirements(msent):  # a work report's list of the year's requirements: no SERVES in it
            found = [t for t in found if t[0] != "SERVES"]
        found = [t for t in found if not (t[0] == "SERVES" and (relation_forms.coordinated(msent, t[1], t[2])  # A、B
                                                                or relation_forms.upheld(msent, t[2])  # 坚持Y
                                                                or relation_forms.focus_of(msent, t[2], t[1])))]  # 以Y为重点
        if view.review:  # what a review reports done names no lead (……研究院落地江苏，苏州实验室…: 4-fold over the
            found = [t for t in found if t[0] != "LEADS"]  # 115, of 12 LEADS read in review sentences 2 are gold)
        for rel, a, b in found:
            ka, kb = names[id(a)], names[id(b)]
            triples.append((rel, ka[0], ka[1], kb[0], kb[1], evidence))
        if prev is not None and heads(prev[0], view, text):  # （四）组建中央社会工作部。负责…: the heading is the subject
            for rel, b, p in charged_under_heading(prev[1], msent, cands):
                triples += [(rel, *prev_names[id(b)], *names[id(p)], ev) for ev in (_evidence(doc, prev[0]), evidence)]
        if lead is not None:
            for c in cands:
                if c.label == "Program" and c.rule not in PART_RULES:
                    triples += [("SERVES", *names[id(c)], *lead[0], ev) for ev in (lead[1], evidence)]
        prev, prev_names = (view, cands), names
    entities = [groups[k] for k in order]
    by_key = {(e.label, match_key(e.name)): e for e in entities}
    rels: dict[tuple[str, str, str], Relation] = {}

    def add(rel: str, sl: str, sk: str, tl: str, tk: str, ev: Mention) -> None:
        s, t = by_key.get((sl, sk)), by_key.get((tl, tk))
        if s is None or t is None or s is t or FACT_ENDS.get(rel, (s.label, t.label)) != (s.label, t.label):
            return  # a name the document gives one label wherever it stands (_group): 十五计划 read as a Program
            # serving a Goal in one sentence is the Document of the others, and a Document serves nothing
        r = rels.setdefault((rel, s.name, t.name), Relation(rel, s.name, s.label, t.name, t.label))
        if ev not in r.evidence:
            r.evidence.append(ev)

    for rel, sl, sk, tl, tk, ev in triples:
        add(rel, sl, sk, tl, tk, ev)
    for part, whole, ev in [*glossary.relations(), *count_wholes.relations(), *item_lists.counted_parts()]:
        add("PART_OF", *part, *whole, ev)
    for part, agg_key, ev in part_links:
        add("PART_OF", "Program", match_key(part), "Program", agg_key, ev)
    for (bl, bk), (pl, pk), ev in [*without_subject(item_leads), *duty_lists.relations(), *unit_tables.relations()]:
        if ((pl, pk), ev) in named_in:
            add("LEADS", bl, bk, pl, pk, named_in[(pl, pk), ev])
        add("LEADS", bl, bk, pl, pk, ev)
    return DocumentGraph(doc, secs, entities, list(rels.values()), genre_name(genre) if tagger_model else None)


def _evidence(doc: SourceDocument, view: SentenceView) -> Mention:
    """The sentence of ``view`` as a relation's evidence (provenance: document, section, offsets, text)."""
    sent = view.sentence
    return Mention(doc.id, view.section.id, sent.start, sent.end, sent.text, sent.text, sent.start)


def _classified(model, view: SentenceView, cands: list[Candidate],
                stated: list[tuple[str, Candidate, Candidate]]) -> list[tuple[str, Candidate, Candidate]]:
    """Relations the pair classifier (:mod:`.pairs`) reads between the mentions of one sentence.

    ``stated`` are the rules' relations in the sentence (its pairs' votes).  The classifier is fitted on
    the pairs of a sentence and also on those across a short heading and the sentence under it
    (:func:`policykg.loaders.pairs.sentence_units`; with them 4-fold pooled relation F1 0.415, without
    0.411), but it reads no heading pair here: read at extraction they cost relation F1 (the 4-fold models
    of session 31: seeds 0.550 -> 0.492, the held-out reports 0.429 -> 0.423).  A heading's Goal reaches the
    programs under it by the paragraph-lead rule (:func:`policykg.loaders.relations.paragraph_lead_goal`).
    """
    text, words = view.matching, view.words
    votes, counts = rule_votes(stated), label_counts(cands)
    pairs = sentence_pairs(text, cands)
    labels = model.read([pair_features(text, a, b, words, between, across, votes.get((id(a), id(b)), ()), counts, False)
                         for a, b, between, across in pairs])
    out = []
    for (a, b, _, _), label in zip(pairs, labels, strict=True):
        rel = relation_of(label, a, b)
        if rel is not None and (rel[0] != "PART_OF" or relation_forms.enumerated(text, rel[1], rel[2])):  # guide: enumerated
            out.append(rel)
    return out


def _group(groups: dict[tuple[str, str], Entity], order: list[tuple[str, str]], c: Candidate, doc: SourceDocument,
           section_id: str, sent_start: int, sentence: str, matching: str) -> tuple[str, str]:
    """Add candidate ``c`` to its entity (created on first sight); return the entity's (label, key).

    ``sentence`` and ``matching`` are the sentence in the text and in the copy extraction read; the name keeps the
    text's full-width figures (:func:`policykg.graph.names.surface_width`)."""
    name = surface_width(c.name, sentence[c.start:c.end], matching[c.start:c.end])
    key = match_key(name)
    other = next((k for k in ((lbl, key) for lbl in _LABEL_RANK) if k in groups and k[0] != c.label), None)
    label = other[0] if other else c.label
    gk = (label, key)
    ent = groups.get(gk)
    if ent is None:
        ent = groups[gk] = Entity(label, name)
        order.append(gk)
    for form in [name, *c.aliases]:
        if form != ent.name and form not in ent.aliases:
            ent.aliases.append(form)
    start, end = sent_start + c.start, sent_start + c.end
    ent.mentions.append(Mention(doc.id, section_id, start, end, doc.text[start:end], sentence, sent_start))
    return gk
