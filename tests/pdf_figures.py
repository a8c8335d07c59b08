"""The README's figures for PDFs in the forms offices produce: per form, how many cells read exactly and how many
false errors a correct report gets.

    .venv/bin/python -m tests.pdf_figures

Each form is made from the five seeds as the fixtures make it (`tests/fixtures/corpus.py`). A cell is exact when its value and way of writing are the seed's. A false error is
a failed error the seed's own text does not get (every finding the form adds that says 【错误】).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from core.api import open_report
from core.check import check
from core.model import Report, Written
from core.readers.errors import ReadError
from tests.fixtures import corpus, files
from tests.fixtures.compare import cell_differences
from tests.fixtures.files import Rendering


@dataclass
class Figure:
    form: str
    cells: int
    exact: int
    unread: int  # cells the seed has that the form's reading left unread (never a wrong number)
    blank: int  # cells the report lacks (a row cut short in Word) read as blank: without rules the two look alike
    wrong: int  # cells read as another value
    false_errors: int
    refused: int = 0  # files refused as not a report


def _read(path) -> Report | None:
    try:
        return open_report(str(path))
    except ReadError:
        return None


def _errors(report: Report) -> set[str]:
    return {f.key for f in check(report).findings if f.is_error}


def score(form: str, pairs: list[tuple[Report, Report | None]]) -> Figure:
    cells = exact = unread = blank = wrong = false = refused = 0
    for seed, read in pairs:
        if read is None:
            cells += len(seed.cells)
            unread += len(seed.cells)
            refused += 1
            continue
        differing = set(cell_differences(seed, read))
        cells += len(seed.cells)
        exact += len(seed.cells) - len(differing)
        missing = {cid for cid in differing if cid not in read.cells or read.cells[cid].written is Written.MISSING}
        blanks = {cid for cid in differing - missing
                  if seed.cells[cid].written is Written.MISSING and read.cells[cid].written is Written.BLANK}
        unread += len(missing)
        blank += len(blanks)
        wrong += len(differing - missing - blanks)
        false += len(_errors(read) - _errors(seed))
    return Figure(form, cells, exact, unread, blank, wrong, false, refused)


def figures() -> list[Figure]:
    seeds = {p.name[:3]: open_report(str(p)) for p in corpus.SEEDS}
    names = sorted(seeds)
    unruled = {(form, n): Rendering(f"{form}-{n}", corpus.seed_data()[n], options)
               for form, options in corpus.UNRULED.items() for n in names}
    bases = [corpus.changed_base(form, n) for form in corpus.CHANGED for n in names]
    files.make([*corpus.seeds().values(), *unruled.values(), *bases], ("docx", "pdf"))
    out = [score("LibreOffice (ruled)", [(seeds[n], _read(corpus.seeds()[n].path("pdf"))) for n in names])]
    for form in corpus.UNRULED:
        out.append(score(form, [(seeds[n], _read(unruled[(form, n)].path("pdf"))) for n in names]))
    for form in corpus.CHANGED:
        out.append(score(form, [(seeds[n], _read(corpus.changed(form, n))) for n in names]))
    return out


def main() -> None:
    logging.disable(logging.CRITICAL)  # a refused file is counted, not logged to the screen
    print("| form | cells exact | unread | absent, read blank | wrong | false errors |")
    print("|---|---|---|---|---|---|")
    for f in figures():
        print(f"| {f.form} | {f.exact}/{f.cells} ({100 * f.exact / f.cells:.1f} %) | {f.unread} | {f.blank} | {f.wrong} | {f.false_errors}{f' ({f.refused} refused)' if f.refused else ''} |")


if __name__ == "__main__":
    main()
