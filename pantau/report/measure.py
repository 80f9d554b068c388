"""Text measured in the slide font (Liberation Sans, the metric twin of Arial that PowerPoint
falls back to), so table columns and text boxes are sized from the words they hold rather than
from a mean character width: a column is never narrower than its longest word, a line wraps
only at a space, and a text box's text ends above the footer."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/liberation")  # Debian package fonts-liberation
FILES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
UNIT = 1000  # measured at 1000 px per em, scaled to points


@lru_cache(maxsize=2)
def _font(bold: bool):
    return ImageFont.truetype(str(FONT_DIR / FILES[bool(bold)]), UNIT)


@lru_cache(maxsize=4096)
def _em(text: str, bold: bool) -> float:
    return _font(bold).getlength(text) / UNIT


def lebar(text: str, pt: float, bold: bool = False) -> float:
    """Inches `text` takes on one line at `pt` points."""
    return _em(text, bold) * pt / 72


def kata(text: str) -> list[str]:
    """The words a line may break between: at spaces, and after a dash ("Januari–September")."""
    return str(text).replace("–", "– ").split() or [""]


def baris(text: str, width_in: float, pt: float, bold: bool = False) -> list[str]:
    """`text` wrapped greedily at spaces to lines at most `width_in` wide. A word wider than the
    line stays whole on its own line (the caller sizes columns so none is)."""
    lines: list[str] = []
    for para in str(text).split("\n"):
        line = ""
        for word in para.split():
            trial = f"{line} {word}" if line else word
            if line and lebar(trial, pt, bold) > width_in:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return lines


def kata_terlebar(text: str, pt: float, bold: bool = False) -> float:
    """Inches of the widest unbreakable word of `text`."""
    return max(lebar(w, pt, bold) for w in kata(text))
