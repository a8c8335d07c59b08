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
* Text boxes, nested tables, headers, footers, footnotes and deleted revisions
  are not the report's body and are left out; pictures are counted (a table
  pasted as a picture cannot be read, and the clerk must be told so).
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from core.document import Document, Grid, GridCell, Para
from core.model import Location
from core.readers.errors import ReadError
from core.readers.limits import check_unpacked_size
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
_PICTURE_TAGS = frozenset(
    (
        "{http://schemas.openxmlformats.org/drawingml/2006/picture}pic",
        "{urn:schemas-microsoft-com:vml}imagedata",
    )
)
_RUN_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}

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
            num_id, ilvl = _num_pr(ppr)
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

    def heading_level(self, style_id: str | None) -> int | None:
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


def _num_pr(ppr) -> tuple[str | None, int | None]:
    num_pr = ppr.find(_W + "numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    return _val(num_pr.find(_W + "numId")), _int(_val(num_pr.find(_W + "ilvl")))


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
        self.tables = 0  # body-level tables seen, as `document.tables` counts them
        self.pictures = 0

    # --- the body ----------------------------------------------------------------------
    def body(self, container) -> None:
        for child in container.iterchildren():
            tag = child.tag
            if tag == P:
                self.paragraph(child)
            elif tag == TBL:
                self.table(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self.body(content)
            elif tag == _CUSTOM_XML:
                self.body(child)

    def paragraph(self, p) -> None:
        text, numbering = self.text_of(p)
        index = self.paragraphs
        self.paragraphs += 1
        if not text.strip():
            return
        ppr = p.find(_W + "pPr")
        style = _val(ppr.find(_W + "pStyle")) if ppr is not None else None
        outline = _int(_val(ppr.find(_W + "outlineLvl"))) if ppr is not None else None
        level = (outline + 1 if outline < 9 else None) if outline is not None else self.styles.heading_level(style)
        loc = Location(self.path, "docx", paragraph=index)
        self.blocks.append(Para(text, loc, numbering=numbering, heading_level=level))

    def text_of(self, p) -> tuple[str, str]:
        """A paragraph's text as Word shows it, and the number Word's list numbering draws before it."""
        ppr = p.find(_W + "pPr")
        num_id, ilvl = _num_pr(ppr)
        style = _val(ppr.find(_W + "pStyle")) if ppr is not None else None
        if num_id is None:
            style_num, style_ilvl = self.styles.numbering(style)
            num_id, ilvl = style_num, ilvl if ilvl is not None else style_ilvl
        parts: list[str] = []
        self._inline(p, parts)
        text = "".join(parts)
        numbering = ""
        if num_id not in (None, "0") and text.strip():  # Word skips the number of an empty paragraph
            numbering = self.numbering.next(num_id, ilvl or 0)
        return text, numbering

    def _inline(self, element, parts: list[str]) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == R:
                if not _hidden(child):
                    self._run(child, parts)
            elif tag in _INLINE_CONTAINERS:
                self._inline(child, parts)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    self._inline(content, parts)
            # w:del, w:moveFrom (deleted text), w:pPr, bookmarks, comments: not shown text

    def _run(self, run, parts: list[str]) -> None:
        for child in run.iterchildren():
            tag = child.tag
            if tag in _RUN_TEXT:
                parts.append(_RUN_TEXT[tag] if _RUN_TEXT[tag] is not None else (child.text or ""))
            elif tag == _W + "br":
                if child.get(_W + "type") not in ("page", "column"):
                    parts.append("\n")
            elif tag in (_W + "drawing", _W + "pict", _W + "object", _MC + "AlternateContent"):
                self.pictures += _pictures_in(child)  # text boxes inside are not the body's text

    # --- tables ------------------------------------------------------------------------
    def table(self, tbl) -> None:
        index = self.tables
        self.tables += 1
        rows = [self.row(tr, index, r) for r, tr in enumerate(_children(tbl, TR))]
        rows = [row for row in rows if row]
        if rows:
            self.blocks.append(Grid(rows, Location(self.path, "docx", table=index), has_grid=True))

    def row(self, tr, table: int, r: int) -> list[GridCell]:
        trpr = tr.find(_W + "trPr")
        col = (_int(_val(trpr.find(_W + "gridBefore"))) or 0) if trpr is not None else 0  # cells start further right
        cells = []
        for tc in _children(tr, TC):
            tcpr = tc.find(_W + "tcPr")
            span = max(1, _int(_val(tcpr.find(_W + "gridSpan"))) or 1) if tcpr is not None else 1
            covered = tcpr is not None and (_continues(tcpr.find(_W + "vMerge")) or _continues(tcpr.find(_W + "hMerge")))
            loc = Location(self.path, "docx", table=table, row=r, col=col)
            cells.append(GridCell(self.cell_text(tc), loc, col=col, span=span, covered=covered))
            col += span
        return cells

    def cell_text(self, tc) -> str:
        lines = []
        for p in _cell_paragraphs(tc):
            text, numbering = self.text_of(p)
            lines.append(numbering + text)
        return "\n".join(lines)


def _continues(merge) -> bool:
    """A vMerge/hMerge without val="restart" continues the merged cell above (or to the left)."""
    return merge is not None and merge.get(_VAL, "continue") != "restart"


def _children(element, tag: str):
    """Child elements `tag`, also inside content controls and custom XML (w:sdt, w:customXml)."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content, tag)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child, tag)


def _cell_paragraphs(tc):
    """The cell's own paragraphs; a table nested in the cell is left out."""
    return _children(tc, P)


def _pictures_in(element) -> int:
    """Pictures in a w:drawing / w:pict / w:object; for mc:AlternateContent only its first choice counts."""
    if element.tag == _MC + "AlternateContent":
        choice = next(element.iterchildren(), None)
        return _pictures_in_tree(choice) if choice is not None else 0
    if element.tag == _W + "object":
        return 1  # an embedded object (an Excel sheet, say) shows as a picture
    return _pictures_in_tree(element)


def _pictures_in_tree(element) -> int:
    return sum(1 for e in element.iter() if e.tag in _PICTURE_TAGS)


def _open(data: bytes):
    import docx  # python-docx: imported here so that reading a .txt never loads it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            check_unpacked_size(sum(info.file_size for info in archive.infolist()))
            if "word/document.xml" not in archive.namelist():
                raise ReadError("not_docx", "这个文件不是Word文档（.docx）：里面没有Word的正文。请确认文件类型，或在Word/WPS中另存为.docx后再检查。")
        return docx.Document(io.BytesIO(data))
    except ReadError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, EOFError):
        raise ReadError("corrupt", OPEN_FAILED) from None
    except Exception as error:  # python-docx raises its own types for parts it does not know
        if type(error).__module__.startswith("docx"):
            raise ReadError("corrupt", OPEN_FAILED) from None
        raise


def read(path: str, data: bytes, fingerprint: str) -> Document:
    document = _open(data)
    part = document.part
    numbering_part = _numbering_part(part)
    styles = _Styles(_styles_element(part))
    walker = _Walker(path, Numbering(numbering_part), styles)
    walker.body(document.element.body)
    return Document(path, "docx", fingerprint, walker.blocks, pictures=walker.pictures)


def _numbering_part(part):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return part.part_related_by(RT.NUMBERING).element
    except KeyError:
        return None


def _styles_element(part):
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        return part.part_related_by(RT.STYLES).element
    except KeyError:
        return None
