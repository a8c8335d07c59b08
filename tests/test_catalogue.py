"""The rule catalogue: every entry's examples give what they say, ids are unique and every one is found by
some example (and nothing else is), the cells and labels the examples name are the form's, the docs' rule
table is written from it."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from core.check import check
from core.findings import Outcome
from core.formats import FORMATS
from core.formats.grid import form_grid
from core.rules import COMPARISONS, RULES
from core.rules.catalogue import CATALOGUE, ENTRIES, GROUP_NAMES
from core.rules.examples import Fragment, build, differences, layout_of, run_example

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [(entry, example) for entry in ENTRIES for example in entry.examples]


@pytest.mark.parametrize("entry, example", EXAMPLES, ids=[f"{e.id} {x.shows}" for e, x in EXAMPLES])
def test_each_example_finds_what_it_says(entry, example):
    assert differences(entry, example, run_example(entry, example)) == []


def test_rule_ids_are_unique():
    ids = [entry.id for entry in ENTRIES]
    assert len(ids) == len(set(ids)) == len(CATALOGUE)


def test_every_catalogued_id_is_found_by_its_examples_and_nothing_uncatalogued_is():
    emitted: set[str] = set()
    for entry, example in EXAMPLES:
        emitted |= {f.rule for f in run_example(entry, example)}
    assert emitted == set(CATALOGUE)


def test_every_rule_has_an_example_of_what_it_catches_and_one_it_lets_pass():
    for entry in ENTRIES:
        outcomes = {example.outcome for example in entry.examples}
        assert outcomes & {Outcome.FAILED, Outcome.NOT_ASSESSABLE}, entry.id
        assert outcomes & {Outcome.PASSED, Outcome.NOT_APPLICABLE, None}, entry.id


def test_the_cells_and_labels_examples_name_are_the_forms():
    for entry, example in EXAMPLES:
        for fragment in filter(None, (example.report, example.previous)):
            layout = layout_of(fragment)
            assert set(fragment.cells) <= set(layout.cell_ids), (entry.id, example.shows)
            labels = {spot.text for spec in layout.tables for spot in form_grid(spec).spots if not spot.cell}
            assert set(fragment.labels) <= labels, (entry.id, example.shows)


def test_a_comparison_is_shown_with_last_years_report_and_a_rule_without():
    for entry, example in EXAMPLES:
        assert (example.previous is not None) == (entry.compare is not None), (entry.id, example.shows)


def test_every_entry_has_its_group_and_one_function():
    for entry in ENTRIES:
        assert entry.group in GROUP_NAMES and entry.group != "other", entry.id
        assert (entry.check is None) != (entry.compare is None), entry.id
    assert set(RULES) | set(COMPARISONS) == {e.check or e.compare for e in ENTRIES}


@pytest.mark.parametrize("form", sorted(FORMATS))
def test_the_base_report_passes_every_rule(form):
    result = check(build(Fragment(format=form)))
    assert [f.key for f in result.findings if f.outcome not in (Outcome.PASSED, Outcome.NOT_APPLICABLE)] == []
    assert result.verdict.text == "检查通过，可以提交"


def _rule_table():
    spec = importlib.util.spec_from_file_location("rule_table", ROOT / "docs/rule_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_rule_table_in_the_docs_is_written_from_the_catalogue():
    """After a change to the catalogue: `.venv/bin/python docs/rule_table.py`, and commit what it writes."""
    rule_table = _rule_table()
    written = rule_table.FORMAT_DOC.read_text(encoding="utf-8")
    assert written == rule_table.format_doc(written), "docs/annual-report-format.md: run docs/rule_table.py"
    page = rule_table.page()
    assert rule_table.RULES_DOC.read_text(encoding="utf-8") == page, "docs/rules.md: run docs/rule_table.py"
    for entry in ENTRIES:
        assert f"| {entry.id} |" in written and f"### {entry.id} {entry.title}" in page


def test_an_entry_and_the_balances_made_with_it_can_be_kept_in_sets():
    from core.rules.balances import balances

    assert len(set(ENTRIES)) == len(ENTRIES)
    assert len(set(balances(FORMATS["2021"]))) == len(balances(FORMATS["2021"]))
