"""The five real reports as the files clerks have: each .docx and PDF reads to exactly what its text reads to."""
from __future__ import annotations

import pytest

from core.api import open_report
from tests.conftest import SEEDS
from tests.fixtures.compare import cell_differences, new_notes, reading

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus(request):
    return request.getfixturevalue("pdf_corpus")  # the PDFs come with their .docx


@pytest.mark.parametrize("kind", ["docx", "pdf"])
@pytest.mark.parametrize("name", [p.name[:3] for p in SEEDS])
def test_each_seed_as_a_file_reads_like_its_text(corpus, seed_reports, name, kind):
    text, report = seed_reports[name], open_report(str(corpus.seeds()[name].path(kind)))
    assert report.kind == kind
    assert cell_differences(text, report) == []
    assert reading(report) == reading(text)
    assert [s.heading for s in report.sections.values()] == [s.heading for s in text.sections.values()]
    # The prose too, line breaks aside: a PDF's lines are joined into paragraphs with no stray spaces.
    assert [s.text.replace("\n", "") for s in report.sections.values()] == [
        s.text.replace("\n", "") for s in text.sections.values()
    ]
    assert new_notes(text, report) == []
