"""The recogniser: a line's picture in, its characters out, each with how sure the model is of it.

PP-OCRv4's Chinese recognition model (from the `rapidocr_onnxruntime` wheel, which carries it;
that package's own code is not used: it needs OpenCV) run by onnxruntime on the CPU. The model
reads a line scaled to 48 pixels high and gives, for every 8 pixels along it, a probability for
each of its 6 623 characters and for "nothing here" (CTC). The characters are read off the most
probable path; each keeps the probability it was read with, so a caller can refuse what the
model was unsure of. `digits()` reads the same output allowing only what a number is written
with: a table's 0 is never read as the letter o that the model, seeing it alone, also thinks of.
"""
from __future__ import annotations

import ctypes
import importlib.util
import math
import os
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

MODEL_PACKAGE = "rapidocr_onnxruntime"
MODEL_NAME = "ch_PP-OCRv4_rec_infer.onnx"
MODEL_FILE = os.path.join("models", MODEL_NAME)
BUNDLED_MODEL = ("ocr", MODEL_NAME)  # under resources/ in the frozen program (build.spec puts it there)
HEIGHT = 48
STEP = 8  # pixels of the scaled line per output step
MIN_WIDTH = 96
WIDE = 320  # the width the model was taught with (PaddleOCR pads every line to at least this)
BATCH_PIXELS = 48 * 1600  # a batch holds about this many pixels: past some 2 000 columns the work no longer fits the cache (twice the time a column)
FIGURE = "0123456789./-,"
GAPS = " 　"  # a space between two figures (a row of a table read as one line)
# What a figure's characters may also be read as: the same digit full-width (the model knows both), and
# for a figure standing alone without words around it, the marks of the same shape. In a table's figure
# cell these can only be that character, so their probability counts for it.
LOOK_ALIKES = {
    "0": "０oO〇○。°",
    "1": "１lI|丨",
    "/": "／",
    ".": "．",
    "-": "－",
    ",": "，",
    **{d: chr(ord("０") + int(d)) for d in "23456789"},
}


class EngineMissing(RuntimeError):
    """The recognition model or onnxruntime is not installed."""


@dataclass(frozen=True)
class Reading:
    text: str
    probs: tuple[float, ...]  # the probability each character of `text` was read with
    steps: tuple[int, ...]  # the output step each character was read at (× STEP pixels of the scaled line)
    digits: str  # the same line read allowing only figures' characters (FIGURE) and spaces
    digit_probs: tuple[float, ...]  # each one's probability, with its look-alikes' (LOOK_ALIKES)
    digit_steps: tuple[int, ...]
    rivals: tuple[str, ...]  # for each character of `digits`, the most probable character at its step

    @property
    def confidence(self) -> float:
        return min(self.probs, default=0.0)


def model_path() -> str:
    """The recognition model: bundled with the frozen program, or in the installed wheel that carries it."""
    from core.platform.paths import resource

    bundled = resource(*BUNDLED_MODEL)
    if bundled.is_file():
        return str(bundled)
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EngineMissing(f"{MODEL_PACKAGE} is not installed")
    path = os.path.join(list(spec.submodule_search_locations)[0], MODEL_FILE)
    if not os.path.isfile(path):
        raise EngineMissing(f"{path} is missing")
    return path


_lock = threading.Lock()


@lru_cache(maxsize=1)
def recogniser() -> Recogniser:
    """The one recogniser of this process (the model is loaded once: about 0.2 s)."""
    with _lock:
        return Recogniser(model_path())


def _fewer_malloc_arenas() -> None:
    """glibc gives each thread that allocates an arena of its own, 64 MB of address space each: the recogniser's
    threads would take a worker past its address-space limit (RLIMIT_AS, core/worker) while using little memory."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).mallopt(-8, 2)  # M_ARENA_MAX
        except (OSError, AttributeError):  # not glibc: its arenas are not glibc's either
            pass


class Recogniser:
    def __init__(self, path: str, threads: int | None = None):
        try:
            import onnxruntime
        except ImportError as error:  # pragma: no cover - a broken install
            raise EngineMissing("onnxruntime is not installed") from error
        _fewer_malloc_arenas()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # no busy-waiting between lines
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(path, options, providers=["CPUExecutionProvider"])
        self.input = self.session.get_inputs()[0].name
        chars = self.session.get_modelmeta().custom_metadata_map["character"].splitlines()
        self.chars = ["", *chars, " "]  # 0 is CTC's "nothing here"; the model's last class is a space
        index = {c: n for n, c in enumerate(self.chars) if c}
        # the classes a figure is read with: "nothing here", each figure character with its look-alikes, a space
        self.figure_chars = ["", *FIGURE, " "]
        groups = [[0]] + [[index[f]] + [index[a] for a in LOOK_ALIKES.get(f, "") if a in index] for f in FIGURE]
        groups.append([index[g] for g in GAPS if g in index])
        # each class's group, for summing a step's probabilities per group (np.add.at: no matrix product, which
        # would need the BLAS library the frozen build leaves out)
        self.members = np.concatenate([np.asarray(m, np.intp) for m in groups])
        self.groups = np.concatenate([np.full(len(m), g, np.intp) for g, m in enumerate(groups)])
        self.n_groups = len(groups)

    def read(self, lines: list[np.ndarray], squeeze: float = 1.0, min_width: int = MIN_WIDTH) -> list[Reading]:
        """Each line's picture (uint8 grey, dark text on light, tight or loosely cropped) read.

        `squeeze` < 1 narrows the pictures before reading: the model was taught lines of up to 25
        characters squeezed into 320 pixels, so a line of Chinese read narrower costs less and reads as well.
        `min_width`: a picture narrower than this (scaled) is padded to it; a lone figure padded to the
        320 pixels the model was taught with is read surer than one padded to MIN_WIDTH, at three times the cost.
        """
        out: list[Reading | None] = [None] * len(lines)
        widths = [max(1, math.ceil(squeeze * HEIGHT * im.shape[1] / max(im.shape[0], 1))) for im in lines]
        order = sorted(range(len(lines)), key=lambda n: widths[n])
        batch: list[int] = []
        for n in order + [-1]:
            if n >= 0 and (not batch or (len(batch) + 1) * _padded(widths[n], min_width) * HEIGHT <= BATCH_PIXELS):
                batch.append(n)
                continue
            if batch:
                for m, reading in zip(batch, self._run([lines[m] for m in batch], [widths[m] for m in batch], min_width)):
                    out[m] = reading
            batch = [n] if n >= 0 else []
        return out  # type: ignore[return-value]

    def _run(self, images: list[np.ndarray], widths: list[int], min_width: int) -> list[Reading]:
        from PIL import Image

        width = _padded(max(widths), min_width)
        x = np.zeros((len(images), 3, HEIGHT, width), np.float32)
        for k, (im, w) in enumerate(zip(images, widths)):
            scaled = np.asarray(Image.fromarray(im).resize((w, HEIGHT), Image.Resampling.BILINEAR), np.float32)
            x[k, :, :, :w] = scaled / 127.5 - 1.0
        probs = self.session.run(None, {self.input: x})[0]
        return [self._decode(p) for p in probs]

    def _decode(self, p: np.ndarray) -> Reading:
        best = p.argmax(axis=1)
        text, probs, steps = _ctc(best, p, self.chars)
        folded = np.zeros((p.shape[0], self.n_groups), np.float32)  # each step's probability of each figure class
        np.add.at(folded.T, self.groups, p[:, self.members].T)
        digits, digit_probs, digit_steps = _ctc(folded.argmax(axis=1), folded, self.figure_chars)
        rivals = tuple(self.chars[best[s]] for s in digit_steps)
        return Reading(text, probs, steps, digits, digit_probs, digit_steps, rivals)


def _padded(width: int, min_width: int = MIN_WIDTH) -> int:
    return max(min_width, math.ceil(width / STEP) * STEP)


def _ctc(path: np.ndarray, p: np.ndarray, chars: list[str]) -> tuple[str, tuple[float, ...], tuple[int, ...]]:
    """The characters along a path of classes: repeats collapsed, "nothing here" dropped. Each keeps the
    highest probability along its run of steps (the model's peak for it) and the step of that peak."""
    text: list[str] = []
    probs: list[float] = []
    steps: list[int] = []
    last = 0
    for step, c in enumerate(path.tolist()):
        if c != 0:
            prob = float(p[step, c])
            if c != last:
                text.append(chars[c])
                probs.append(prob)
                steps.append(step)
            elif prob > probs[-1]:
                probs[-1] = prob
                steps[-1] = step
        last = c
    return "".join(text), tuple(probs), tuple(steps)
