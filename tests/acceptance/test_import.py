"""``unsubmit import``: an organisation's table becomes case files that validate once the
placeholders for what the table lacks are filled, and importing again never loses an edit."""

from __future__ import annotations

import csv
import datetime
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.caseload_table import HEADERS, MAPPING, TABLE, fill, uwazi_rows, write_csv
from tests.conftest import REPO, run
from unsubmit.caseload.dates import DateFormError, parse_date
from unsubmit.check.validate import check_files


def _import(table: Path, out: Path, mapping: Path = MAPPING) -> tuple[int, str]:
    result = run(["import", str(table), "--mapping", str(mapping), "-o", str(out)])
    return result.exit_code, result.output


def test_the_sample_export_imports_into_files_that_validate_once_filled(tmp_path: Path) -> None:
    assert run(["schema", "--out", str(tmp_path / "schemas")]).exit_code == 0
    code, output = _import(TABLE, tmp_path / "cases")
    assert code == 0, output
    files = sorted((tmp_path / "cases").glob("*.yaml"))
    assert [f.name for f in files] == ["maria-kalesnikava.yaml", "mikalai-klimovich.yaml"]
    text = (tmp_path / "cases" / "mikalai-klimovich.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/communication.schema.json")
    assert "# Imported from uwazi-export.csv, row 2, with the mapping uwazi-mapping.yaml." in text
    assert 'name_original: "Мікалай Клімовіч"' in text
    assert '        date: "2023-02-28"' in text  # 28.02.2023, the sentence
    assert '  - code: "death-in-custody"' in text
    assert '"<true | false>"' in text  # consent: what the table does not hold
    report = check_files(files)
    assert {f.code for f in report.findings if f.severity.value == "error"} == {"placeholder"}
    for path in files:
        path.write_text(fill(path.read_text("utf-8")), "utf-8")
    report = check_files(files)
    assert not [str(f) for f in report.findings if f.severity.value == "error"]


def test_two_hundred_uwazi_rows_become_two_hundred_valid_cases(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "export.csv", uwazi_rows(200))
    code, output = _import(table, tmp_path / "cases")
    assert code == 0, output
    assert "200 new, 0 updated" in output
    files = sorted((tmp_path / "cases").glob("*.yaml"))
    assert len(files) == 200
    assert 'arrest_date: "2020-09"' in files[1].read_text("utf-8")  # September 2020
    for path in files:
        path.write_text(fill(path.read_text("utf-8")), "utf-8")
    report = check_files(files)
    assert not [str(f) for f in report.findings if f.severity.value == "error"]
    assert all(result.case is not None for result in report.results)


def test_a_spreadsheet_imports_like_its_csv(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    rows: list[list[Any]] = list(csv.reader(TABLE.read_text("utf-8").splitlines()))
    rows[2][8] = datetime.datetime(2020, 9, 7)  # a date cell, as spreadsheets keep dates
    rows[1][5] = 61  # a number cell
    for row in rows:
        sheet.append(row)
    sheet.title = "Cases"
    book.create_sheet("Notes", 0)  # the table is not on the first sheet
    book.save(tmp_path / "export.xlsx")
    code, output = _import(tmp_path / "export.xlsx", tmp_path / "from-xlsx")
    assert code == 1
    assert (
        f"{tmp_path / 'export.xlsx'}:1: its sheet 'Notes' has no headers in its first row: "
        "name the sheet that holds the table in the mapping's sheet (its sheets are Notes, Cases)"
    ) in output
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING.read_text("utf-8") + "sheet: Cases\n", "utf-8")
    code, output = _import(tmp_path / "export.xlsx", tmp_path / "from-xlsx", mapping)
    assert code == 0, output
    assert _import(TABLE, tmp_path / "from-csv")[0] == 0
    for name in ("mikalai-klimovich.yaml", "maria-kalesnikava.yaml"):
        from_xlsx = (tmp_path / "from-xlsx" / name).read_text("utf-8")
        from_csv = (tmp_path / "from-csv" / name).read_text("utf-8")
        expected = from_csv.replace("uwazi-export.csv", "export.xlsx")
        assert from_xlsx == expected.replace("uwazi-mapping.yaml", "mapping.yaml")


def test_every_problem_in_the_table_is_told_at_its_cell_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    rows = uwazi_rows(3)
    rows[0][8] = "the autumn of 2020"  # Date of arrest: column 9
    rows[2][13] = "Arbitrary detention|Kidnapping"  # Violations: column 14
    rows[1][4] = ""  # Sex: empty is fine, it stays a placeholder
    table = write_csv(tmp_path / "export.csv", rows)
    code, output = _import(table, tmp_path / "cases")
    assert code == 1
    assert (
        f"{table}:2:9: $.victims[0].detention.arrest_date: column 'Date of arrest': "
        "'the autumn of 2020' is not a date unsubmit reads" in output
    )
    assert (
        f"{table}:4:14: $.violations[].code: column 'Violations': 'Kidnapping' has no code "
        "in the mapping" in output
    )
    assert "nothing written" in output
    assert not (tmp_path / "cases").exists() or not any((tmp_path / "cases").iterdir())


def test_a_column_the_table_lacks_is_named_with_the_columns_it_has(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "export.csv", [], headers=[h for h in HEADERS if h != "Sex"])
    code, output = _import(table, tmp_path / "cases")
    assert code == 1
    assert f"{table}:1: $: no column 'Sex', which the mapping" in output
    assert "'Title', 'Date added'" in output


def test_importing_again_keeps_edits_and_says_what_changed(tmp_path: Path) -> None:
    rows = uwazi_rows(3)
    table = write_csv(tmp_path / "export.csv", rows)
    out = tmp_path / "cases"
    assert _import(table, out)[0] == 0
    edited = out / "test-person-0000.yaml"
    edited.write_text(fill(edited.read_text("utf-8")), "utf-8")
    reviewed = edited.read_text("utf-8")
    rows[0][6] = "Released"  # Status of the edited case
    rows[1][6] = "Released"  # Status of a case nobody touched
    write_csv(table, rows)
    code, output = _import(table, out)
    assert code == 0, output
    assert edited.read_text("utf-8") == reviewed
    assert f"edited, left alone: {edited}: the table changed in Status" in output
    assert f"updated: {out / 'test-person-0001.yaml'} (Status changed in the table)" in output
    assert 'status: "released"' in (out / "test-person-0001.yaml").read_text("utf-8")
    assert "1 unchanged" in output


def test_a_mapping_field_that_no_case_has_is_told_in_the_mapping(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    text = MAPPING.read_text("utf-8").replace(
        "field: victims[0].name_original", "field: victim[0].name"
    )
    mapping.write_text(text, "utf-8")
    code, output = _import(TABLE, tmp_path / "cases", mapping)
    assert code == 1
    line = text.splitlines().index("    field: victim[0].name") + 1
    assert (
        f"{mapping}:{line}:12: $.columns[3].field: a communication has no field 'victim'" in output
    )
    assert "here; did you mean 'victims'?" in output


def test_new_mapping_scaffold_and_sample_follow_the_published_schema(tmp_path: Path) -> None:
    result = run(["new", "mapping", str(tmp_path / "m.yaml")])
    assert result.exit_code == 0
    text = (tmp_path / "m.yaml").read_text("utf-8")
    assert "unsubmit import TABLE --mapping THIS_FILE -o FOLDER" in text
    assert 'name_column: "<name column, e.g. Title>"' in text
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(REPO / "schemas" / "mapping.schema.json"),
            str(MAPPING),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("07.09.2020", "2020-09-07"),
        ("7/9/2020", "2020-09-07"),
        ("2020-09-07", "2020-09-07"),
        ("September 2020", "2020-09"),
        ("7 September 2020", "2020-09-07"),
        ("сентябрь 2020", "2020-09"),
        ("7 сентября 2020 г.", "2020-09-07"),
        ("верасня 2020", "2020-09"),
        ("2020", "2020"),
    ],
)
def test_dates_are_read_as_people_write_them(written: str, read: str) -> None:
    assert parse_date(written) == read


def test_an_impossible_or_unreadable_date_is_refused() -> None:
    with pytest.raises(DateFormError, match="not a real date"):
        parse_date("31.02.2020")
    with pytest.raises(DateFormError, match="not a date unsubmit reads"):
        parse_date("spring 2020")
    assert parse_date("09/07/2020", day_first=False) == "2020-09-07"


def test_building_the_imported_folder_lists_each_case_left_to_fill(tmp_path: Path) -> None:
    table = write_csv(tmp_path / "export.csv", uwazi_rows(3))
    out = tmp_path / "cases"
    assert _import(table, out)[0] == 0
    done = out / "test-person-0001.yaml"
    done.write_text(fill(done.read_text("utf-8")), "utf-8")
    result = run(["build", str(out), "-o", str(tmp_path / "docs")])
    assert result.exit_code == 1
    summary = result.output.split("2 of 3 cases failed, each with its first finding:\n")[1]
    listed = summary.splitlines()[:2]
    assert [line.split(":")[0] for line in listed] == [
        f"  {out / 'test-person-0000.yaml'}",
        f"  {out / 'test-person-0002.yaml'}",
    ]
    assert all("placeholder" in line and "is still here" in line for line in listed)
    assert not (tmp_path / "docs").exists() or not any((tmp_path / "docs").iterdir())


def test_a_wrong_default_is_told_once_in_the_mapping(tmp_path: Path) -> None:
    mapping = tmp_path / "mapping.yaml"
    text = MAPPING.read_text("utf-8").replace("  country: BLR", "  countri: BLR")
    mapping.write_text(text, "utf-8")
    code, output = _import(TABLE, tmp_path / "cases", mapping)
    assert code == 1
    line = text.splitlines().index("  countri: BLR") + 1
    assert (
        f"{mapping}:{line}:3: $.defaults.countri: unknown field 'countri'; did you mean 'country'?"
    ) in output
    assert "1 error" in output


def test_a_file_name_cannot_add_lines_to_the_case_files(tmp_path: Path) -> None:
    table = tmp_path / "export\nkind: joint-statement\n.csv"
    table.write_bytes(TABLE.read_bytes())
    code, output = _import(table, tmp_path / "cases")
    assert code == 0, output
    text = (tmp_path / "cases" / "mikalai-klimovich.yaml").read_text("utf-8")
    assert "# Imported from export kind: joint-statement .csv, row 2," in text
    assert "\nkind: joint-statement" not in text
