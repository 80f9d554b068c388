"""Where things sit on a 16:9 slide (inches), shared by the PowerPoint writer and by the image
renderer, so each chart is drawn at the shape of the box it fills."""

from __future__ import annotations

from dataclasses import dataclass

from pantau.report.model import Slide

LEBAR, TINGGI = 13.333, 7.5  # 16:9
KIRI, ATAS, BAWAH = 0.4, 1.85, 6.8
PX_PER_INCH = 96  # chart fonts (13 px) then print at about 10 pt on the slide


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def px(self) -> tuple[int, int]:
        return round(self.w * PX_PER_INCH), round(self.h * PX_PER_INCH)


# a chart the PDF and the screen show but the slide does not (Chart.di_slide) is drawn at the
# size of a slide's one chart
REPORT_BOX = Box(KIRI, ATAS, 7.6, BAWAH - ATAS)


@dataclass(frozen=True)
class Layout:
    grafik: list[Box]
    tabel: Box | None
    poin: Box | None


def layout(slide: Slide) -> Layout:
    """The boxes of a slide's charts, its on-slide table and its bullet points."""
    n = len(slide.grafik_slide)
    tabel = any(t.di_slide for t in slide.tabel)
    tinggi = BAWAH - ATAS
    if n == 0:
        return Layout(
            [],
            Box(5.3, ATAS, 7.6, tinggi) if tabel else None,
            Box(KIRI, ATAS, 4.7 if tabel else 12.5, tinggi),
        )
    if n == 1:
        return Layout([Box(KIRI, ATAS, 7.6, tinggi)], None, Box(8.2, ATAS, 4.7, tinggi))
    if tabel:  # a map on the left; the second chart above the table on the right
        return Layout(
            [Box(KIRI, ATAS, 5.9, tinggi), Box(6.5, ATAS, 6.4, 2.9)],
            Box(6.5, ATAS + 3.0, 6.4, tinggi - 3.0),
            None,
        )
    # two charts side by side, three 18-pt points (up to seven lines) under them, down to the
    # footer's top (pptx measures them and keeps them above it)
    return Layout(
        [Box(KIRI, ATAS, 6.15, 2.5), Box(6.75, ATAS, 6.15, 2.5)],
        None,
        Box(KIRI, ATAS + 2.55, 12.5, TINGGI - 0.6 - ATAS - 2.55),
    )
