"""Fault rules judged on one frame (live coaching) and on a finished rep (the report)."""
from __future__ import annotations

import numpy as np

from formcheck.engine.spec import FaultRule
from formcheck.report import Fault

REP_PERCENTILE = 90.0  # near-extreme over the whole rep, but not one frame's spike


def applies(rule: FaultRule, view: str) -> bool:
    return rule.views is None or view in rule.views


def breaks(rule: FaultRule, value: float, thresholds: dict[str, float]) -> bool:
    limit = thresholds[rule.threshold]
    size = abs(value) if rule.two_sided else value
    return size > limit if rule.above else size < limit


def make_fault(rule: FaultRule, value: float, thresholds: dict[str, float], side: str | None,
               t_s: float | None) -> Fault:
    positive, negative = rule.directions
    message = rule.message.format(
        value=value,
        abs_value=abs(value),
        direction=positive if value >= 0 else negative,
        threshold=thresholds[rule.threshold],
        side=side or "",
    )
    return Fault(rule.code, message, None if t_s is None else round(t_s, 3))


def relative(rule: FaultRule, value: float, baseline: dict[str, float]) -> float | None:
    """The value, or for `from_rest` rules its change from rest (angles wrapped to -180..180)."""
    if not rule.from_rest:
        return value
    base = baseline.get(rule.measure)
    if base is None:
        return None
    change = value - base
    return (change + 180.0) % 360.0 - 180.0 if rule.measure.endswith("_deg") else change


def frame_faults(rules: tuple[FaultRule, ...], measures: dict[str, float], baseline: dict[str, float],
                 thresholds: dict[str, float], view: str, side: str | None, t_s: float) -> list[Fault]:
    """Faults showing on this frame."""
    found = []
    for rule in rules:
        if not applies(rule, view) or rule.measure not in measures:
            continue
        value = relative(rule, measures[rule.measure], baseline)
        if value is not None and breaks(rule, value, thresholds):
            found.append(make_fault(rule, value, thresholds, side, t_s))
    return found


def rep_statistic(rule: FaultRule, values: np.ndarray, near_peak: np.ndarray) -> float | None:
    """One number for the rule over a rep: median over the top, or a near-extreme over it all."""
    if rule.during == "top":
        values = values[near_peak]
        return float(np.median(values)) if values.size else None
    if not values.size:
        return None
    if rule.two_sided:
        order = np.argsort(np.abs(values))
        return float(values[order[int(round((order.size - 1) * REP_PERCENTILE / 100))]])
    q = REP_PERCENTILE if rule.above else 100 - REP_PERCENTILE
    return float(np.percentile(values, q))
