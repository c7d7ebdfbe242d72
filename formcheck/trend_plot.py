"""`formcheck progress --plot`: the weekly trends as a PNG, one panel per trend. matplotlib is
imported only here, on the Agg canvas (no pyplot, no window)."""
from __future__ import annotations

from pathlib import Path

from formcheck.trends import Trend

LINE_COLOR = "#1f4e8c"
PANEL_HEIGHT_IN, WIDTH_IN, DPI = 2.2, 8.0, 100


def write_trend_plot(trend: Trend, path: str | Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    columns = trend.columns()
    figure = Figure(figsize=(WIDTH_IN, PANEL_HEIGHT_IN * len(columns)), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(columns), 1, sharex=True, squeeze=False)[:, 0]
    figure.suptitle(f"{trend.exercise}: week by week")
    weeks = [week.start for week in trend.weeks]
    for ax, (attribute, label) in zip(axes, columns):
        points = [(w, getattr(week, attribute)) for w, week in zip(weeks, trend.weeks)
                  if getattr(week, attribute) is not None]
        scale = 100.0 if attribute == "valid_ratio" else 1.0  # the ratio reads as a percentage
        ax.plot([w for w, _ in points], [v * scale for _, v in points], marker="o", color=LINE_COLOR)
        ax.set_ylabel(label + (" %" if attribute == "valid_ratio" else ""), fontsize=8.5)
        ax.grid(alpha=0.3)
    axes[-1].set_xticks(weeks)  # one tick a week: the table's rows
    axes[-1].set_xlabel("week of")
    figure.autofmt_xdate()
    figure.savefig(str(path), format="png")
