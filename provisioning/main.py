"""`hallq provision ...`: the command line; each command is a function of its own module.

Exit codes: 0 done, 2 the operator must fix something (every problem printed on stderr).
Nothing secret is printed: passwords reach only the 0600 bundle files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from provisioning import cli_examples
from provisioning.errors import ProvisionError
from provisioning.hall_dir import HallDir


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hallq provision", description="set up a hall: catalog, devices, broker, TLS")
    sub = p.add_subparsers(dest="cmd", required=True)

    i = sub.add_parser("init", help="a new hall directory: hall file, catalog, secrets, CA, broker config")
    i.add_argument("--hall", required=True, help="hall id, e.g. mianyang-main")
    i.add_argument("--dir", required=True, type=Path)
    i.add_argument("--name-zh", default="市民服务中心")
    i.add_argument("--name-en", default="Citizen Service Center")
    i.add_argument("--timezone", default="Asia/Shanghai")
    i.add_argument("--host", default="localhost", help="broker host name or IP the devices connect to")
    i.add_argument("--tls-port", type=int, default=8883)
    i.add_argument("--port", type=int, default=None, help="also a plain listener on 127.0.0.1:PORT (off by default)")
    i.add_argument("--broker-user", default=None, help="OS user the broker runs as (default: you, the files' owner)")

    c = sub.add_parser("catalog", help="the service catalog")
    csub = c.add_subparsers(dest="catalog_cmd", required=True)
    ci = csub.add_parser("import", help="replace the catalog with a CSV or JSON file")
    ci.add_argument("--dir", required=True, type=Path)
    ci.add_argument("file", type=Path)
    ci.add_argument("--reload", action="store_true", help="SIGHUP the queue server named in DIR/server.pid")
    ci.add_argument("--reload-pid", type=int, help="SIGHUP this queue server so it loads the catalog now")

    d = sub.add_parser("device", help="broker credentials and bundles of devices")
    dsub = d.add_subparsers(dest="device_cmd", required=True)
    for name, text in (("add", "give a device credentials and a bundle"), ("remove", "lock a device out"),
                       ("rotate", "a new password for a device")):
        dp = dsub.add_parser(name, help=text)
        dp.add_argument("device")
        dp.add_argument("--dir", required=True, type=Path)
        dp.add_argument("--reload-pid", type=int, help="SIGHUP this mosquitto so the change takes effect now")
        dp.add_argument("--reload", action="store_true",
                        help="SIGHUP the broker in DIR/mosquitto.pid (and the server in DIR/server.pid, if running)")
        if name == "add":
            dp.add_argument("--role", required=True, choices=("kiosk", "window", "display", "manager", "evaluator",
                                                              "server", "web", "backoffice"))
            dp.add_argument("--groups", help="window: comma-separated service groups")
            dp.add_argument("--window", help="evaluator: the window it stands beside")
            dp.add_argument("--label-zh")
            dp.add_argument("--label-en")

    t = sub.add_parser("tls", help="the broker's TLS certificate: renew it before it runs out")
    tsub = t.add_subparsers(dest="tls_cmd", required=True)
    tr = tsub.add_parser("renew", help="a new server key and certificate from the hall's CA")
    tr.add_argument("--dir", required=True, type=Path)
    tr.add_argument("--days", type=int, default=825, help="lifetime (default 825, the longest clients accept)")
    tr.add_argument("--lifetime-s", type=float, help=argparse.SUPPRESS)  # tests: a certificate for a minute
    tr.add_argument("--reload-pid", type=int, help="SIGHUP this mosquitto so new connections get the new certificate")
    tr.add_argument("--reload", action="store_true",
                    help="SIGHUP the broker in DIR/mosquitto.pid (and the server in DIR/server.pid, if running)")
    ts = tsub.add_parser("status", help="dates and issuer of the CA and the server certificate; what the broker offers")
    ts.add_argument("--dir", required=True, type=Path)

    a = sub.add_parser("appointment", help="appointment codes")
    asub = a.add_subparsers(dest="appointment_cmd", required=True)
    ai = asub.add_parser("issue", help="sign an appointment code and write its QR code")
    where = ai.add_mutually_exclusive_group(required=True)
    where.add_argument("--dir", type=Path, help="a provisioned hall directory")
    where.add_argument("--hall", help="'demo' (the built-in demo hall) or a hall file, as `hallq server --hall`")
    ai.add_argument("--matter", required=True)
    ai.add_argument("--slot", required=True, help="YYYY-MM-DDTHH:MM, hall local time")
    ai.add_argument("--citizen-key")
    ai.add_argument("--out", type=Path, help="PNG file for the QR code")
    cl = sub.add_parser("closures", help="closure days (holidays): no bookings, and bookings made are cancelled")
    clsub = cl.add_subparsers(dest="closures_cmd", required=True)
    for name, text in (("add", "close the hall on these days"), ("remove", "open these days again"),
                       ("list", "the closure days")):
        cp = clsub.add_parser(name, help=text)
        cp.add_argument("--dir", type=Path, required=True, help="a provisioned hall directory")
        if name != "list":
            cp.add_argument("days", nargs="+", help="YYYY-MM-DD")
            cp.add_argument("--reload", action="store_true", help="the running queue server reads it at once")
    return cli_examples.attach(p)


def _device(args: argparse.Namespace) -> str:
    from provisioning import devices, reload

    hd = HallDir(args.dir)
    if args.device_cmd == "add":
        opt = devices.WindowOptions([g.strip() for g in args.groups.split(",")] if args.groups else None,
                                    args.window, args.label_zh, args.label_en)
        devices.add(hd, args.device, args.role, opt)
        text = f"added {args.device} ({args.role}); bundle: {hd.bundle(args.device)}"
    elif args.device_cmd == "remove":
        role = devices.remove(hd, args.device)
        text = f"removed {args.device} ({role})"
    else:
        devices.rotate(hd, args.device)
        text = f"rotated the password of {args.device}; bundle: {hd.bundle(args.device)}"
    if args.reload_pid or args.reload:
        pid = reload.sighup(args.reload_pid, None if args.reload_pid else hd.pidfile)
        text += f"; broker {pid} reloaded" + _server_too(hd, args.reload)
    return text


def _server_too(hd: HallDir, wanted: bool) -> str:
    """With --reload, the queue server on this box reads hall.toml again too (new roles, a new certificate)."""
    from provisioning import reload

    pid = reload.server_if_running(hd.server_pidfile) if wanted else None
    return "" if pid is None else f"; server {reload.sighup_server(pid)} reloaded"


def _catalog(args: argparse.Namespace) -> str:
    from hallcore.catalog_change import describe
    from provisioning import reload
    from provisioning.catalog_import import import_catalog

    hd = HallDir(args.dir)
    wanted = args.reload or args.reload_pid
    # a stale pid file is refused before anything changes, not after the import
    pid = reload.resolve_server(args.reload_pid, hd.server_pidfile) if wanted else None
    with hd.locked():
        groups, matters, change = import_catalog(hd, args.file)
    lines = [f"catalog imported: {groups} groups, {matters} matters"] + [f"  {ln}" for ln in describe(change)]
    if not change:
        lines.append("  no matter or group changed")
    if pid is not None:
        reload.sighup_server(pid)
        lines.append(f"server {pid} reloaded: kiosks offer the new catalog now")
    else:
        lines.append(f"the server loads it on SIGHUP: --reload, or kill -HUP $(cat {hd.server_pidfile})")
    return "\n".join(lines)


def _tls(args: argparse.Namespace) -> str:
    import datetime as dt

    from provisioning import reload, tls_cmd

    hd = HallDir(args.dir)
    if args.tls_cmd == "status":
        lines, problems = tls_cmd.status(hd)
        if problems:
            print("\n".join(lines))
            raise ProvisionError(problems)
        return "\n".join(lines)
    lifetime = dt.timedelta(seconds=args.lifetime_s) if args.lifetime_s else dt.timedelta(days=args.days)
    with hd.locked():
        info = tls_cmd.renew(hd, lifetime)
    text = (f"renewed tls/server.crt: serial {info.serial:x}, valid to {info.not_after:%Y-%m-%d %H:%M} UTC; "
            "devices trust the CA, so no bundle changes")
    if args.reload_pid or args.reload:
        pid = reload.sighup(args.reload_pid, None if args.reload_pid else hd.pidfile)
        text += (f"; broker {pid} reloaded: new connections get the new certificate, connected devices stay"
                 + _server_too(hd, args.reload))
    else:
        text += f"; the broker offers it after `kill -HUP $(cat {hd.pidfile})` (or --reload)"
    return text


def _closures(args: argparse.Namespace) -> str:
    from provisioning import closures

    hd = HallDir(args.dir)
    if args.closures_cmd == "list":
        return "\n".join(closures.listed(hd)) or "no closure days"
    with hd.locked():
        days = closures.change(hd, args.days if args.closures_cmd == "add" else [],
                               args.days if args.closures_cmd == "remove" else [])
    text = f"closure days: {', '.join(days) or 'none'}"
    return text + (_server_too(hd, True) if args.reload else "; the server reads it on SIGHUP (or --reload)")


def _run(args: argparse.Namespace) -> str:
    if args.cmd == "init":
        from provisioning.init_hall import init

        hd = init(args.dir, args.hall, args.name_zh, args.name_en, args.host, args.tls_port, args.port,
                  args.broker_user, args.timezone)
        return (f"hall {args.hall} in {hd.root}: start the broker with `mosquitto -c {hd.conf}`, "
                f"the server with `hallq server --hall {hd.hall_toml} --config {hd.bundle('server')} "
                f"--pid-file {hd.server_pidfile}`")
    if args.cmd == "catalog":
        return _catalog(args)
    if args.cmd == "device":
        with HallDir(args.dir).locked():
            return _device(args)
    if args.cmd == "tls":
        return _tls(args)
    if args.cmd == "closures":
        return _closures(args)
    from provisioning.appointment_issue import issue

    return issue(HallDir(args.dir) if args.dir else args.hall, args.matter, args.slot, args.citizen_key, args.out)


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        print(_run(args))
    except ProvisionError as exc:
        for line in exc.problems:
            print(f"hallq provision: {line}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"hallq provision: {exc}", file=sys.stderr)
        return 2
    return 0
