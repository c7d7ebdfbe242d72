"""The report's plots as PNG bytes. matplotlib is imported here only, when a report is asked for,
and drawn with the Agg canvas directly (no pyplot, no global backend, no window)."""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from formcheck.report import Rep, Span

VALID_COLOR, INVALID_COLOR, LINE_COLOR, UNUSABLE_COLOR = "#2e9e4f", "#d23c32", "#1f4e8c", "#8a8a8a"
WIDTH_IN, HEIGHT_IN, DPI = 11.0, 3.6, 100


@dataclass(frozen=True)
class Band:
    """The levels a valid rep must reach: from `low` (counts) to `target` (the goal)."""

    low: float
    target: float


def _figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure, figure.add_subplot()


def _finish(figure, ax, times: np.ndarray, ylabel: str) -> bytes:
    """Axes, grid and legend (above the plot, where it hides no data); the figure as PNG."""
    ax.set_xlim(0, float(times[-1]) if len(times) else 1.0)
    ax.set_xlabel("time (s)")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=4, fontsize=8.5, frameon=False)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _shade(ax, reps: Sequence[Rep], unusable: Sequence[Span], label_reps: bool) -> None:
    """Reps green (valid) or red, each labelled with its number and faults; unusable spans hatched."""
    for rep in reps:
        color = VALID_COLOR if rep.valid else INVALID_COLOR
        ax.axvspan(rep.start_s, rep.end_s, color=color, alpha=0.14, lw=0)
        if label_reps:
            lines = [str(rep.n), *dict.fromkeys(f.code.replace("_", " ") for f in rep.faults)]
            ax.text((rep.start_s + rep.end_s) / 2, 0.97, "\n".join(lines), transform=ax.get_xaxis_transform(),
                    ha="center", va="top", fontsize=8.5, color=color, linespacing=1.15)
    for n, span in enumerate(unusable):
        ax.axvspan(span.start_s, span.end_s, facecolor="none", edgecolor=UNUSABLE_COLOR, hatch="///", lw=0,
                   label="not analysed" if n == 0 else None)


def drive_plot(times: np.ndarray, drive: np.ndarray, band: Band, reps: Sequence[Rep], unusable: Sequence[Span],
               ylabel: str) -> bytes:
    figure, ax = _figure()
    ax.axhspan(min(band.low, band.target), max(band.low, band.target), color=VALID_COLOR, alpha=0.18, lw=0,
               label="counts as reaching the target")
    ax.axhline(band.target, color=VALID_COLOR, ls="--", lw=1, label=f"target {band.target:g}°")
    _shade(ax, reps, unusable, label_reps=True)
    ax.plot(times, drive, color=LINE_COLOR, lw=1.4)
    finite = drive[np.isfinite(drive)]
    levels = [band.low, band.target, *((float(finite.min()), float(finite.max())) if finite.size else ())]
    low, high = min(levels), max(levels)
    ax.set_ylim(low - 5, high + 0.35 * (high - low) + 5)  # head room for the rep labels
    return _finish(figure, ax, times, ylabel)


def lines_plot(times: np.ndarray, series: dict[str, np.ndarray], reps: Sequence[Rep], unusable: Sequence[Span],
               ylabel: str) -> bytes:
    """Several measures over time on one axis (the pelvis plot), reps shaded."""
    figure, ax = _figure()
    _shade(ax, reps, unusable, label_reps=False)
    ax.axhline(0.0, color="black", lw=0.8, alpha=0.5)
    for name, values in series.items():
        ax.plot(times, values, lw=1.3, label=name)
    return _finish(figure, ax, times, ylabel)
