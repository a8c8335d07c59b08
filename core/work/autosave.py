"""Autosave: a clerk's work on a report, kept in a small file per report in the data folder.

The file is named by the report's content hash (`Report.fingerprint`), so the same report
opened again — from any folder, under any name — finds its work, and a report whose
content changed does not. Every change is written at once, atomically
(`core.platform.fileio.atomic_write`): after a crash, a killed process or a power cut the file
holds either the work before the last change or after it.

The format is versioned JSON; numbers are written as text so that 万元 decimals come
back exactly. What is read back is checked again before it is used: a cell the layout
does not have or a value its kind does not take is left out, never trusted.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from core.formats.spec import split_cell_id
from core.model import Number, Report
from core.platform.fileio import WriteError, atomic_write
from core.platform.paths import data_dir
from core.presentation import META_NAMES
from core.text.numbers import format_number, parse_value
from core.work.confirmations import Confirmation
from core.work.corrections import Step
from core.work.entry import Refusal, read_agency, read_entry, read_year

log = logging.getLogger(__name__)

FORMAT = "nianbao-autosave"
VERSION = 1
FOLDER = "autosave"


@dataclass
class Work:
    """Everything a clerk has done to one report that is not in the file itself."""

    fingerprint: str
    source: str
    corrections: dict[str, Number] = field(default_factory=dict)
    meta_corrections: dict[str, object] = field(default_factory=dict)
    marks: dict[str, Confirmation] = field(default_factory=dict)
    unexported: bool = True  # changed since the last export
    saved_at: str = ""

    @classmethod
    def of(cls, report: Report, marks: dict[str, Confirmation], unexported: bool) -> Work:
        return cls(
            report.fingerprint,
            report.source,
            dict(report.corrections),
            dict(report.meta_corrections),
            dict(marks),
            unexported,
            datetime.now().isoformat(timespec="seconds"),
        )

    @property
    def empty(self) -> bool:
        return not (self.corrections or self.meta_corrections or self.marks)

    def summary(self) -> str:
        """「改了3格数字，更正了年度，核实了2项」."""
        parts = []
        if self.corrections:
            parts.append(f"改了{len(self.corrections)}格数字")
        if self.meta_corrections:
            parts.append("更正了" + "和".join(name for key, name in META_NAMES.items() if key in self.meta_corrections))
        if self.marks:
            parts.append(f"核实了{len(self.marks)}项")
        return "，".join(parts)

    def step(self, report: Report, this_year: int) -> Step:
        """The work as one step onto `report`, leaving out whatever no longer fits it."""
        cells: dict[str, Number | None] = {}
        known = set(report.layout.cell_ids)
        for cid, value in self.corrections.items():
            if cid not in known:
                log.warning("autosave: %s is not a cell of this report's layout; left out", cid)
                continue
            kind = report.layout.table(split_cell_id(cid)[0]).kind_of(cid)
            entry = read_entry(kind, format_number(value))
            if isinstance(entry, Refusal):
                log.warning("autosave: %s = %s refused (%s); left out", cid, value, entry.message)
                continue
            cells[cid] = entry
        meta: dict[str, object | None] = {}
        if "agency" in self.meta_corrections:
            agency = read_agency(str(self.meta_corrections["agency"]))
            if not isinstance(agency, Refusal):
                meta["agency"] = agency
        if "year" in self.meta_corrections:
            year = read_year(str(self.meta_corrections["year"]), this_year)
            if not isinstance(year, Refusal):
                meta["year"] = year
        return Step(cells=cells, meta=meta, marks=dict(self.marks))


# --- the file ---------------------------------------------------------------------------


def to_json(work: Work) -> bytes:
    document = {
        "format": FORMAT,
        "version": VERSION,
        "fingerprint": work.fingerprint,
        "source": work.source,
        "saved_at": work.saved_at,
        "unexported": work.unexported,
        "corrections": {cid: format_number(value) for cid, value in work.corrections.items()},
        "meta": dict(work.meta_corrections),
        "confirmed": [
            {"key": m.key, "digest": m.digest, "note": m.note, "at": m.at} for m in work.marks.values()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


class NotOurs(ValueError):
    """A file that is not an autosave this program can read."""


def from_json(data: bytes) -> Work:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NotOurs(f"not JSON: {error}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NotOurs("not an autosave file")
    if document.get("version") != VERSION:
        raise NotOurs(f"autosave version {document.get('version')!r}, this program reads {VERSION}")
    try:
        corrections = {str(cid): _number(text) for cid, text in document["corrections"].items()}
        meta = {str(k): v for k, v in document["meta"].items() if k in META_NAMES}
        marks = {
            str(m["key"]): Confirmation(str(m["key"]), str(m["digest"]), str(m.get("note", "")), str(m.get("at", "")))
            for m in document["confirmed"]
        }
        return Work(
            str(document["fingerprint"]),
            str(document["source"]),
            corrections,
            meta,
            marks,
            bool(document.get("unexported", True)),
            str(document.get("saved_at", "")),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as error:
        raise NotOurs(f"damaged autosave: {error!r}") from None


def _number(text: object) -> Number:
    parsed = parse_value(str(text))
    if parsed.value is None or parsed.unit is not None:
        raise ValueError(f"not a number: {text!r}")
    return parsed.value


class WorkStore:
    """The autosave files: one per report, in `data_dir()/autosave` unless told otherwise."""

    def __init__(self, folder: Path | None = None):
        self._folder = folder

    @property
    def folder(self) -> Path:
        """The folder, made when first needed (OSError when it cannot be)."""
        folder = self._folder if self._folder is not None else data_dir() / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def path(self, fingerprint: str) -> Path:
        return self.folder / f"{fingerprint}.json"

    def save(self, work: Work) -> None:
        """Write the work at once (WriteError when it cannot be); no work left: no file."""
        try:
            path = self.path(work.fingerprint)
        except OSError as error:
            raise WriteError(
                "no_folder",
                f"无法建立保存修改的文件夹（{error.strerror}）。请确认磁盘没有写满、用户文件夹可以写入。",
            ) from None
        if work.empty:
            self._remove(path)
            return
        atomic_write(path, to_json(work), source=work.source, private=True)  # the clerk's own work: theirs alone

    def load(self, fingerprint: str) -> Work | None:
        """The work saved for this report, if any. A damaged file is set aside (kept, renamed), never in the way."""
        try:
            path = self.path(fingerprint)
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            log.warning("autosave for %s cannot be read: %s", fingerprint, error)
            return None
        try:
            work = from_json(data)
        except NotOurs as error:
            log.warning("autosave %s set aside: %s", path, error)
            self._set_aside(path, "unreadable")
            return None
        if work.fingerprint != fingerprint:
            log.warning("autosave %s is for another report; set aside", path)
            self._set_aside(path, "unreadable")
            return None
        return None if work.empty else work

    def discard(self, fingerprint: str) -> None:
        """The clerk chose not to restore: the work is kept once more as `….discarded.json`, then gone."""
        try:
            self._set_aside(self.path(fingerprint), "discarded")
        except OSError as error:
            log.warning("autosave folder unusable: %s", error)

    def _set_aside(self, path: Path, why: str) -> None:
        try:
            os.replace(path, path.with_suffix(f".{why}.json"))
        except OSError as error:
            log.warning("autosave %s could not be set aside: %s", path, error)

    @staticmethod
    def _remove(path: Path) -> None:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            log.warning("autosave %s could not be removed: %s", path, error)
