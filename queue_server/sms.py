"""The SMS gateway adapter: one HTTP JSON API call per text (standard library only).

    POST <sms_url>   Authorization: Bearer <sms_key>
    {"id": "<message id>", "to": "<mobile>", "text": "<whole message>"}   -> 2xx

`id` is the idempotency key: a gateway (and our twin, `hallq sms-twin`) delivers a resent id
once. Every failure becomes `SmsError`; the number is never in its message or a log line.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request


class SmsError(Exception):
    """The gateway did not take the message; try again later."""


class HttpSms:
    def __init__(self, url: str, key: str, timeout_s: float = 5.0) -> None:
        self.url, self.key, self.timeout_s = url, key, timeout_s

    def send(self, message_id: str, to: str, text: str) -> None:
        body = json.dumps({"id": message_id, "to": to, "text": text}, ensure_ascii=False).encode()
        req = urllib.request.Request(self.url, body, method="POST", headers={
            "content-type": "application/json; charset=utf-8", "authorization": f"Bearer {self.key}"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout_s) as resp:
                if not 200 <= resp.status < 300:
                    raise SmsError(f"gateway answered {resp.status} for {message_id}")
        except urllib.error.HTTPError as exc:
            raise SmsError(f"gateway answered {exc.code} for {message_id}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise SmsError(f"gateway unreachable for {message_id}: {exc.__class__.__name__}") from None
