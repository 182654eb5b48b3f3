"""Entity labels on the command line are read in any letter case and passed on as the schema spells them."""

from __future__ import annotations

from click.testing import CliRunner

from policykg.cli import main


def test_a_label_in_small_letters_answers_as_the_schemas_spelling(tmp_path, seed_paths):
    # `policykg central --label program` was refused ("'program' is not one of 'Body', 'Program', …"): a user types
    # labels as words; the store and Cypher keep them case-sensitive, so the command passes on the schema's spelling
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", str(seed_paths[0].parent), "--quiet"]).exit_code == 0
    for args in (["central", "--limit", "5"], ["communities", "--limit", "2"], ["diffusion", "--limit", "5"]):
        exact = runner.invoke(main, [*data, *args, "--label", "Body"])
        assert exact.exit_code == 0 and ("Body:" in exact.output or "Body 5" in exact.output), exact.output
        for typed in ("body", "BODY"):
            r = runner.invoke(main, [*data, *args, "--label", typed])
            assert r.exit_code == 0 and r.output == exact.output, (args, typed, r.output)
    pair = ["compare", "002_f943a519de895b49", "003_8ab235683617fdde", "--limit", "2"]
    exact = runner.invoke(main, [*data, *pair, "--label", "Goal"])
    r = runner.invoke(main, [*data, *pair, "--label", "goal"])
    assert exact.exit_code == 0 and "Goal:" in exact.output and r.output == exact.output
    r = runner.invoke(main, [*data, "sentences", "党建", "--label", "program", "--limit", "3"])
    assert r.exit_code == 0 and r.output == runner.invoke(main, [*data, "sentences", "党建", "--label", "Program",
                                                                 "--limit", "3"]).output
    # a word that is no label is still refused, naming the labels
    r = runner.invoke(main, [*data, "central", "--label", "programme"])
    assert r.exit_code == 2 and "Body, Program, Goal or Document" in r.output
    assert "--label [Body|Program|Goal|Document]" in runner.invoke(main, ["central", "--help"]).output
