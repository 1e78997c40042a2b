"""``unsubmit template check``: what a build would remove from a letterhead, before it is used."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, run
from tests.hostile.letterheads import hostile_letterhead, normal_letterhead


def _letterhead(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "letterhead.docx"
    path.write_bytes(data)
    return path


def test_a_normal_letterhead_and_the_built_in_templates_are_clean(tmp_path: Path) -> None:
    templates = sorted((REPO / "templates").glob("*.docx"))
    result = run(
        ["template", "check", str(_letterhead(tmp_path, normal_letterhead())), *map(str, templates)]
    )
    assert result.exit_code == 0, result.output
    assert result.output == f"{len(templates) + 1} files valid\n"
    assert len(templates) == 6  # five documents and base.docx, the look they share


def test_a_hostile_letterhead_is_listed_part_by_part_and_fails(tmp_path: Path) -> None:
    path = _letterhead(tmp_path, hostile_letterhead("http://127.0.0.1:9"))
    result = run(["template", "check", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        f"{path}: word/document.xml: warning: removed from the letterhead: a field DDEAUTO "
        "('DDEAUTO c:\\\\\\\\windows\\\\\\\\system32\\\\\\\\cmd.exe \"/k calc.exe\"')"
    ) in lines
    assert (
        f"{path}: word/settings.xml: warning: removed from the letterhead: a mail-merge data "
        "source at 'file:///C:/victims.xlsx', outside the document"
    ) in lines
    assert lines[-1].endswith("warnings; 1 of 1 file failed")


def test_json_gives_each_removal_with_its_part(tmp_path: Path) -> None:
    path = _letterhead(tmp_path, hostile_letterhead("http://127.0.0.1:9"))
    result = run(["template", "check", "-o", "json", str(path)])
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["summary"]["ok"] is False
    parts = {finding["path"] for finding in document["findings"]}
    assert parts == {"word/document.xml", "word/settings.xml", "word/webSettings.xml"}
    assert {finding["code"] for finding in document["findings"]} == {"letterhead"}
    assert any("a frameset" in finding["message"] for finding in document["findings"])


def test_what_cannot_be_a_template_is_an_error(tmp_path: Path) -> None:
    text = tmp_path / "notes.docx"
    text.write_text("not a DOCX")
    result = run(["template", "check", str(tmp_path / "missing.docx"), str(text)])
    assert result.exit_code == 1
    assert "missing.docx: $: cannot read the template" in result.output
    assert (
        "notes.docx: $: the file is not a valid DOCX package: File is not a zip file: open it in "
        "Word or LibreOffice and save it again as a Word document (.docx)"
    ) in result.output
    assert result.output.endswith("2 errors, 0 warnings; 2 of 2 files failed\n")
