"""The letterhead allow-list on single elements: fields, references, drawings' links."""

from __future__ import annotations

import pytest
from lxml import etree

from unsubmit.render.letterhead import field_allowed, relationship_removal, strip_active_content

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = (
    f'xmlns:w="{W}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:v="urn:schemas-microsoft-com:vml"'
)
OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@pytest.mark.parametrize(
    ("instruction", "allowed"),
    [
        (" PAGE ", True),
        ("NUMPAGES \\* Arabic", True),
        ("page", True),
        ('HYPERLINK "https://example.org/"', True),
        ('HYPERLINK "mailto:info@example.org"', True),
        ('HYPERLINK \\l "annex"', True),
        ('HYPERLINK "file:///C:/Users/"', False),
        ('HYPERLINK "\\\\\\\\server\\\\share"', False),
        ("DATE \\@ yyyy", False),
        ("DDEAUTO cmd", False),
        ('INCLUDETEXT "C:\\\\a.txt"', False),
        ("MERGEFIELD name", False),
        ("{{ x }}", False),
        ("", False),
    ],
)
def test_only_page_numbers_and_web_links_are_safe_fields(instruction: str, allowed: bool) -> None:
    assert field_allowed(instruction) is allowed


def _strip(body: str) -> tuple[str, list[str]]:
    root = etree.fromstring(f"<w:body {NS}>{body}</w:body>")
    removals = strip_active_content("word/document.xml", root, set(), set())
    text = "".join(root.itertext())
    return text, [removal.what for removal in removals]


def _field(instruction: str, shown: str) -> str:
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f"<w:r><w:instrText>{instruction}</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{shown}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def test_a_field_across_paragraphs_goes_with_its_result_and_the_text_around_stays() -> None:
    body = (
        "<w:p><w:r><w:t>before </w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText>INCLUDETEXT a.txt</w:instrText></w:r>"
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>secret one</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>secret two</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>secret three</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t> after</w:t></w:r></w:p>'
    )
    text, removed = _strip(body)
    assert text == "before  after"
    assert removed == ["a field INCLUDETEXT ('INCLUDETEXT a.txt')"]


def test_a_page_number_stays_inside_a_removed_field_s_neighbours() -> None:
    text, removed = _strip(
        "<w:p>"
        + _field("PAGE", "1")
        + _field("DDEAUTO cmd", "x")
        + _field("NUMPAGES", "2")
        + '<w:fldSimple w:instr="INCLUDEPICTURE x"><w:r><w:t>pic</w:t></w:r></w:fldSimple></w:p>'
    )
    assert text == "PAGE1NUMPAGES2"
    assert removed == [
        "a field INCLUDEPICTURE ('INCLUDEPICTURE x')",
        "a field DDEAUTO ('DDEAUTO cmd')",
    ]


def test_a_field_never_closed_runs_to_the_end_of_the_part() -> None:
    text, removed = _strip(
        '<w:p><w:r><w:t>kept</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText>DDE x</w:instrText></w:r><w:r><w:t>gone</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>gone too</w:t></w:r></w:p>"
    )
    assert text == "kept"
    assert removed == ["a field DDE ('DDE x')"]


def test_references_to_removed_or_missing_relationships_take_their_holder() -> None:
    body = (
        '<w:p><w:hyperlink r:id="rIdFile"><w:r><w:t>text stays</w:t></w:r></w:hyperlink>'
        '<w:r><w:pict><v:shape><v:imagedata r:id="rIdGone"/></v:shape></w:pict></w:r>'
        '<w:r><w:pict><v:shape href="file:///C:/x"><v:imagedata r:id="rIdKept"/></v:shape>'
        "</w:pict></w:r></w:p>"
    )
    root = etree.fromstring(f"<w:body {NS}>{body}</w:body>")
    removals = strip_active_content("part", root, {"rIdKept"}, {"rIdKept", "rIdFile"})
    assert [r.what for r in removals] == [
        "a drawing referring to relationship 'rIdGone', which does not exist",
        "a drawing's link to 'file:///C:/x'",
    ]
    assert "".join(root.itertext()) == "text stays"
    assert len(root.findall(f".//{{{W}}}pict")) == 1


def test_relationships_by_allow_list() -> None:
    png = ("image/png", b"\x89PNG\r\n\x1a\nrest")
    assert relationship_removal(OD + "image", "media/a.png", False, png) is None
    assert relationship_removal(OD + "hyperlink", "https://example.org", True, None) is None
    assert relationship_removal(OD + "image", "media/a.png", False, ("image/png", b"<svg"))
    assert relationship_removal(OD + "image", "a.svg", False, ("image/svg+xml", b"<svg"))
    assert relationship_removal(OD + "image", "http://x/a.png", True, None)
    assert relationship_removal(OD + "hyperlink", "file:///C:/", True, None)
    assert relationship_removal(OD + "header", "header1.xml", False, ("text/html", b""))
    assert relationship_removal(OD + "somethingNew", "x.xml", False, None)
