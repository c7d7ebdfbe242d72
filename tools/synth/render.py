"""Camera, looks and offscreen rendering with pyrender on OSMesa (no display, no GPU).

Needs Debian's libosmesa6 and PYOPENGL_PLATFORM=osmesa (set here before pyrender is imported).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

os.environ.setdefault("PYOPENGL_PLATFORM", "osmesa")

import cv2  # noqa: E402
import numpy as np  # noqa: E402
import pyrender  # noqa: E402
import trimesh  # noqa: E402

from tools.synth.body import Body  # noqa: E402

RGB = tuple[int, int, int]
# Colours by body part (the vertex's dominant bone), like clothing: enough contrast for the
# detector. Anything not listed is skin.
PART_OF_BONE = (
    ("foot", "shoes"), ("toe", "shoes"), ("lowerleg", "legs"), ("upperleg", "legs"), ("pelvis", "legs"),
    ("root", "legs"), ("spine", "shirt"), ("clavicle", "shirt"), ("shoulder", "shirt"), ("breast", "shirt"),
    ("upperarm", "shirt"),
)


@dataclass(frozen=True)
class Look:
    shirt: RGB
    legs: RGB
    shoes: RGB = (40, 40, 45)
    skin: RGB = (224, 172, 140)
    hair: RGB = (60, 40, 30)
    floor: RGB = (150, 140, 130)
    wall: RGB = (200, 205, 210)
    wall_pattern: str = "plain"  # plain | noise | stripes | gradient
    light: float = 3.0  # intensity of the key light
    light_yaw_deg: float = 0.0  # turns both lights about the vertical


@dataclass(frozen=True)
class Camera:
    position: np.ndarray
    target: np.ndarray
    fov_deg: float = 50.0  # vertical field of view
    width: int = 640
    height: int = 480

    def pose(self) -> np.ndarray:
        """Camera-to-world 4x4 (pyrender: the camera looks along its -Z, +Y up)."""
        forward = self.target - self.position
        forward = forward / np.linalg.norm(forward)
        up_hint = np.array([0.0, 0.0, 1.0]) if abs(forward[2]) < 0.95 else np.array([0.0, 1.0, 0.0])
        right = np.cross(forward, up_hint)
        right /= np.linalg.norm(right)
        up = np.cross(right, forward)
        m = np.eye(4)
        m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = right, up, -forward, self.position
        return m

    def to_camera(self, points: np.ndarray) -> np.ndarray:
        """World points -> camera axes as MediaPipe's world landmarks use them: x right, y down, z away."""
        m = self.pose()
        local = (points - m[:3, 3]) @ m[:3, :3]  # pyrender camera axes (x right, y up, z back)
        return local * np.array([1.0, -1.0, -1.0])

    def project(self, points: np.ndarray) -> np.ndarray:
        """World points -> image pixels."""
        c = self.to_camera(points)
        f = (self.height / 2) / np.tan(np.radians(self.fov_deg) / 2)
        return np.stack([self.width / 2 + f * c[:, 0] / c[:, 2], self.height / 2 + f * c[:, 1] / c[:, 2]], axis=1)

    def meta(self) -> dict:
        return {"position": self.position.round(3).tolist(), "target": self.target.round(3).tolist(),
                "fov": self.fov_deg}


def vertex_colours(body: Body, look: Look) -> np.ndarray:
    dominant = [body.bones[i] for i in body.weights.argmax(axis=1)]
    colours = np.full((len(dominant), 4), 255, np.uint8)
    for v, bone in enumerate(dominant):
        part = next((p for prefix, p in PART_OF_BONE if bone.startswith(prefix)), "skin")
        colours[v, :3] = getattr(look, part)
    # hair: the head's vertices above the brow and behind the face
    z, y = body.vertices[:, 2], body.vertices[:, 1]
    brow = body.joint("eye.L")[2] + 0.02
    scalp = (z > brow + 0.03) | ((z > brow - 0.09) & (y > body.joint("eye.L")[1] + 0.06))
    colours[scalp & np.array([b == "head" for b in dominant]), :3] = look.hair
    return colours


def wall(look: Look, size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """The backdrop behind the body (RGB), composited where nothing was drawn."""
    w, h = size
    base = np.array(look.wall, float)
    if look.wall_pattern == "noise":  # soft blotches of the same hue, like a painted wall
        tex = cv2.resize(rng.random((h // 24, w // 24)), size, interpolation=cv2.INTER_CUBIC)[..., None]
        image = base * (0.85 + 0.3 * tex)
    elif look.wall_pattern == "stripes":  # wallpaper or wood panelling
        period = int(rng.integers(30, 70))
        image = base * (0.9 + 0.12 * (((np.arange(w) // period) % 2)[None, :, None]))
        image = np.broadcast_to(image, (h, w, 3))
    elif look.wall_pattern == "gradient":  # light falling off across the room
        image = base * np.linspace(1.1, 0.75, w)[None, :, None] * np.ones((h, 1, 1))
    else:
        image = np.broadcast_to(base, (h, w, 3))
    return np.clip(image, 0, 255).astype(np.uint8)


class Renderer:
    def __init__(self, body: Body, camera: Camera, look: Look):
        self.body, self.camera = body, camera
        self.colours = vertex_colours(body, look)
        self.renderer = pyrender.OffscreenRenderer(camera.width, camera.height)
        self.scene = pyrender.Scene(bg_color=[0, 0, 0, 0], ambient_light=[0.35] * 3)
        floor = trimesh.creation.box(extents=[14, 14, 0.02])
        floor.visual.vertex_colors = [*look.floor, 255]
        self.scene.add(pyrender.Mesh.from_trimesh(floor, smooth=False), pose=_translation([0, 0, -0.01]))
        cam = pyrender.PerspectiveCamera(yfov=np.radians(camera.fov_deg), aspectRatio=camera.width / camera.height)
        self.scene.add(cam, pose=camera.pose())
        yaw = np.radians(look.light_yaw_deg)
        turn = np.array([[np.cos(yaw), -np.sin(yaw), 0], [np.sin(yaw), np.cos(yaw), 0], [0, 0, 1]])
        for direction, share in (([-0.5, -1.0, -1.0], 1.0), ([1.0, 0.3, -0.6], 0.6)):
            light = pyrender.DirectionalLight(intensity=look.light * share)
            self.scene.add(light, pose=_shining_along(turn @ np.array(direction)))
        self.node: pyrender.Node | None = None

    def render(self, vertices: np.ndarray, backdrop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(RGB uint8 image, depth in metres with 0 where nothing was drawn) of the body at
        these vertex positions, on the floor, before `backdrop`."""
        mesh = trimesh.Trimesh(vertices, self.body.faces, vertex_colors=self.colours, process=False)
        if self.node is not None:
            self.scene.remove_node(self.node)
        self.node = self.scene.add(pyrender.Mesh.from_trimesh(mesh, smooth=True))
        colour, depth = self.renderer.render(self.scene)
        colour = colour.copy()
        empty = depth == 0
        colour[empty] = backdrop[empty]
        return colour, depth

    def close(self) -> None:
        self.renderer.delete()


def _translation(t: list[float]) -> np.ndarray:
    m = np.eye(4)
    m[:3, 3] = t
    return m


def _shining_along(direction: np.ndarray) -> np.ndarray:
    """Pose of a directional light shining along `direction`."""
    return Camera(position=-direction, target=np.zeros(3)).pose()
