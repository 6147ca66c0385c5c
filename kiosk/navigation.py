"""The citizen's taps and what they lead to: welcome, groups, matters, search, priority, confirm."""

from __future__ import annotations

import logging
from typing import Any

from hallbus.errors import APPOINTMENT_INVALID, UNAVAILABLE, UNKNOWN_OP
from kiosk.appointment_code import parse_appointment
from kiosk.model import PRIORITIES, Citizen
from kiosk.search import TRAILING_PINYIN
from kiosk.state import KioskState
from kiosk.ticket_code import parse_ticket_code

log = logging.getLogger(__name__)
FLOW = ("welcome", "groups", "matters", "search", "priority", "confirm")
KEYS = "abcdefghijklmnopqrstuvwxyz0123456789 "
CARD_ERRORS = ("card_expired", "card_invalid", "card_read_failed")


class NavigationMixin(KioskState):
    # -- anywhere ------------------------------------------------------------
    def toggle_lang(self) -> None:
        self._touched()
        self.lang = "en" if self.lang == "zh" else "zh"
        self._render()

    def toggle_large(self) -> None:
        self._touched()
        self.large = not self.large
        self._render()

    def home(self) -> None:
        if self.screen in ("issuing", "printing"):
            return  # the ticket is on its way; the result screen times out by itself
        self._reset()
        self.lang, self.large = self.settings.lang, self.settings.large
        self._go("welcome")
        self._render()

    def back(self) -> None:
        self._touched()
        if self.blocked or self.screen not in FLOW:
            return
        if self.screen == "confirm" and self.appointment is not None:
            self.home()
            return
        target = {"groups": "welcome", "matters": "groups", "search": "groups",
                  "priority": self.came_from, "confirm": "priority"}.get(self.screen)
        if target == "welcome":
            self.home()
        elif target is not None:
            self._go(target)
            self._render()

    # -- the flow ------------------------------------------------------------
    def touch(self) -> None:
        """A tap on the welcome screen."""
        self._touched()
        if self.screen == "welcome" and not self.blocked:
            self._go("groups")
            self._render()

    def choose_group(self, code: str) -> None:
        self._touched()
        if self.blocked or self.screen != "groups" or self.catalog.group(code) is None:
            return
        self.group, self.page = code, 0
        self._go("matters")
        self._render()

    def open_search(self) -> None:
        self._touched()
        if self.blocked or self.screen not in ("groups", "matters"):
            return
        self.query, self.results, self.page = "", [], 0
        self._go("search")
        self._render()

    def set_query(self, text: str) -> None:
        self._touched()
        if self.screen != "search":
            return
        self.query = text[:40]
        self.results = self.index.search(self.query)
        self.page = 0
        self._render()

    def press_key(self, key: str) -> None:
        """On-screen keyboard: a letter, a digit, space, 'backspace' or 'clear'."""
        if key == "backspace":
            self.set_query(self.query[:-1])
        elif key == "clear":
            self.set_query("")
        elif len(key) == 1 and key.lower() in KEYS:
            self.set_query(self.query + key.lower())

    def type_text(self, text: str) -> None:
        """A hardware keyboard (or its input method): letters, digits, Chinese. Typing on the
        groups or matters screen opens the search with what was typed."""
        kept = "".join(ch for ch in text if ch.isalnum() or ch == " ")
        if not kept or self.blocked:
            return
        if self.screen in ("groups", "matters"):
            self.open_search()
        if self.screen == "search":
            self.set_query(self.query + kept.lower())

    def choose_candidate(self, ch: str) -> None:
        """A character from the candidate bar replaces the pinyin it was offered for."""
        if self.screen == "search" and ch in self.view.candidates:
            self.set_query(TRAILING_PINYIN.sub("", self.query) + ch)

    def next_page(self) -> None:
        self._turn(1)

    def prev_page(self) -> None:
        self._turn(-1)

    def _turn(self, step: int) -> None:
        self._touched()
        if self.screen in ("matters", "search") and 0 <= self.page + step < self.view.pages:
            self.page += step
            self._render()

    def choose_matter(self, code: str) -> None:
        self._touched()
        m = self.catalog.by_code.get(code)
        if self.blocked or self.screen not in ("matters", "search") or m is None:
            return
        self.matter, self.came_from, self.appointment = m, self.screen, None
        if self.priority == "none" and self._elderly_by_id():
            self.priority = "elderly"
            self._go("confirm")
        else:
            self._go("priority")
        self._render()

    def choose_priority(self, priority: str) -> None:
        self._touched()
        if self.blocked or self.screen != "priority" or priority not in PRIORITIES:
            return
        self.priority = priority
        self._go("confirm")
        self._render()

    def _elderly_by_id(self) -> bool:
        age = self.citizen.age if self.citizen else None
        limit = self.settings.elderly_age
        return limit is not None and age is not None and age >= limit

    # -- devices ---------------------------------------------------------------
    def scan(self, text: str) -> None:
        """A code from the QR scanner or camera: an appointment goes straight to its matter."""
        self._touched()
        if self.blocked or self.screen not in FLOW:
            log.info("scan ignored on %s", self.screen)
            return
        code = parse_ticket_code(text, self.catalog.hall_id)
        if code is not None:  # a slip or a phone page: its status here, and a remote ticket checks in
            self.look_up(code)
            return
        a = parse_appointment(text)
        matter = self.catalog.by_code.get(a.matter) if a is not None else None
        if a is None or matter is None:
            log.info("scanned code is not an appointment of this hall's catalog")
            self._fail(APPOINTMENT_INVALID)
            return
        self.matter, self.appointment, self.priority = matter, a.code, "appointment"
        rid = self._check_rid = self.new_id()
        self._go("checking")  # the server checks the signature, slot and use now, not after the tap
        self._render()
        self.bus.request_async("appointment.check", {"appointment": a.code},
                               self.post(lambda resp: self._checked(rid, resp)), self.settings.request_timeout_s,
                               request_id=rid)

    def _checked(self, rid: str, resp: Any) -> None:
        if rid != self._check_rid or self.screen != "checking":
            return  # the citizen left, or scanned again
        code = None if resp.ok else resp.error_code or "other"
        if code in (None, UNKNOWN_OP, UNAVAILABLE):
            # valid, or a server without the check, or no answer: ticket.issue checks the code again
            self._go("confirm")
            self._render()
        else:
            log.info("scanned appointment refused: %s", code)
            self._fail(code)

    def card_problem(self, reason: str) -> None:
        """The ID card reader could not give an identity: say why (the card's reason, never
        its data); "read_failed" asks to put the card back, the others send to a window."""
        self._touched()
        if self.blocked or self.screen not in FLOW:
            return
        log.info("ID card refused: %s", reason)
        self._fail(f"card_{reason}" if f"card_{reason}" in CARD_ERRORS else "card_invalid")

    def identity(self, citizen: Citizen) -> None:
        """An ID card was read: the masked name and the salted key, never the number."""
        self._touched()
        if self.blocked or self.screen not in FLOW:
            return
        self.citizen = citizen
        if self.screen == "welcome":
            self._go("groups")
        elif self.screen == "priority" and self._elderly_by_id():
            self.priority = "elderly"
            self._go("confirm")
        self._render()
