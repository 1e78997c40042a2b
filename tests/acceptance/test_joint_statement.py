"""Public joint statements and joint written statements to the Council, read back with pandoc."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, run

SAMPLES = sorted((REPO / "samples").glob("*-joint-statement.yaml"))
#: What only a joint written statement to the Council says, in English and Russian.
FORMULA = {"en": "also share", "ru": "также разделя"}
STATUS = {"en": "consultative status", "ru": "консультативный статус"}


def _text(tmp_path: Path, case: Path, language: str) -> str:
    out = tmp_path / "out"
    args = ["build", "-q", "-o", str(out), "-l", language, "--allow-untranslated", str(case)]
    result = run(args)
    assert result.exit_code == 0, result.output
    [document] = out.glob(f"*_{language}.docx")
    return subprocess.run(
        ["pandoc", "-t", "plain", "--wrap=none", str(document)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _written(tmp_path: Path, sample: Path) -> Path:
    text = sample.read_text(encoding="utf-8")
    assert "form: public\n" in text
    path = tmp_path / sample.name
    path.write_text(
        text.replace("form: public\n", "form: hrc-written-statement\n"),
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_a_public_statement_has_no_formula_and_no_status_an_hrc_one_has_both(
    sample: Path, language: str, tmp_path: Path
) -> None:
    public = _text(tmp_path / "public", sample, language)
    assert FORMULA[language] not in public
    assert STATUS[language] not in public
    assert "Example Students’ Union" in public  # a supporter signs with the others
    written = _text(tmp_path / "written", _written(tmp_path, sample), language)
    assert FORMULA[language] in written
    assert STATUS[language] in written
    # the supporters are named in the closing note only, after the co-sponsors
    assert written.count("Example Students’ Union") == 1
    assert written.index(STATUS[language]) < written.index("Example Students’ Union")
