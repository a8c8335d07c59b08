"""Reading web pages (.html, .htm): a report as published on, and saved from, a government portal.

Most reports are published as web pages, and reviewers save them from the browser.
Such a page holds the portal's own furniture around the report: navigation, the
header and footer, scripts, share buttons, lists of related links. That is removed
first (by element, by class or id, and by link density: a block that is mostly
links is navigation). What is left is walked in document order:

* a table of figures (at least two rows and two columns, no long text in a cell, no
  table inside it) is a `Grid`, its grid columns computed from colspan and rowspan
  as a browser lays them out, the places a rowspan covers marked `covered`;
* any other table (portals lay whole pages out with tables) is walked like a block;
* block elements and line breaks end a paragraph.

The page's encoding comes from a byte-order mark, its meta charset (GB2312 and GBK
read as GB18030, their superset), or failing both UTF-8 or GB18030.
"""
from __future__ import annotations

import re

from core.document import Document, Grid, GridCell, Para
from core.model import Location
from core.readers.errors import ReadError
from core.readers.limits import MAX_PAGE_BYTES, MAX_SPAN, MAX_TABLE_PLACES, check_elements, check_text, check_walk
from core.readers.text import decode

# Elements that are never the report's text.
_SKIP = frozenset(
    "script style noscript template iframe frame frameset object embed svg canvas select option button input "
    "textarea nav header footer aside head link meta map area audio video".split()
)
# Class or id words of the portal's furniture (compared with the words of the attribute, split on - _ and spaces).
_FURNITURE_WORDS = frozenset(
    "nav navbar navigation menu submenu breadcrumb breadcrumbs crumb crumbs position location header logo footer foot sidebar "
    "share sharebox toolbar topbar banner copyright login search searchbox pager pagination related friendlink "
    "links skip print".split()
)
_BLOCKS = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre section article main center address figure "
    "figcaption caption table tr td th tbody thead tfoot form fieldset legend hr body html".split()
)
_HEADINGS = frozenset(f"h{n}" for n in range(1, 7))
_LINK_DENSE = frozenset("div ul ol dl td table p li section span".split())
MAX_CELL_TEXT = 200  # characters: a cell holding more is a layout table's, not a figure's

_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
# Control characters a browser shows as nothing; lxml's HTML parser keeps them, and then refuses them as text.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES_RE = re.compile(r"[ \t\r\f\u200b]+")
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
_BREAK_BETWEEN_WIDE_RE = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\r\n\f]*(?=[{_WIDE}])")


def decode_page(data: bytes, charset: str | None = None) -> str:
    """The page as text: by `charset` (a single-file page's part says it) or the meta charset when either names
    one, else as a text file is decoded."""
    if not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        match = None if charset else _CHARSET_RE.search(data[:4096])
        name = charset or (match.group(1).decode("ascii") if match else None)
        if name:
            name = name.lower()
            codec = "gb18030" if name in ("gb2312", "gbk", "gb18030", "x-gbk", "cp936") else name
            if codec.startswith(("utf-16", "utf-32", "unicode")):
                return decode(data)  # the declaration was readable as ASCII, so the page is not really UTF-16
            try:
                return data.decode(codec, errors="replace")
            except LookupError:
                pass  # a charset Python does not know: guess as for a text file
    return decode(data)


def _collapse(text: str) -> str:
    """White space as a browser shows it: a line break between two Chinese characters is nothing, runs are one space."""
    text = _BREAK_BETWEEN_WIDE_RE.sub("", text)
    return _SPACES_RE.sub(" ", text.replace("\n", " "))


def _words(element) -> set[str]:
    value = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return set(re.split(r"[\s_\-]+", value)) - {""}


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or element.get("hidden") is not None


def _text_length(element) -> int:
    return len("".join(element.itertext()).strip())


def _mostly_links(element) -> bool:
    """Navigation: a block whose text is mostly the text of links."""
    links = element.findall(".//a")
    if not links:
        return False
    total = _text_length(element)
    linked = sum(_text_length(a) for a in links)
    return total > 0 and linked >= 0.5 * total


def _remove(element) -> None:
    """Remove an element but keep the text after it (its tail belongs to its parent)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _strip_furniture(root) -> None:
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            _remove(element)  # comments, processing instructions
            continue
        if element.getparent() is None:
            continue
        attrib = element.attrib
        if (
            element.tag.lower() in _SKIP
            or (("style" in attrib or "hidden" in attrib) and _hidden(element))
            or (("class" in attrib or "id" in attrib) and _words(element) & _FURNITURE_WORDS)
        ):
            _remove(element)
    _strip_link_lists(root)


def _strip_link_lists(root) -> None:
    """Remove the blocks that are mostly links (navigation), in document order; one removed is not looked into.

    A block is looked at whole, which costs its size: the looks together may cost MAX_WALK places (a
    page of blocks nested 250 deep, each looked at whole, would cost 250 times the page, for ever).
    """
    spent = 0
    waiting = [root]
    while waiting:
        element = waiting.pop()
        if element.tag in _LINK_DENSE and element is not root:
            spent += int(element.xpath("count(descendant::node())"))
            check_walk(spent)
            if element.find(".//table") is None and _mostly_links(element):
                _remove(element)
                continue
        waiting.extend(reversed([child for child in element if isinstance(child.tag, str)]))


# --- tables -------------------------------------------------------------------------------------


def _rows(table) -> list:
    """The table's own rows (not those of a table inside it)."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr")
    return rows


def _cells(tr) -> list:
    return [c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(re.sub(r"\D", "", cell.get(name, "1")) or 1), MAX_SPAN))
    except ValueError:
        return 1


def is_figure_table(table) -> bool:
    """A table of figures, not one that lays out the page."""
    rows = _rows(table)
    if len(rows) < 2 or max((len(_cells(r)) for r in rows), default=0) < 2 or table.find(".//table") is not None:
        return False
    places = sum(_span(cell, "colspan") * min(_span(cell, "rowspan"), len(rows) - r) for r, row in enumerate(rows) for cell in _cells(row))
    if places > MAX_TABLE_PLACES:
        return False  # no report's table: laying its spans out would cost millions of places
    return all(_text_length(cell) <= MAX_CELL_TEXT for row in rows for cell in _cells(row))


def layout_grid(rows: list[list[tuple[str, int, int]]]) -> list[list[tuple[int, int, str | None]]]:
    """Cells (text, colspan, rowspan) per row → (grid column, span, text) per row, as a browser places them.

    A place a rowspan from above covers comes out with text None.
    """
    covered: dict[int, dict[int, int]] = {}  # row → col → span of the cell covering it (0 past its first column)
    placed: list[list[tuple[int, int, str | None]]] = []
    for r, row in enumerate(rows):
        taken = covered.pop(r, {})
        out: list[tuple[int, int, str | None]] = []
        col = 0
        for text, colspan, rowspan in row:
            while col in taken:
                col += 1
            out.append((col, colspan, text))
            for below in range(r + 1, min(r + rowspan, len(rows))):
                line = covered.setdefault(below, {})
                for c in range(col, col + colspan):
                    line[c] = colspan if c == col else 0
            col += colspan
        out.extend((c, span, None) for c, span in taken.items() if span)
        placed.append(sorted(out, key=lambda item: item[0]))
    return placed


# --- walking the page --------------------------------------------------------------------------


class _Walker:
    def __init__(self, path: str):
        self.path = path
        self.blocks: list[Para | Grid] = []
        self.buffer: list[str] = []
        self.paragraphs = 0
        self.tables = 0
        self.pictures = 0

    def flush(self, heading_level: int | None = None) -> None:
        for line in _collapse("".join(self.buffer)).split("\x00"):
            text = line.strip()
            if text:
                loc = Location(self.path, "html", paragraph=self.paragraphs)
                self.blocks.append(Para(text, loc, heading_level=heading_level))
                self.paragraphs += 1
        self.buffer.clear()

    def walk(self, element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag == "table" and is_figure_table(element):
            self.flush()
            self.table(element)
            return
        if tag == "br":
            self.buffer.append("\x00")  # a line break ends a paragraph (headings are often set off only by <br>)
            return
        if tag == "img":
            self.pictures += 1
            return
        block = tag in _BLOCKS
        if block:
            self.flush()
        if element.text:
            self.buffer.append(element.text)
        for child in element:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush(int(tag[1]) if tag in _HEADINGS else None)

    def table(self, table) -> None:
        rows = [[(self.cell_text(c), _span(c, "colspan"), _span(c, "rowspan")) for c in _cells(tr)] for tr in _rows(table)]
        index = self.tables
        self.tables += 1
        grid_rows = []
        for r, row in enumerate(layout_grid(rows)):
            cells = []
            for col, span, text in row:
                loc = Location(self.path, "html", table=index, row=r, col=col)
                cells.append(GridCell(text or "", loc, col=col, span=span, covered=text is None))
            grid_rows.append(cells)
        self.pictures += len(table.findall(".//img"))
        self.blocks.append(Grid(grid_rows, Location(self.path, "html", table=index), has_grid=True))

    @staticmethod
    def cell_text(cell) -> str:
        """A cell's text; its paragraphs and line breaks as line breaks."""
        parts: list[str] = []

        def walk(element) -> None:
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if tag == "br":
                parts.append("\x00")
            elif tag in _BLOCKS:
                parts.append("\x00")
            if element.text and tag != "br":
                parts.append(element.text)
            for child in element:
                walk(child)
                if child.tail:
                    parts.append(child.tail)

        walk(cell)
        lines = [_collapse(line).strip() for line in "".join(parts).split("\x00")]
        return "\n".join(line for line in lines if line)


def read(path: str, data: bytes, fingerprint: str) -> Document:
    check_text(data, MAX_PAGE_BYTES)
    return read_page(path, decode_page(data), fingerprint)


def read_page(path: str, page: str, fingerprint: str) -> Document:
    """A web page's text (decoded already: from a file, or from the page part of a single-file page)."""
    from lxml import etree  # lxml comes with python-docx; libxml2's HTML parser is fast and forgiving

    text = _CONTROL_RE.sub("", _XML_DECL_RE.sub("", page))  # lxml refuses a str that declares its own encoding
    # Plain elements (not lxml.html's classes, whose lookup costs more than the parse); no network, ever.
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = etree.fromstring(text, parser)
        if root is None:
            raise ValueError("empty")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        raise ReadError(
            "corrupt",
            "这个网页文件是空的或无法解析。请在浏览器中重新打开报告页面，用“另存为→网页，仅HTML”保存后再检查。",
        ) from None
    check_elements(root)
    title = root.find(".//title")  # in <head>, which is not the report's text: kept for a body without a title
    named_title = _collapse("".join(title.itertext())).strip() if title is not None else ""
    _strip_furniture(root)
    walker = _Walker(path)
    body = root.find("body")
    walker.walk(body if body is not None else root)
    walker.flush()
    return Document(path, "html", fingerprint, walker.blocks, pictures=walker.pictures, named_title=named_title)
