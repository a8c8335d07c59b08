"""The Qt binding itself: what the window relies on and a release of PySide6 once broke."""
from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_calling_qt_does_not_wear_away_pythons_none(qapp):
    """PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a method that returns
    nothing; after a few dozen rechecks of a report the program died with 「deallocating None」.
    requirements.txt pins a release that does not."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("已改为4")
    assert sys.getrefcount(None) >= before - 10
