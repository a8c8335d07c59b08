"""Interpreting a PDF page within its budget (core/readers/limits.PageBudget).

pdfminer has no limits of its own: a page of a million characters, or a form drawn inside
itself a million times, would take minutes and gigabytes. Here its interpreter and
pdfplumber's device count what a page draws and interprets as they go, and stop it with
the budget's ReadError. pdfplumber then takes the result as the page's layout.
"""
from __future__ import annotations

from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.utils import MATRIX_IDENTITY
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from core.readers.errors import ReadError
from core.readers.limits import PageBudget


class BudgetDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device, counting every character, path, image and form it is given."""

    def __init__(self, budget: PageBudget, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget

    def render_char(self, *args, **kwargs):
        self.budget.object_drawn()
        return super().render_char(*args, **kwargs)

    def paint_path(self, *args, **kwargs):
        self.budget.object_drawn()
        return super().paint_path(*args, **kwargs)

    def render_image(self, *args, **kwargs):
        self.budget.object_drawn()
        return super().render_image(*args, **kwargs)

    def begin_figure(self, *args, **kwargs):
        self.budget.object_drawn()
        return super().begin_figure(*args, **kwargs)


class BudgetInterpreter(PDFPageInterpreter):
    """pdfminer's interpreter, counting the instructions it reads (a form each time it is drawn) and saved states.

    Its device carries the budget: pdfminer makes an interpreter of this class for every form drawn.
    """

    def render_contents(self, resources, streams, ctm=MATRIX_IDENTITY) -> None:
        self.device.budget.content_read(sum(len(stream_value(s).get_data()) for s in streams))
        super().render_contents(resources, streams, ctm)

    def do_q(self) -> None:
        self.device.budget.nesting(len(self.gstack))
        super().do_q()


def interpret(page, budget: PageBudget) -> None:
    """Interpret the page as pdfplumber's `Page.layout` does, within `budget`, and leave the result where it looks.

    pdfplumber caches the layout as `_layout` (a cached property it lists, 0.11); test_bad_inputs'
    pages of too many characters and forms within forms prove the budget is the one kept.
    """
    device = BudgetDevice(budget, page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    try:
        BudgetInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except ReadError:
        raise
    except Exception as error:  # as pdfplumber's own Page.layout wraps them
        raise PdfminerException(error) from error
    page._layout = device.get_result()
