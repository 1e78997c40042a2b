"""``unsubmit validate`` over the golden examples: samples/ must pass, samples/invalid/ must
fail with exactly the findings in their ``.expected`` files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import INVALID, SAMPLES, run


def test_there_are_samples_of_every_kind() -> None:
    texts = [path.read_text("utf-8") for path in SAMPLES]
    kinds = {text.split("\nkind: ")[1].split()[0] for text in texts}
    assert kinds == {"communication", "oral-statement", "joint-statement"}
    types = {text.split("\ntype: ")[1].split()[0] for text in texts if "\ntype: " in text}
    assert types == {"urgent-appeal", "allegation-letter", "other-letter"}
    assert len(SAMPLES) == 7
    assert len(INVALID) >= 8


def test_every_sample_is_valid(in_repo: Path) -> None:
    result = run(["validate", *(str(p.relative_to(in_repo)) for p in SAMPLES)])
    assert result.output == f"{len(SAMPLES)} files valid\n"
    assert result.exit_code == 0


def test_every_sample_is_valid_even_strictly(in_repo: Path) -> None:
    result = run(["validate", "--strict", *(str(p.relative_to(in_repo)) for p in SAMPLES)])
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_sample_reports_exactly_its_expected_findings(path: Path, in_repo: Path) -> None:
    relative = path.relative_to(in_repo)
    result = run(["validate", str(relative)])
    expected = path.with_suffix(".expected").read_text("utf-8")
    assert result.output == expected
    assert result.exit_code == 1


def test_one_run_reports_every_file(in_repo: Path) -> None:
    files = [str(p.relative_to(in_repo)) for p in [*SAMPLES, *INVALID]]
    result = run(["validate", *files])
    assert result.exit_code == 1
    expected = "".join(
        line
        for path in INVALID
        for line in path.with_suffix(".expected").read_text("utf-8").splitlines(keepends=True)
        if not line[0].isdigit()
    )
    findings = "".join(line for line in result.output.splitlines(keepends=True)[:-1])
    assert sorted(findings.splitlines()) == sorted(expected.splitlines())
    assert result.output.splitlines()[-1].endswith(f"{len(INVALID)} of {len(files)} files failed")


def test_json_output_lists_findings_with_locations_and_a_summary(in_repo: Path) -> None:
    path = "samples/invalid/misspelt-fields-and-codes.yaml"
    result = run(["validate", "-o", "json", path, "samples/kalesnikava-urgent-appeal.yaml"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    first = report["findings"][0]
    assert first == {
        "file": path,
        "line": 9,
        "column": 10,
        "path": "$.country",
        "severity": "error",
        "code": "schema",
        "message": "'BLS' is not one of the 249 codes allowed here; "
        "did you mean 'BLM', 'BLR' or 'BLZ'? (unsubmit codes countries lists them all)",
    }
    assert report["summary"] == {
        "files": 2,
        "failed_files": [path],
        "errors": 4,
        "warnings": 0,
        "strict": False,
        "ok": False,
    }


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    case = tmp_path / "statement.yaml"
    case.write_text(
        "schema_version: 1\nkind: joint-statement\ntitle: T\ndate: 2023-11-20\nlanguage: en\n"
        "lead: {name: A}\nsignatories: [{name: a}]\nparagraphs: [P]\ndemands: [D]\n",
        encoding="utf-8",
    )
    relaxed = run(["validate", str(case)])
    assert relaxed.exit_code == 0
    assert "warning: 'a' is already listed at $.lead" in relaxed.output
    assert relaxed.output.endswith("0 errors, 1 warning; 1 file valid\n")
    strict = run(["validate", "--strict", str(case)])
    assert strict.exit_code == 1
    assert strict.output.endswith("0 errors, 1 warning; 1 of 1 file failed\n")


def test_missing_files_and_folders_without_cases_are_findings_not_crashes(tmp_path: Path) -> None:
    result = run(["validate", str(tmp_path / "absent.yaml"), str(tmp_path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == (
        f"{tmp_path}: $: this folder holds no case files (*.yaml or *.yml), neither in it nor in "
        "its subfolders: check the folder's name, or give the case files themselves"
    )
    assert lines[1].startswith(f"{tmp_path / 'absent.yaml'}: $: no such file")


@pytest.mark.parametrize("args", [["validate"], ["validate", "-o", "xml", "x.yaml"], ["nonsense"]])
def test_usage_errors_exit_2(args: list[str]) -> None:
    assert run(args).exit_code == 2


def test_quiet_prints_nothing_when_valid(in_repo: Path) -> None:
    result = run(["validate", "-q", str(SAMPLES[0].relative_to(in_repo))])
    assert (result.exit_code, result.output) == (0, "")


def test_a_misspelt_required_field_is_one_finding(tmp_path: Path) -> None:
    """`nmae:` for `name:` is one mistake: the unknown field with its suggestion, not also a
    missing `name`."""
    sample = next(path for path in SAMPLES if path.name == "kalesnikava-urgent-appeal.yaml")
    text = sample.read_text("utf-8").replace(
        "\nsubmitters:\n  - name:", "\nsubmitters:\n  - nmae:", 1
    )
    assert "  - nmae:" in text
    case = tmp_path / "case.yaml"
    case.write_text(text, "utf-8")
    line = text.splitlines().index("  - nmae:") + 1
    result = run(["validate", str(case)])
    assert result.exit_code == 1
    findings = [line for line in result.output.splitlines() if line.startswith(str(case))]
    assert findings == [
        f"{case}:{line}:5: $.submitters[0].nmae: unknown field 'nmae'; did you mean 'name'?"
    ]


def test_a_mandate_and_a_session_written_as_people_say_them(tmp_path: Path) -> None:
    """'SR Belarus', 'WGAD' and 'HRC53' are answered with what to write instead."""
    letter = next(path for path in SAMPLES if path.name == "kalesnikava-urgent-appeal.yaml")
    case = tmp_path / "letter.yaml"
    written = (
        letter.read_text("utf-8")
        .replace("  - sr-belarus\n", "  - SR Belarus\n", 1)
        .replace("  - wgad\n", "  - WGAD\n", 1)
    )
    case.write_text(written, "utf-8")
    line = written.splitlines().index("  - SR Belarus") + 1
    speech = next(path for path in SAMPLES if path.name.startswith("hrc53"))
    statement = tmp_path / "speech.yaml"
    statement.write_text(speech.read_text("utf-8").replace("\nsession: 53\n", "\nsession: HRC53\n"))
    result = run(["validate", str(case), str(statement)])
    assert result.exit_code == 1
    assert result.output.splitlines()[:3] == [
        f"{case}:{line}:5: $.mandates[0]: 'SR Belarus' is not a mandate id: write 'sr-belarus' "
        "(Special Rapporteur on the situation of human rights in Belarus); unsubmit mandates "
        "lists every id with its title",
        f"{case}:{line + 1}:5: $.mandates[1]: 'WGAD' is not a mandate id: write 'wgad' "
        "(Working Group on Arbitrary Detention); unsubmit mandates lists every id with its title",
        f"{statement}:12:10: $.session: expected a whole number, found the text 'HRC53': write "
        "the number alone, 53",
    ]


def test_a_hashtag_that_yaml_drops_as_a_comment_is_a_warning_at_its_place(tmp_path: Path) -> None:
    sample = next(path for path in SAMPLES if path.name == "kalesnikava-urgent-appeal.yaml")
    text = sample.read_text("utf-8").replace(
        "en: Maria Kalesnikava was arrested.", "en: Maria Kalesnikava was arrested. #FreeMaria", 1
    )
    case = tmp_path / "case.yaml"
    case.write_text(text, "utf-8")
    rows = text.splitlines()
    line = next(n for n, row in enumerate(rows, 1) if row.endswith("#FreeMaria"))
    column = rows[line - 1].index("#FreeMaria") + 1
    result = run(["validate", "--strict", str(case)])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{case}:{line}:{column}: $.incidents[0].description.en: warning: '#FreeMaria' is read "
        'as a comment and left out of this text: put the whole text in double quotes ("...") to '
        "keep it"
    )
