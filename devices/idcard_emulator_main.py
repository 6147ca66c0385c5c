"""`hallq idcard-emulator`: a virtual ID card reader on a pty, with a card from a fixture."""

from __future__ import annotations

import argparse
import logging
import threading
from pathlib import Path


def main(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="hallq idcard-emulator", description="virtual ID card reader on a pty")
    p.add_argument("--cards", type=Path, required=True, help="JSON list of cards (see docs/devices.md)")
    p.add_argument("--card", type=int, default=0, help="index of the card lying on the reader; -1 for none")
    p.add_argument("--link", type=Path, default=None, help="stable symlink to the pty")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    from devices.idcard_emulator import IdCardEmulator, load_cards

    cards = load_cards(args.cards)
    emu = IdCardEmulator(args.link).start()
    emu.insert(cards[args.card] if args.card >= 0 else None)
    print(emu.path, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        emu.stop()
    return 0
