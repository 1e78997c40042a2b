"""XML as unsubmit reads it: one parser, with entities, DTDs and the network refused.

Every part of a DOCX (templates, letterheads, rendered documents) and every mark or fragment the
code builds is parsed here, so that the settings that keep a hostile file harmless cannot drift
apart from one module to another. Large documents are allowed (``huge_tree``): what a template
may cost is bounded before it renders (:mod:`unsubmit.render.limits`), not by libxml2's limits.
"""

from __future__ import annotations

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


def parse(data: bytes | str) -> etree._Element:
    """The root element of ``data``; ``etree.XMLSyntaxError`` when it is not well-formed XML."""
    return etree.fromstring(data, _PARSER)
