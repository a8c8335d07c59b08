"""An engine with a bug in its checks, for the worker to run instead of core.api's (tests of what the clerk is told)."""
from __future__ import annotations


def check_file(path: str):
    raise KeyError("规则的细节")
