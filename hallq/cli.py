"""The `hallq` command: one subcommand per process of the hall.

Each entry names a module with a `main(argv) -> int`; modules are imported only
when their subcommand runs, so `hallq --help` stays fast and nothing does I/O at
import.
"""

from __future__ import annotations

import importlib
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    "server": ("queue_server.main", "run the queue server"),
    "demo": ("hallq.demo", "the whole hall on one machine with virtual devices"),
    "kiosk": ("kiosk.main", "the citizen's touch-screen kiosk"),
    "display": ("hall_display.main", "the hall's big screen with voice"),
    "window": ("window_console.main", "a clerk's window console"),
    "evaluator": ("evaluator.main", "the citizen rating screen beside a window"),
    "manager": ("manager_console.main", "the hall manager's console"),
    "provision": ("provisioning.main", "set up a hall: catalog, devices, broker, TLS"),
    "simulate": ("simulator.main", "simulate a day in the hall"),
    "plan": ("simulator.plan_main", "predict waits for the current and a proposed assignment"),
    "printer-emulator": ("devices.printer_emulator_main", "virtual ESC/POS printer on TCP"),
    "decode": ("devices.decode_main", "decode QR codes in images"),
    "idcard-emulator": ("devices.idcard_emulator_main", "virtual ID card reader on a pty"),
    "city": ("hallq.city", "city broker bridge config and a view over every hall"),
    "store": ("queue_server.store_main", "online backup and citizen-key retention of the store"),
    "sms-twin": ("devices.sms_twin_main", "virtual SMS gateway (HTTP JSON) recording every message"),
    "web": ("webgate.main", "the citizen's phone gateway (live ticket pages)"),
}


BUNDLE_COMMANDS = ("kiosk", "display", "window", "evaluator", "manager")


def _apply_bundle(command: str, args: list[str]) -> list[str]:
    """`--config BUNDLE.json` (from `hallq provision device add`): device id, broker URL with its CA,
    and where the credentials are (the bundle's path: the values never show in `ps` and are
    not in the environment a child process inherits)."""
    if "--config" not in args:
        return args
    i = args.index("--config")
    path = args[i + 1] if i + 1 < len(args) else ""
    if not path.endswith(".json"):
        return args  # a kiosk's own settings file (TOML)
    from pathlib import Path
    from urllib.parse import urlencode

    from provisioning.bundle import load_bundle

    b = load_bundle(path)  # checked here, so a bad bundle is a clear error before any window opens
    ca = b.ca_file()
    query = {**({"ca": ca} if ca else {}), "credentials": str(Path(path).resolve())}
    broker = f"{b.broker}?{urlencode(query)}"
    rest = args[:i] + args[i + 2:]
    extra = ["--broker", broker, "--device", b.device]
    if command in ("display", "window", "evaluator"):  # kiosk and manager take the hall file (--hall)
        extra += ["--hall-id", b.hall]
    return [*rest, *extra]


def _usage() -> str:
    lines = ["usage: hallq COMMAND [ARGS...]", "", "commands:"]
    lines += [f"  {name:<18}{text}" for name, (_, text) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"hallq: unknown command {name!r}\n\n{_usage()}", file=sys.stderr)
        return 2
    if name in BUNDLE_COMMANDS:
        rest = _apply_bundle(name, rest)
    module = importlib.import_module(COMMANDS[name][0])
    result: int = module.main(rest)
    return result
