"""`hallq provision init`: a new hall directory with its hall file, catalog, secrets, TLS and broker config."""

from __future__ import annotations

import os
import pwd
import secrets
from pathlib import Path
from typing import Any

from hallcore.hallfile import CODE
from provisioning import broker_conf, devices, tls
from provisioning.errors import ProvisionError
from provisioning.files import PUBLIC, SECRET, write_atomic
from provisioning.hall_dir import HALL_HEADER, HallDir
from provisioning.toml_edit import new_document

CATALOG_HEADER = "Service catalog, written by `hallq provision` (replace it with `hallq provision catalog import`)."

STARTER_CATALOG: dict[str, Any] = {
    "groups": [
        {"code": "comprehensive", "letter": "A", "name_zh": "综合受理", "name_en": "Comprehensive acceptance",
         "service_min": 8},
        {"code": "real_estate", "letter": "B", "name_zh": "不动产登记", "name_en": "Real-estate registration",
         "service_min": 15},
        {"code": "pickup", "letter": "C", "name_zh": "证照领取", "name_en": "Results pickup", "service_min": 3},
    ],
    "matters": [
        {"code": "resident-id-renew", "group": "comprehensive", "name_zh": "居民身份证换领",
         "name_en": "Resident ID card renewal", "department": "综合窗口"},
        {"code": "hukou-transfer", "group": "comprehensive", "name_zh": "户口迁移登记",
         "name_en": "Household registration transfer", "department": "综合窗口"},
        {"code": "re-transfer", "group": "real_estate", "name_zh": "二手房转移登记",
         "name_en": "Second-hand property transfer registration", "department": "自然资源和规划局"},
        {"code": "pickup-certificate", "group": "pickup", "name_zh": "证照领取", "name_en": "Certificate pickup",
         "department": "综合窗口"},
    ],
}


def _window(n: int, groups: list[str]) -> dict[str, Any]:
    return {"id": f"win-{n:02d}", "label_zh": f"{n}号窗口", "label_en": f"Window {n}", "groups": groups}


def hall_doc(hall: str, name_zh: str, name_en: str, timezone: str) -> dict[str, Any]:
    return {
        "hall": {"id": hall, "name_zh": name_zh, "name_en": name_en, "timezone": timezone,
                 # secrets live in their own 0600 files, so hall.toml can be shared and versioned
                 "appointment_key_file": "appointment.key", "citizen_salt_file": "citizen.salt",
                 "catalog_file": "catalog.toml"},
        "policy": {"priority_overtake_min": 15, "tickets_per_citizen_matter_day": 2, "appointment_early_min": 60,
                   "appointment_late_min": 30, "elderly_age": 65, "service_level_min": 15},
        "windows": [_window(1, ["comprehensive"]), _window(2, ["comprehensive", "pickup"]),
                    _window(3, ["real_estate"])],
        "devices": {"kiosks": [], "displays": [], "managers": []},
    }


def init(root: Path, hall: str, name_zh: str, name_en: str, host: str, tls_port: int,
         plain_port: int | None, run_as: str | None = None, timezone: str = "Asia/Shanghai") -> HallDir:
    if not CODE.match(hall):
        raise ProvisionError(f"--hall: {hall!r} must match {CODE.pattern}")
    hd = HallDir(root)
    if hd.state.exists() or hd.hall_toml.exists():
        raise ProvisionError(f"{root}: already holds a hall; use `device`/`catalog` commands to change it")
    # the broker runs as whoever owns these 0600 files, or it could not read them on SIGHUP
    run_as = run_as or pwd.getpwuid(os.geteuid()).pw_name
    root.mkdir(parents=True, exist_ok=True)
    for sub in (hd.tls, root / "data", hd.bundles):
        sub.mkdir(mode=0o700, exist_ok=True)
    # hex text, not raw bytes: the loader strips whitespace, which could eat bytes of a raw key
    write_atomic(root / "appointment.key", secrets.token_hex(32) + "\n", SECRET)
    write_atomic(root / "citizen.salt", secrets.token_hex(32) + "\n", SECRET)
    hd.save_hall_doc(new_document(hall_doc(hall, name_zh, name_en, timezone), HALL_HEADER),
                     new_document(STARTER_CATALOG, CATALOG_HEADER))

    ca = tls.make_ca(hall)
    server = tls.make_server(ca, host)
    write_atomic(hd.tls / "ca.key", ca.key, SECRET)
    write_atomic(hd.tls / "ca.crt", ca.cert, PUBLIC)
    write_atomic(hd.tls / "server.key", server.key, SECRET)
    write_atomic(hd.tls / "server.crt", server.cert, PUBLIC)

    write_atomic(hd.passwd, "", SECRET)
    write_atomic(hd.conf, broker_conf.render(root, tls_port, plain_port, run_as), PUBLIC)
    hd.save_state({"hall": hall, "host": host, "tls_port": tls_port, "port": plain_port, "devices": {}})
    devices.add(hd, "server", "server")  # a hall always has one; it also writes the first ACL
    return hd
