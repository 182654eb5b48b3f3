"""The progress bars of the load and of a curation decision stay out of a file: ``policykg load examples > out.txt
2>&1`` wrote every state of the bar, joined by carriage returns, on the line before the results."""

from __future__ import annotations

from click.testing import CliRunner

from policykg.cli import main


def test_no_progress_bar_where_stderr_is_no_terminal(tmp_path, seed_paths):
    # CliRunner's stderr is no terminal, as a file is; stdout and stderr land in one output, as with 2>&1
    runner = CliRunner()
    data = ["--data-dir", str(tmp_path / "data")]
    loaded = runner.invoke(main, [*data, "load", str(seed_paths[0]), str(seed_paths[3])])
    assert loaded.exit_code == 0, loaded.output
    assert loaded.output.startswith("loaded 2, unchanged 0, failed 0")  # the results open the file, on a line of their own
    assert "\r" not in loaded.output and "doc/s" not in loaded.output
    # a decision resolves every stored document again under a bar of its own ("resolving again")
    decided = runner.invoke(main, [*data, "curate", "reject", "红色物业"])
    assert decided.exit_code == 0, decided.output
    assert "\r" not in decided.output and "resolving again" not in decided.output and "doc/s" not in decided.output
    assert "rejected" in decided.output or "d1" in decided.output
