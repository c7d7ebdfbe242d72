"""The HTML report: one self-contained file (styles inline, plots and pictures as data: URIs)
that opens in any browser, offline, and can be mailed to a physio as it is.

Every text that comes from the user or the clip (file names, paths, options, messages) is
HTML-escaped.
"""
from __future__ import annotations

import base64
from html import escape
from pathlib import Path

import cv2
import numpy as np

from formcheck.engine.spec import ExerciseSpec
from formcheck.peaks import PeakFrames
from formcheck.plots import Band, drive_plot, lines_plot
from formcheck.report import SIDES, ExerciseReport, Rep
from formcheck.timeline import Timeline

# Measures about the pelvis's levelness, plotted on their own where an exercise takes them.
PELVIS_WORDS = ("pelvis", "hip_drop")

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2430;background:#f4f5f7;margin:0}
main{max-width:1120px;margin:0 auto;padding:24px}
h1{margin:0 0 4px;font-size:26px} h2{font-size:19px;margin:28px 0 10px}
.src{color:#5b6472;margin:0 0 18px;word-break:break-all}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:14px}
.card{background:#fff;border-radius:10px;padding:14px 16px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
.card h3{margin:0 0 6px;font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:#5b6472}
.big{font-size:28px;font-weight:700} .muted{color:#5b6472}
.good{color:#23833f} .bad{color:#c0392b}
img.plot{width:100%;background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
table{border-collapse:collapse;width:100%;background:#fff;border-radius:10px;overflow:hidden;
box-shadow:0 1px 3px rgba(0,0,0,.08)}
th,td{text-align:left;padding:7px 10px;border-bottom:1px solid #e6e8ec;vertical-align:top}
th{background:#eef0f3;font-size:13px} td.num{text-align:right;font-variant-numeric:tabular-nums}
.stills{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:14px}
figure{margin:0;background:#fff;border-radius:10px;padding:10px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
figure img{display:block;width:100%;border-radius:6px}
figcaption{margin-top:6px} ul{margin:4px 0;padding-left:20px} footer{margin-top:30px;color:#5b6472;font-size:13px}
"""


def data_uri(mime: str, payload: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


def jpeg_uri(rgb: np.ndarray) -> str:
    ok, encoded = cv2.imencode(".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 85])
    return data_uri("image/jpeg", encoded.tobytes())


def measure_title(name: str) -> str:
    """`hip_extension_deg` -> `hip extension`."""
    return name.removesuffix("_deg").replace("_", " ")


def measure_label(name: str) -> str:
    """`hip_extension_deg` -> `hip extension (°)`, for axes and columns."""
    return measure_title(name) + (" (°)" if name.endswith("_deg") else "")


def best_and_worst(reps: list[Rep], drive: str) -> tuple[Rep, Rep] | None:
    """Best: valid, fewest faults, highest drive at the peak; worst: the other way round."""
    if not reps:
        return None
    ranked = sorted(reps, key=lambda r: (r.valid, -len(r.faults), r.measures.get(drive, -np.inf)))
    return ranked[-1], ranked[0]


def _summary(report: ExerciseReport, spec: ExerciseSpec) -> str:
    s, cov = report.summary(), report.coverage
    reps, valid = s["reps"], s["valid_reps"]
    sides = "".join(f"<li>{side}: <b>{valid[side]} / {reps[side]}</b> valid / attempted</li>"
                    for side in SIDES if reps[side])
    holds_ok = sum(h.valid for h in report.holds)
    target = f" (target {spec.hold_s:g} s)" if spec.hold_s > 0 else ""
    faults = "".join(f"<li><b>{escape(code.replace('_', ' '))}</b> &times;{n}: "
                     f"<span class=muted>{escape(_example(report.reps, code))}</span></li>"
                     for code, n in s["faults"].items()) or "<li>none</li>"
    return f"""<section class=cards>
<div class=card><h3>Reps</h3><div class=big>{valid['total']} valid of {reps['total']}</div><ul>{sides}</ul></div>
<div class=card><h3>Holds</h3><div class=big>{len(report.holds)}</div>
<div class=muted>{holds_ok} long enough{target}; {s['hold_s_total']:.1f} s held in all</div></div>
<div class=card><h3>Faults (reps with each)</h3><ul>{faults}</ul></div>
<div class=card><h3>Seen</h3><div class=big>{cov.usable_fraction:.0%}</div>
<div class=muted>pose found in {cov.frames_with_pose} of {cov.frames} frames;
{_stretches(len(cov.unusable))}</div></div>
</section>"""


def _stretches(n: int) -> str:
    return "nothing left out" if n == 0 else f"{n} stretch{'es' if n > 1 else ''} not analysed (below)"


def _example(reps: list[Rep], code: str) -> str:
    return next(f.message for r in reps for f in r.faults if f.code == code)


def _rep_table(reps: list[Rep], drive: str) -> str:
    if not reps:
        return "<p class=muted>No reps were found.</p>"
    rows = "".join(
        f"<tr><td class=num>{r.n}</td><td>{escape(r.side)}</td><td class=num>{r.start_s:.1f}&ndash;{r.end_s:.1f}</td>"
        f"<td class=num>{r.measures.get(drive, float('nan')):.0f}°</td><td class=num>{r.hold_s:.1f}</td>"
        f"<td class={'good' if r.valid else 'bad'}>{'valid' if r.valid else 'not counted'}</td>"
        f"<td>{'<br>'.join(escape(f.message) for f in r.faults)}</td></tr>"
        for r in reps)
    return (f"<table><tr><th>#</th><th>side</th><th>time (s)</th><th>{escape(measure_label(drive))} at peak</th>"
            f"<th>hold (s)</th><th>verdict</th><th>faults</th></tr>{rows}</table>")


def _stills(reps: list[Rep], drive: str, peaks: PeakFrames | None) -> str:
    if peaks is None:
        return "<p class=muted>No pictures: this analysis ran on cached landmarks, without the video.</p>"
    pair = best_and_worst(reps, drive)
    if pair is None:
        return "<p class=muted>No reps to show.</p>"
    chosen = [("The only rep", pair[0])] if pair[0] is pair[1] else [("Best rep", pair[0]), ("Worst rep", pair[1])]
    figures = []
    for title, rep in chosen:
        picture = peaks.picture(rep)
        if picture is None:
            continue
        verdict = "valid" if rep.valid else "not counted: " + "; ".join(f.message for f in rep.faults)
        figures.append(f"<figure><img src='{jpeg_uri(picture)}' alt='{title} at its peak'>"
                       f"<figcaption><b>{title}: #{rep.n}</b> ({escape(rep.side)}, peak at {rep.peak_s:.1f} s, "
                       f"{rep.measures.get(drive, float('nan')):.0f}°) &ndash; {escape(verdict)}</figcaption></figure>")
    return f"<div class=stills>{''.join(figures)}</div>" if figures else "<p class=muted>No pictures were kept.</p>"


def _unusable(report: ExerciseReport) -> str:
    spans = report.coverage.unusable
    if not spans:
        return "<p class=muted>Every part of the clip could be analysed.</p>"
    rows = "".join(f"<tr><td class=num>{s.start_s:.1f}&ndash;{s.end_s:.1f}</td><td>{escape(s.reason)}</td></tr>"
                   for s in spans)
    return f"<table><tr><th>time (s)</th><th>why</th></tr>{rows}</table>"


def _pelvis_note(spec: ExerciseSpec, measures: list[str]) -> str:
    """Which camera views the pelvis faults are judged from: elsewhere these numbers are not used."""
    rules = [rule for rule in spec.faults if rule.measure in measures]
    if not rules or any(rule.views is None for rule in rules):
        return ""
    views = " or ".join(dict.fromkeys(view.replace("_", "-") for rule in rules for view in rule.views))
    return f"<p class=muted>Judged only from the {escape(views)} view; from other views these are shown, not used.</p>"


def _plot(title: str, png: bytes, note: str = "") -> str:
    return (f"<h2>{escape(title)}</h2>{note}"
            f"<img class=plot src='{data_uri('image/png', png)}' alt='{escape(title)} over time'>")


def render_html(report: ExerciseReport, spec: ExerciseSpec, timeline: Timeline, peaks: PeakFrames | None) -> str:
    drive = spec.rep.drive
    src = report.source
    times, unusable = timeline.times(), report.coverage.unusable
    band = Band(spec.thresholds[spec.rep.top], spec.thresholds[spec.rep.target])
    parts = [_summary(report, spec)]
    parts.append(_plot(
        f"{measure_title(drive).capitalize()} over time",
        drive_plot(times, timeline.series("drive"), band, report.reps, unusable, measure_label(drive)),
        "<p class=muted>Reps shaded green (valid) or red (not counted), numbered and labelled with their faults; "
        "the green band is where the top of a rep counts; hatched: not analysed.</p>"))
    pelvis = [name for name in timeline.measure_names() if any(word in name for word in PELVIS_WORDS)]
    if pelvis:
        series = {measure_label(name): timeline.series(name) for name in pelvis}
        parts.append(_plot("Pelvis", lines_plot(times, series, report.reps, unusable, "degrees"),
                           _pelvis_note(spec, pelvis)))
    parts += ["<h2>Reps</h2>", _rep_table(report.reps, drive), "<h2>Best and worst rep, at the peak</h2>",
              _stills(report.reps, drive, peaks), "<h2>Not analysed</h2>", _unusable(report)]
    options = ", ".join(f"{k}={v}" for k, v in report.options.items()) or "defaults"
    name = Path(src.path).name
    return f"""<!doctype html>
<html lang=en><head><meta charset=utf-8><meta name=viewport content="width=device-width,initial-scale=1">
<title>{escape(spec.title)}: {escape(name)} &ndash; formcheck</title><style>{STYLE}</style></head>
<body><main>
<h1>{escape(spec.title)}</h1>
<p class=src>{escape(name)} &middot; {src.duration_s:.1f} s &middot; {src.width}&times;{src.height} &middot;
{src.fps:.0f} fps &middot; model {escape(report.model)}</p>
{''.join(parts)}
<footer>formcheck {escape(report.formcheck_version)} &middot; {escape(src.path)} &middot; options: {escape(options)}</footer>
</main></body></html>
"""


def write_html_report(path: str | Path, report: ExerciseReport, spec: ExerciseSpec, timeline: Timeline,
                      peaks: PeakFrames | None) -> None:
    """Takes about a second whatever the clip's length (two plots, two pictures): no progress bar."""
    Path(path).write_text(render_html(report, spec, timeline, peaks), encoding="utf-8")
