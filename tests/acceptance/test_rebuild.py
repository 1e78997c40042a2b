"""Building again after editing a case: the outputs of the last build are replaced without
--force, files edited by hand or written by someone else never are, and what an earlier build
left of the same document (an older PDF, an e-mail attaching an older DOCX) goes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run

SAMPLE = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"
STEM = "2023-06-01_communication_case_en"


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line]


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A case of one's own, built from its folder into out/."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(SAMPLE, tmp_path / "case.yaml")
    return Path("case.yaml")


def _edit(
    case: Path, old: str = "Ask for her release.", new: str = "Ask for her release now."
) -> None:
    text = case.read_text("utf-8")
    assert old in text
    case.write_text(text.replace(old, new), "utf-8")


def test_a_rebuild_after_editing_the_case_replaces_the_last_build(case: Path) -> None:
    assert run(["build", str(case)]).exit_code == 0
    docx = Path("out") / f"{STEM}.docx"
    before = docx.read_bytes()
    _edit(case)
    again = run(["build", str(case)])
    assert again.exit_code == 0, again.output
    assert _lines(again.output) == [f"wrote out/{STEM}.docx"]
    assert docx.read_bytes() != before
    assert b"release now" in _document_xml(docx)


def _document_xml(docx: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml")


def test_an_output_edited_after_the_build_is_kept_until_force(case: Path) -> None:
    assert run(["build", str(case)]).exit_code == 0
    docx = Path("out") / f"{STEM}.docx"
    docx.write_bytes(docx.read_bytes() + b"a reviewer's changes")
    _edit(case)
    refused = run(["build", str(case)])
    assert refused.exit_code == 1
    [message] = _lines(refused.output)
    assert message.startswith(
        f"error: out/{STEM}.docx: nothing was written, this file is in the way: edited after "
        "the build at 20"
    )
    assert message.endswith(
        " UTC: save your changes under another name and build again, or build with --force "
        "to replace it"
    )
    assert docx.read_bytes().endswith(b"a reviewer's changes")
    forced = run(["build", "--force", str(case)])
    assert forced.exit_code == 0, forced.output
    assert b"release now" in _document_xml(docx)
    # Replaced by a build, it is the build's again: the next edit needs no --force.
    _edit(case, "release now.", "release at once.")
    assert run(["build", str(case)]).exit_code == 0
    assert b"release at once" in _document_xml(docx)


def test_a_file_unsubmit_did_not_write_is_never_replaced_without_force(case: Path) -> None:
    Path("out").mkdir()
    mine = Path("out") / f"{STEM}.docx"
    mine.write_bytes(b"a letter of my own")
    refused = run(["build", str(case)])
    assert refused.exit_code == 1
    assert _lines(refused.output) == [
        f"error: out/{STEM}.docx: nothing was written, this file is in the way: not written "
        "by unsubmit (not listed in .unsubmit-manifest.json, the folder's record of its "
        "builds): move it away and build again, or build with --force to replace it"
    ]
    assert mine.read_bytes() == b"a letter of my own"
    assert sorted(p.name for p in Path("out").iterdir()) == [mine.name]
    assert run(["build", "--force", str(case)]).exit_code == 0
    assert mine.read_bytes().startswith(b"PK")


def test_several_files_in_the_way_are_named_together(case: Path) -> None:
    assert run(["build", "--email", str(case)]).exit_code == 0
    out = Path("out")
    (out / f"{STEM}.docx").write_bytes(b"edited")
    (out / ".unsubmit-manifest.json").unlink()  # and so the e-mail is unknown too
    _edit(case)
    refused = run(["build", "--email", str(case)])
    assert refused.exit_code == 1
    lines = _lines(refused.output)
    assert lines[0] == "error: nothing was written, 2 files are in the way of this build:"
    assert [line.split(": ")[0] for line in lines[1:]] == [
        f"  out/{STEM}.docx",
        f"  out/{STEM}.eml",
    ]


def test_an_email_attaching_an_older_document_is_removed(case: Path) -> None:
    assert run(["build", "--email", str(case)]).exit_code == 0
    # The same document built again without --email: the e-mail attaches it still.
    same = run(["build", str(case)])
    assert _lines(same.output) == [f"unchanged out/{STEM}.docx"]
    assert (Path("out") / f"{STEM}.eml").is_file()
    _edit(case)
    changed = run(["build", str(case)])
    assert changed.exit_code == 0, changed.output
    assert _lines(changed.output) == [
        f"wrote out/{STEM}.docx",
        f"removed out/{STEM}.eml (made from an older version of the document)",
    ]
    assert sorted(p.name for p in Path("out").iterdir()) == [
        ".unsubmit-manifest.json",
        f"{STEM}.docx",
    ]
    manifest = json.loads(Path("out/.unsubmit-manifest.json").read_text("utf-8"))
    assert list(manifest["outputs"]) == [f"{STEM}.docx"]


def test_an_older_email_edited_by_hand_is_left_with_a_warning(case: Path) -> None:
    assert run(["build", "--email", str(case)]).exit_code == 0
    eml = Path("out") / f"{STEM}.eml"
    eml.write_bytes(eml.read_bytes() + b"\nP.S. a line of mine\n")
    _edit(case)
    result = run(["build", str(case)])
    assert result.exit_code == 0, result.output
    assert _lines(result.stderr)[0].startswith(
        f"warning: out/{STEM}.eml: made from an older version of {STEM}.docx and edited after "
        "the build at 20"
    )
    assert _lines(result.stderr)[0].endswith(" UTC, so it was left: remove it if it is out of date")
    assert eml.read_bytes().endswith(b"a line of mine\n")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_an_older_pdf_goes_when_only_the_docx_is_built_again(case: Path) -> None:
    built = run(["build", "--format", "docx,pdf", str(case)])
    assert built.exit_code == 0, built.output
    pdf = Path("out") / f"{STEM}.pdf"
    # Made from the very DOCX built again now: it stays.
    assert _lines(run(["build", str(case)]).output) == [f"unchanged out/{STEM}.docx"]
    assert pdf.is_file()
    _edit(case)
    again = run(["build", str(case)])
    assert again.exit_code == 0, again.output
    assert _lines(again.output) == [
        f"wrote out/{STEM}.docx",
        f"removed out/{STEM}.pdf (made from an older version of the document)",
    ]
    assert not pdf.exists()


def test_a_pdf_unsubmit_did_not_write_is_named_as_possibly_out_of_date(case: Path) -> None:
    assert run(["build", str(case)]).exit_code == 0
    pdf = Path("out") / f"{STEM}.pdf"
    pdf.write_bytes(b"%PDF-1.7 printed from Word")
    _edit(case)
    result = run(["build", str(case)])
    assert result.exit_code == 0, result.output
    assert _lines(result.stderr) == [
        f"warning: out/{STEM}.pdf: may be older than what this build wrote, and unsubmit did "
        "not write it (not listed in .unsubmit-manifest.json), so it was left: remove it, or "
        "build it again with --format pdf --force"
    ]
    assert pdf.read_bytes() == b"%PDF-1.7 printed from Word"


def test_the_record_is_the_same_after_the_same_build(case: Path) -> None:
    assert run(["build", "--email", str(case)]).exit_code == 0
    record = Path("out/.unsubmit-manifest.json")
    first = record.read_bytes()
    assert run(["build", "--email", str(case)]).exit_code == 0
    assert record.read_bytes() == first
    entry = json.loads(first)["outputs"][f"{STEM}.eml"]
    assert {k: v for k, v in entry.items() if "sha256" not in k and k != "built"} == {
        "case": "../case.yaml",
        "kind": "communication",
        "locale": "en",
        "variant": "document",
        "format": "eml",
    }


def test_without_its_record_a_folder_is_as_before(case: Path) -> None:
    assert run(["build", str(case)]).exit_code == 0
    Path("out/.unsubmit-manifest.json").unlink()
    # The same bytes: left alone, and recorded again.
    assert _lines(run(["build", str(case)]).output) == [f"unchanged out/{STEM}.docx"]
    assert Path("out/.unsubmit-manifest.json").is_file()
    Path("out/.unsubmit-manifest.json").unlink()
    _edit(case)
    refused = run(["build", str(case)])
    assert refused.exit_code == 1
    assert "not written by unsubmit (not listed in .unsubmit-manifest.json" in refused.output


def test_a_damaged_record_is_a_warning_not_a_traceback(case: Path) -> None:
    assert run(["build", str(case)]).exit_code == 0
    record = Path("out/.unsubmit-manifest.json")
    record.write_text('{"version": 1, "outputs": {"x.docx": 7', "utf-8")
    _edit(case)
    refused = run(["build", str(case)])
    assert refused.exit_code == 1
    assert "not written by unsubmit (the folder's record of its builds cannot be read)" in (
        refused.output
    )
    forced = run(["build", "--force", str(case)])
    assert forced.exit_code == 0, forced.output
    assert _lines(forced.stderr) == [
        "warning: out/.unsubmit-manifest.json: the record of earlier builds is damaged "
        "(Expecting ',' delimiter: line 1 column 39 (char 38)): the outputs already in out are "
        "treated as files unsubmit did not write, and the record is written again after this "
        "build"
    ]
    assert list(json.loads(record.read_text("utf-8"))["outputs"]) == [f"{STEM}.docx"]
