"""Reading Word documents (.docx): the body's paragraphs and tables, in document order.

python-docx opens the package (and parses its XML without resolving entities);
the body is walked here, element by element, because python-docx's own views
lose what a report needs: `doc.tables` drops the order of tables among the
paragraphs, and `row.cells` repeats a merged cell once per grid column it spans.

* A table is a `Grid` of its `w:tc` elements, each counted once, at the grid
  column where it starts (`w:gridBefore` and `w:gridSpan` counted); a vertically
  merged continuation (`w:vMerge` without "restart") is a covered place.
* A paragraph's number from Word's automatic list numbering goes to
  `Para.numbering` (in a table cell it is put in front of the cell's text, as
  Word shows it); a heading style's outline level to `Para.heading_level`.
* What WPS and Word users wrap a report's tables in is walked as if it were not
  there: a text box holding a table (read once: Word writes it twice, for new
  and old readers), and a layout table (one column, every row a single cell) whose
  cells hold the paragraphs and tables. `reading_order` is the one walk, for the
  reader and for `cell_places`.
* Text boxes without a table (a stamp, a draft note), tables nested in a table's
  cell, headers, footers, footnotes and deleted revisions are not the report's
  body and are left out; pictures are counted (a table pasted as a picture cannot
  be read, and the clerk must be told so).
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree  # python-docx parses with lxml: it is loaded whenever a .docx is read

from core.document import Document, Grid, GridCell, Para
from core.model import Location
from core.readers.errors import ReadError
from core.readers.limits import check_elements, open_package
from core.readers.word_numbering import Numbering

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_VAL = _W + "val"

P, TBL, TR, TC, R, T = (_W + t for t in ("p", "tbl", "tr", "tc", "r", "t"))
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
# Inline containers whose runs are part of the paragraph's text.
_INLINE_CONTAINERS = frozenset(
    _W + t for t in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "dir", "bdo", "moveTo")
)
_PIC = "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic"
_PICTURE_TAGS = (_PIC, "{urn:schemas-microsoft-com:vml}imagedata")
_FALLBACK = _MC + "Fallback"
_BR = _W + "br"
_RUN_TEXT = {_W + "tab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_SPECIAL_CHARACTERS = (_BR, *_RUN_TEXT)
TEXT_TAGS = (T, *_SPECIAL_CHARACTERS)  # what a run holds as its text
# The text of every w:t below an element, in document order. An XPath returning plain strings, because
# `itertext` makes a Python object of each element it passes (runs, their properties …): three times slower.
_T_TEXTS = etree.XPath("descendant::w:t/text()", namespaces={"w": _W[1:-1]}, smart_strings=False)
_PPR, _PSTYLE, _NUMPR, _OUTLINE, _NUM_ID, _ILVL = (_W + t for t in ("pPr", "pStyle", "numPr", "outlineLvl", "numId", "ilvl"))
_TRPR, _GRID_BEFORE, _TCPR, _GRID_SPAN, _VMERGE, _HMERGE = (
    _W + t for t in ("trPr", "gridBefore", "tcPr", "gridSpan", "vMerge", "hMerge")
)
# Where collecting a paragraph's w:t would be wrong: text boxes, hidden runs, moved-away text, alternate content.
TXBX = _W + "txbxContent"
_UNUSUAL = (TXBX, _W + "vanish", _W + "moveFrom", _MC + "AlternateContent")

NOT_A_DOCUMENT = (
    "这个文件是Word模板（.dotx）或含宏的文档（.docm/.dotm），不是普通的Word文档。"
    "请在Word或WPS中打开它，“另存为”Word文档（.docx）后再检查。"
)
OPEN_FAILED = (
    "无法打开这个Word文件，文件可能已损坏或没有保存完整。请在Word或WPS中打开它，"
    "确认内容完整后“另存为”一份新的.docx文件再检查。"
)


@dataclass(frozen=True)
class _Style:
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    name: str


class _Styles:
    """Paragraph styles: the list numbering and outline level a style (or the one it is based on) gives."""

    def __init__(self, styles_element):
        self._styles: dict[str, _Style] = {}
        self._levels: dict[str | None, int | None] = {}
        self.default: str | None = None
        if styles_element is None:
            return
        for style in styles_element.iterchildren(_W + "style"):
            if style.get(_W + "type") != "paragraph":
                continue
            sid = style.get(_W + "styleId")
            if style.get(_W + "default") in ("1", "true"):
                self.default = sid
            ppr = style.find(_W + "pPr")
            num_id, ilvl = _num_pr(ppr.find(_NUMPR) if ppr is not None else None)
            name = style.find(_W + "name")
            self._styles[sid] = _Style(
                based_on=_val(style.find(_W + "basedOn")),
                num_id=num_id,
                ilvl=ilvl,
                outline=_int(_val(ppr.find(_W + "outlineLvl"))) if ppr is not None else None,
                name=(_val(name) or "").lower(),
            )

    def chain(self, style_id: str | None):
        seen = set()
        sid = style_id or self.default
        while sid and sid in self._styles and sid not in seen:
            seen.add(sid)
            yield self._styles[sid]
            sid = self._styles[sid].based_on

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        for style in self.chain(style_id):
            if style.num_id is not None or style.ilvl is not None:
                return style.num_id, style.ilvl
        return None, None

    def numbered_ids(self) -> set[str | None]:
        """The paragraph styles that number their paragraphs (None: the default style does)."""
        ids: set[str | None] = {sid for sid in self._styles if self.numbering(sid)[0] not in (None, "0")}
        if self.numbering(None)[0] not in (None, "0"):
            ids.add(None)
        return ids

    def heading_level(self, style_id: str | None) -> int | None:
        if style_id not in self._levels:
            self._levels[style_id] = self._heading_level(style_id)
        return self._levels[style_id]

    def _heading_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            if style.outline is not None:
                return style.outline + 1 if style.outline < 9 else None
            for prefix in ("heading ", "标题 "):
                if style.name.startswith(prefix) and style.name[len(prefix):].isdigit():
                    return int(style.name[len(prefix):])
        return None


def _val(element) -> str | None:
    return element.get(_VAL) if element is not None else None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _num_pr(num_pr) -> tuple[str | None, int | None]:
    """(numId, ilvl) of a w:numPr."""
    props = _props(num_pr, _NUM_ID, _ILVL)
    return _val(props.get(_NUM_ID)), _int(_val(props.get(_ILVL)))


@dataclass
class _Shape:
    """Where each table cell starts in its table's grid: what `Location.col` counts.

    Built in one pass over the body: most rows have no w:gridBefore and most cells no w:gridSpan.
    """

    before: dict = field(default_factory=dict)  # w:tr → grid columns skipped before its first cell
    spans: dict = field(default_factory=dict)  # w:tc → grid columns it spans

    @classmethod
    def of(cls, body) -> _Shape:
        shape = cls()
        for span in body.iter(_GRID_SPAN):
            shape.spans[span.getparent().getparent()] = max(1, _int(_val(span)) or 1)
        for before in body.iter(_GRID_BEFORE):
            shape.before[before.getparent().getparent()] = _int(_val(before)) or 0
        return shape

    def cells(self, tr) -> Iterator[tuple[int, int, object]]:
        """(grid column where it starts, columns it spans, w:tc) for each cell of the row."""
        col = self.before.get(tr, 0)  # w:gridBefore: the row's cells start further right
        for tc in _children(tr, TC):
            span = self.spans.get(tc, 1)
            yield col, span, tc
            col += span


def cell_places(body) -> dict[tuple[int, int, int], object]:
    """Every cell (w:tc) of the tables read by its place (table, row, col), as `read` gives it in `Location`."""
    shape = _Shape.of(body)
    places = {}
    tables = (e for e in reading_order(body, boxed_paragraphs(body)) if e.tag == TBL)
    for t, tbl in enumerate(tables):
        for r, tr in enumerate(_children(tbl, TR)):
            for col, _, tc in shape.cells(tr):
                places[t, r, col] = tc
    return places


# --- what a report's tables are wrapped in: text boxes and layout tables --------------------------


def reading_order(container, boxed: set) -> Iterator:
    """The paragraphs and tables of the report's body, in the order they are read.

    A paragraph in `boxed` anchors text boxes holding tables: their content follows it. A layout
    table's cells are read as the body. Every other table is a table of the report.
    """
    for child in _children(container, P, TBL):
        if child.tag == P:
            yield child
            if child in boxed:
                for box in _outer_boxes(child):
                    yield from reading_order(box, boxed)
        elif is_layout_table(child):
            for tr in _children(child, TR):
                for tc in _children(tr, TC):
                    yield from reading_order(tc, boxed)
        else:
            yield child


def boxed_paragraphs(body) -> set:
    """The paragraphs that anchor a text box holding a table (WPS puts a report's tables in them)."""
    anchors = set()
    for box in body.iter(TXBX):
        if next(box.iter(TBL), None) is not None:
            anchors.update(box.iterancestors(P))  # the anchor, and the box's own anchors when boxes nest
    return anchors


def _outer_boxes(p) -> Iterator:
    """The text boxes anchored in `p` itself (not in a box inside it), each once: Word writes a box for
    new readers (mc:Choice) and again for old ones (mc:Fallback), and the second is left out."""
    for box in p.iter(TXBX):
        between = []
        for ancestor in box.iterancestors():
            if ancestor is p:
                break
            between.append(ancestor.tag)
        if _FALLBACK not in between and TXBX not in between and next(box.iter(TBL), None) is not None:
            yield box


_CHOICE = _MC + "Choice"


def fallback_twin(element):
    """The same element in the copy of its text box written for old readers (mc:Fallback), or None.

    Word and WPS write a text box twice, and the reader reads the first (mc:Choice): a change made
    to it is made to its twin too, or a program that shows the other copy would show the old text.
    """
    box = next(element.iterancestors(TXBX), None)
    choice = next(box.iterancestors(_CHOICE), None) if box is not None else None
    fallback = next(choice.itersiblings(_FALLBACK), None) if choice is not None else None
    twin_box = next(fallback.iter(TXBX), None) if fallback is not None else None
    if twin_box is None:
        return None
    path = []
    node = element
    while node is not box:
        parent = node.getparent()
        path.append(parent.index(node))
        node = parent
    twin = twin_box
    for index in reversed(path):
        if index >= len(twin):
            return None
        twin = twin[index]
    return twin if twin.tag == element.tag else None


def is_layout_table(tbl) -> bool:
    """A table that lays the page out rather than holding figures: one column, every row a single cell
    (WPS documents often put the whole report, or each of its tables, inside one)."""
    rows = list(_children(tbl, TR))
    return bool(rows) and all(sum(1 for _ in _children(tr, TC)) == 1 for tr in rows)


def cell_paragraphs(tc) -> Iterator:
    """The cell's own paragraphs (not those of a table nested in it)."""
    return _children(tc, P)


def shown_runs(element) -> Iterator:
    """The runs whose text Word shows as the paragraph's: hidden runs, deleted text and text boxes left out."""
    for child in element.iterchildren():
        tag = child.tag
        if tag == R:
            if not _hidden(child):
                yield child
        elif tag in _INLINE_CONTAINERS:
            yield from shown_runs(child)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from shown_runs(content)
        # w:del, w:moveFrom (deleted text), w:pPr, bookmarks, comments: not shown text


def _hidden(run) -> bool:
    rpr = run.find(_W + "rPr")
    vanish = rpr.find(_W + "vanish") if rpr is not None else None
    return vanish is not None and vanish.get(_VAL, "1") not in ("0", "false")


class _Walker:
    def __init__(self, path: str, numbering: Numbering, styles: _Styles):
        self.path = path
        self.numbering = numbering
        self.styles = styles
        self.blocks: list[Para | Grid] = []
        self.paragraphs = 0  # body-level paragraphs seen, as python-docx's `document.paragraphs` counts them
        self.tables = 0  # tables read, in reading order (body-level ones as `document.tables` counts them)
        self.unusual: set = set()  # paragraphs holding text boxes, hidden or moved text: read element by element
        self.broken: set = set()  # paragraphs holding a tab or a line break
        self.numbered: set = set()  # paragraphs Word's list numbering may number
        self.shape = _Shape()
        self.covered: set = set()  # w:tc that continue a merged cell
        self.boxed: set = set()  # paragraphs anchoring a text box that holds a table

    def prepare(self, body) -> None:
        """Find, each in one pass over the body, the few elements that are not plain: most cells and paragraphs are."""
        for element in body.iter(*_UNUSUAL):
            self.unusual.update(element.iterancestors(P))
        for element in body.iter(*_SPECIAL_CHARACTERS):
            self.broken.update(element.iterancestors(P))
        for element in body.iter(_NUMPR):
            self.numbered.update(element.iterancestors(P))
        styles_numbered = self.styles.numbered_ids()
        if None in styles_numbered:  # the default style is numbered: any paragraph may be
            self.numbered.update(body.iter(P))
        elif styles_numbered:
            self.numbered.update(ps.getparent().getparent() for ps in body.iter(_PSTYLE) if ps.get(_VAL) in styles_numbered)
        self.shape = _Shape.of(body)
        self.boxed = boxed_paragraphs(body)
        for merge in body.iter(_VMERGE, _HMERGE):
            if _continues(merge):
                self.covered.add(merge.getparent().getparent())

    # --- the body ----------------------------------------------------------------------
    def body(self, container) -> None:
        for child in reading_order(container, self.boxed):
            if child.tag == P:
                self.paragraph(child)
            else:
                self.table(child)

    def paragraph(self, p) -> None:
        text, numbering = self.text_of(p)
        index = self.paragraphs
        self.paragraphs += 1
        if not text.strip():
            return
        props = _props(next(p.iterchildren(_PPR), None), _PSTYLE, _OUTLINE)
        outline = _int(_val(props.get(_OUTLINE)))
        if outline is not None:
            level = outline + 1 if outline < 9 else None
        else:
            level = self.styles.heading_level(_val(props.get(_PSTYLE)))
        loc = Location(self.path, "docx", paragraph=index)
        self.blocks.append(Para(text, loc, numbering=numbering, heading_level=level))

    def text_of(self, p) -> tuple[str, str]:
        """A paragraph's text as Word shows it, and the number Word's list numbering draws before it."""
        if p in self.unusual:
            parts: list[str] = []
            for run in shown_runs(p):
                self._run(run, parts)
            text = "".join(parts)
        elif p in self.broken:
            text = _plain_text(p)
        else:
            text = "".join(_T_TEXTS(p))  # most paragraphs: only runs of text
        if p not in self.numbered or not text.strip():  # Word skips the number of an empty paragraph
            return text, ""
        props = _props(next(p.iterchildren(_PPR), None), _PSTYLE, _NUMPR)
        num_id, ilvl = _num_pr(props.get(_NUMPR))
        if num_id is None:
            style_num, style_ilvl = self.styles.numbering(_val(props.get(_PSTYLE)))
            num_id, ilvl = style_num, ilvl if ilvl is not None else style_ilvl
        if num_id in (None, "0"):
            return text, ""
        return text, self.numbering.next(num_id, ilvl or 0)

    @staticmethod
    def _run(run, parts: list[str]) -> None:
        for child in run.iterchildren(*TEXT_TAGS):  # not into drawings: a text box is not the body's text
            _append_text(child, parts)

    # --- tables ------------------------------------------------------------------------
    def table(self, tbl) -> None:
        index = self.tables
        self.tables += 1
        rows = [self.row(tr, index, r) for r, tr in enumerate(_children(tbl, TR))]
        rows = [row for row in rows if row]
        if rows:
            self.blocks.append(Grid(rows, Location(self.path, "docx", table=index), has_grid=True))

    def row(self, tr, table: int, r: int) -> list[GridCell]:
        cells = []
        for col, span, tc in self.shape.cells(tr):
            loc = Location(self.path, "docx", table=table, row=r, col=col)
            cells.append(GridCell(self.cell_text(tc), loc, col=col, span=span, covered=tc in self.covered))
        return cells

    def cell_text(self, tc) -> str:
        """The cell's own paragraphs (a table nested in it is left out), each with its list number."""
        lines = []
        for p in cell_paragraphs(tc):
            text, numbering = self.text_of(p)
            lines.append(numbering + text)
        return "\n".join(lines)


def _append_text(element, parts: list[str]) -> None:
    tag = element.tag
    if tag == T:
        parts.append(element.text or "")
    elif tag == _BR:
        if element.get(_W + "type") not in ("page", "column"):
            parts.append("\n")
    else:
        parts.append(_RUN_TEXT[tag])


def _plain_text(p) -> str:
    """The text of an ordinary paragraph: its w:t, tabs and breaks in order, wherever they are nested."""
    parts: list[str] = []
    for element in p.iter(*TEXT_TAGS):
        _append_text(element, parts)
    return "".join(parts)


def count_pictures(body) -> int:
    """Pictures in the body: DrawingML pictures, and VML images that are not the fallback of one."""
    return sum(1 for e in body.iter(*_PICTURE_TAGS) if e.tag == _PIC or next(e.iterancestors(_FALLBACK), None) is None)


def _continues(merge) -> bool:
    """A vMerge/hMerge without val="restart" continues the merged cell above (or to the left)."""
    return merge is not None and merge.get(_VAL, "continue") != "restart"


def _children(element, *tags: str):
    """Child elements of `tags`, in order, also inside content controls and custom XML (w:sdt, w:customXml)."""
    # All children, their tags compared here: `iterchildren(*tags)` parses its tag names on every call,
    # which costs more than the few children (a cell's properties, a row's) it would skip.
    for child in element:
        tag = child.tag
        if tag in tags:
            yield child
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, *tags)
        elif tag == _CUSTOM_XML:
            yield from _children(child, *tags)


def _props(properties, *tags: str) -> dict:
    """The children `tags` of a properties element (w:pPr, w:tcPr, w:trPr), found in one pass."""
    return {child.tag: child for child in properties.iterchildren(*tags)} if properties is not None else {}


def _open(data: bytes):
    """python-docx's document and its body, or the Chinese message for a file that is not a (whole) Word document."""
    import docx  # python-docx: imported here so that reading a .txt never loads it

    try:
        with open_package(data) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ReadError("corrupt", "这个文件不是Word文档（.docx）：里面没有Word的正文。请确认文件类型，或在Word/WPS中另存为.docx后再检查。")
        document = docx.Document(io.BytesIO(data))
    except (ReadError, MemoryError, RecursionError):
        raise
    except ValueError as error:
        if "content type is" in str(error):  # python-docx opens only documents: not templates, not macro files
            raise ReadError("unsupported_format", NOT_A_DOCUMENT) from None
        raise ReadError("corrupt", OPEN_FAILED) from None
    except Exception:
        # python-docx trusts the package: a damaged one fails in many ways (a missing part, a part of the
        # wrong kind: KeyError, AttributeError …). Whatever it is, the file cannot be opened as it is.
        raise ReadError("corrupt", OPEN_FAILED) from None
    body = document.element.find(_W + "body")
    if document.element.tag != _W + "document" or body is None:
        raise ReadError("corrupt", OPEN_FAILED)
    return document, body


def read(path: str, data: bytes, fingerprint: str) -> Document:
    document, body = _open(data)
    part = document.part
    check_elements(body)
    walker = _Walker(path, Numbering(_related(part, "NUMBERING")), _Styles(_related(part, "STYLES")))
    walker.prepare(body)
    walker.body(body)
    return Document(path, "docx", fingerprint, walker.blocks, pictures=count_pictures(body))


def _related(part, relationship: str):
    """The XML of the part related to the document by `relationship` ('NUMBERING', 'STYLES'), if it has one."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        related = part.part_related_by(getattr(RT, relationship))
    except KeyError:
        return None
    return getattr(related, "element", None)  # a part python-docx does not know as XML: as if there were none
