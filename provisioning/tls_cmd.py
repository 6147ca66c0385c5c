"""`hallq provision tls renew|status`: the broker's certificate, before it runs out.

renew: a new server key and certificate from the hall's CA (same names: the host of
provision.json, localhost, 127.0.0.1), written over tls/server.{key,crt}. Mosquitto (2.0 on)
reads its certificate files again on SIGHUP: connected devices keep their connection, and the
next connection gets the new certificate (checked in tests/provisioning/test_tls_renew.py).
The devices trust the CA, not the certificate, so no bundle changes.

status: the CA's and the server's dates and issuer, and the certificate the broker really
offers now (a stale one means the broker was not reloaded).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cryptography import x509
from cryptography.x509.oid import NameOID

from hallbus.broker_cert import served_certificate
from hallcore.cert_expiry import WARN_DAYS
from provisioning import tls
from provisioning.errors import ProvisionError
from provisioning.files import PUBLIC, SECRET, write_atomic
from provisioning.hall_dir import HallDir


@dataclass(frozen=True)
class CertInfo:
    subject: str
    issuer: str
    serial: int
    not_before: dt.datetime
    not_after: dt.datetime

    @classmethod
    def of(cls, cert: x509.Certificate) -> CertInfo:
        return cls(_cn(cert.subject), _cn(cert.issuer), cert.serial_number, cert.not_valid_before_utc,
                   cert.not_valid_after_utc)

    def days_left(self, now: dt.datetime) -> float:
        return (self.not_after - now).total_seconds() / 86400

    def line(self, what: str, now: dt.datetime) -> str:
        left = self.days_left(now)
        state = "EXPIRED" if left <= 0 else f"{int(left)} days left" if left >= 1 else \
            f"{int(left * 1440)} minutes left"
        return (f"{what}: {self.subject}, issued by {self.issuer}, serial {self.serial:x}, "
                f"valid {self.not_before:%Y-%m-%d %H:%M} to {self.not_after:%Y-%m-%d %H:%M} UTC ({state})")


def _cn(name: x509.Name) -> str:
    cns = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(cns[0].value) if cns else name.rfc4514_string()


def _load(hd: HallDir, name: str) -> x509.Certificate:
    path = hd.tls / name
    try:
        return x509.load_pem_x509_certificate(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise ProvisionError(f"{path}: cannot read the certificate: {exc}") from exc


def renew(hd: HallDir, lifetime: dt.timedelta | None = None, now: dt.datetime | None = None) -> CertInfo:
    state = hd.load_state()
    now = now or dt.datetime.now(dt.UTC)
    ca_cert = _load(hd, "ca.crt")
    try:
        ca = tls.Pem((hd.tls / "ca.crt").read_bytes(), (hd.tls / "ca.key").read_bytes())
    except OSError as exc:
        raise ProvisionError(f"{hd.tls / 'ca.key'}: the hall's CA key is needed to sign: {exc.strerror}") from exc
    ca_left = ca_cert.not_valid_after_utc - now
    lifetime = lifetime or dt.timedelta(days=tls.SERVER_DAYS)
    if ca_left <= dt.timedelta(days=WARN_DAYS):
        raise ProvisionError(f"{hd.tls / 'ca.crt'}: the hall's CA itself ends {ca_cert.not_valid_after_utc:%Y-%m-%d}; "
                             "a new CA means new bundles for every device (init a new hall directory)")
    server = tls.make_server(ca, state["host"], now, min(lifetime, ca_left))  # never outlive the CA
    # key first: the broker reads both only on SIGHUP or start, which the operator triggers after this
    write_atomic(hd.tls / "server.key", server.key, SECRET)
    write_atomic(hd.tls / "server.crt", server.cert, PUBLIC)
    return CertInfo.of(x509.load_pem_x509_certificate(server.cert))


def status(hd: HallDir, now: dt.datetime | None = None) -> tuple[list[str], list[str]]:
    """(lines to print, problems): a problem is a certificate within 30 days of its end, or a stale broker."""
    state = hd.load_state()
    now = now or dt.datetime.now(dt.UTC)
    ca, server = CertInfo.of(_load(hd, "ca.crt")), CertInfo.of(_load(hd, "server.crt"))
    lines, problems = [ca.line("CA", now), server.line("server certificate (tls/server.crt)", now)], []
    for what, info in (("the hall's CA", ca), ("the server certificate", server)):
        if info.days_left(now) <= WARN_DAYS:
            fix = "run `hallq provision tls renew --reload`" if info is server else \
                "a new CA means a new hall directory (`hallq provision init`) and new bundles for every device"
            problems.append(f"{what} ends {info.not_after:%Y-%m-%d %H:%M} UTC: {fix}")
    where = ("localhost" if state["host"] in ("0.0.0.0", "") else state["host"], int(state["tls_port"]))
    try:
        served = CertInfo.of(x509.load_der_x509_certificate(served_certificate(*where)))
    except (OSError, ValueError) as exc:
        lines.append(f"broker at {where[0]}:{where[1]}: not reachable ({exc})")
        return lines, problems
    lines.append(served.line(f"broker at {where[0]}:{where[1]} offers", now))
    if served.serial != server.serial:
        problems.append(f"the broker still offers serial {served.serial:x}, not tls/server.crt's "
                        f"{server.serial:x}: reload it (kill -HUP $(cat {hd.pidfile}))")
    return lines, problems
