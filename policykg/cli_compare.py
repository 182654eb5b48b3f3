"""``policykg compare``: two documents or two places compared, as ``GET /compare`` (the command line had no way to
compare: a walkthrough, session 62)."""

from __future__ import annotations

import sys
from typing import Any

import click

from policykg.cli_support import LabelChoice, analysed, plural

__all__ = ["compare_command"]

#: How the command line names compare's years in its messages (the API's are ``year=`` and ``b_year=``).
_OPTIONS = {"year": "--year", "b_year": "--b-year"}
#: How the groups of a label are headed in the text output.
_GROUPS = (("common", "in both"), ("only_a", "only in A"), ("only_b", "only in B"))


@click.command("compare", help="Compare two documents or two places (a loaded document's id, file stem or file name, "
                               "a pattern of ids or titles: 'gwr2025-*', or a place: 浙江, 浙江省): the entities of "
                               "each label found in both and only in one, "
                               "with their mentions on each side, as GET /compare.\n\n"
                               "Example: policykg compare 浙江 江苏 --label Program\n\n"
                               "Example: policykg compare gwr-2024 'gwr2025-*' --label Program\n\n"
                               "Example: policykg compare 广东 广东 --year 2021 --b-year 2025 --csv > guangdong.csv")
@click.argument("a")
@click.argument("b")
@click.option("--year", type=int, default=None, help="Only a place's documents of this year.")
@click.option("--b-year", type=int, default=None, help="B's year when it differs from A's (one place in two years).")
@click.option("--label", type=LabelChoice(["Document", "Body", "Program", "Goal"]), multiple=True,
              help="Only this label (repeatable; default: every label).")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True,
              help="Most entities listed per group (the CSV lists every one).")
@click.option("--csv", "as_csv", is_flag=True, help="Write every row as CSV to standard output (GET "
                                                    "/compare?format=csv).")
@click.pass_context
def compare_command(ctx: click.Context, a: str, b: str, year: int | None, b_year: int | None,
                    label: tuple[str, ...], limit: int, as_csv: bool) -> None:
    """Print the comparison of ``a`` and ``b`` (:func:`policykg.graph.compare.compare`).

    Raises:
        click.ClickException: a side names no loaded document nor place, the sides are the same, or a year keeps
            none of a place's documents (the message names the place's years).
    """
    from policykg.graph.compare import compare, comparison_csv, written_across

    def compared(view, _scope, store) -> dict[str, Any]:
        result = compare(view, a, b, year, b_year, _OPTIONS)
        if label:
            result["labels"] = {k: v for k, v in result["labels"].items() if k in label}
        return result if as_csv else written_across(store, result, limit)

    result: dict[str, Any] = analysed(ctx, compared, with_store=True)
    if as_csv:
        sys.stdout.write("\ufeff" + comparison_csv(result))  # as the API's CSV: Excel reads the Chinese as UTF-8
        return
    for side, key in (("A", "a"), ("B", "b")):
        s = result[key]
        years = ", ".join(str(y) if y is not None else "year unknown" for y in s["years"])
        click.echo(f"{side}: {s['side']} ({plural(len(s['documents']), 'document')}: {years}): "
                   f"{' '.join(d.partition(':')[2] for d in s['documents'])}")
    for name, groups in result["labels"].items():
        click.echo(f"\n{name}: " + ", ".join(f"{len(groups[k])} {title}" for k, title in _GROUPS))
        for key, title in _GROUPS:
            rows = groups[key]
            if not rows:
                continue
            more = f" (first {limit} of {len(rows)}; --limit or --csv for more)" if len(rows) > limit else ""
            click.echo(f"  {title}{more}: " + " ｜ ".join(f"{r['name'] or r['id']} {r['a']}/{r['b']}{_written(r)}"
                                                         for r in rows[:limit]))
    if any(_written(r) for groups in result["labels"].values() for key in ("only_a", "only_b") for r in groups[key]):
        click.echo("\n(mentions in A/B; \"B writes it ×3\": the other side's text holds the name 3 times, where it was "
                   "not extracted as this entity: inside a longer name, or missed; policykg sentences NAME --doc ID "
                   "shows them)")


def _written(row: dict[str, Any]) -> str:
    """`` (B writes it ×3)`` for an entity found on one side whose name the other side's text holds
    (:func:`~policykg.graph.compare.written_across`), else ``""``."""
    for side in ("a", "b"):
        if n := row.get(f"written_{side}"):
            return f" ({side.upper()} writes it ×{n})"
    return ""
