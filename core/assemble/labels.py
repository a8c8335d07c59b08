"""Matching the text of a table cell to a label of the form.

A cell matches when, normalised (script, width, brackets, quotes, spaces), it is
the form's label, one of its known variants, or one of its known misspellings;
failing that, when it is close to exactly one label (a misspelling nobody listed
yet). A text close to two labels matches neither: a wrong match is worse than
none.
"""
from __future__ import annotations

import difflib
import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from core.formats.spec import Column, Group, Row, TableSpec
from core.text.normalize import label_key, split_numbering

FUZZY_MIN = 0.8  # similarity a misspelled label needs
FUZZY_MARGIN = 0.06  # how far ahead of the next-best label it must be

_BLOCK_RE = re.compile(r"第二十条第\(?([一二三四五六七八九十]+)\)?项")
_CN = {"一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9", "十": "10"}


@dataclass(frozen=True)
class Hit:
    kind: str  # 'row' | 'group' | 'block' | 'column' | 'header' | 'corner'
    ref: object  # Row | Group | Block | Column | str (header label)
    official: str  # the label as on the form
    exact: bool = True  # False when matched as a misspelling


def block_id_of(key: str) -> str | None:
    """'第二十条第(五)项' → '20.5'."""
    match = _BLOCK_RE.search(key)
    return f"20.{_CN[match.group(1)]}" if match else None


class Vocabulary:
    """The labels of one variant of one table, ready for matching."""

    def __init__(self, spec: TableSpec):
        self.spec = spec
        self._exact: dict[str, Hit] = {}
        self._body: dict[str, list[Hit]] = {}
        self._blocks = {b.id: b for b in spec.blocks if b.label}
        for block in spec.blocks:
            if block.header:
                self._add(block.header, Hit("header", block.header, block.header))
            for row in block.rows:
                self._add_labelled("row", row, row.label, row.variants, row.misspellings)
            for column in block.columns:
                self._add_labelled("column", column, column.label, column.variants, column.misspellings)
        for group in spec.groups:
            self._add_labelled("group", group, group.label, group.variants, ())
        for label in spec.header_labels:
            self._add(label, Hit("header", label, label))
        # One matcher per label, made when first needed: SequenceMatcher indexes its second text, here the
        # label, and the cell's text is set as the first. They are shared, so one thread matches at a time.
        self._matchers: dict[str, difflib.SequenceMatcher] = {}
        self._fuzzy_lock = threading.Lock()

    def _add_labelled(self, kind: str, ref: Row | Column | Group, label: str, variants, misspellings) -> None:
        for text in (label, *variants):
            self._add(text, Hit(kind, ref, label))
        for text in misspellings:
            self._add(text, Hit(kind, ref, label, exact=False))

    def _add(self, text: str, hit: Hit) -> None:
        key = label_key(text)
        self._exact.setdefault(key, hit)
        body = split_numbering(key)[1]
        hits = self._body.setdefault(body, [])
        if all(h.ref is not hit.ref for h in hits):
            hits.append(hit)

    # -----------------------------------------------------------------------------
    def match(self, text: str) -> list[Hit]:
        """The labels this cell's text is: usually one, two for 「（三）不予公开 1.属于国家秘密」."""
        return list(self._match_key(label_key(text)))

    @lru_cache(maxsize=4096)  # noqa: B019 -- a Vocabulary lives as long as the program (`vocabulary` caches it)
    def _match_key(self, key: str) -> tuple[Hit, ...]:
        if not key:
            return ()
        if "勾稽关系" in key:
            return (Hit("corner", self.spec.corner, self.spec.corner or ""),)
        block_id = block_id_of(key) if self._blocks else None
        if block_id is not None and len(key) <= 12:
            block = self._blocks.get(block_id)  # None: a block this variant does not have
            return (Hit("block", block or block_id, (block.label or key) if block else key),)
        if key in self._exact:
            return (self._exact[key],)
        numbering, body = split_numbering(key)
        body = body.rstrip("。.:;,")
        hits = self._body.get(body, [])
        if hits:
            return (self._prefer(hits, numbering),)
        combined = self._match_combined(key)
        if combined:
            return combined
        fuzzy = self._fuzzy(body)
        return (fuzzy,) if fuzzy else ()

    @staticmethod
    def _prefer(hits: list[Hit], numbering: str) -> Hit:
        """Among labels with the same words, a numbered text is a row, an unnumbered one a column."""
        if len(hits) == 1:
            return hits[0]
        order = ("row", "group") if numbering else ("column", "header")
        for hit in hits:
            if hit.kind in order:
                return hit
        return hits[0]

    def _match_combined(self, key: str) -> tuple[Hit, ...]:
        """A cell that holds a group's label and a row's label together (text copied from a PDF)."""
        row_hit = None
        for label_key_, hit in self._exact.items():
            if hit.kind == "row" and len(label_key_) >= 4 and key.endswith(label_key_) and key != label_key_:
                if row_hit is None or len(label_key_) > len(label_key(row_hit.official)):
                    row_hit = hit
        if row_hit is None:
            return ()
        groups = tuple(
            hit for k, hit in self._exact.items() if hit.kind == "group" and k in key[: -len(label_key(row_hit.official))]
        )
        return groups + (row_hit,)

    def _fuzzy(self, body: str) -> Hit | None:
        if len(body) < 4:
            return None
        floor = FUZZY_MIN - FUZZY_MARGIN
        scored = []
        with self._fuzzy_lock:
            for candidate, hits in self._body.items():
                if abs(len(candidate) - len(body)) > max(4, len(body) // 3):
                    continue
                matcher = self._matchers.get(candidate)
                if matcher is None:
                    matcher = self._matchers[candidate] = difflib.SequenceMatcher(None, "", candidate)
                matcher.set_seq1(body)
                # The quick ratios are upper bounds of ratio(): a label they rule out could not have been kept.
                if matcher.real_quick_ratio() < floor or matcher.quick_ratio() < floor:
                    continue
                ratio = matcher.ratio()
                if ratio >= floor:
                    scored.append((ratio, candidate, hits))
        scored.sort(key=lambda item: item[0], reverse=True)
        if not scored or scored[0][0] < FUZZY_MIN:
            return None
        if len(scored) > 1 and scored[1][0] > scored[0][0] - FUZZY_MARGIN and scored[1][2] is not scored[0][2]:
            return None  # ambiguous: refuse
        best = scored[0][2][0]
        return Hit(best.kind, best.ref, best.official, exact=False)


_VOCABULARIES: dict[tuple[str, str], Vocabulary] = {}


def vocabulary(spec: TableSpec) -> Vocabulary:
    # Keyed by name: hashing a whole TableSpec on every call costs more than the matching.
    key = (spec.id, spec.variant)
    if key not in _VOCABULARIES:
        _VOCABULARIES[key] = Vocabulary(spec)
    return _VOCABULARIES[key]
