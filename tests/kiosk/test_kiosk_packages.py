"""The kiosk's "one thing" packages over the real broker and server: one ticket, one checklist."""

from __future__ import annotations

from collections.abc import Callable

from tests.kiosk.conftest import Hall, Kiosk

Make = Callable[..., Kiosk]


def test_a_package_is_one_ticket_with_one_checklist(hall: Hall, kiosk_factory: Make) -> None:
    k = kiosk_factory(hall.broker.url, "kiosk-01")
    c = k.ctrl
    k.pump.until(lambda: any(g.code == "packages" for g in c.catalog.groups))
    assert c.catalog.groups[0].code == "packages"  # a life event first, before the list of matters
    c.touch()
    c.choose_group("packages")
    assert {m.code for m in c.view.items} >= {"newborn", "open-restaurant", "home-transfer", "retire", "death"}
    c.choose_matter("newborn")
    if c.screen == "priority":
        c.choose_priority("none")
    assert c.screen == "confirm"
    c.confirm()
    k.pump.until(lambda: c.screen == "ticket")
    t = c.view.ticket
    assert t is not None and t.matter == "birth-medical-cert" and t.number.startswith("A")
    zh = [m.zh for m in t.materials]
    assert "居民身份证（原件）" in zh and len(zh) == len(set(zh))
    from kiosk.texts import materials_text
    assert materials_text(t.materials, "zh").startswith("请备齐：医院出具的分娩记录、父母结婚证（原件）、")
    assert "Resident ID card (original)" in materials_text(t.materials, "en")
