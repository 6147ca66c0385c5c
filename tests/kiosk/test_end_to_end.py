"""End to end: kiosk process + queue server + broker + virtual ESC/POS printer on TCP → a PNG
ticket whose QR code decodes to the issued ticket's reference."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.kiosk.test_kiosk_ui import run_driver, xvfb  # noqa: F401 - the module's Xvfb fixture
from tests.support.broker import Mosquitto, free_port, wait_port
from tests.support.server import ROOT, ServerProcess
from tests.support.xvfb import Xvfb


def test_ticket_png_qr_is_the_issued_reference(xvfb: Xvfb, broker: Mosquitto,  # noqa: F811
                                               server: ServerProcess, tmp_path: Path) -> None:
    from PIL import Image
    from pyzbar.pyzbar import decode

    port, out = free_port(), tmp_path / "paper"
    emu = subprocess.Popen([sys.executable, "-m", "hallq", "printer-emulator", "--port", str(port), "--out", str(out)],
                           cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        wait_port(port)
        steps: list[list[object]] = [
            ["wait", "", {"out_of_service": None}],
            ["tap", "touch", {"screen": "groups"}],
            ["tap", "group:pickup", {"screen": "matters"}],
            ["tap", "matter:" + _first_matter("pickup"), {"screen": "priority"}],
            ["tap", "priority:none", {"screen": "confirm"}],
            ["tap", "confirm", {"screen": "ticket"}],
        ]
        result = run_driver(xvfb, tmp_path, "end-to-end", steps, "--broker", broker.url,
                            "--printer", f"tcp://127.0.0.1:{port}")
        [(ticket_id, _number)] = result["tickets"].items()  # type: ignore[attr-defined]
        deadline = time.monotonic() + 10
        while not list(out.glob("*.png")) and time.monotonic() < deadline:
            time.sleep(0.1)
        [png] = list(out.glob("*.png"))
        codes = [c.data.decode() for c in decode(Image.open(png))]
        assert codes == [f"HQT1:demo:{ticket_id}"]
    finally:
        emu.terminate()
        emu.wait(5)


def _first_matter(group: str) -> str:
    from hallcore.hallfile import load_hall

    return next(m.code for m in load_hall("demo").matters if m.group == group)
