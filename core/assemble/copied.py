"""Placing the cells of a table copied out of a PDF (`Doubt.PDF_COPY`): by the labels, and by how many
numbers each row of the form has.

A copy keeps a table as lines of words and numbers (`core/readers/pdf_copy.py`): a label may be wrapped
over two or three lines, pieces of merged labels (「三、本」「年度办」「理结果」) stand among the rows', and a
row's numbers may be on the line above or below its label, or split between lines (the form's cells are
aligned differently: 总计 at the top, the rest in the middle). Nothing says which column a number was in
but its place among the numbers of its line. So:

1. Labels. The words are read in order against the form's rows in the form's order: a row's label is
   the words that spell it, one after the other (pieces of the merged labels between them are passed
   over). A label that cannot be spelled is not found: its row is unread.
2. Numbers. The numbers on a line with a piece of one row's label, or between two pieces of it, are
   that row's. Numbers on a line of their own between two rows' labels are the first row's as far as it
   lacks numbers, the rest the second's; where a row of the form was not found between them, they are
   nobody's. A chain of rows so linked is read only when every row in it ends with as many numbers as
   the form has columns (a blank cell of the PDF leaves no number, and would shift the rest).
3. Columns. A line's numbers are in their columns' order. When a row's numbers come on several lines,
   a cell is read only when every way of merging the lines gives it the same number (all zeros, often).

Whatever is not read so is left unread and said to be (`unplaced`), never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.assemble.labels import vocabulary
from core.document import Grid, GridCell
from core.formats.spec import Row, TableSpec, cell_id
from core.model import LabelNote
from core.text.normalize import clean_cell_text, label_key
from core.text.numbers import looks_like_value, parse_value

Line = tuple[Grid | None, list[GridCell]]  # a line of the copy: its grid (None: a paragraph), its words and numbers


@dataclass
class _Label:
    row: Row
    index: int  # the row's place in the form's order
    cells: list[GridCell] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    exact: bool = True


@dataclass
class _Row:
    """A found row: its label, and its numbers as groups (a group: the numbers of one line, in order)."""

    label: _Label
    groups: list[list[GridCell]] = field(default_factory=list)
    chain: int = 0  # rows sharing numbers that stood between them are one chain: read all or none
    broken: bool = False  # could not be given its numbers with certainty

    @property
    def count(self) -> int:
        return sum(len(g) for g in self.groups)


@dataclass
class Copied:
    placed: dict[str, GridCell]
    notes: list[LabelNote]
    rows_seen: set[str]  # rows whose label was found (their cells may still be unread)
    blocks_seen: set[str]
    labels_seen: set[str]
    first_grid: Grid | None


def place_copied(table: str, lines: list[Line], spec: TableSpec) -> Copied:
    if table == "t4":
        return _place_t4(lines, spec)
    labels, blocks = _find_labels(lines, spec)
    rows = _give_numbers(lines, labels, spec)
    aligned = _aligned_columns(rows, spec)
    placed: dict[str, GridCell] = {}
    notes: list[LabelNote] = []
    for n, row in enumerate(rows):
        label = row.label
        columns = spec.block_of(label.row.id).columns
        ids = tuple(cell_id(table, label.row.id, c.id) for c in columns)
        first = label.cells[0]
        if not label.exact:
            text = clean_cell_text("".join(c.text for c in label.cells))
            notes.append(LabelNote(table, "misspelled", text, label.row.label, first.loc))
        if row.broken or row.count != len(columns):
            detail = f"找到{row.count}个数，应为{len(columns)}个" if row.count != len(columns) else "数与相邻行的数连在一起"
            notes.append(LabelNote(table, "unplaced", label.row.name, None, first.loc, ids, detail))
            continue
        cells = _by_position(row.groups, aligned.get(n)) or _interleaved(row.groups, len(columns))
        unsure = tuple(cid for cid, cell in zip(ids, cells) if cell is None)
        placed.update({cid: cell for cid, cell in zip(ids, cells) if cell is not None})
        if unsure:
            notes.append(LabelNote(table, "unplaced", label.row.name, None, first.loc, unsure, "各数分在几行"))
    first_grid = next((g for g, cells in lines if g is not None and any(c in cells for c in rows[0].label.cells)), None) if rows else None
    seen = {r.label.row.id for r in rows}
    blocks_seen = {spec.block_of(r).id for r in seen} | blocks
    return Copied(placed, notes, seen, blocks_seen, blocks, first_grid or _first_grid(lines))


def _first_grid(lines: list[Line]) -> Grid | None:
    return next((g for g, _ in lines if g is not None), None)


# --- 1. labels ---------------------------------------------------------------------------------


def _keys(row: Row) -> list[tuple[str, bool]]:
    return [(label_key(t), True) for t in (row.label, *row.variants)] + [(label_key(t), False) for t in row.misspellings]


def _passed_over(spec: TableSpec) -> list[str]:
    """The keys of labels that are not rows (merged row labels, headers, block labels): their pieces stand among
    the rows' labels in a copy and are passed over."""
    texts = [g.label for g in spec.groups] + [v for g in spec.groups for v in g.variants] + list(spec.header_labels)
    texts += [spec.corner or ""] + [c.label for c in spec.columns] + [b.header or "" for b in spec.blocks]
    texts += [b.label or "" for b in spec.blocks]
    return [label_key(t) for t in texts if t]


def _find_labels(lines: list[Line], spec: TableSpec) -> tuple[list[_Label], set[str]]:
    order = list(spec.rows)
    keys = [_keys(r) for r in order]
    others = _passed_over(spec)
    vocab = vocabulary(spec)
    found: list[_Label] = []
    blocks: set[str] = set()  # table 二's 「第二十条第（X）项」 seen
    start = 0  # the next row of the form that may be found
    open_: tuple[_Label, str] | None = None

    def close(candidate: tuple[_Label, str] | None) -> None:
        nonlocal start
        if candidate is None:
            return
        label, text = candidate
        hits = [h for h in vocab.match(text) if h.kind == "row"]
        index = next((order.index(h.ref) for h in hits if h.ref in order[start:]), None)
        if index is not None:  # spelled otherwise than the form (a misspelling nobody listed): matched as a whole
            label.row, label.index, label.exact = order[index], index, all(h.exact for h in hits)
            found.append(label)
            start = index + 1

    for number, (_, cells) in enumerate(lines):
        for cell in cells:
            if looks_like_value(cell.text):
                continue
            key = label_key(cell.text)
            if not key:
                continue
            for hit in vocab.match(cell.text):
                if hit.kind == "block":
                    blocks.add(getattr(hit.ref, "id", str(hit.ref)))
            if open_ is not None:
                label, text = open_
                joined = text + key
                rows = [i for i in range(label.index, len(order)) if any(k.startswith(joined) for k, _ in keys[i])]
                if rows:
                    label.cells.append(cell)
                    label.lines.append(number)
                    complete = [i for i in rows if any(k == joined for k, _ in keys[i])]
                    if complete:
                        i = complete[0]
                        label.row, label.index = order[i], i
                        label.exact = any(k == joined and exact for k, exact in keys[i])
                        found.append(label)
                        start = i + 1
                        open_ = None
                    else:
                        open_ = (label, joined)
                        label.index = rows[0]
                    continue
                if any(key in other for other in others):
                    continue  # a piece of a merged label among the pieces of this one
                close(open_)
                open_ = None
            rows = [i for i in range(start, len(order)) if any(k.startswith(key) for k, _ in keys[i])]
            if not rows or len(key) < 2:
                continue  # header words, pieces of merged labels, a row the form does not have
            label = _Label(order[rows[0]], rows[0], [cell], [number])
            complete = [i for i in rows if any(k == key for k, _ in keys[i])]
            if complete:
                i = complete[0]
                label.row, label.index = order[i], i
                label.exact = any(k == key and exact for k, exact in keys[i])
                found.append(label)
                start = i + 1
            else:
                open_ = (label, key)
    close(open_)
    return found, blocks


# --- 2. numbers --------------------------------------------------------------------------------


def _give_numbers(lines: list[Line], labels: list[_Label], spec: TableSpec) -> list[_Row]:
    rows = [_Row(label) for label in labels]
    if not rows:
        return rows
    owner: dict[int, set[int]] = {}  # line → the found rows with a piece of their label on it
    for n, row in enumerate(rows):
        for line in row.label.lines:
            owner.setdefault(line, set()).add(n)
    spans = [(min(r.label.lines), max(r.label.lines)) for r in rows]
    gaps: dict[int, list[list[GridCell]]] = {}  # gap k: between rows k-1 and k (0: before the first)
    for number, (_, cells) in enumerate(lines):
        group = [c for c in cells if looks_like_value(c.text)]
        if not group:
            continue
        mine = owner.get(number, set()) or {n for n, (a, b) in enumerate(spans) if a < number < b}
        if len(mine) == 1:
            rows[next(iter(mine))].groups.append(group)
        elif mine:
            for n in mine:
                rows[n].broken = True  # two rows' labels on one line: whose numbers these are is not known
        else:
            gaps.setdefault(sum(1 for a, _ in spans if a < number), []).append(group)
    # pdftotext without -layout puts each cell on a line of its own, in an order of its own making.
    numbers = [len(g) for _, cells in lines if (g := [c for c in cells if looks_like_value(c.text)])]
    in_order = sum(n for n in numbers if n > 1) >= 0.5 * sum(numbers)
    _share_gaps(rows, gaps, spec, in_order)
    return rows


def _share_gaps(rows: list[_Row], gaps: dict[int, list[list[GridCell]]], spec: TableSpec, in_order: bool) -> None:
    """Numbers on lines of their own, between two rows' labels: the row above takes what it lacks, the rows of
    the form not found between them as many as they have columns (unread), the row below the rest; then every
    chain of rows that shared numbers must come out whole, or none of it is read. Only a copy whose lines are
    in the page's order (`in_order`) says the numbers of rows not found stand between the two."""
    width = {r.label.row.id: len(spec.block_of(r.label.row.id).columns) for r in rows}
    chains = 0
    for k in range(len(rows) + 1):
        before = rows[k - 1] if k else None
        after = rows[k] if k < len(rows) else None
        groups = list(gaps.get(k, []))
        if not groups:
            continue
        if before is None:  # above the first row found: its numbers, if it is the form's first row
            if after is not None and after.label.index == 0:
                after.groups[:0] = groups
            continue
        end = after.label.index if after is not None else len(spec.rows)
        unseen = [spec.rows[i] for i in range(before.label.index + 1, end)]  # rows of the form not found between them
        middle = sum(len(spec.block_of(r.id).columns) for r in unseen)
        need = width[before.label.row.id] - before.count
        if need > 0 or (middle and after is not None):
            # Lines in the page's order: the row above's numbers first, then those of the rows not found (each
            # row of the form as many as it has columns), then the row below's. Where they do not come out
            # exactly so, where each row's numbers end is not known.
            taken = _prefix(groups, need) if in_order or not unseen else None
            skipped = _prefix(groups[taken:], middle) if taken is not None else None
            if taken is None or skipped is None:
                before.broken = True
                if after is not None:
                    after.broken = True
                continue
            before.groups.extend(groups[:taken])
            groups = groups[taken + skipped:]
            if after is not None:
                chains += 1
                before.chain = before.chain or chains
                after.chain = before.chain
        elif unseen:
            continue  # the row above is whole: these are the numbers of the rows not found (or past the table)
        if groups and after is not None:
            after.groups[:0] = groups
    for row in rows:
        if row.count != width[row.label.row.id]:
            row.broken = True
    broken_chains = {r.chain for r in rows if r.chain and r.broken}
    for row in rows:
        if row.chain in broken_chains:
            row.broken = True


def _prefix(groups: list[list[GridCell]], need: int) -> int | None:
    """How many of the first groups make exactly `need` numbers; None when none do."""
    total = 0
    for n, group in enumerate(groups):
        if total == need:
            return n
        total += len(group)
    return len(groups) if total == need else None


# --- 3. columns ------------------------------------------------------------------------------


def _interleaved(groups: list[list[GridCell]], width: int) -> list[GridCell | None]:
    """Each column's cell when the groups' numbers (each group in its columns' order, the groups merged in any
    way) can only give it one value; None where two ways of merging give it different values.

    The j-th number of a group of g numbers can land in column j … j + (width − g): as many of the other
    groups' numbers may stand before it as there are (any from none to all)."""
    cells: list[GridCell | None] = []
    for column in range(width):
        candidates = [
            group[j]
            for group in groups
            for j in range(len(group))
            if j <= column <= j + width - len(group)
        ]
        values = {(parse_value(c.text).value, parse_value(c.text).written) for c in candidates}
        cells.append(candidates[0] if len(values) == 1 else None)
    return cells


_ALIGNED = 2  # characters: a number's column in a layout copy, give or take
_APART = 3  # characters between two columns, at least


def _aligned_columns(rows: list[_Row], spec: TableSpec) -> dict[int, list[float]]:
    """Row → where each of its columns stands, in characters, in a copy that kept the page's layout: learnt
    from the nearest rows above and below it in its block whose numbers are all on one line, when the two
    agree (in a copy that did not keep the layout, as pdfplumber's, a number's place on its line depends on
    the label's length, and they do not; a page break between them may shift the layout)."""
    full: dict[int, list[int]] = {}
    for n, row in enumerate(rows):
        width = len(spec.block_of(row.label.row.id).columns)
        group = row.groups[0] if len(row.groups) == 1 else []
        if not row.broken and len(group) == width and all(c.col is not None for c in group):
            full[n] = [c.col for c in group if c.col is not None]
    aligned = {}
    for n, row in enumerate(rows):
        if len(row.groups) < 2:
            continue
        block = spec.block_of(row.label.row.id)
        same = [m for m in full if spec.block_of(rows[m].label.row.id) is block]
        above = max((m for m in same if m < n), default=None)
        below = min((m for m in same if m > n), default=None)
        if above is None or below is None:
            continue
        pairs = list(zip(full[above], full[below]))
        centres = [(a + b) / 2 for a, b in pairs]
        if all(abs(a - b) <= _ALIGNED for a, b in pairs) and all(b - a >= _APART for a, b in zip(centres, centres[1:])):
            aligned[n] = centres
    return aligned


def _by_position(groups: list[list[GridCell]], centres: list[float] | None) -> list[GridCell | None] | None:
    """A row whose numbers are on several lines of a layout copy: each number in the column it stands under;
    None unless every number stands under a column of its own."""
    if centres is None or len(groups) < 2:
        return None
    cells: list[GridCell | None] = [None] * len(centres)
    for cell in (c for group in groups for c in group):
        if cell.col is None:
            return None
        near = [n for n, centre in enumerate(centres) if abs(cell.col - centre) <= _ALIGNED]
        if len(near) != 1 or cells[near[0]] is not None:
            return None
        cells[near[0]] = cell
    return cells if all(c is not None for c in cells) else None


# --- table 四: one row of fifteen numbers, no label ---------------------------------------------


def _place_t4(lines: list[Line], spec: TableSpec) -> Copied:
    """Table 四's numbers: fifteen under its header, in the form's order (its header words, wrapped over
    several lines, say nothing of where each number stands). Fifteen on one line are its fifteen cells."""
    groups = [g for _, cells in lines if (g := [c for c in cells if looks_like_value(c.text)])]
    columns = spec.blocks[0].columns
    ids = tuple(cell_id("t4", "1", c.id) for c in columns)
    count = sum(len(g) for g in groups)
    notes: list[LabelNote] = []
    placed: dict[str, GridCell] = {}
    first = next((g for g, cells in lines if g is not None and any(looks_like_value(c.text) for c in cells)), None)
    if count == len(columns):
        cells = _interleaved(groups, len(columns))
        placed = {cid: cell for cid, cell in zip(ids, cells) if cell is not None}
        unsure = tuple(cid for cid, cell in zip(ids, cells) if cell is None)
        if unsure:
            notes.append(LabelNote("t4", "unplaced", "数据行", None, groups[0][0].loc, unsure, "各数分在几行"))
    elif count:
        notes.append(LabelNote("t4", "unplaced", "数据行", None, groups[0][0].loc, ids, f"找到{count}个数，应为{len(columns)}个"))
    return Copied(placed, notes, {"1"} if count else set(), set(), set(), first or _first_grid(lines))
