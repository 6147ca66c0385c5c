"""Past a daily cap the kiosk says plainly, in the server's whole words, which tickets are over and when."""

from __future__ import annotations

from collections.abc import Callable

from tests.kiosk.conftest import Kiosk
from tests.kiosk.test_controller_bus import _choose
from tests.server.rules_support import rules_server
from tests.support.broker import Mosquitto


def test_kiosk_shows_the_tickets_closed_message(tmp_path, kiosk_factory: Callable[..., Kiosk]) -> None:
    b = Mosquitto(tmp_path).start()
    try:
        with rules_server(b.url, tmp_path, 'opens = "08:30"\n[[rules.caps]]\nmatter = "hukou-transfer"\ndaily = 1'):
            k = kiosk_factory(b.url, "kiosk-05")
            _choose(k)
            k.ctrl.confirm()
            k.pump.until(lambda: k.ctrl.screen == "ticket")
            k.ctrl.home()
            _choose(k)
            k.ctrl.confirm()
            k.pump.until(lambda: k.ctrl.screen == "error")
            v = k.ctrl.view
            assert v.error == "tickets_closed"
            assert v.error_detail is not None and v.error_detail.startswith("「户口迁移登记」今日 1 个号已取完，请明天 08:30 起")
    finally:
        b.stop()
