"""The camera scanner: frames from OpenCV (camera, video file or image folder), QR codes out.

Each code is reported once per presentation: it is reported again only after it has been
absent for `absent_frames` frames and `absent_s` seconds (clock injected). Decoding runs on the
capture thread; zxing-cpp takes a few ms per 720p frame, so a 30 fps camera is kept up with,
and the capture buffer is kept to one frame so a slow frame never leaves us reading the past.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from devices.errors import DeviceUnavailable, InvalidURL
from devices.urls import parse_url

log = logging.getLogger(__name__)
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".bmp"}


class Debouncer:
    def __init__(self, absent_frames: int = 3, absent_s: float = 0.5,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.absent_frames, self.absent_s, self.clock = absent_frames, absent_s, clock
        self._seen: dict[str, tuple[float, int]] = {}  # code -> (last seen at, frames absent)

    def update(self, codes: list[str]) -> list[str]:
        """The codes of this frame that start a new presentation."""
        now, new = self.clock(), []
        for code in codes:
            if code not in self._seen:
                new.append(code)
            self._seen[code] = (now, 0)
        for code, (seen_at, absent) in list(self._seen.items()):
            if code in codes:
                continue
            if absent + 1 >= self.absent_frames and now - seen_at >= self.absent_s:
                del self._seen[code]
            else:
                self._seen[code] = (seen_at, absent + 1)
        return new


class CaptureSource:
    """camera://0 (index), camera:///dev/video0 (path), file:///video.mp4: one cv2.VideoCapture."""

    live = True

    def __init__(self, target: int | str, live: bool = True) -> None:
        self.target, self.live = target, live
        self._cap: Any = None

    def open(self) -> None:
        import cv2

        cap = cv2.VideoCapture(self.target)
        if not cap.isOpened():
            cap.release()
            raise DeviceUnavailable(f"camera {self.target} cannot be opened")
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        self._cap = cap

    def read(self) -> Any | None:
        ok, frame = self._cap.read() if self._cap is not None else (False, None)
        return frame if ok else None

    def close(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None


class FolderSource:
    """dir:///path: every image in name order, once (a test or a demo, not a live device)."""

    live = False

    def __init__(self, folder: str) -> None:
        self.folder = Path(folder)
        self._files: Iterator[Path] = iter(())

    def open(self) -> None:
        if not self.folder.is_dir():
            raise DeviceUnavailable(f"image folder {self.folder} not found")
        self._files = iter(sorted(p for p in self.folder.iterdir() if p.suffix.lower() in IMAGE_SUFFIXES))

    def read(self) -> Any | None:
        import cv2

        for path in self._files:
            image = cv2.imread(str(path), cv2.IMREAD_GRAYSCALE)
            if image is not None:
                return image
        return None

    def close(self) -> None:
        self._files = iter(())


def source_of(url: str) -> CaptureSource | FolderSource:
    u = parse_url(url if "://" in url else f"camera://{url}")
    if u.scheme == "camera":
        target = u.host or u.path.lstrip("/")
        return CaptureSource(int(target) if target.isdigit() else u.path)
    if u.scheme == "file":
        return CaptureSource(u.path, live=False)
    if u.scheme == "dir":
        return FolderSource(u.path)
    raise InvalidURL(f"unknown camera URL scheme {u.scheme!r}")


class CameraScanner:
    def __init__(self, url: str, debouncer: Debouncer | None = None, decoder: str = "auto",
                 retry_s: float = 1.0) -> None:
        self.url, self.source = url, source_of(url)
        self.debouncer, self.decoder, self.retry_s = debouncer or Debouncer(), decoder, retry_s
        self.status, self.frames = "disconnected", 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.finished = threading.Event()  # a file or folder has been read to its end

    def __repr__(self) -> str:
        return f"CameraScanner({self.url!r})"

    def start(self, on_code: Callable[[str], None], on_status: Callable[[str], None] | None = None) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(on_code, on_status), name="camera", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(3)
        self.source.close()

    def _set(self, status: str, on_status: Callable[[str], None] | None) -> None:
        if status != self.status:
            self.status = status
            log.info("camera %s: %s", self.url, status)
            if on_status is not None:
                on_status(status)

    def _run(self, on_code: Callable[[str], None], on_status: Callable[[str], None] | None) -> None:
        from devices.qr_decode import decode_qr

        while not self._stop.is_set():
            try:
                self.source.open()
            except DeviceUnavailable as exc:
                log.debug("%s", exc)
                self._set("disconnected", on_status)
                self._stop.wait(self.retry_s)
                continue
            self._set("ok", on_status)
            while not self._stop.is_set() and (frame := self.source.read()) is not None:
                self.frames += 1
                for code in self.debouncer.update(decode_qr(frame, self.decoder)):
                    on_code(code)
            self.source.close()
            if not self.source.live:
                self.finished.set()
                self._set("finished", on_status)
                return
            self._set("disconnected", on_status)  # a live camera stopped giving frames: reopen
            self._stop.wait(self.retry_s)
