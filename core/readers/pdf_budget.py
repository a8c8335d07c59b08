"""Reading a PDF within its limits (core/readers/limits.py): its streams, its fonts' maps, each page.

pdfminer has no limits of its own: a page of a million characters, or a form drawn inside
itself a million times, would take minutes and gigabytes. Here its interpreter and
pdfplumber's device count what a page draws and interprets as they go, and stop it with
the budget's ReadError. pdfplumber then takes the result as the page's layout; a page ruled
into a mesh of thousands of cells is refused before its tables are looked for.

Its streams are inflated by pdfminer's own filter chain, whatever the filters are called
(/FlateDecode or /Fl, one after another, a name held by another object): `start_read`
puts bounded decoders in the place of the ones that can grow (Flate, its repair of a damaged
stream, LZW, run-length, CCITT fax), each stopped past MAX_STREAM_BYTES and all of a read's
past MAX_STREAMS_BYTES. A font's ToUnicode map (or an encoding map) holds MAX_CMAP_ENTRIES
at most, counted as pdfminer builds it: a map of every 4-byte code would be four billion.
"""
from __future__ import annotations

import zlib
from bisect import bisect_left, bisect_right
from io import BytesIO

from pdfminer import cmapdb, pdftypes
from pdfminer.ccitt import CCITTFaxDecoder, ccittfaxdecode
from pdfminer.lzw import LZWDecoder
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdftypes import stream_value
from pdfminer.utils import MATRIX_IDENTITY
from pdfplumber.page import PDFPageAggregatorWithMarkedContent
from pdfplumber.utils.exceptions import PdfminerException

from core.readers.errors import ReadError
from core.readers.limits import (
    MAX_CMAP_ENTRIES,
    MAX_FAX_COLUMNS,
    MAX_PDF_CROSSINGS,
    MAX_RULE_CROSSINGS,
    MAX_STREAM_BYTES,
    MAX_STREAMS_BYTES,
    TINY_POINTS,
    PageBudget,
    pdf_bomb,
    too_many_crossings,
    too_many_tables,
    vast_font_map,
)


class BudgetDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device, counting every character, path, image and form it is given."""

    def __init__(self, budget: PageBudget, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.budget = budget

    def render_char(self, *args, **kwargs):
        self.budget.char_drawn()
        advance = super().render_char(*args, **kwargs)
        char = self.cur_item._objs[-1]
        if max(char.width, char.height) < TINY_POINTS:
            self.budget.tiny_char()
        return advance

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

    device: BudgetDevice  # `interpret` gives it one, and pdfminer hands each form's interpreter the same

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
    check_rules(page, budget.page)


# --- a page ruled into a mesh -------------------------------------------------------------------


def check_rules(page, number: int) -> None:
    """Refuse a page whose ruling lines cross more often than any report's tables, or a PDF whose pages do all
    together: pdfplumber's table finding costs the square of the crossings (a page ruled every 4 points, 56 000
    cells, never ended)."""
    global _crossed
    crossings = rule_crossings(page, MAX_RULE_CROSSINGS)
    if crossings > MAX_RULE_CROSSINGS:
        lines = _merged_rules(page)
        raise too_many_crossings(number, sum(e["orientation"] == "h" for e in lines), sum(e["orientation"] == "v" for e in lines))
    _crossed += crossings
    if _crossed > MAX_PDF_CROSSINGS:
        raise too_many_tables(number)


def rule_crossings(page, enough: float = float("inf")) -> int:
    """How often the page's ruling lines cross (counted up to just past `enough`): the lines as pdfplumber
    merges them, each horizontal one against the vertical ones within its length."""
    lines = _merged_rules(page)
    down = sorted((e for e in lines if e["orientation"] == "v"), key=lambda e: e["x0"])
    xs = [e["x0"] for e in down]
    crossings = 0
    for rule in (e for e in lines if e["orientation"] == "h"):
        for column in down[bisect_left(xs, rule["x0"] - 1) : bisect_right(xs, rule["x1"] + 1)]:
            if column["top"] - 1 <= rule["top"] <= column["bottom"] + 1:
                crossings += 1
        if crossings > enough:
            break
    return crossings


def _merged_rules(page) -> list[dict]:
    """The page's ruling lines as pdfplumber's table finder takes them ("lines" strategy): upright or level
    edges of some length, snapped and joined."""
    from pdfplumber.table import TableSettings, merge_edges
    from pdfplumber.utils import filter_edges

    settings = TableSettings.resolve(None)
    edges = [e for orientation in ("v", "h") for e in filter_edges(page.edges, orientation, min_length=settings.edge_min_length_prefilter)]
    return merge_edges(edges, settings.snap_x_tolerance, settings.snap_y_tolerance, settings.join_x_tolerance, settings.join_y_tolerance)


# --- streams, inflated within their limits ---------------------------------------------------------

_inflated = 0  # bytes all of this read's streams have inflated to
_crossed = 0  # places the ruling lines of this read's pages crossed


def start_read() -> None:
    """A PDF's read begins: from now on pdfminer inflates streams with the bounded decoders below, and the
    read's counts (bytes inflated, rules crossed, characters drawn) start at 0."""
    global _inflated, _crossed
    _inflated = _crossed = 0
    PageBudget.reset_read()
    pdftypes.zlib = _BoundedZlib  # type: ignore[assignment]  # a class with zlib's decompressobj, in the module's place
    pdftypes.decompress_corrupted = inflate_damaged
    pdftypes.lzwdecode = lzw_decode
    pdftypes.rldecode = run_length_decode
    pdftypes.ccittfaxdecode = fax_decode


def _grown(size: int) -> None:
    """One more stream inflated to `size` bytes: within its limit and the read's?"""
    global _inflated
    _inflated += size
    if size > MAX_STREAM_BYTES:
        raise pdf_bomb(MAX_STREAM_BYTES)
    if _inflated > MAX_STREAMS_BYTES:
        raise pdf_bomb(MAX_STREAMS_BYTES)


_SLICE = 1024  # compressed bytes inflated at a time: 1 MB out at most (Deflate packs ~1 032 bytes into one)


def inflate(data: bytes) -> bytes:
    """zlib.decompress, stopped past MAX_STREAM_BYTES instead of after gigabytes; zlib.error as it raises it."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, MAX_STREAM_BYTES + 1)
    _grown(len(out))
    if not inflater.eof:
        raise zlib.error("Error -5 while decompressing data: incomplete or truncated stream")
    return out


def inflate_damaged(data: bytes) -> bytes:
    """pdfminer's repair of a stream with a damaged end (what came before it is kept, if the damage is in its
    last 3 bytes, the checksum), a slice at a time and not one byte at a time, and counted as it grows."""
    inflater = zlib.decompressobj()
    out: list[bytes] = []
    size = 0
    for start in range(0, len(data), _SLICE):
        piece = data[start : start + _SLICE]
        before = inflater.copy()
        try:
            chunk = inflater.decompress(piece)
        except zlib.error:
            inflater = before
            for offset in range(len(piece)):  # where exactly it fails, as pdfminer's byte-by-byte loop finds it
                try:
                    chunk = inflater.decompress(piece[offset : offset + 1])
                except zlib.error:
                    if start + offset < len(data) - 3:
                        raise
                    _grown(size)
                    return b"".join(out)
                out.append(chunk)
                size += len(chunk)
            continue
        out.append(chunk)
        size += len(chunk)
        if size > MAX_STREAM_BYTES:
            _grown(size)
    _grown(size)
    return b"".join(out)


class _BoundedZlib:
    """What pdfminer's stream decoder finds as `zlib`: the bounded inflater, the rest as zlib has it."""

    error = zlib.error
    decompress = staticmethod(inflate)
    decompressobj = staticmethod(zlib.decompressobj)


def lzw_decode(data: bytes) -> bytes:
    out: list[bytes] = []
    size = 0
    for chunk in LZWDecoder(BytesIO(data)).run():
        out.append(chunk)
        size += len(chunk)
        if size > MAX_STREAM_BYTES:
            break
    _grown(size)
    return b"".join(out)


def run_length_decode(data: bytes) -> bytes:
    """RunLengthDecode (PDF 1.7, 7.4.5): a length byte, then that many + 1 bytes, or one byte repeated 257 − length times."""
    out = bytearray()
    at = 0
    while at < len(data) and data[at] != 128:
        length = data[at]
        if length < 128:
            out += data[at + 1 : at + 2 + length]
            at += length + 2
        else:
            out += data[at + 1 : at + 2] * (257 - length)
            at += 2
        if len(out) > MAX_STREAM_BYTES:
            break
    _grown(len(out))
    return bytes(out)


def fax_decode(data: bytes, params: dict) -> bytes:
    """CCITT fax (K = −1, as pdfminer reads it), its lines no wider than MAX_FAX_COLUMNS, its picture counted as it grows."""
    if params.get("K") != -1:
        return ccittfaxdecode(data, params)  # pdfminer's own: it refuses every other K
    columns = params.get("Columns")
    if not isinstance(columns, int) or not 0 < columns <= MAX_FAX_COLUMNS:
        raise pdf_bomb(MAX_STREAM_BYTES)
    decoder = _BoundedFax(columns, bytealign=bool(params.get("EncodedByteAlign")), reversed=bool(params.get("BlackIs1")))
    decoder.feedbytes(data)
    out = decoder.close()
    _grown(len(out))
    return out


class _BoundedFax(CCITTFaxDecoder):
    def output_line(self, y, bits) -> None:
        super().output_line(y, bits)
        if len(self._buf) > MAX_STREAM_BYTES:
            _grown(len(self._buf))


# --- fonts' maps --------------------------------------------------------------------------------------


def _counted(add):
    """A CMap's `add_…` method that counts the entries of its map and stops past MAX_CMAP_ENTRIES."""

    def counted_add(cmap, *args):
        entries = cmap.__dict__.get("_entries", 0) + 1
        cmap._entries = entries
        if entries > MAX_CMAP_ENTRIES:
            raise vast_font_map()
        return add(cmap, *args)

    counted_add.counted = True  # type: ignore[attr-defined]  # a mark on the function: this method is counted already
    return counted_add


def _count_cmap_entries() -> None:
    for cls in (cmapdb.CMapBase, cmapdb.FileCMap, cmapdb.UnicodeMap, cmapdb.FileUnicodeMap):
        for name in ("add_code2cid", "add_cid2unichr"):
            method = cls.__dict__.get(name)
            if method is not None and not getattr(method, "counted", False):
                setattr(cls, name, _counted(method))


_count_cmap_entries()
