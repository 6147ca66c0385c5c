"""`tls status` and `tls renew` without a broker: dates, days left, issuer; a short life is a problem to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography import x509

from provisioning.main import main
from tests.support.broker import free_port


@pytest.fixture
def hall_dir(tmp_path: Path) -> Path:
    d = tmp_path / "hall"
    assert main(["init", "--hall", "tls-hall", "--dir", str(d), "--tls-port", str(free_port())]) == 0
    return d


def test_status_of_a_new_hall_and_after_a_short_renewal(hall_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["tls", "status", "--dir", str(hall_dir)]) == 0
    out = capsys.readouterr().out
    assert "CA: hallq CA tls-hall, issued by hallq CA tls-hall" in out and "(3649 days left)" in out
    assert "server certificate (tls/server.crt): localhost, issued by hallq CA tls-hall" in out
    assert "(824 days left)" in out and "not reachable" in out  # no broker runs: said, not a failure
    old = (hall_dir / "tls" / "server.crt").read_bytes()
    key = (hall_dir / "tls" / "server.key").read_bytes()
    assert main(["tls", "renew", "--dir", str(hall_dir), "--days", "20"]) == 0
    assert "the broker offers it after `kill -HUP" in capsys.readouterr().out
    new = x509.load_pem_x509_certificate((hall_dir / "tls" / "server.crt").read_bytes())
    assert new.serial_number != x509.load_pem_x509_certificate(old).serial_number
    assert (hall_dir / "tls" / "server.key").read_bytes() != key  # a new key, not only a new certificate
    ca = x509.load_pem_x509_certificate((hall_dir / "tls" / "ca.crt").read_bytes())
    new.verify_directly_issued_by(ca)
    assert main(["tls", "status", "--dir", str(hall_dir)]) == 2
    err = capsys.readouterr().err
    assert "the server certificate ends" in err and "run `hallq provision tls renew --reload`" in err


def test_renew_needs_the_ca_key_and_says_so(hall_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (hall_dir / "tls" / "ca.key").rename(hall_dir / "ca.key.offline")
    before = (hall_dir / "tls" / "server.crt").read_bytes()
    assert main(["tls", "renew", "--dir", str(hall_dir)]) == 2
    assert "the hall's CA key is needed to sign" in capsys.readouterr().err
    assert (hall_dir / "tls" / "server.crt").read_bytes() == before
