"""The one XML parser: a hostile part's entities and DTDs are never resolved or fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from unsubmit.safexml import parse


def test_an_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", "utf-8")
    xml = f'<!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]><d>&x;</d>'
    assert b"TOP SECRET" not in etree.tostring(parse(xml))


def test_an_internal_entity_is_not_expanded() -> None:
    xml = '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><d>&b;</d>'
    assert b"aaaa" not in etree.tostring(parse(xml))


def test_malformed_xml_raises_the_syntax_error_callers_wrap() -> None:
    with pytest.raises(etree.XMLSyntaxError):
        parse(b"<w:document")
