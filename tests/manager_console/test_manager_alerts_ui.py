"""state/alerts at the top of the manager's console (Xvfb): shown when raised, gone when cleared."""

from __future__ import annotations

import json
import shutil
import time

import pytest

from hallbus.mqtt import BrokerSpec, Connection
from hallbus.topics import Topics
from hallcore.cert_expiry import DAY_S, cert_alert
from hallcore.clock import LocalTime
from tests.display.screens import ScreenApp, keep, not_blank, share
from tests.support.xvfb import Xvfb

pytestmark = [pytest.mark.ui, pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is missing")]
ALARM_RED = (198, 40, 40)  # "告警 Alarm" in texts.ALERT_LEVEL


def test_an_alert_shows_at_the_top_and_goes_when_cleared(server, broker, tmp_path):
    xvfb = Xvfb((1280, 720)).start()
    app = ScreenApp("manager", ["--device", "mgr-01", "--broker", broker.url, "--size", "1280x720"],
                    tmp_path / "shots", xvfb.env(), tmp_path / "mgr.log")
    # what the server publishes for a broker certificate with 3 days left (queue_server/cert_watch.py)
    alert = cert_alert(time.time() + 3 * DAY_S, time.time(), LocalTime("Asia/Shanghai"))
    pub = Connection(BrokerSpec.from_url(broker.url), "alerts-test")
    pub.start(wait=10)
    topic = Topics("demo").state_alerts
    try:
        # the server may raise alerts of its own (a device whose retained presence is offline); it
        # republishes state/alerts only when its list changes, so what the test publishes stays
        app.wait_shot(lambda m: m["online"])
        pub.publish(topic, json.dumps({"alerts": [alert]}, ensure_ascii=False).encode(), retain=True)
        png, _ = app.wait_shot(lambda m: m["alerts"] == ["cert_expiring"])
        keep(png, "manager_console", "alert.png")
        img = not_blank(png)
        assert share(img, ALARM_RED, (0, 0, 0.3, 0.12), tol=40) > 0.001  # the red mark, in the top strip
        pub.publish(topic, b'{"alerts": []}', retain=True)
        png, meta = app.wait_shot(lambda m: "cert_expiring" not in m["alerts"])
        if not meta["alerts"]:  # nothing else raised meanwhile: the strip is gone
            assert share(not_blank(png), ALARM_RED, (0, 0, 0.3, 0.12), tol=40) == 0
    finally:
        pub.stop()
        app.stop()
        xvfb.stop()
