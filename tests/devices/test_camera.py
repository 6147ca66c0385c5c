"""The camera scanner over real OpenCV capture (image folder, video file), debounce on a fake clock."""

from __future__ import annotations

import time
from pathlib import Path

import cv2
import numpy as np

from devices import open_scanner
from devices.camera_scanner import CameraScanner, Debouncer
from devices.testing.qr_corpus import corpus
from tests.devices.conftest import wait_until


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_code_is_reported_once_per_presentation() -> None:
    clock = Clock()
    d = Debouncer(absent_frames=3, absent_s=0.5, clock=clock)
    seen = []
    for frame in [["A"], ["A"], [], ["A"], [], [], [], ["A", "B"]]:  # A flickers, then leaves briefly
        clock.now += 0.1
        seen += d.update(frame)
    assert seen == ["A", "B"]
    for _ in range(3):
        clock.now += 0.3
        seen += d.update([])
    seen += d.update(["A"])
    assert seen == ["A", "B", "A"]


def write_video(path: Path, frames: list[np.ndarray]) -> None:
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 30, (1280, 720))
    for f in frames:
        out.write(cv2.cvtColor(f, cv2.COLOR_GRAY2BGR))
    out.release()


def test_a_folder_of_images_yields_each_code_once_and_keeps_up(tmp_path: Path) -> None:
    samples = list(corpus(per_kind=2, seed=21))
    for i, s in enumerate(samples):
        for j in range(3):  # each code held in front of the camera for three frames
            cv2.imwrite(str(tmp_path / f"{i:03d}-{j}.png"), s.image)
    codes: list[str] = []
    scanner = open_scanner(f"dir://{tmp_path}")
    assert isinstance(scanner, CameraScanner)
    scanner.debouncer = Debouncer(absent_frames=1, absent_s=0)
    t = time.perf_counter()
    scanner.start(codes.append)
    assert scanner.finished.wait(30)
    scanner.stop()
    assert codes == [s.expected for s in samples if s.expected]
    assert scanner.frames == 3 * len(samples)
    assert time.perf_counter() - t < 30


def test_a_camera_that_disappears_and_comes_back(tmp_path: Path) -> None:
    s = next(corpus(1, seed=8))
    video = tmp_path / "cam.avi"
    write_video(video, [s.image] * 5)
    statuses: list[str] = []
    codes: list[str] = []
    scanner = CameraScanner(f"camera://{video}", retry_s=0.05)
    scanner.start(codes.append, statuses.append)
    try:
        assert wait_until(lambda: codes == [s.expected])
        video.unlink()  # the device node is gone: reopen fails until it is back
        assert wait_until(lambda: statuses[-1:] == ["disconnected"])
        write_video(video, [s.image] * 5)
        assert wait_until(lambda: statuses.count("ok") >= 2)
    finally:
        scanner.stop()
