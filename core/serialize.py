"""A checked report as plain data: the command line's JSON, and what tests compare."""
from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from core.check import CheckResult
from core.findings import Finding
from core.formats import required_format, split_cell_id
from core.model import Number, Report
from core.readers.errors import ReadError


def number(value: Number | None) -> int | float | None:
    """JSON has no Decimal: an integral value becomes an int, any other a float for output only."""
    if value is None or isinstance(value, int):
        return value
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def tables(report: Report) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {"t2": {}, "t3": {}, "t4": {}}
    for cid in report.layout.cell_ids:
        table, row, col = split_cell_id(cid)
        result[table][f"{row}/{col}"] = number(report.value(cid))
    return result


def finding(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "severity": f.severity.value,
        "outcome": f.outcome.value,
        "message": f.message,
        "cells": [f"{c}" for c in f.cells],
        "expected": number(f.expected) if not isinstance(f.expected, str) else f.expected,
        "actual": number(f.actual) if not isinstance(f.actual, str) else f.actual,
    }


def result_dict(path: str, result: CheckResult) -> dict[str, Any]:
    report = result.report
    return {
        "file": path,
        "ok": result.ok,
        "error": None,
        "meta": {
            "title": report.meta.title,
            "agency": report.agency,
            "year": report.year,
            "format": report.layout.name,
            "required_format": required_format(report.year),
            "script": report.meta.script,
            "doubts": sorted({d.value for d in report.doubts.values()}),  # why parts were read unsure (core/document.Doubt)
        },
        "sections": [{"id": s.id, "found": s.found, "heading": s.heading} for s in report.sections.values()],
        "tables": tables(report),
        "findings": [finding(f) for f in result.findings],
        "verdict": result.verdict.text,
    }


def error_dict(path: str, error: ReadError) -> dict[str, Any]:
    return {"file": path, "ok": False, "error": error.as_dict()}


def dumps(data: Any) -> str:
    """JSON in UTF-8 as it reads; a file name that is not UTF-8 (its bytes kept as lone surrogates) is written
    with JSON's escapes (「\\udcc4」), which any JSON reader takes back to the same name: nothing is lost."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=lambda o: number(o) if isinstance(o, Decimal) else str(o))
    return text.encode("utf-8", errors="backslashreplace").decode("utf-8")
