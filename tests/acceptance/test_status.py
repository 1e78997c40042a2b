"""``unsubmit status``: what was sent about each case of a folder, what is due and overdue."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import yaml

from tests.conftest import REPO, run, sample_data

#: Histories made for the tests: references and dates are not those of the cases.
WAITING = """\
submissions:
  - sent: 2023-06-01
    recipient: urgent-action@ohchr.org
    reference: JUA BLR 3/2023
    follow_ups:
      - due: 2023-09-01
        action: Send the new facts on her health
      - due: 2023-12-01
        action: Ask the WGAD for an Opinion
"""
ANSWERED = """\
submissions:
  - sent: 2023-05-15
    recipient: hrc-wg-ad@un.org
    document: petition
    reply:
      status: replied
      date: 2023-07-01
    wgad_opinion:
      number: 12/2023
"""


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    for stem, history in [
        ("kalesnikava-urgent-appeal", WAITING),
        ("klimovich-allegation-letter", ANSWERED),
    ]:
        text = yaml.safe_dump(sample_data(stem), allow_unicode=True)
        (folder / f"{stem}.yaml").write_text(text + history, "utf-8")
    shutil.copy(REPO / "samples" / "article-368-other-letter.yaml", folder)
    shutil.copy(REPO / "samples" / "hrc53-judges-lawyers-oral-statement.yaml", folder)
    return folder


def test_status_lists_sent_due_and_overdue_items(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = run(["status", str(folder), "--today", "2023-10-01"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    kalesnikava = f"{folder / 'kalesnikava-urgent-appeal.yaml'}  communication  sent 2023-06-01"
    assert lines[0] == (f"{folder / 'article-368-other-letter.yaml'}  communication  not sent")
    assert (
        f"{kalesnikava} to urgent-action@ohchr.org  JUA BLR 3/2023  government reply (Special "
        "Procedures, 60 days) due  due 2023-07-31  OVERDUE"
    ) in lines
    assert (
        f"{kalesnikava} to urgent-action@ohchr.org  JUA BLR 3/2023  follow-up due: Send the new "
        "facts on her health  due 2023-09-01  OVERDUE"
    ) in lines
    assert (
        f"{kalesnikava} to urgent-action@ohchr.org  JUA BLR 3/2023  follow-up due: Ask the WGAD "
        "for an Opinion  due 2023-12-01"
    ) in lines
    klimovich = f"{folder / 'klimovich-allegation-letter.yaml'}  petition  sent 2023-05-15"
    assert f"{klimovich} to hrc-wg-ad@un.org  replied 2023-07-01" in lines
    assert f"{klimovich} to hrc-wg-ad@un.org  WGAD Opinion No. 12/2023" in lines
    assert lines[-1] == "6 lines on 2023-10-01: 1 due, 2 overdue"
    assert "oral-statement" not in result.output


def test_the_reply_window_of_the_wgad_is_its_own(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    path = folder / "klimovich-allegation-letter.yaml"
    path.write_text(path.read_text("utf-8").split("    reply:")[0], "utf-8")
    result = run(["status", str(path), "--today", "2023-06-01"])
    assert "government reply (WGAD regular procedure, 60 days) due  due 2023-07-14" in (
        result.output
    )
    assert "OVERDUE" not in result.output


def test_status_exports_the_table_a_quarterly_report_needs(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    as_csv = run(["status", str(folder), "--today", "2023-10-01", "-o", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert len(rows) == 6
    assert rows[1]["reference"] == "JUA BLR 3/2023"
    assert rows[1]["due"] == "2023-07-31" and rows[1]["overdue"] == "True"
    as_json = json.loads(run(["status", str(folder), "--today", "2023-10-01", "-o", "json"]).output)
    assert as_json["lines"][1]["title"] == "Incommunicado detention of Maria Kalesnikava"
    refused = run(["status", str(folder), "-o", "xlsx"])
    assert refused.exit_code == 2
    assert "give the file with --file PATH" in refused.output
    book = tmp_path / "status.xlsx"
    written = run(
        ["status", str(folder), "--today", "2023-10-01", "-o", "xlsx", "--file", str(book)]
    )
    assert written.exit_code == 0
    from openpyxl import load_workbook

    sheet = load_workbook(book).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["case", "title", "document"]
    assert [row[3] for row in values[1:]] == [row["sent"] or None for row in rows]


def test_a_case_that_does_not_validate_is_named_and_not_counted(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    broken = folder / "kalesnikava-urgent-appeal.yaml"
    broken.write_text(broken.read_text("utf-8").replace("JUA BLR 3/2023", "JUA 3/2023"), "utf-8")
    result = run(["status", str(folder), "--today", "2023-10-01"])
    assert result.exit_code == 1
    assert f"not counted: {broken}:" in result.output
    assert "'JUA 3/2023' is not in the expected form" in result.output
    assert "kalesnikava-urgent-appeal.yaml  communication" not in result.output


def test_a_sent_draft_is_recorded_in_the_case_and_followed_by_status(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    shutil.copy(REPO / "samples" / "kalesnikava-urgent-appeal.yaml", case)
    before = case.read_text("utf-8")
    assert run(["build", "--email", str(case), "-o", str(tmp_path / "out")]).exit_code == 0
    (draft,) = (tmp_path / "out").glob("*.eml")
    result = run(["sent", str(draft), str(case), "--on", "2023-06-02"])
    assert result.exit_code == 0, result.output
    after = case.read_text("utf-8")
    assert after.startswith(before)
    added = after[len(before) :].splitlines()
    assert added[:4] == [
        "submissions:",
        '  - document: "communication"',
        '    sent: "2023-06-02"',
        '    recipient: "urgent-action@ohchr.org"',
    ]
    assert added[4].startswith('    message_id: "') and added[4].endswith('@example.org"')
    assert run(["validate", str(case)]).exit_code == 0
    status = run(["status", str(case), "--today", "2023-09-01"])
    assert "due 2023-08-01  OVERDUE" in status.output
    assert status.output.splitlines()[-1] == "1 line on 2023-09-01: 0 due, 1 overdue"
    again = run(["sent", str(draft), str(case), "--on", "2023-06-03"])
    assert again.exit_code == 1
    assert "already records the e-mail" in again.output
    assert case.read_text("utf-8") == after


def test_an_entry_that_would_make_the_case_invalid_is_not_written(tmp_path: Path) -> None:
    case = tmp_path / "case.yaml"
    shutil.copy(REPO / "samples" / "kalesnikava-urgent-appeal.yaml", case)
    assert run(["build", "--email", str(case), "-o", str(tmp_path / "out")]).exit_code == 0
    (draft,) = (tmp_path / "out").glob("*.eml")
    before = case.read_text("utf-8")
    result = run(["sent", str(draft), str(case), "--on", "2023-05-30"])
    assert result.exit_code == 1
    assert (
        "$.submissions[0].sent: the communication is dated 2023-06-01 and was sent before, "
        "on 2023-05-30: check both dates"
    ) in result.output
    assert f"{case}: not changed: fix the findings above first" in result.output
    assert case.read_text("utf-8") == before
