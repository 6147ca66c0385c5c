"""The ticket printer adapter against the virtual printer over real TCP."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image
from pyzbar.pyzbar import ZBarSymbol, decode

from devices import PrinterStatus, Receipt, open_printer, ticket_reference
from devices.errors import InvalidURL, PrintFailed
from devices.printer_emulator import PrinterEmulator
from devices.profiles import get_profile
from devices.receipt import render_receipt

RECEIPT = Receipt("政务服务中心", "City Service Hall", "A017", "社保卡办理", "Social security card",
                  3, 15, datetime(2024, 5, 1, 9, 30), ticket_reference("hall-1", "t-000042"))


def qr_of(path: Path) -> list[str]:
    return [d.data.decode("ascii") for d in decode(Image.open(path).convert("L"), symbols=[ZBarSymbol.QRCODE])]


def test_a_ticket_comes_out_as_a_png_whose_qr_is_the_reference(printer_emulator: PrinterEmulator) -> None:
    printer = open_printer(printer_emulator.url, "80mm")
    assert printer.status() is PrinterStatus.OK
    printer.print_receipt(RECEIPT)
    [png] = printer_emulator.wait_for_receipts(1)
    assert qr_of(png) == ["HQT1:hall-1:t-000042"]
    assert Image.open(png).width == 576


@pytest.mark.parametrize("state", list(PrinterStatus))
def test_each_printer_state_reads_back_as_itself(printer_emulator: PrinterEmulator, state: PrinterStatus) -> None:
    printer_emulator.set_status(state)
    assert open_printer(printer_emulator.url).status() is state


def test_paper_out_fails_clearly_and_the_same_receipt_reprints(printer_emulator: PrinterEmulator) -> None:
    printer = open_printer(printer_emulator.url)
    printer_emulator.set_status(PrinterStatus.PAPER_OUT)
    with pytest.raises(PrintFailed) as err:
        printer.print_receipt(RECEIPT)
    assert err.value.status is PrinterStatus.PAPER_OUT
    printer_emulator.set_status(PrinterStatus.OK)
    printer.print_receipt(RECEIPT)
    assert qr_of(printer_emulator.wait_for_receipts(1)[0]) == [RECEIPT.reference]


def test_paper_near_end_still_prints(printer_emulator: PrinterEmulator) -> None:
    printer_emulator.set_status(PrinterStatus.PAPER_NEAR_END)
    open_printer(printer_emulator.url).print_receipt(RECEIPT)
    assert len(printer_emulator.wait_for_receipts(1)) == 1


def test_a_silent_printer_is_offline_not_a_timeout(printer_emulator: PrinterEmulator) -> None:
    printer_emulator.set_silent(True)
    printer = open_printer(printer_emulator.url, timeout=0.3)
    assert printer.status() is PrinterStatus.OFFLINE
    with pytest.raises(PrintFailed) as err:
        printer.print_receipt(RECEIPT)
    assert err.value.status is PrinterStatus.OFFLINE
    assert isinstance(err.value.__cause__.__cause__, TimeoutError)  # type: ignore[union-attr]


def test_a_peer_that_hangs_up_is_offline_not_paper_adequate() -> None:
    srv = socket.create_server(("127.0.0.1", 0))

    def hang_up() -> None:
        try:
            while True:
                srv.accept()[0].close()
        except OSError:
            return  # the test closed the listener

    threading.Thread(target=hang_up, daemon=True).start()
    printer = open_printer(f"tcp://127.0.0.1:{srv.getsockname()[1]}", timeout=0.5)
    assert printer.status() is PrinterStatus.OFFLINE
    srv.close()


def test_printer_switched_off_and_on_again(printer_emulator: PrinterEmulator) -> None:
    printer = open_printer(printer_emulator.url, timeout=0.5)
    printer.print_receipt(RECEIPT)
    printer_emulator.stop()
    assert printer.status() is PrinterStatus.OFFLINE
    with pytest.raises(PrintFailed):
        printer.print_receipt(RECEIPT)
    printer_emulator.start()  # same port
    assert printer.status() is PrinterStatus.OK
    printer.print_receipt(RECEIPT)
    assert len(printer_emulator.wait_for_receipts(2)) == 2


def test_58mm_profile_draws_every_image_within_384_dots(tmp_path: Path) -> None:
    data = render_receipt(RECEIPT, get_profile("58mm"))
    at = 0
    while (at := data.find(b"\x1dv0", at)) >= 0:
        assert data[at + 4] + 256 * data[at + 5] <= 384 // 8
        at += 4
    emu = PrinterEmulator(tmp_path, width=384).start()
    try:
        open_printer(emu.url, "58mm").print_receipt(RECEIPT)
        assert qr_of(emu.wait_for_receipts(1)[0]) == [RECEIPT.reference]
    finally:
        emu.stop()


def test_non_ascii_reference_and_bad_urls_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        ticket_reference("大厅", "1")
    for url in ("ftp://x", "tcp://:9100", "no-scheme", "usb://zz:01"):
        with pytest.raises(InvalidURL):
            open_printer(url)
    with pytest.raises(ValueError):
        open_printer("tcp://127.0.0.1:9", "99mm")


def test_file_printer_appends_bytes(tmp_path: Path) -> None:
    out = tmp_path / "slips.bin"
    open_printer(f"file://{out}").print_receipt(RECEIPT)
    assert out.read_bytes().startswith(b"\x1b@") and b"HQT1:hall-1:t-000042" in out.read_bytes()


def test_the_emulator_command_prints_its_port_first(tmp_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "hallq", "printer-emulator", "--port", "0", "--out", str(tmp_path)],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.startswith("listening on 127.0.0.1:")
        port = int(line.rsplit(":", 1)[1])
        printer = open_printer(f"tcp://127.0.0.1:{port}")
        printer.print_receipt(RECEIPT)
        deadline = time.monotonic() + 5
        while not list(tmp_path.glob("*.png")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert qr_of(next(tmp_path.glob("*.png"))) == [RECEIPT.reference]
    finally:
        proc.terminate()
        proc.wait(5)
