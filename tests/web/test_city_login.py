"""The staff login in front of /city, on a real `hallq web` (uvicorn) with a real city broker."""

from __future__ import annotations

import re
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.broker import Mosquitto
from tests.support.web import ROOT, WebProcess
from webgate import staff

PASSWORD = "correct horse battery"


def add_staff(path: Path, name: str, password: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hallq", "web", "staff", "add", name, "--staff-file", str(path)],
                          input=password + "\n", text=True, capture_output=True, cwd=ROOT, timeout=30)


@pytest.fixture
def gateway(broker: Mosquitto, tmp_path: Path) -> Iterator[WebProcess]:
    people = tmp_path / "staff"
    assert add_staff(people, "alice", PASSWORD).returncode == 0
    w = WebProcess(broker.url, tmp_path / "web.log", extra=["--city-broker", broker.url, "--staff-file", str(people)])
    w.start(wait_state=False)
    yield w
    w.stop()


def csrf_of(html: str) -> str:
    m = re.search(r'name="csrf" value="([^"]+)"', html)
    assert m, html[:500]
    return m.group(1)


def test_staff_add_writes_a_private_file_of_salted_scrypt_hashes(tmp_path):
    people = tmp_path / "staff"
    assert add_staff(people, "alice", PASSWORD).returncode == 0
    assert add_staff(people, "bob", PASSWORD).returncode == 0
    assert stat.S_IMODE(people.stat().st_mode) == 0o600
    s = staff.load(people)
    assert s.users["alice"] != s.users["bob"]  # same password, own salt
    assert PASSWORD not in people.read_text()
    assert s.verify("alice", PASSWORD) and not s.verify("alice", "wrong one!") and not s.verify("carol", PASSWORD)
    assert add_staff(people, "carol", "short").returncode == 2  # refused, file unchanged
    assert "carol" not in staff.load(people).users
    people.chmod(0o644)
    with pytest.raises(staff.StaffError, match="chmod 600"):
        staff.load(people)


def test_city_needs_a_login_and_the_login_needs_its_csrf_token(gateway):
    with httpx.Client(base_url=gateway.url, timeout=10) as c:
        r = c.get("/city")
        assert r.status_code == 303 and r.headers["location"].startswith("/staff/login")
        assert c.get("/city.json").status_code == 401 and c.get("/city/events").status_code == 401
        assert c.get("/").status_code == 200  # the citizens' page knows nothing of it
        form = c.get("/staff/login")
        assert form.status_code == 200 and "工作人员登录" in form.text
        token = csrf_of(form.text)
        # without the token, or with the token but not this browser's nonce cookie: refused
        assert c.post("/staff/login", data={"name": "alice", "password": PASSWORD}).status_code == 400
        with httpx.Client(base_url=gateway.url, timeout=10) as other:
            assert other.post("/staff/login", data={"csrf": token, "name": "alice",
                                                    "password": PASSWORD}).status_code == 400
        wrong = c.post("/staff/login", data={"csrf": token, "name": "alice", "password": "not it at all"})
        assert wrong.status_code == 401 and "用户名或密码不正确" in wrong.text
        assert "hallq_staff" not in c.cookies
        ok = c.post("/staff/login", data={"csrf": token, "name": "alice", "password": PASSWORD})
        assert ok.status_code == 303 and ok.headers["location"].startswith("/city")
        cookie = ok.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        page = c.get("/city")
        assert page.status_code == 200 and "全市大厅现况" in page.text and "alice" in page.text
        assert c.get("/city.json").json() == {"connected": True, "halls": []}
        assert "Every hall now" in c.get("/city?lang=en").text
        # a forged or altered cookie is nobody
        forged = c.cookies["hallq_staff"][:-2] + "xx"
        assert httpx.get(f"{gateway.url}/city.json", cookies={"hallq_staff": forged}).status_code == 401
        # logout needs the session's token; then the page is closed again
        assert c.post("/staff/logout", data={"csrf": "0.bad"}).status_code == 400
        out = c.post("/staff/logout", data={"csrf": csrf_of(page.text)})
        assert out.status_code == 303 and "hallq_staff" not in c.cookies
        assert c.get("/city").status_code == 303


def test_a_new_password_or_a_removed_person_ends_the_session_without_a_restart(gateway, tmp_path):
    with httpx.Client(base_url=gateway.url, timeout=10) as c:
        token = csrf_of(c.get("/staff/login").text)
        assert c.post("/staff/login", data={"csrf": token, "name": "alice", "password": PASSWORD}).status_code == 303
        assert c.get("/city.json").status_code == 200
        assert add_staff(tmp_path / "staff", "alice", "another long password").returncode == 0
        assert c.get("/city.json").status_code == 401
        assert c.post("/staff/login", data={"csrf": token, "name": "alice",
                                            "password": "another long password"}).status_code == 303
        assert c.get("/city.json").status_code == 200
        r = subprocess.run([sys.executable, "-m", "hallq", "web", "staff", "remove", "alice", "--staff-file",
                            str(tmp_path / "staff")], capture_output=True, text=True, cwd=ROOT, timeout=30)
        assert r.returncode == 0, r.stderr
        assert c.get("/city.json").status_code == 401


def test_guessing_is_slowed_to_a_few_tries_a_minute(gateway):
    with httpx.Client(base_url=gateway.url, timeout=30) as c:
        token = csrf_of(c.get("/staff/login").text)
        codes = [c.post("/staff/login", data={"csrf": token, "name": "alice", "password": f"guess {i}"}).status_code
                 for i in range(7)]
        assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]
        # the right password too waits its turn: a guesser cannot tell
        assert c.post("/staff/login", data={"csrf": token, "name": "alice", "password": PASSWORD}).status_code == 429


def test_half_a_city_configuration_is_refused(broker, tmp_path):
    r = subprocess.run([sys.executable, "-m", "hallq", "web", "--broker", broker.url, "--city-broker", broker.url,
                        "--listen", "127.0.0.1:0"], capture_output=True, text=True, cwd=ROOT, timeout=30)
    assert r.returncode == 2 and "go together" in r.stderr
