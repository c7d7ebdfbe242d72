"""The rep and hold state machines on synthetic drive traces, in media seconds."""
from __future__ import annotations

import numpy as np
import pytest

from formcheck.engine.holds import HoldTimer
from formcheck.engine.reps import Levels, RepMachine

LEVELS = Levels(rest=20.0, rise=25.0, attempt=45.0, top=80.0, top_exit=5.0)


def run(trace, fps=30.0, levels=LEVELS):
    machine = RepMachine(levels)
    reps = []
    for i, drive in enumerate(trace):
        rep = machine.update(i / fps, None if drive is None else float(drive), {})
        if rep:
            reps.append(rep)
    last = machine.finish((len(trace) - 1) / fps)
    return reps + ([last] if last else [])


def bump(peak, seconds=1.0, fps=30.0, rest=5.0):
    t = np.linspace(0, np.pi, int(seconds * fps))
    return list(rest + (peak - rest) * np.sin(t))


def still(seconds, fps=30.0, level=5.0):
    return [level] * int(seconds * fps)


def test_full_reps_short_attempts_and_wobbles():
    trace = still(1) + bump(95) + still(0.5) + bump(60) + still(0.5) + bump(35) + still(0.5) + bump(90) + still(0.5)
    reps = run(trace)
    assert [r.reached_top for r in reps] == [True, False, True]
    assert reps[1].peak == pytest.approx(60, abs=1)  # the short attempt, reported with its range


@pytest.mark.parametrize("fps", [15, 24, 30, 60])
def test_times_are_media_seconds_whatever_the_frame_rate(fps):
    trace = still(1, fps) + bump(95, 2.0, fps) + still(1, fps)
    (rep,) = run(trace, fps)
    assert rep.peak_s == pytest.approx(2.0, abs=1.5 / fps)
    assert rep.start_s == pytest.approx(1.0 + 0.05, abs=0.1)


def test_jitter_around_a_level_does_not_make_extra_reps():
    rng = np.random.default_rng(1)
    trace = still(1) + list(np.array(bump(95, 3.0)) + rng.normal(0, 3, 90)) + still(1)
    plateau = still(1) + [82 + rng.normal(0, 3) for _ in range(90)] + still(1)
    assert len(run(trace)) == 1
    assert len(run(plateau)) == 1


def test_one_frame_spike_is_not_a_rep():
    assert run(still(1) + [95] + still(1)) == []


def test_nothing_counts_before_rest_is_seen():
    assert run([90] * 30 + still(1)) == []  # the clip starts mid-rep
    assert len(run([90] * 30 + still(1) + bump(95) + still(0.5))) == 1


def test_long_gap_abandons_the_rep_short_gap_is_bridged():
    rising = still(1) + bump(95)[:15]
    falling = bump(95)[15:] + still(1)
    assert run(rising + [None] * 45 + falling) == []  # 1.5 s unseen
    assert len(run(rising + [None] * 5 + falling)) == 1


def test_clip_ending_at_the_top_counts_a_rep_that_reached_it():
    (rep,) = run(still(1) + bump(95)[:20])
    assert rep.reached_top and not rep.complete


def test_hold_timer_grace_and_frame_rate_independence():
    for fps in (15, 30, 60):
        timer = HoldTimer(grace_s=0.25)
        times = np.arange(0, 5, 1 / fps)
        holding = (times >= 1.0) & (times < 3.0)
        holding[(times >= 2.0) & (times < 2.1)] = False  # a flicker inside the grace
        for t, h in zip(times, holding):
            timer.update(float(t), bool(h))
        span = timer.finish()
        assert span.duration_s == pytest.approx(2.0, abs=0.5 / fps + 1e-9)
    timer = HoldTimer(grace_s=0.25)
    for t, h in [(0.0, True), (1.0, True), (1.1, False), (1.5, False), (1.6, True), (2.6, True)]:
        timer.update(t, h)
    assert timer.finish().duration_s == pytest.approx(1.05)  # ends halfway to the frame that broke it
