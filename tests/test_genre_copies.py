"""The organisation-work genre read apart (:mod:`policykg.loaders.genre`): detected from the text, fitted with
feature copies, read with them folded in, and shown by ``extract --explain``.

A small model is fitted on two annotated documents of ``loaders/training``: the party's regulation of
organisation work (of the genre) and an opinion on funeral reform (not); what the tagger and the relation
classifier read must be what python-crfsuite reads from the features each document carries in fitting.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from opencc import OpenCC

from conftest import BACKENDS, _open
from policykg.cli import main
from policykg.loaders import pipeline
from policykg.loaders.crf import read_model
from policykg.loaders.genre import ORGANISATION_WORK, genre_copies, organisation_work, organisation_work_rate
from policykg.loaders.pairs import classifier
from policykg.loaders.pipeline import build_document_graph, document_sentences, pairs_path
from policykg.loaders.read import read_document
from policykg.loaders.tagger import model_path, sentence_features, tagger
from policykg.loaders.tagging import DocumentTagging
from policykg.loaders.train import AnnotatedDocument, annotated_documents, feature_copies, fit, fit_pairs, pair_examples

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "loaders" / "training"
EXAMPLES = ROOT / "examples"
ORG_WORK, PLAIN = "zhongyang_zuzhi_gongzuo_tiaoli_2021", "zhongban_binzang_gaige_yijian_2013"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", [EXAMPLES / "003_8ab235683617fdde.txt", EXAMPLES / "001_b67b329c3470edd9.txt",
                                  TRAINING / "texts" / f"{ORG_WORK}.txt"])
def test_organisation_work_documents_are_of_the_genre(path):
    # a district's 组织工作要点, an organisation department's experience material (组织工作 once in 2,734
    # characters), the party's regulation of organisation work
    assert organisation_work(_text(path))
    assert genre_copies(_text(path)) == (ORGANISATION_WORK,)


@pytest.mark.parametrize("path", [TRAINING / "texts" / "gwr2025-北京.txt", TRAINING / "texts" / f"{PLAIN}.txt",
                                  TRAINING / "texts" / "zhongyang_liangxue_yizuo_xuexi_jiaoyu_fangan_2016.txt"])
def test_other_documents_are_read_with_the_shared_weights(path):
    # a work report, an opinion on funeral reform, and a party education plan that names 组织工作 in passing
    # (2.2 times per 10,000 characters, the highest of the texts not of the genre)
    text = _text(path)
    assert not organisation_work(text) and genre_copies(text) == ()
    assert organisation_work_rate(text) < 3.0


def test_a_text_in_traditional_script_is_of_the_genre_as_in_simplified():
    simplified = _text(EXAMPLES / "003_8ab235683617fdde.txt")
    traditional = OpenCC("s2t").convert(simplified)
    assert "組織工作" in traditional and "组织工作" not in traditional
    assert organisation_work_rate(traditional) == organisation_work_rate(simplified) and organisation_work(traditional)


def test_an_empty_text_is_of_no_genre():
    assert organisation_work_rate("") == 0.0 and not organisation_work("")


@pytest.fixture(scope="module")
def fitted(tmp_path_factory) -> tuple[Path, dict[str, AnnotatedDocument]]:
    """Both models fitted on the two documents (few iterations)."""
    docs = {d.stem: d for d in annotated_documents([(TRAINING / "texts", TRAINING / "gold")]) if d.stem in (ORG_WORK, PLAIN)}
    path = fit(list(docs.values()), tmp_path_factory.mktemp("genre") / "genre.crfsuite", max_iterations=30)
    fit_pairs(list(docs.values()), Path(pairs_path(str(path))), max_iterations=30)
    return path, docs


def test_only_the_genres_documents_carry_copies_in_fitting(fitted):
    _, docs = fitted
    assert feature_copies(docs[ORG_WORK]) == (ORGANISATION_WORK,)
    assert feature_copies(docs[PLAIN]) == ()


def test_the_genre_copies_are_fitted(fitted):
    path, _ = fitted
    raw = read_model(str(path))
    assert any(a.startswith(ORGANISATION_WORK) for a in raw.attributes)
    assert not any(a.startswith(ORGANISATION_WORK) for a in raw.folded(ORGANISATION_WORK).attributes)


@pytest.mark.parametrize("stem", [ORG_WORK, PLAIN])
def test_each_document_is_tagged_as_crfsuite_tags_the_features_it_carries(fitted, stem):
    path, docs = fitted
    doc = docs[stem]
    copies = genre_copies(doc.text)
    sentences = [(v.words, v.rule_tags, v.review) for v in document_sentences(doc.text, doc.stem) if v.words][:60]
    ours = DocumentTagging(str(path), sentences, genre=copies).tags
    crf = tagger(str(path))
    for (words, rule_tags, review), tags in zip(sentences, ours, strict=True):
        features = sentence_features(words, rule_tags, review)
        assert tags == crf.tag([[*f, *(p + a for p in copies for a in f)] for f in features]), "".join(
            w for w, _, _ in words)


def test_the_genre_reading_differs_from_the_shared_one(fitted):
    path, docs = fitted
    doc = docs[ORG_WORK]
    sentences = [(v.words, v.rule_tags, v.review) for v in document_sentences(doc.text, doc.stem) if v.words]
    assert DocumentTagging(str(path), sentences, genre=(ORGANISATION_WORK,)).tags != DocumentTagging(
        str(path), sentences).tags


def test_the_relation_classifier_reads_the_genre_copies(fitted):
    path, docs = fitted
    pairs = pairs_path(str(path))
    examples = [features for features, _ in pair_examples(docs[ORG_WORK])]
    assert examples and all(any(f.startswith(ORGANISATION_WORK) for f in x) for x in examples)
    plain = [[f for f in x if not f.startswith(ORGANISATION_WORK)] for x in examples]
    crf = tagger(pairs)
    assert classifier(pairs, (ORGANISATION_WORK,)).labels(plain) == [crf.tag([x])[0] for x in examples]
    assert [f for f, _ in pair_examples(docs[PLAIN])] and not any(
        f.startswith(ORGANISATION_WORK) for x, _ in pair_examples(docs[PLAIN]) for f in x)


def test_the_shipped_models_carry_the_genre_copies():
    for name in ("tagger.crfsuite", "tagger.pairs.crfsuite"):
        assert any(a.startswith(ORGANISATION_WORK) for a in read_model(str(model_path(name))).attributes), name


def test_explain_says_how_the_document_is_read():
    runner = CliRunner()
    org = runner.invoke(main, ["extract", "--explain", str(EXAMPLES / "003_8ab235683617fdde.txt")])
    assert org.exit_code == 0, org.output
    assert "# genre: organisation work (组织工作 7.4 times per 10,000 characters, at least 3)" in org.stdout
    report = runner.invoke(main, ["extract", "--explain", str(TRAINING / "texts" / f"{PLAIN}.txt")])
    assert "# genre: none read apart (组织工作 0.0 times per 10,000 characters, below 3)" in report.stdout
    rules = runner.invoke(main, ["extract", "--explain", "--rules-only", str(EXAMPLES / "003_8ab235683617fdde.txt")])
    assert "# genre:" not in rules.stdout


def test_the_pipeline_reads_an_organisation_work_document_with_the_genre_copies(monkeypatch):
    # the same district plan read as any other document gives other mentions (the shipped models' copies for
    # the genre were fitted on the five seeds: a mechanism check, not a score)
    doc = read_document(EXAMPLES / "003_8ab235683617fdde.txt")
    as_genre = {(e.label, e.name) for e in build_document_graph(doc).entities}
    monkeypatch.setattr(pipeline, "genre_copies", lambda text: ())
    as_any = {(e.label, e.name) for e in build_document_graph(doc).entities}
    assert as_genre != as_any


def test_explain_goes_on_past_an_unreadable_file(tmp_path):
    # a walkthrough (session 48): an empty file stopped --explain of a folder before the others were explained
    (tmp_path / "a-empty.txt").write_text("", "utf-8")
    (tmp_path / "b-plan.txt").write_text(_text(EXAMPLES / "003_8ab235683617fdde.txt"), "utf-8")
    res = CliRunner().invoke(main, ["extract", "--explain", str(tmp_path)])
    assert res.exit_code == 1
    assert "a-empty.txt" in res.stderr and "empty" in res.stderr
    assert f"# {tmp_path / 'b-plan.txt'}" in res.stdout and "# genre: organisation work" in res.stdout
    assert res.stdout.count("# Each sentence (@offset [section])") == 1  # the legend once, before the explanation
    # a file that cannot be read explains nothing, so no legend comes before its error (a walkthrough, session 54)
    lone = CliRunner().invoke(main, ["extract", "--explain", str(tmp_path / "a-empty.txt")])
    assert lone.exit_code == 1 and lone.stdout == "" and "empty" in lone.stderr
    (tmp_path / "none").mkdir()
    nothing = CliRunner().invoke(main, ["extract", "--explain", str(tmp_path / "none")])
    assert nothing.exit_code == 0 and "no document to explain" in nothing.stderr
    # --out beside --explain was ignored without a word (a walkthrough, session 51)
    both = CliRunner().invoke(main, ["extract", "--explain", "--out", str(tmp_path / "out"), str(tmp_path / "b-plan.txt")])
    assert both.exit_code == 2 and "writes no files" in both.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("kind", BACKENDS)
def test_the_document_node_says_how_the_models_read_it(kind, tmp_path):
    """``genre`` on the Document node: a researcher comparing two documents' densities can see that one was read
    with the genre's copies (shown by ``extract --explain`` alone before: session 48's note)."""
    from policykg.ingest import load_paths

    store = _open(kind, tmp_path / "s")
    plan, report = EXAMPLES / "003_8ab235683617fdde.txt", TRAINING / "texts" / f"{PLAIN}.txt"
    assert not load_paths(store, [plan, report], progress=False).failed
    genres = {d["id"]: d.get("genre") for d in store.documents()}
    assert genres == {"Document:003_8ab235683617fdde": "organisation work", f"Document:{PLAIN}": None}
    assert store.document("Document:003_8ab235683617fdde")["document"]["genre"] == "organisation work"
    store.close()


def test_the_rules_alone_read_no_genre():
    dg = build_document_graph(read_document(EXAMPLES / "003_8ab235683617fdde.txt"), model="")
    assert dg.genre is None
    assert build_document_graph(read_document(EXAMPLES / "003_8ab235683617fdde.txt")).genre == "organisation work"


def test_explain_ends_a_relabelled_span_on_its_label_not_on_dropped(tmp_path):
    # a walkthrough (session 51): “九二共识” of the 2024 national report, a formula the tagger reads as a Goal, was
    # explained "kept → model: relabelled Program -> Goal → model: dropped" though the store holds Goal:九二共识
    from policykg.loaders.explain import explain_document
    from policykg.loaders.read import read_document

    report = (TRAINING / "texts" / "guowuyuan_zhengfu_gongzuo_baogao_2024.txt").read_text(encoding="utf-8")
    sentence = next(s + "。" for s in report.split("。") if "九二共识" in s)
    (tmp_path / "taiwan.txt").write_text(sentence, encoding="utf-8")
    records = [r for item in explain_document(read_document(tmp_path / "taiwan.txt")) for r in item.records
               if r["name"] == "九二共识" and r["rule"] == "quote-formula"]
    assert [r["verdict"] for r in records][-1] == "model: relabelled Program -> Goal"


def test_explain_gives_the_name_and_the_other_forms_a_span_carries():
    # a walkthrough (session 51): 9 of the 21 aliases of a report's extraction were in no line of --explain
    # (“四个不摘”要求 carries 四个不摘; 推进“红色物业”建设 is named 红色物业)
    from policykg.loaders.explain import explain_document, format_explanation
    from policykg.loaders.read import read_document

    lines = list(format_explanation(explain_document(read_document(EXAMPLES / "003_8ab235683617fdde.txt"))))
    star = next(x for x in lines if x.lstrip().startswith("Program  “星级化”管理"))
    assert star.endswith("(named 星级化管理; also 星级化)")
    assert not any("(named " in x for x in lines if x.lstrip().startswith("Program  红色物业 "))  # as written
