"""`formcheck live`: coaching from a camera (or a video played as one), rep by rep, as it happens.

capture (newest frame only) -> pose -> smoothing -> Session (the analyser plus sets, rests,
positioning) -> overlay + HUD -> window / recording; events -> session log, cues, console.
"""
