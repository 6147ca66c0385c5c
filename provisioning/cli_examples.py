"""An example for every `hallq provision` command's --help (argparse epilogs), kept as data.

Each parser's `prog` ("hallq provision device add") finds its text; `attach` walks the whole
tree, so a new command without an example fails its test (tests/provisioning/test_help.py).
"""

from __future__ import annotations

import argparse

D = "/srv/hallq/mianyang-main"
EXAMPLES: dict[str, str] = {
    "hallq provision": f"""\
  hallq provision init --hall mianyang-main --dir {D} --host hall-broker.local
  hallq provision device add kiosk-01 --role kiosk --dir {D} --reload
  hallq provision tls status --dir {D}""",
    "hallq provision init": f"""\
  hallq provision init --hall mianyang-main --dir {D} --host hall-broker.local --name-zh 绵阳市民服务中心
  mosquitto -c {D}/mosquitto.conf
  hallq server --hall {D}/hall.toml --config {D}/bundles/server.json --pid-file {D}/server.pid""",
    "hallq provision catalog": f"""\
  hallq provision catalog import --dir {D} catalog.csv --reload""",
    "hallq provision catalog import": f"""\
  hallq provision catalog import --dir {D} catalog.csv --reload
    (prints the matters added, renamed, removed; the server loads the catalog at once)
  catalog.csv:
    kind,code,name_zh,name_en,group,letter,department,service_min
    group,comprehensive,综合受理,Comprehensive acceptance,,A,,8
    matter,resident-id-renew,居民身份证换领,Resident ID card renewal,comprehensive,,综合窗口,""",
    "hallq provision device": f"""\
  hallq provision device add kiosk-01 --role kiosk --dir {D} --reload""",
    "hallq provision device add": f"""\
  hallq provision device add kiosk-01 --role kiosk --dir {D} --reload
  hallq provision device add win-04 --role window --groups comprehensive,pickup --dir {D} --reload
  hallq provision device add eval-04 --role evaluator --window win-04 --dir {D} --reload
  then copy {D}/bundles/kiosk-01.json to the kiosk (it holds its password: keep it 0600)""",
    "hallq provision device remove": f"""\
  hallq provision device remove kiosk-01 --dir {D} --reload""",
    "hallq provision device rotate": f"""\
  hallq provision device rotate kiosk-01 --dir {D}
  copy the new {D}/bundles/kiosk-01.json to the kiosk, restart it, then:
  kill -HUP $(cat {D}/mosquitto.pid)""",
    "hallq provision closures": f"""\
  hallq provision closures add 2026-10-01 2026-10-02 --dir {D} --reload""",
    "hallq provision closures add": f"""\
  hallq provision closures add 2026-10-01 2026-10-02 --dir {D} --reload
    (bookings already made for those days are cancelled when the server reads the file)""",
    "hallq provision closures remove": f"""\
  hallq provision closures remove 2026-10-02 --dir {D} --reload""",
    "hallq provision closures list": f"""\
  hallq provision closures list --dir {D}""",
    "hallq provision tls": f"""\
  hallq provision tls status --dir {D}
  hallq provision tls renew --dir {D} --reload""",
    "hallq provision tls renew": f"""\
  hallq provision tls renew --dir {D} --reload
    (devices stay connected; the next connection gets the new certificate; bundles do not change)""",
    "hallq provision tls status": f"""\
  hallq provision tls status --dir {D}
    (exit 2 within 30 days of the end, or when the broker still offers an older certificate)""",
    "hallq provision appointment": """\
  hallq provision appointment issue --hall demo --matter hukou-transfer --slot 2026-12-01T09:30 --out code.png""",
    "hallq provision appointment issue": f"""\
  hallq provision appointment issue --hall demo --matter hukou-transfer --slot 2026-12-01T09:30 --out code.png
  hallq provision appointment issue --dir {D} --matter re-transfer --slot 2026-12-01T14:00""",
}


def parsers(p: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every sub-command's parser under it."""
    out = [p]
    for action in p._actions:  # argparse keeps sub-commands only here
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                out += parsers(child)
    return out


def attach(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
    for each in parsers(p):
        each.epilog = "example:\n" + EXAMPLES[each.prog]
        each.formatter_class = argparse.RawDescriptionHelpFormatter  # keep the example's lines as written
    return p
