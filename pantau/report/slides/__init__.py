"""The six slides of the Paparan, in the order of the story: context and target, the verval
funnel, the three strategies, what comes next; and the cover and closing slide around them.
Each builder takes the build context and returns its slide and key figures; one module each."""

from pantau.report.slides.bansos import strategi_1
from pantau.report.slides.frame import asal_data, penutup, sampul
from pantau.report.slides.kantong import strategi_3
from pantau.report.slides.modal_usaha import strategi_2
from pantau.report.slides.scorecard import selanjutnya
from pantau.report.slides.target import konteks
from pantau.report.slides.verval import verval

BUILDERS = [konteks, verval, strategi_1, strategi_2, strategi_3, selanjutnya]

__all__ = ["BUILDERS", "asal_data", "penutup", "sampul"]
