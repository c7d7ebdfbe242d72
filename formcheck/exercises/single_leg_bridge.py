"""Single-leg glute bridge: one foot planted, the other leg held out straight; lift the hips into
line and hold, pelvis level. The side is the supporting (planted, working) leg. Camera side-on,
or high at the feet (~1.9 m, looking down ~45°) to judge the pelvis."""
from __future__ import annotations

from dataclasses import replace

from formcheck.engine.spec import FaultRule, rep_thresholds
from formcheck.exercises import glute_bridge as two_leg

# The drive is the supporting leg's hip extension, read as for the two-leg bridge (same views,
# posture and rep levels, with their sources in glute_bridge.py).
# The free leg's hip sagging below the supporting one, from its at-rest reading. From a high
# feet-end camera MediaPipe read ~5° on level reps and 7-9° on a true 12° drop (SYNTH_NOTES):
# 6° separates the two. Small signal: judged on the median over the top, against the person's
# own baseline.
PELVIS_DROP_DEG = 6.0
HOLD_S = 5.0  # routines: hold 5-10 s per rep; the shorter is the default

SPEC = replace(
    two_leg.SPEC,
    name="single_leg_bridge",
    title="Single-leg bridge",
    summary="One foot planted, other leg straight: lift the hips into line, keep the pelvis level, hold.",
    camera_tip="Side-on at hip height 2-3 m away; or high at your feet (~1.9 m, looking down) to check the pelvis.",
    thresholds=rep_thresholds(
        target=two_leg.TARGET_DEG, top=two_leg.TOP_DEG, top_exit=two_leg.TOP_EXIT_DEG, rest=two_leg.REST_DEG,
        rise=two_leg.RISE_DEG, attempt=two_leg.ATTEMPT_DEG,
        overextension_deg=two_leg.OVEREXTENSION_DEG, pelvis_drop_deg=PELVIS_DROP_DEG,
    ),
    hold_s=HOLD_S,
    side_mode="one_leg",
    working_leg="bent_knee",
    faults=(
        FaultRule("pelvis_drop", "other_hip_drop_deg", "pelvis_drop_deg",
                  "pelvis dropped {value:.0f}° on the free-leg side: keep the hips level",
                  from_rest=True, views=("feet_end", "front")),
        two_leg.OVEREXTENSION,
    ),
)
