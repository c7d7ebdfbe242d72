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

# Clamshell from above-front: 2D knee opening reads ~15° above the true 3D opening (so the
# engine uses world 3D); a 20° pelvis roll barely shows in 2D and the 3D landmarks are ~9° off.
CLAMSHELL_2D_OPENING_EXCESS_DEG = 15.0
CLAMSHELL_3D_ROLL_ERROR_DEG = 9.0

# Standing still with weight shifts: hip flexion stayed under ~15°.
STANDING_STILL_FLEXION_MAX_DEG = 15.0
