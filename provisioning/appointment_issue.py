"""`hallq provision appointment issue`: sign an appointment code as an online booking system would.

The code is made by `hallcore.appointments.issue` with the hall's key, so the server's
`verify` is the only judge of it; the PNG is the QR code the citizen shows at the kiosk.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import qrcode

from hallcore import appointments
from hallcore.hallfile import HallFileError, load_hall
from provisioning.errors import ProvisionError
from provisioning.hall_dir import HallDir


def issue(hd: HallDir, matter: str, slot_text: str, citizen_key: str | None, out: Path | None) -> str:
    hd.require()
    try:
        hall = load_hall(str(hd.hall_toml))
    except HallFileError as exc:
        raise ProvisionError(exc.problems) from exc
    codes = sorted(m.code for m in hall.matters)
    if matter not in codes:
        raise ProvisionError(f"--matter: unknown matter {matter!r}; the hall's matters are: {', '.join(codes)}")
    try:
        slot = datetime.strptime(slot_text, "%Y-%m-%dT%H:%M")  # the hall's local time, as on the booking
    except ValueError as exc:
        raise ProvisionError(f"--slot: {slot_text!r} must be YYYY-MM-DDTHH:MM (hall local time)") from exc
    code = appointments.issue(hall.appointment_key, hall.id, matter, slot, citizen_key)
    if out is not None:
        # M: the code survives a crease or a smudge on a phone screen
        qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=4)
        qr.add_data(code)
        qr.make(fit=True)
        qr.make_image().save(str(out))
    return code
