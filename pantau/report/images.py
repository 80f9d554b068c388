"""Static chart images for the PowerPoint and the PDF: every figure of a deck rendered to PNG by
kaleido in one Chromium session, offline (plotly.js from the plotly package, no MathJax)."""

from __future__ import annotations

import asyncio
import os
import queue
import shutil
import threading
from collections.abc import Callable

import plotly.graph_objects as go

from pantau.errors import PantauError

TABS = 2  # two render tabs: the machine has two cores
TIMEOUT_S = 60


def chromium() -> str:
    """The Chromium kaleido drives: $PANTAU_CHROMIUM, else Debian's chromium on the PATH."""
    path = os.environ.get("PANTAU_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not os.path.exists(path):
        raise PantauError(
            "Chromium tidak ditemukan untuk membuat gambar grafik; pasang paket Debian "
            "'chromium' atau isi PANTAU_CHROMIUM dengan lokasinya."
        )
    return path


def siap_ekspor(fig: go.Figure, width: int, height: int, huruf: int | None = None) -> go.Figure:
    """A copy of `fig` at a fixed size, in the default plotly template, as reports need it;
    `huruf`: every text at least that many pixels (figures.huruf_min)."""
    from pantau.report.figures import huruf_min, judul_pas, sumbu_pas

    out = huruf_min(fig, huruf) if huruf else go.Figure(fig)
    out.update_layout(template="plotly", width=width, height=height)
    return sumbu_pas(judul_pas(out, width), height)


class Renderer:
    """One Chromium session on its own event-loop thread. Opening takes seconds, so a caller can
    open it first and build the deck meanwhile: `with Renderer() as r: ...; r.render(figs)`."""

    def __init__(self):
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._kaleido = asyncio.run_coroutine_threadsafe(self._open(), self._loop)

    async def _open(self):
        import kaleido

        k = kaleido.Kaleido(n=TABS, timeout=TIMEOUT_S, path=chromium(), mathjax=False)
        await k.open()
        return k

    def render(
        self,
        figs: list[go.Figure],
        scale: float = 2.0,
        progress: Callable[[int, int], None] | None = None,
    ) -> list[bytes]:
        """PNG bytes of each figure (sized by its layout's width and height), in order."""
        try:
            k = self._kaleido.result()
            # Progress is reported on the caller's thread: a Streamlit progress bar can only
            # be updated from the script's own thread, not from the render loop's.
            events: queue.Queue = queue.Queue()
            job = asyncio.run_coroutine_threadsafe(
                _render_all(k, figs, scale, lambda d, t: events.put((d, t))), self._loop
            )
            while not job.done():
                try:
                    done, total = events.get(timeout=0.2)
                except queue.Empty:
                    continue
                if progress:
                    progress(done, total)
            while progress and not events.empty():
                progress(*events.get())
            return job.result()
        except PantauError:
            raise
        except Exception as err:
            raise PantauError(
                f"Gambar grafik tidak dapat dibuat ({type(err).__name__}: {str(err)[:160]})."
            ) from err

    def close(self) -> None:
        try:
            # Wait for a browser still opening (the deck may have failed first), so no
            # Chromium is left behind.
            if not self._kaleido.exception(timeout=TIMEOUT_S):
                asyncio.run_coroutine_threadsafe(self._kaleido.result().close(), self._loop).result(
                    timeout=TIMEOUT_S
                )
        except Exception:  # closing is best effort; the caller's own error matters more
            pass
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def render(
    figs: list[go.Figure], scale: float = 2.0, progress: Callable[[int, int], None] | None = None
) -> list[bytes]:
    """PNG bytes of each figure, in a Chromium session opened for them alone."""
    if not figs:
        return []
    with Renderer() as r:
        return r.render(figs, scale, progress)


async def _render_all(k, figs, scale, progress) -> list[bytes]:
    done = 0

    async def one(fig):
        nonlocal done
        png = await k.calc_fig(
            fig,
            opts={
                "format": "png",
                "width": fig.layout.width,
                "height": fig.layout.height,
                "scale": scale,
            },
        )
        done += 1
        if progress:
            progress(done, len(figs))
        return png

    return list(await asyncio.gather(*(one(f) for f in figs)))


def deck_images(
    deck, progress: Callable[[float, str], None] | None = None, renderer: Renderer | None = None
) -> dict[str, bytes]:
    """PNG of every chart of `deck`, keyed by chart key, sized to its box on the slide; kept on
    the deck so the PowerPoint and the PDF share one rendering. `renderer`: an open session."""
    from pantau.report.layout import REPORT_BOX, layout

    cached = getattr(deck, "_gambar", None)
    if cached is not None:
        return cached
    keys, figs = [], []
    for slide in deck.slides:
        boxes = iter(layout(slide).grafik)
        for grafik in slide.grafik:
            kotak = next(boxes) if grafik.di_slide else REPORT_BOX
            keys.append(grafik.key)
            figs.append(siap_ekspor(grafik.fig, *kotak.px, grafik.huruf))

    def step(done: int, total: int) -> None:
        if progress:
            progress(done / total, f"Menggambar grafik {done} dari {total}")

    png = renderer.render(figs, progress=step) if renderer else render(figs, progress=step)
    deck._gambar = dict(zip(keys, png, strict=True))
    return deck._gambar
