"""Pure pieces: a new TOML file round-trips through tomllib, the ACL names each device's own topics."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provisioning import acl
from provisioning.bundle import BundleError, load_bundle
from provisioning.toml_edit import new_document

keys = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
scalars = st.one_of(st.text(), st.integers(-(2**63), 2**63 - 1), st.booleans(),
                    st.floats(allow_nan=False, allow_infinity=False), st.lists(st.text(), max_size=3))
tables = st.dictionaries(keys, scalars, max_size=4)


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(keys, st.one_of(tables, st.lists(tables, min_size=1, max_size=3)), max_size=4))
def test_toml_round_trip(doc: dict[str, Any]) -> None:
    assert tomllib.loads(new_document(doc, "a header\nof two lines")) == doc


def test_acl_sections_name_each_devices_own_topics() -> None:
    text = acl.render("h", {"kiosk-01": "kiosk", "display-main": "display", "server": "server"})
    sections = {blk.splitlines()[1]: blk.splitlines()[2:] for blk in text.split("\n\n")[2:]}
    assert sections["user kiosk-01"][0] == "topic write hall/h/req/kiosk-01"
    assert not [ln for ln in sections["user display-main"] if "write" in ln]
    assert "topic read hall/h/req/#" in sections["user server"]
    assert "pattern write hall/h/presence/%u" in text and "pattern read hall/h/res/%u" in text


def test_a_bad_bundle_is_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "b.json"
    for body, says in (("not json", "cannot read"), ("[]", "JSON object"), ('{"hall": "h"}', "device, role"),
                       ('{"hall":"h","device":"d","role":"boss","broker":"b","username":"u","password":"pw",'
                        '"ca_pem":""}', "role 'boss'")):
        f.write_text(body)
        with pytest.raises(BundleError, match=says) as exc:
            load_bundle(f)
        assert "pw" not in str(exc.value)
