"""Render the labelled sample clips: `python -m tools.synth.make_samples --out samples`.

Each clip of catalogue.py is a timeline of reps and rests posed on the CC0 body and rendered,
written as <clip>.mp4 with its per-frame truth (<clip>.truth.npz) and an entry in manifest.json.
Deterministic: the same seed gives the same clips.
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from formcheck.exercises import get_spec  # formcheck's own measure and top level time the holds
from formcheck.score import drive_on_truth, truth_track
from tools.synth import moves, truth
from tools.synth.body import Body, Shape, load_body
from tools.synth.catalogue import Clip, clips
from tools.synth.kinematics import PoseSpec, bone_transforms
from tools.synth.landmarks import LandmarkModel
from tools.synth.render import Camera, Renderer, wall
from tools.synth.timeline import Frame, sample

SEED = 7
# A landmark counts as hidden when the rendered surface at its pixel is this much nearer the
# camera than the point: more than the flesh over a joint on the near side (~10 cm), less than
# the body's depth to the far side.
OCCLUSION_M = 0.15
LEFT_ANKLE, RIGHT_ANKLE = 27, 28
FRONT, LATERAL = np.array([0.0, -1.0, 0.0]), np.array([1.0, 0.0, 0.0])  # in the body's rest frame


@dataclass
class Scene:
    """What one clip needs to pose its body: the body, its landmarks and its exercise's geometry
    (tables made on this body)."""

    clip: Clip
    body: Body
    marks: LandmarkModel
    geometry: moves.Standing | moves.BridgeGeometry | moves.ClamGeometry

    def pose(self, frame: Frame) -> PoseSpec:
        c = self.clip
        if c.exercise == "knee_drive":
            return moves.knee_drive(self.geometry, frame, c.side)
        if c.exercise == "glute_bridge":
            return moves.bridge(frame, self.geometry)
        if c.exercise == "single_leg_bridge":
            return moves.bridge(frame, self.geometry, supporting=c.side)
        return moves.clamshell(frame, self.geometry)


def geometry(clip: Clip, body: Body) -> moves.Standing | moves.BridgeGeometry | moves.ClamGeometry:
    if clip.exercise == "knee_drive":
        return moves.Standing(body)
    if clip.exercise == "clamshell":
        return moves.ClamGeometry(body, clip.side)
    return moves.BridgeGeometry(body)


def posed(scene: Scene, frame: Frame) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(vertices, joint centres [33, 3], markers [33, 3], the pelvis's rotation) in the body's own
    placement; the pelvis's -Y is its front, its X the left-right axis."""
    transforms = bone_transforms(scene.body, scene.pose(frame))
    joints, markers = scene.marks.world(transforms)
    return scene.body.skin(transforms), joints, markers, transforms[scene.body.bone("root")][:3, :3]


def render_clip(scene: Scene, out: Path, seed: int) -> dict:
    clip = scene.clip
    rng = np.random.default_rng(seed)
    frames = sample(clip.timeline, clip.fps)
    rest_vertices, rest_joints, _, _ = posed(scene, frames[0])
    floor = np.array([0.0, 0.0, -rest_vertices[:, 2].min()])
    rest_ankles = {"left": rest_joints[LEFT_ANKLE], "right": rest_joints[RIGHT_ANKLE]}
    centre = (rest_vertices.min(0) + rest_vertices.max(0)) / 2 + floor
    camera = Camera(centre + clip.view.offset, centre + clip.view.aim, clip.view.fov_deg, *clip.view.size)
    renderer = Renderer(scene.body, camera, clip.look)
    backdrop = wall(clip.look, clip.view.size, rng)
    width, height = clip.view.size
    writer = cv2.VideoWriter(str(out / f"{clip.name}.mp4"), cv2.VideoWriter_fourcc(*"mp4v"), clip.fps, (width, height))
    drive_sides = truth.drive_sides(clip.exercise, [f.rep.side if f.rep else None for f in frames], clip.side)
    arrays: dict[str, list] = {k: [] for k in ("xy", "world", "joint_xy", "joint_world", "visibility")}
    labels: dict[str, list] = {k: [] for k in ("driving_true_deg", "pelvis_drop_deg", "pelvis_roll_deg")}
    for frame, drive_side in zip(frames, drive_sides):
        vertices, joints, markers, pelvis = posed(scene, frame)
        shift = floor
        if clip.exercise == "knee_drive":
            # standing: on the floor, the standing foot where it was at rest
            stance = moves.OTHER[frame.rep.side] if frame.rep else "right"
            ankle = joints[LEFT_ANKLE if stance == "left" else RIGHT_ANKLE]
            shift = np.array([*(rest_ankles[stance] - ankle)[:2], -vertices[:, 2].min()])
        vertices, joints, markers = vertices + shift, joints + shift, markers + shift
        image, depth = renderer.render(vertices, backdrop)
        for prefix, points in (("", markers), ("joint_", joints)):
            xy = camera.project(points)
            world = camera.to_camera(points)
            world -= (world[23] + world[24]) / 2  # MediaPipe's world landmarks are hip-centred
            if prefix == "":
                arrays["visibility"].append(_visible(xy, camera.to_camera(points)[:, 2], depth))
            if clip.mirrored:
                xy[:, 0] = width - xy[:, 0]
                world[:, 0] = -world[:, 0]
            arrays[prefix + "xy"].append(xy)
            arrays[prefix + "world"].append(world)
        labels["driving_true_deg"].append(truth.driving_angle(clip.exercise, joints, drive_side, pelvis @ FRONT,
                                                              lateral=pelvis @ LATERAL))
        # + = the unsupported side's hip lower: the lifted leg's, the free leg's; the left for the
        # two-leg bridge
        drop_side = {"knee_drive": drive_side, "single_leg_bridge": moves.OTHER.get(clip.side)}.get(clip.exercise) or "left"
        labels["pelvis_drop_deg"].append(truth.pelvis_drop(clip.exercise, joints, drop_side))
        roll = truth.pelvis_roll(joints, clip.side, np.array([1.0, 0, 0])) if clip.exercise == "clamshell" else 0.0
        labels["pelvis_roll_deg"].append(roll)
        if clip.mirrored:
            image = image[:, ::-1]
        writer.write(cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2BGR))
    writer.release()
    renderer.close()
    label_arrays = {k: np.array(v) for k, v in labels.items()}
    label_arrays["pelvis_roll_deg"] -= label_arrays["pelvis_roll_deg"][0]  # from its start
    meta = {"fps": clip.fps, "width": width, "height": height, "exercise": clip.exercise, "view": clip.view.name,
            "camera": camera.meta(), "mirrored": clip.mirrored, "seed": seed}
    truth.write_truth(out / f"{clip.name}.truth.npz", frames, {k: np.array(v) for k, v in arrays.items()},
                      label_arrays, meta)
    return manifest_entry(clip, out / f"{clip.name}.truth.npz")


def manifest_entry(clip: Clip, truth_path: Path) -> dict:
    """The clip's manifest entry. Holds are timed on formcheck's own driving measure taken from the
    truth file's exact MediaPipe-style markers (what a perfect pose model would give): the score
    then measures the pose model's error, as the angle error does, while how markers differ
    from joint centres is formcheck's calibration (formcheck/engine/calibration.py)."""
    spec = get_spec(clip.exercise).with_options(thresholds=clip.options.get("thresholds"))
    t_ms, drive = drive_on_truth(truth_track(truth_path), clip.exercise, clip.options)
    return truth.manifest_entry(clip.name, clip.exercise, clip.view.name, clip.timeline, clip.options,
                                clip.description, clip.fps, t_ms / 1000.0, drive, spec.thresholds["top_deg"])


def relabel(clip: Clip, out: Path) -> dict:
    """The clip's manifest entry from its truth file: labels change without rendering again."""
    return manifest_entry(clip, out / f"{clip.name}.truth.npz")


def _visible(xy: np.ndarray, z: np.ndarray, depth: np.ndarray) -> np.ndarray:
    height, width = depth.shape
    inside = (xy[:, 0] >= 0) & (xy[:, 0] < width) & (xy[:, 1] >= 0) & (xy[:, 1] < height) & (z > 0)
    visible = np.zeros(len(xy), np.float32)
    for i in np.flatnonzero(inside):
        surface = depth[int(xy[i, 1]), int(xy[i, 0])]
        visible[i] = surface == 0 or surface > z[i] - OCCLUSION_M
    return visible


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("samples"))
    parser.add_argument("--only", nargs="*", help="names of clips to render (default: all)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--relabel", action="store_true",
                        help="rewrite the manifest from the truth files already in --out, rendering nothing")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    bodies: dict[Shape, tuple[Body, LandmarkModel]] = {}
    manifest_path = args.out / "manifest.json"
    # with --only, the other clips' entries are kept from the manifest already there
    entries = {c["file"]: c for c in json.loads(manifest_path.read_text())["clips"]} if manifest_path.exists() else {}
    started = time.perf_counter()
    catalogue = clips()
    for i, clip in enumerate(catalogue):
        if args.only and clip.name not in args.only:
            continue
        t0 = time.perf_counter()
        if args.relabel:
            entries[f"{clip.name}.mp4"] = relabel(clip, args.out)
            continue
        if clip.shape not in bodies:
            body = load_body(clip.shape)
            bodies[clip.shape] = body, LandmarkModel(body)
        body, marks = bodies[clip.shape]
        scene = Scene(clip, body, marks, geometry(clip, body))
        entries[f"{clip.name}.mp4"] = render_clip(scene, args.out, args.seed + i)
        print(f"{clip.name}: {time.perf_counter() - t0:.0f} s", flush=True)
    manifest = {"version": 1, "clips": [entries[f"{c.name}.mp4"] for c in catalogue if f"{c.name}.mp4" in entries]}
    manifest_path.write_text(json.dumps(manifest, indent=1) + "\n")
    print(f"{len(manifest['clips'])} clips in {args.out}, {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
