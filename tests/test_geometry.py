"""Pure geometry: angles, signed angles that do not fold back, tilts, vectorised use."""
from __future__ import annotations

import numpy as np
import pytest

from formcheck import geometry as g


def test_three_point_angle():
    assert g.angle_3pt([1, 0], [0, 0], [0, 1]) == pytest.approx(90.0)
    assert g.angle_3pt([1, 0, 0], [0, 0, 0], [-1, 0, 0]) == pytest.approx(180.0)
    assert g.angle_3pt([2, 2], [1, 1], [3, 3]) == pytest.approx(0.0, abs=1e-5)


def test_signed_angle_in_plane_does_not_fold_back_past_180():
    down, forward = np.array([0.0, 1.0]), np.array([1.0, 0.0])  # image axes: y down
    for true in (-30.0, 0.0, 45.0, 90.0, 135.0, 170.0):
        rad = np.radians(true)
        v = np.cos(rad) * down + np.sin(rad) * forward
        assert g.angle_in_plane(v, down, forward) == pytest.approx(true)
    past = np.cos(np.radians(200)) * down + np.sin(np.radians(200)) * forward
    assert g.angle_in_plane(past, down, forward) == pytest.approx(-160.0)  # no fold back to 160


def test_angle_in_plane_ignores_out_of_plane_motion_and_non_perpendicular_hint():
    v = np.array([1.0, 1.0, 5.0])  # 45° in the x-y plane, plus a large z part
    assert g.angle_in_plane(v, [1, 0, 0], [1, 1, 0]) == pytest.approx(45.0)


def test_vectorised_over_frames():
    a = np.array([[1.0, 0.0], [0.0, 1.0], [-1.0, 0.0]])
    angles = g.angle_3pt(a, np.zeros((3, 2)), np.tile([1.0, 0.0], (3, 1)))
    assert angles == pytest.approx([0.0, 90.0, 180.0])


def test_signed_angle_2d_is_clockwise_on_screen():
    assert g.signed_angle_2d([1, 0], [0, 1]) == pytest.approx(90.0)  # towards y down
    assert g.signed_angle_2d([1, 0], [0, -1]) == pytest.approx(-90.0)


def test_inclinations_and_tilt():
    assert g.inclination_from_vertical([0, 10], [0, 0]) == pytest.approx(0.0)
    assert g.inclination_from_vertical([0, 0], [10, 0]) == pytest.approx(90.0)
    assert g.inclination_from_horizontal([0, 0], [-10, 10]) == pytest.approx(45.0)
    assert g.line_tilt([0, 0], [100, 100 * np.tan(np.radians(8))]) == pytest.approx(8.0)
    assert g.line_tilt([100, 0], [0, 100 * np.tan(np.radians(8))]) == pytest.approx(8.0)  # either order of x
    assert g.line_tilt([0, 5], [10, 0]) < 0


def test_angle_between_3d_and_lengths():
    assert g.angle_between([1, 0, 0], [0, 0, 2]) == pytest.approx(90.0)
    assert g.torso_length([0, 0, 0.5], [0, 0, 0]) == pytest.approx(0.5)
    assert g.midpoint([0, 0], [2, 4]) == pytest.approx([1, 2])
    assert g.unit(np.zeros(3)) == pytest.approx(np.zeros(3))
