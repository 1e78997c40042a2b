"""``unsubmit build --email``: an RFC 5322 message per communication, read back by the stdlib."""

from __future__ import annotations

import email.policy
import re
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, SAMPLES, run, sample_data
from unsubmit.models import Communication
from unsubmit.pipeline import BuildOptions, build
from unsubmit.render.context import clean
from unsubmit.render.mail import one_line
from unsubmit.un.addresses import OHCHR_ADDRESS, check_address

KALESNIKAVA = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"
KLIMOVICH = REPO / "samples" / "klimovich-allegation-letter.yaml"
STEM = "2023-06-01_communication_kalesnikava-urgent-appeal_en"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _parse(path: Path) -> EmailMessage:
    message = BytesParser(policy=email.policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage)
    return message


def _attachments(message: EmailMessage) -> dict[str, tuple[str, bytes]]:
    found = {}
    for part in message.iter_attachments():
        assert isinstance(part, EmailMessage)
        content = part.get_content()
        assert isinstance(content, bytes)
        found[str(part.get_filename())] = (part.get_content_type(), content)
    return found


def test_an_urgent_appeal_becomes_a_message_to_the_ohchr(tmp_path: Path) -> None:
    result = run(["build", "--email", "-o", str(tmp_path), str(KALESNIKAVA)])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / STEM}.eml" in result.output
    message = _parse(tmp_path / f"{STEM}.eml")
    assert message["To"] == "urgent-action@ohchr.org"
    assert message["From"] == "Example Human Rights Group <advocacy@example.org>"
    assert message["Reply-To"] == "Head of advocacy <advocacy@example.org>"
    assert message["Subject"] == (
        "URGENT APPEAL – Belarus – SR-BELARUS, WGAD, SR-TORTURE, SR-HEALTH, SR-DEFENDERS – "
        "Incommunicado detention of Maria Kalesnikava"
    )
    assert parsedate_to_datetime(message["Date"]).date().isoformat() == "2023-06-01"
    assert message["Message-ID"].endswith("@example.org>")
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert "Please find attached an urgent appeal concerning Belarus: Incommunicado " in text
    assert "- Working Group on Arbitrary Detention\n" in text
    assert "We ask the mandate holders to act without delay." in text
    assert text.endswith("Head of advocacy\nadvocacy@example.org\n+370 5 000 0000\n")
    docx = (tmp_path / f"{STEM}.docx").read_bytes()
    assert _attachments(message) == {f"{STEM}.docx": (DOCX, docx)}


def test_an_allegation_letter_is_not_marked_urgent_and_send_to_overrides_the_address(
    tmp_path: Path,
) -> None:
    case = tmp_path / "klimovich.yaml"
    case.write_text(KLIMOVICH.read_text(encoding="utf-8") + "send_to: cases@example.net\n", "utf-8")
    result = run(["build", "--email", "-o", str(tmp_path / "out"), str(case)])
    assert result.exit_code == 0, result.output
    (eml,) = (tmp_path / "out").glob("*.eml")
    message = _parse(eml)
    assert message["To"] == "cases@example.net"
    assert message["Subject"].startswith("Allegation letter – Belarus – SR-BELARUS")
    assert "URGENT" not in message.as_string()


def _blank_pdf(docx: bytes) -> bytes:
    """A real PDF (every PDF a build writes is inspected), standing for a conversion."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_the_pdf_is_attached_when_it_is_built(tmp_path: Path) -> None:
    outcome = build(
        [KALESNIKAVA],
        BuildOptions(tmp_path, formats=("docx", "pdf"), email=True),
        convert=_blank_pdf,
    )
    assert [o.path.suffix for o in outcome.outputs] == [".docx", ".pdf", ".eml"]
    message = _parse(tmp_path / f"{STEM}.eml")
    assert _attachments(message) == {
        f"{STEM}.docx": (DOCX, (tmp_path / f"{STEM}.docx").read_bytes()),
        f"{STEM}.pdf": ("application/pdf", (tmp_path / f"{STEM}.pdf").read_bytes()),
    }


def test_two_builds_write_byte_identical_messages(tmp_path: Path) -> None:
    for out in ("one", "two"):
        result = run(["build", "--email", "-o", str(tmp_path / out), str(KALESNIKAVA)])
        assert result.exit_code == 0, result.output
    one, two = ((tmp_path / out / f"{STEM}.eml").read_bytes() for out in ("one", "two"))
    assert one == two
    assert b"\r\n" in one  # RFC 5322 lines end in CRLF


def test_statements_get_no_email_and_a_note_says_why(tmp_path: Path) -> None:
    result = run(["build", "--email", "-o", str(tmp_path), *map(str, SAMPLES)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.eml")) == [
        "2023-05-15_communication_bialiatski-wgad-petition_en.eml",
        "2023-05-15_communication_klimovich-allegation-letter_en.eml",
        f"{STEM}.eml",
        "2023-06-15_communication_article-368-other-letter_en.eml",
    ]
    assert len(list(tmp_path.glob("*.docx"))) == len(SAMPLES)
    assert "hrc53-judges-lawyers-oral-statement.yaml: no email for an oral statement" in (
        result.output
    )


def test_email_with_public_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["build", "--email", "--public", "-o", str(tmp_path / "out"), str(KALESNIKAVA)])
    assert result.exit_code == 2
    assert "--email sends the confidential communication to the UN" in result.output
    assert not (tmp_path / "out").exists()


def test_an_existing_message_with_other_content_stops_the_whole_build(tmp_path: Path) -> None:
    (tmp_path / f"{STEM}.eml").write_bytes(b"a draft of mine")
    result = run(["build", "--email", "-o", str(tmp_path), str(KALESNIKAVA)])
    assert result.exit_code == 1
    assert "this file is in the way: not written by unsubmit" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{STEM}.eml"]


def test_a_subject_in_another_language_reads_back_exactly(tmp_path: Path) -> None:
    """A long subject mixing accented and plain words comes back as it was written."""
    args = ["build", "--email", "-l", "fr", "--allow-untranslated", "-o", str(tmp_path)]
    result = run([*args, str(KLIMOVICH)])
    assert result.exit_code == 0, result.output
    [path] = tmp_path.glob("*_fr.eml")
    subject = _parse(path)["Subject"]
    assert subject.startswith("Lettre d'allégation – ")
    assert "  " not in subject
    assert subject.endswith(", SR-DISABILITIES – Death in custody of Mikalai Klimovich")


# --- Headers and addresses done by the book -----------------------------------------------------

#: What every draft carries at its top, and nothing else.
HEADERS = {
    "From",
    "Reply-To",
    "To",
    "Subject",
    "Date",
    "Content-Language",
    "Message-ID",
    "MIME-Version",
    "Content-Type",
}
#: RFC 2047 encoded words that decode to line breaks followed by headers of their own: Python
#: releases without the fix for CVE-2024-6923 (3.11.7 among them) wrote them out as headers.
INJECTION = (
    "=?utf-8?q?Hello=0D=0ABcc=3A_spy=40evil=2Eexample=0D=0AX-Injected=3A_yes?= "
    "=?utf-8?b?DQpCY2M6IHNweUBldmlsLmV4YW1wbGUNClgtSW5qZWN0ZWQ6IHllcw==?="
)


def _case(tmp_path: Path, **changes: Any) -> Path:
    """The Kalesnikava sample with top-level fields (or ``submitter``, ``contact_name``,
    ``email``) changed, written as YAML."""
    data = sample_data("kalesnikava-urgent-appeal")
    submitter = data["submitters"][0]
    for key, value in changes.items():
        if key == "submitter":
            submitter["name"] = value
        elif key == "contact_name":
            submitter["contact"]["name"] = value
        elif key == "email":
            submitter["contact"]["email"] = value
        else:
            data[key] = value
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _headers_of(message: EmailMessage) -> set[str]:
    return set(message.keys())


@pytest.mark.parametrize("field", ["title", "submitter", "contact_name"])
def test_an_encoded_word_in_case_text_adds_no_header(tmp_path: Path, field: str) -> None:
    path = _case(tmp_path, **{field: f"Case {INJECTION}"})
    result = run(["build", "--email", "-o", str(tmp_path / "out"), str(path)])
    assert result.exit_code == 0, result.output
    (eml,) = (tmp_path / "out").glob("*.eml")
    raw = eml.read_bytes()
    assert b"\nBcc" not in raw and b"\nX-Injected" not in raw
    message = _parse(eml)
    assert _headers_of(message) == HEADERS
    assert message["Bcc"] is None and message["X-Injected"] is None
    # The text shows as it was written, encoded words and all (Python's reader adds a space
    # between two encoded words of a display name, where RFC 2047 says to drop it).
    shown = {
        "title": message["Subject"],
        "submitter": message["From"].addresses[0].display_name,
        "contact_name": message["Reply-To"].addresses[0].display_name,
    }[field]
    assert shown.replace(" ", "").endswith(f"Case {INJECTION}".replace(" ", ""))


@pytest.mark.parametrize(
    "title",
    [
        "Detention\nof Maria Kalesnikava\n",
        "Detention\r\nBcc: spy@evil.example",
        "Detention\x85of\u2028Maria\u2029Kalesnikava",
    ],
)
def test_a_title_on_several_lines_is_a_subject_on_one(tmp_path: Path, title: str) -> None:
    result = run(
        ["build", "--email", "-o", str(tmp_path / "out"), str(_case(tmp_path, title=title))]
    )
    if result.exit_code != 0:  # a character the case file may not hold: a finding at its place
        assert "case.yaml:" in result.output and "$.title" in result.output, result.output
        return
    (eml,) = (tmp_path / "out").glob("*.eml")
    message = _parse(eml)
    assert _headers_of(message) == HEADERS
    expected = " ".join(title.replace("\x85", " ").replace("\u2028", " ").split())
    assert message["Subject"].endswith(f" – {expected}")


def test_the_draft_says_where_it_goes(tmp_path: Path) -> None:
    result = run(["build", "--email", "-o", str(tmp_path), str(KALESNIKAVA)])
    assert result.exit_code == 0, result.output
    assert f"wrote {tmp_path / STEM}.eml (to urgent-action@ohchr.org)" in result.output


@pytest.mark.parametrize(
    ("send_to", "said"),
    [
        ("urgent-action@ohchr.org.evil.example", None),
        ("urgent-action@ohchr.оrg", "'оrg' mixes CYRILLIC and LATIN letters"),
        ("urgent-action@оhchr.org", "'оhchr' mixes CYRILLIC and LATIN letters"),
        ("OHCHR:spy@evil.example;", "invalid characters before the @-sign: ':'"),
        ("urgent-action@ohchr.org,spy@evil.example", "is not in the expected form"),  # schema
        ("a,b@ohchr.org", "invalid characters before the @-sign: ','"),
        ('"OHCHR"spy@evil.example', "is not one valid e-mail address"),
        ("urgent-action@ohchr.org>", "invalid characters: '>'"),
    ],
)
def test_a_recipient_that_is_not_one_plain_address_stops_the_build(
    tmp_path: Path, send_to: str, said: str | None
) -> None:
    path = _case(tmp_path, send_to=send_to)
    result = run(["build", "--email", "-o", str(tmp_path / "out"), str(path)])
    if said is None:  # valid but outside the UN: a warning naming it; --strict refuses
        assert result.exit_code == 0, result.output
        assert f"$.send_to: warning: the confidential letter would be sent to {send_to}" in (
            result.output
        )
        assert f"(to {send_to})" in result.output
        strict = run(["build", "--email", "--strict", "-o", str(tmp_path / "s"), str(path)])
        assert strict.exit_code == 1
        return
    assert result.exit_code == 1, result.output
    assert re.search(rf"case\.yaml:\d+:\d+: \$\.send_to: .*{re.escape(said)}", result.output)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("send_to", ["cases@ohchr.org", "Cases@SPECIAL.UN.ORG", "x@un.org"])
def test_a_recipient_at_the_un_needs_no_word(tmp_path: Path, send_to: str) -> None:
    result = run(
        ["build", "--email", "-o", str(tmp_path / "out"), str(_case(tmp_path, send_to=send_to))]
    )
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    (eml,) = (tmp_path / "out").glob("*.eml")
    (to,) = _parse(eml)["To"].addresses
    assert to.addr_spec.lower() == send_to.lower()


@pytest.mark.parametrize(
    "email", ['a"b@example.org', "a(b@example.org", "a,b@example.org", "x@y.org>"]
)
def test_a_malformed_submitter_address_is_an_error_at_its_place(tmp_path: Path, email: str) -> None:
    result = run(["validate", str(_case(tmp_path, email=email))])
    assert result.exit_code == 1
    assert "$.submitters[0].contact.email: " in result.output
    assert "is not one valid e-mail address" in result.output


def test_a_non_ascii_submitter_address_is_written_as_it_is(tmp_path: Path) -> None:
    path = _case(tmp_path, email="мария@пример.рф", send_to="cases@пример.un.org")
    result = run(["build", "--email", "-o", str(tmp_path / "out"), str(path)])
    assert result.exit_code == 0, result.output
    (eml,) = (tmp_path / "out").glob("*.eml")
    message = _parse(eml)
    # In UTF-8, as RFC 6532 has it (Python reads such a header as bytes it could not decode).
    (sender,) = message["From"].addresses
    assert sender.addr_spec.encode("utf-8", "surrogateescape").decode() == "мария@пример.рф"
    assert message["To"].addresses[0].addr_spec == "cases@xn--e1afmkfd.un.org"


# --- Any value the schema accepts: a draft with the expected headers, or findings ---------------

_ODD_TEXT = [
    "Detention\nof a defender\n",
    f"Case {INJECTION}",
    "Line\r\nBcc: spy@evil.example",
    "a\x85b\u2028c\u2029d",
    '"quoted", <angled> (comment) and; group:',
    "=?utf-8?q?=0A?=",
    "   ",
]
_ODD_ADDRESSES = [
    "a,b@example.org",
    'a"b@example.org',
    "a(b@example.org",
    "x@y.org>",
    "мария@пример.рф",
    "maria@пример.рф",
    "ünì@example.org",
    "OHCHR:spy@evil.example;",
    "urgent-action@ohchr.org.evil.example",
    "urgent-action@ohchr.оrg",
    "a@b.c",
    "x@un.org",
]
_TEXTS = st.one_of(st.sampled_from(_ODD_TEXT), st.text(min_size=1, max_size=40))
_ADDRESSES = st.one_of(
    st.sampled_from(_ODD_ADDRESSES),
    st.emails(),
    st.from_regex(r"[^@\s]{1,12}@[^@\s]{1,12}\.[^@\s]{1,6}", fullmatch=True),
)


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    title=_TEXTS,
    submitter=_TEXTS,
    contact_name=_TEXTS,
    email=st.one_of(st.emails(), _ADDRESSES),
    send_to=st.one_of(st.none(), st.emails(), _ADDRESSES),
    partner=st.none() | st.tuples(_TEXTS, st.none() | _TEXTS, st.one_of(st.emails(), _ADDRESSES)),
)
def test_any_case_builds_a_draft_with_only_its_headers_or_stops_with_findings(
    tmp_path_factory: pytest.TempPathFactory,
    *,
    title: str,
    submitter: str,
    contact_name: str,
    email: str,
    send_to: str | None,
    partner: tuple[str, str | None, str] | None,
) -> None:
    folder = tmp_path_factory.mktemp("draft")
    changes = {"title": title, "submitter": submitter, "contact_name": contact_name}
    path = _case(folder, email=email, send_to=send_to, **changes)
    if partner is not None:  # a second submitter: a second Reply-To address
        data = yaml.safe_load(path.read_text("utf-8"))
        name, contact, address = partner
        data["submitters"].append({"name": name, "contact": {"name": contact, "email": address}})
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    out = folder / "out"
    outcome = build([path], BuildOptions(out, email=True))  # no internal error: nothing raised
    if outcome.report.failed():
        event("stopped with findings")
        assert outcome.report.findings
        assert not out.exists()
        return
    event("built a draft")
    (eml,) = out.glob("*.eml")
    message = _parse(eml)
    assert _headers_of(message) == HEADERS
    (to,) = message["To"].addresses
    recipient = check_address(send_to or OHCHR_ADDRESS)
    assert to.addr_spec.encode("utf-8", "surrogateescape").decode() == recipient.header
    (draft,) = [output for output in outcome.outputs if output.path == eml]
    assert draft.to == recipient.normalized
    assert "\n" not in message["Subject"]
    case = outcome.report.results[0].case
    assert isinstance(case, Communication)
    assert len(message["Reply-To"].addresses) == len(case.submitters)
    assert message["Subject"].endswith(one_line(clean(case.title)))  # as the YAML reads
