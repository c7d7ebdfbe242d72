"""How MediaPipe's landmarks differ from joint centres: measured numbers the measures and
exercise thresholds are designed around. Source: /work/shared/SYNTH_NOTES.md (rendered rigged
body with exact joint angles, run through MediaPipe Pose Landmarker full, VIDEO mode) unless
a line says otherwise.
"""
from __future__ import annotations

# Hip flexion (trunk-thigh) as MediaPipe reads it, against the true joint angle: about 4° low at
# 0° (its hip landmark sits above and in front of the joint) and 9-13° low at 90-95° (standing
# knee drive, side view: true 95° read 82-86°). A straight line through (read -4, true 0) and
# (read 84, true 95) maps a reading back to the user's terms: true = offset + gain * read.
HIP_FLEXION_READ_AT_0_DEG = -4.0
HIP_FLEXION_READ_AT_95_DEG = 84.0
HIP_FLEXION_GAIN = 95.0 / (HIP_FLEXION_READ_AT_95_DEG - HIP_FLEXION_READ_AT_0_DEG)
HIP_FLEXION_OFFSET_DEG = -HIP_FLEXION_GAIN * HIP_FLEXION_READ_AT_0_DEG


def true_hip_flexion(read_deg: float) -> float:
    """The joint angle behind a MediaPipe trunk-thigh reading (SYNTH_NOTES fit, about ±2°)."""
    return HIP_FLEXION_OFFSET_DEG + HIP_FLEXION_GAIN * read_deg


# Glute bridge, side view: near leg within ~2° of the joint-centre angle, far leg ~6° high.
BRIDGE_FAR_LEG_ERROR_DEG = 6.0

# Hip landmark ~7.6 % of torso above and 6.3 % in front of the hip joint; shoulder ~8 % above.
HIP_LANDMARK_UP = 0.076
HIP_LANDMARK_FORWARD = 0.063
SHOULDER_LANDMARK_UP = 0.08

# Single-leg bridge from a feet-end camera (~1.9 m, 45° down): pelvis tilt read ~5° on level
# reps and 7-9° on reps with a true 12° drop.
PELVIS_TILT_READ_WHEN_LEVEL_DEG = 5.0
PELVIS_TILT_READ_AT_12_DEG_DROP = (7.0, 9.0)

# Clamshell, measured on the rendered samples (samples/clamshell_*, MediaPipe full, frames with a
# true opening over 30° against the true opening at joint centres). Camera above and in front of
# the hips (the "front" view): image angle +4 to +5° (mean), MediaPipe's 3D world landmarks -18°,
# image directions with world depth (`measures.thigh_opening_deg`) +1 to +2°. Camera further
# round toward the feet ("oblique"): image +20° (SYNTH_NOTES found ~15°), image with depth +15°,
# 3D -9°.
# Pelvis roll: MediaPipe's whole 3D trunk turns 20-35° with a clean opening (hip line 21-31°,
# shoulder line 13-26°) and a true 20° roll adds nothing measurable (rep at 55° opening: 35° against
# 31° for a clean rep at 51°); in the image the hip line's length changes by 0.02-0.045 torso
# lengths on clean reps and 0.065 on a rolled one. Neither separates: formcheck does not judge
# the roll from video (SYNTH_NOTES found the 3D landmarks ~9° off on it).

# Standing still with weight shifts: hip flexion stayed under ~15°.
STANDING_STILL_FLEXION_MAX_DEG = 15.0
