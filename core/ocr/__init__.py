"""Reading a scanned page: the picture straightened and cleaned (page.py), its ruled tables (grid.py), its
lines of text (lines.py), and the recogniser that turns a line's picture into characters (engine.py).

Nothing here knows annual reports: `core/readers/scan.py` makes a `Document` of what these find, and the
assembler places it like any other reader's. numpy and onnxruntime are imported only when a page without
a text layer is read: checking a Word file or a text PDF never loads them.
"""
from __future__ import annotations

import os

# numpy's own BLAS (the development wheel's OpenBLAS; the frozen build has none) starts a thread per core that
# spins beside the recogniser's; nothing here multiplies matrices.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
