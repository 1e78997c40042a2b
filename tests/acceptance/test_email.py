"""``unsubmit build --email``: an RFC 5322 message per communication, read back by the stdlib."""

from __future__ import annotations

import email.policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path

from tests.conftest import REPO, SAMPLES, run
from unsubmit.pipeline import BuildOptions, build

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


def test_the_pdf_is_attached_when_it_is_built(tmp_path: Path) -> None:
    outcome = build(
        [KALESNIKAVA],
        BuildOptions(tmp_path, formats=("docx", "pdf"), email=True),
        convert=lambda docx: b"%PDF-1.7 converted from " + str(len(docx)).encode(),
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
    assert "already exists with other content" in result.output
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
