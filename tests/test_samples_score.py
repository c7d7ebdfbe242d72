"""The score-regression gate: every clip in samples/ through the full pipeline (MediaPipe included),
compared with its labels. Fails when a score drops below samples/thresholds.json."""
from __future__ import annotations

import json

from conftest import SAMPLES
from formcheck.score import DEFAULT_THRESHOLDS, format_table, score_folder

# What the project promises of its own clips; thresholds.json may be stricter, never looser.
# Angles: the worst clip's mean error against the same measure on the exact landmarks. 10°, not
# less: MediaPipe puts a bridging body's hip point anywhere between the joint centre and where
# SYNTH_NOTES found it (7-8° apart in the hip angle: single_leg_bridge_side_left), and a knee drive
# seen from the front reads hip flexion from MediaPipe's depth (8.5°); the side views read 2-5°.
PROMISED = {"counts_exact": 1.0, "holds_within_tolerance": 1.0, "fault_precision": 0.9, "fault_recall": 0.9,
            "angle_mae_deg": 10.0}


def test_stored_thresholds_keep_the_promise():
    stored = {**DEFAULT_THRESHOLDS, **json.loads((SAMPLES / "thresholds.json").read_text())}
    for name, promised in PROMISED.items():
        assert stored[name] <= promised if name.endswith("_deg") else stored[name] >= promised, name


def test_samples_pass_their_score_gate():
    result = score_folder(SAMPLES, model="full")
    assert result.passed, "\n" + format_table(result)
    manifest = json.loads((SAMPLES / "manifest.json").read_text())
    no_rep_clips = [c["file"] for c in manifest["clips"] if c["expected"]["reps"]["total"] == 0]
    assert len(no_rep_clips) >= 2
    for clip in result.clips:
        if clip.file in no_rep_clips:
            assert clip.reps["total"] == 0, clip.file
