"""A diffusion list asked for more documents than are read says so (``policykg diffusion --documents 'gwr2025-*'
--min-documents 31`` printed nothing over the reports kept: a walkthrough): the command line on stderr, the API with
a 400 naming the number read, as for a pattern or a year that keeps no document."""

from __future__ import annotations

from click.testing import CliRunner

from policykg.cli import main


def test_the_api_refuses_more_documents_than_are_read(client):
    r = client.get("/diffusion", params={"documents": "00[12]_*", "min_documents": 3})
    assert r.status_code == 400
    assert ("min_documents=3: only 2 documents are read (within the 2 documents matching '00[12]_*'), so no entity is "
            "in 3 of them; give at most 2") in r.text
    r = client.get("/diffusion", params={"min_documents": 6})
    assert r.status_code == 400 and "only 5 documents are loaded" in r.text
    ok = client.get("/diffusion", params={"documents": "00[12]_*", "min_documents": 2})
    assert ok.status_code == 200 and ok.headers["x-within-documents"] == "2"


def test_the_command_line_says_why_it_lists_nothing(tmp_path, seed_paths):
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", *map(str, seed_paths), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "diffusion", "--documents", "00[12]_*", "--min-documents", "3"])
    assert r.exit_code == 1
    assert ("--min-documents 3: only 2 documents are read (within the 2 documents matching '00[12]_*'), so no entity "
            "is in 3 of them; give at most 2") in r.output
    r = runner.invoke(main, [*data, "diffusion", "--min-documents", "5"])
    assert r.exit_code == 0 and (r.stdout.startswith("docs") or "(no entity is in 5 documents or more)" in r.output)
    r = runner.invoke(main, [*data, "diffusion", "--min-documents", "2"])
    assert r.exit_code == 0 and r.stdout.startswith("docs  years")


def test_the_default_over_one_document_lists_nothing_and_says_why(client, tmp_path, seed_paths):
    # the default min_documents (2) is not refused: the API's X-Within-Documents and the command line's stderr say why
    r = client.get("/diffusion", params={"documents": "002_*"})
    assert r.status_code == 200 and r.json() == [] and r.headers["x-within-documents"] == "1"
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    assert runner.invoke(main, [*data, "load", str(seed_paths[2]), "--quiet"]).exit_code == 0
    r = runner.invoke(main, [*data, "diffusion"])
    assert r.exit_code == 0 and "(no entity is in 2 documents or more)" in r.output
