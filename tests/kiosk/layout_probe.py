"""Shows every picture the kiosk can show in the real Kivy root widget and measures each label.

Usage: python -m tests.kiosk.layout_probe OUT.json SHOTS_DIR WxH
For each KioskView (every error, notice, result and flow screen, in zh and en, normal and large
print) it waits for a laid-out frame, then for every visible label asks Kivy how much room its
whole text needs at its font size and wrapping width, and which words it really drew. OUT gets
the texts seen and every label whose text needs more room than its box or was drawn short.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from kiosk.model import Citizen, IssuedTicket, KioskView

SPACE = re.compile(r"\s+")
SIZES = {"-N": (False,), "-L": (True,)}  # pages built for one text size (the page size differs)


def views() -> list[tuple[str, KioskView]]:
    from hallcore.hallfile import load_hall
    from kiosk import texts
    from kiosk.hall_catalog import catalog_of

    cat = catalog_of(load_hall("demo"))
    base = KioskView(hall_name=cat.hall_name, out_of_service=None, groups=cat.groups, printer="ok")
    citizen = Citizen("张*明", "k" * 64, 70).name_masked
    longest = max(cat.matters, key=lambda m: len(m.name.en))
    ticket = IssuedTicket("t1", "A023", longest.code, "elderly", 1, 300)
    out: list[tuple[str, KioskView]] = [("welcome", base)]
    out.append(("groups", replace(base, screen="groups", citizen=citizen)))
    for large, page in ((False, 12), (True, 8)):  # the controller's page sizes (settings.page_size)
        for g in cat.groups:
            items = cat.in_group(g.code)
            pages = max(1, -(-len(items) // page))
            for p in range(pages):
                out.append((f"matters-{g.code}-{p}{'-L' if large else '-N'}",
                            replace(base, screen="matters", group=g, items=items[p * page:(p + 1) * page],
                                    page=p, pages=pages, large=large)))
    out.append(("search-empty", replace(base, screen="search")))
    out.append(("search-none", replace(base, screen="search", query="zzz")))
    out.append(("search-pinyin", replace(base, screen="search", query="gong", items=cat.matters[:3],
                                         candidates=tuple("公工共功宫供攻躬弓巩"))))
    longest_first = tuple(sorted(cat.matters, key=lambda m: -len(m.name.en)))
    out.append(("search-some-N", replace(base, screen="search", query="b", items=longest_first[:12], pages=3)))
    out.append(("search-some-L", replace(base, screen="search", query="b", items=longest_first[:8], pages=3,
                                         large=True)))
    out.append(("priority", replace(base, screen="priority", matter=longest)))
    for p in ("elderly", "disabled", "pregnant"):
        out.append((f"confirm-{p}", replace(base, screen="confirm", matter=longest, priority=p, citizen=citizen)))
    out.append(("confirm-appointment", replace(base, screen="confirm", matter=longest, priority="appointment",
                                               appointment=True)))
    for s in ("checking", "issuing", "printing"):
        out.append((s, replace(base, screen=s, matter=longest, ticket=ticket if s == "printing" else None)))
    for n, wait in ((0, 0), (0, 120), (1, 60), (12, 3600)):
        t = replace(ticket, ahead=n, est_wait_s=wait)
        out.append((f"ticket-{n}-{wait}", replace(base, screen="ticket", ticket=t)))
        out.append((f"print_failed-{n}-{wait}", replace(base, screen="print_failed", ticket=t)))
    nobody = replace(ticket, ahead=3, est_wait_s=0, no_window=True)  # no open window serves the group
    out.append(("ticket-no-window", replace(base, screen="ticket", ticket=nobody)))
    for code in ("reprint_paper_out", "reprint_offline"):
        out.append((f"print_failed-{code}", replace(base, screen="print_failed", ticket=ticket, error=code)))
    for code in (*texts.ERRORS, None):
        out.append((f"error-{code}", replace(base, screen="error", error=code)))
    for reason in texts.OUT_OF_SERVICE:
        out.append((f"notice-{reason}", replace(base, screen="groups", out_of_service=reason)))
    return [(f"{name[:-2] if name[-2:] in SIZES else name}-{lang}{'-large' if large else ''}",
             replace(v, lang=lang, large=large))
            for name, v in out for lang in ("zh", "en") for large in SIZES.get(name[-2:], (False, True))]


def _drawn(label: Any) -> str:
    """The words Kivy really laid out in the label's texture (lines that did not fit are absent)."""
    core = label._label
    if core is None or not getattr(core, "_cached_lines", None):
        return ""
    return "".join(w.text for line in core._cached_lines for w in line.words)


def _needs(label: Any) -> tuple[float, float]:
    """Room the whole text needs at this font size, wrapped at the label's wrapping width."""
    from kivy.core.text import Label as CoreLabel

    width = label.text_size[0] if label.text_size and label.text_size[0] else None
    core = CoreLabel(text=label.text, font_size=label.font_size, font_name=label.font_name, bold=label.bold,
                     halign=label.halign, text_size=(width, None), padding=label.padding,
                     line_height=label.line_height)
    core.refresh()
    return core.content_width, core.content_height


def _split_words(label: Any) -> list[str]:
    """Latin words of the text that no drawn line holds whole (Kivy broke them: "Norm" / "al")."""
    core = label._label
    lines = ["".join(w.text for w in line.words) for line in (getattr(core, "_cached_lines", None) or [])]
    return [t for t in label.text.split() if t.isascii() and not any(t in line for line in lines)]


def measure(root: Any) -> tuple[list[str], list[dict[str, Any]], list[float]]:
    from kivy.uix.label import Label

    seen, bad, shrunk = [], [], []
    for w in root.walk(restrict=False):
        if not isinstance(w, Label) or not w.text.strip() or w.get_root_window() is None or w.opacity == 0:
            continue
        w.texture_update()
        seen.append(w.text)
        need_w, need_h = _needs(w)
        drawn = SPACE.sub("", _drawn(w))
        whole = SPACE.sub("", w.text)
        problem = []
        if need_h > w.height + 1:
            problem.append(f"needs height {need_h:.0f} > {w.height:.0f}")
        if need_w > w.width + 1:
            problem.append(f"needs width {need_w:.0f} > {w.width:.0f}")
        if drawn != whole:
            problem.append(f"drawn {drawn!r}")
        split = _split_words(w)
        if split:
            problem.append(f"words broken over lines: {split}")
        want = float(getattr(w, "want_size", 0) or w.font_size)
        if problem:
            bad.append({"text": w.text, "problem": problem, "font_size": round(float(w.font_size), 1)})
        shrunk.append(round(float(w.font_size) / want, 2))
    return seen, bad, shrunk


def main() -> int:
    out, shots = Path(sys.argv[1]), Path(sys.argv[2])
    size = tuple(int(x) for x in sys.argv[3].split("x"))
    from hallui.kivy_env import configure

    configure("hallq-kiosk-probe", (size[0], size[1]))
    from kivy.app import App
    from kivy.clock import Clock

    from hallui.fonts import register_kivy_font
    from kiosk.ui.root import KioskRoot, load_kv

    shots.mkdir(parents=True, exist_ok=True)
    todo = views()
    report: dict[str, Any] = {"views": {}}

    class Ctrl:  # the buttons' callbacks are never called here
        def __getattr__(self, name: str) -> Any:
            return lambda *_a, **_k: None

    class Probe(App):
        ctrl = Ctrl()

        def build(self) -> Any:
            register_kivy_font()
            load_kv()
            self.root_w = KioskRoot()
            Clock.schedule_once(lambda _dt: self.step(0), 0.5)
            return self.root_w

        def step(self, i: int) -> None:
            if i >= len(todo):
                out.write_text(json.dumps(report, ensure_ascii=False, indent=1))
                self.stop()
                return
            name, view = todo[i]
            self.root_w.show(view)
            Clock.schedule_once(lambda _dt: self.check(i, name), 0.12)

        def check(self, i: int, name: str) -> None:
            seen, bad, shrunk = measure(self.root_w)
            report["views"][name] = {"seen": seen, "bad": bad, "shrunk": shrunk}
            self.root_w.export_to_png(str(shots / f"{name}.png"))
            Clock.schedule_once(lambda _dt: self.step(i + 1), 0)

    Probe().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
