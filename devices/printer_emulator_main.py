"""`hallq printer-emulator`: the virtual ESC/POS printer as a process."""

from __future__ import annotations

import argparse
import logging
import threading
from pathlib import Path

from devices.printer_status import PrinterStatus

PAPER = {"ok": PrinterStatus.OK, "near_end": PrinterStatus.PAPER_NEAR_END, "out": PrinterStatus.PAPER_OUT}


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="hallq printer-emulator", description="virtual ESC/POS printer on TCP")
    p.add_argument("--port", type=int, default=9100, help="TCP port; 0 picks a free one")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--out", type=Path, required=True, help="directory for one PNG per cut slip")
    p.add_argument("--paper", choices=sorted(PAPER), default="ok")
    p.add_argument("--width", type=int, default=576, help="paper width in dots (576 = 80 mm, 384 = 58 mm)")
    p.add_argument("--silent", action="store_true", help="never answer status queries")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    from devices.printer_emulator import PrinterEmulator

    emu = PrinterEmulator(args.out, args.port, args.host, args.width, PAPER[args.paper], args.silent).start()
    print(f"listening on {emu.host}:{emu.port}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        emu.stop()
    return 0
