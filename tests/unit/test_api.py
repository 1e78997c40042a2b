"""The library API: ``import unsubmit`` gives scripts what the command line does."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import unsubmit
from tests.conftest import REPO, SAMPLES
from unsubmit.errors import UsageError

INVALID = REPO / "samples" / "invalid"


def test_load_case_gives_the_validated_model() -> None:
    case = unsubmit.load_case(REPO / "samples" / "kalesnikava-urgent-appeal.yaml")
    assert case.kind == "communication"
    assert case.victims[0].name == "Maria Kalesnikava"


def test_load_case_refuses_an_invalid_file_with_every_finding() -> None:
    path = INVALID / "urgent-appeal-without-risk.yaml"
    with pytest.raises(unsubmit.InvalidCaseError) as raised:
        unsubmit.load_case(path)
    error = raised.value
    assert isinstance(error, unsubmit.UnsubmitError)
    assert error.exit_code == 1
    assert error.findings
    expected = path.with_suffix(".expected").read_text("utf-8")
    assert str(error.findings[0]).removeprefix(f"{REPO}/") in expected
    assert error.location is not None and error.location.line is not None


def test_validate_and_build_do_what_the_commands_do(tmp_path: Path) -> None:
    samples = SAMPLES
    assert not unsubmit.validate(samples).failed()
    outcome = unsubmit.build(
        samples[:1],
        unsubmit.BuildOptions(out_dir=tmp_path, locales=("en", "fr"), allow_untranslated=True),
    )
    assert sorted(output.path.name[-8:] for output in outcome.outputs) == [
        "_en.docx",
        "_fr.docx",
    ]
    assert all(output.path.is_file() for output in outcome.outputs)


def test_import_unsubmit_stays_light() -> None:
    heavy = ["docxtpl", "docx", "lxml", "jsonschema", "babel", "pydantic"]
    code = f"import sys, unsubmit; print([m for m in {heavy!r} if m in sys.modules])"
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_public_names_are_pinned_and_the_package_is_typed() -> None:
    assert sorted(unsubmit.__all__) == [
        "BuildOptions",
        "BuildOutcome",
        "InvalidCaseError",
        "UnsubmitError",
        "__version__",
        "build",
        "load_case",
        "validate",
    ]
    assert (Path(unsubmit.__file__).parent / "py.typed").is_file()


KALESNIKAVA = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"formats": ("odt",)},
            "BuildOptions.formats: 'odt' is not a format; use one or more of docx, pdf",
        ),
        (
            {"locales": ("de",)},
            "BuildOptions.locales: 'de' is not a language of the project; use en, fr, es, ru, "
            "ar, zh, be, uk",
        ),
        (
            {"documents": ("petition",)},
            "BuildOptions.documents: 'petition' is not a document; use communication, "
            "wgad-petition, wgeid-form",
        ),
        ({"out_dir": 5}, "BuildOptions.out_dir must be a str or pathlib.Path, not int"),
        ({"template": "no-such.docx"}, "BuildOptions.template: no such file: no-such.docx"),
    ],
)
def test_build_options_are_checked_before_any_work(
    tmp_path: Path, options: dict[str, object], message: str
) -> None:
    chosen = unsubmit.BuildOptions(**{"out_dir": tmp_path / "out", **options})  # type: ignore[arg-type]
    with pytest.raises(UsageError) as raised:
        unsubmit.build(KALESNIKAVA, chosen)
    assert str(raised.value) == message
    assert not (tmp_path / "out").exists()


def test_the_documents_of_a_file_are_built_by_name(tmp_path: Path) -> None:
    chosen = unsubmit.BuildOptions(out_dir=tmp_path, documents="wgad-petition")  # type: ignore[arg-type]
    outcome = unsubmit.build(KALESNIKAVA, chosen)
    assert [output.path.name for output in outcome.outputs] == [
        "2023-06-01_wgad-petition_kalesnikava-urgent-appeal_en.docx"
    ]


def test_one_path_strings_and_formats_as_the_command_line_writes_them(tmp_path: Path) -> None:
    chosen = unsubmit.BuildOptions(out_dir=str(tmp_path), formats=("DOCX",))  # type: ignore[arg-type]
    outcome = unsubmit.build(str(KALESNIKAVA), chosen)
    assert [output.path.name for output in outcome.outputs] == [
        "2023-06-01_communication_kalesnikava-urgent-appeal_en.docx"
    ]
    assert outcome.outputs[0].path.is_file()


def test_an_invalid_case_raises_unless_the_report_is_asked_for(tmp_path: Path) -> None:
    path = INVALID / "urgent-appeal-without-risk.yaml"
    with pytest.raises(unsubmit.InvalidCaseError) as raised:
        unsubmit.build(path, unsubmit.BuildOptions(out_dir=tmp_path))
    assert raised.value.findings
    outcome = unsubmit.build(path, unsubmit.BuildOptions(out_dir=tmp_path), raise_on_invalid=False)
    assert outcome.report.failed()
    assert outcome.outputs == []
    assert list(tmp_path.iterdir()) == []


def test_the_readme_example_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## From Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    shutil.copytree(REPO / "samples", tmp_path / "samples")
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "README.md", "exec"), {})
    shown = capsys.readouterr().out.splitlines()
    assert shown[0] == "Maria Kalesnikava"
    assert any(line.startswith("samples/invalid/") and ": $." in line for line in shown)
    assert shown[-2:] == [
        "out/2023-05-15_communication_klimovich-allegation-letter_en.docx",
        "out/2023-05-15_communication_klimovich-allegation-letter_ru.docx",
    ]
    assert (tmp_path / shown[-1]).is_file()
