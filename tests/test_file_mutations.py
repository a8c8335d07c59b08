"""The mutation test of test_mutations.py on real files: a number raised by one is read so and blamed on its cell.

Word: every cell of tables 三 and 四, one at a time, changed in the .docx where the
reader says the cell is. PDF: LibreOffice's time allows a document per column of
table 三 (and per outcome of table 四), every one of its cells raised at once; no two
of them meet in a row or a block, so each is caught by a balance it is alone in.
"""
from __future__ import annotations

import io

import docx
import pytest
from docx.table import _Cell

from core.api import open_report
from core.assemble import build_report
from core.check import check
from core.readers.docx import cell_places, read
from tests.fixtures.compare import cell_differences
from tests.fixtures.corpus import FORM_MUTATION_SEED, MUTATION_SEEDS, UNRULED
from tests.fixtures.docx_render import Options


def _blamed(result, cid: str) -> bool:
    return any(f.is_error and cid in f.cells for f in result.findings)


# The seeds as Word files, and the forms offices give them (tests/test_docx_reader.py's OFFICE_FORMS).
WORD_FILES = [("seed", name) for name in MUTATION_SEEDS] + [
    ("variant", name)
    for name in ("t3-split-2019", "t3-split-2021", "text-boxes", "layout-table", "layout-tables", "heading-rows")
]


@pytest.mark.parametrize("kind, name", WORD_FILES)
@pytest.mark.slow
def test_one_changed_number_in_a_word_file_is_caught_and_named(docx_corpus, kind, name):
    path = (docx_corpus.seeds() if kind == "seed" else docx_corpus.variants())[name].path("docx")
    report = build_report(read(str(path), path.read_bytes(), "x"))
    assert not any(f.rule in ("T3-1", "T3-2", "T3-3", "T4-1") and f.is_error for f in check(report).findings)
    document = docx.Document(str(path))
    places = cell_places(document.element.body)  # the w:tc of each place, as the reader counts tables
    cells = [c for cid, c in report.cells.items() if cid.startswith(("t3:", "t4:"))]
    assert len(cells) == len(report.layout.t3.cell_ids) + 15
    missed = []
    for cell in cells:
        word_cell = _Cell(places[cell.loc.table, cell.loc.row, cell.loc.col], None)
        assert word_cell.text == cell.raw, cell.id  # the reader's location is the cell in Word
        word_cell.text = str((cell.value or 0) + 1)
        out = io.BytesIO()
        document.save(out)
        word_cell.text = cell.raw
        result = check(build_report(read(str(path), out.getvalue(), "x")))
        assert result.report.value(cell.id) == (cell.value or 0) + 1, cell.id
        if not _blamed(result, cell.id):
            missed.append(cell.id)
    assert missed == []


@pytest.mark.parametrize("k", range(7))
@pytest.mark.parametrize("name", MUTATION_SEEDS)
@pytest.mark.slow
def test_raised_numbers_in_a_pdf_are_read_so_and_named(pdf_corpus, seed_reports, name, k):
    rendering, mutated = pdf_corpus.mutations()[(name, k)]
    original = seed_reports[name]
    result = check(open_report(str(rendering.path("pdf"))))
    report = result.report
    for cid in mutated:
        assert report.value(cid) == (original.value(cid) or 0) + 1, cid
    assert [cid for cid in mutated if not _blamed(result, cid)] == []
    assert set(cell_differences(original, report)) == set(mutated)  # and nothing else moved


def test_the_mutation_documents_differ_from_their_seed_only_where_meant(pdf_corpus):
    for (name, k), (rendering, mutated) in pdf_corpus.mutations().items():
        seed = pdf_corpus.seed_data()[name]
        changed = {cid for cid, raw in rendering.data.cells.items() if seed.cells.get(cid) != raw}
        assert changed == set(mutated), (name, k)
        assert rendering.options == Options()


MUTATED_FORMS = [*UNRULED, "wps-white-boxes", "rotate-90", "form-sideways"]


def _form_pdf(pdf_corpus, form: str, k: int):
    """Mutation document k of FORM_MUTATION_SEED in `form`: an unruled table's own PDF, or LibreOffice's changed."""
    if form in UNRULED:
        rendering, mutated = pdf_corpus.form_mutations()[(form, k)]
        return rendering.path("pdf"), mutated
    rendering, mutated = pdf_corpus.form_mutations()[("landscape" if form.startswith("form-") else "seed", k)]
    return pdf_corpus.changed(form, FORM_MUTATION_SEED, rendering), mutated


@pytest.mark.parametrize("k", range(7))
@pytest.mark.parametrize("form", MUTATED_FORMS)
@pytest.mark.slow
def test_raised_numbers_in_each_form_of_pdf_are_read_so_and_named(pdf_corpus, seed_reports, form, k):
    """Tables without column rules, WPS's white boxes, turned pages: a changed cell is read as changed and a
    failed balance names it; nothing else moves."""
    path, mutated = _form_pdf(pdf_corpus, form, k)
    original = seed_reports[FORM_MUTATION_SEED]
    result = check(open_report(str(path)))
    for cid in mutated:
        assert result.report.value(cid) == (original.value(cid) or 0) + 1, cid
    assert [cid for cid in mutated if not _blamed(result, cid)] == []
    assert set(cell_differences(original, result.report)) == set(mutated)
