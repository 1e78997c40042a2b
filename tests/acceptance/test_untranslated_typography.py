"""An untranslated draft shows the case's text in the case's typography, its labels and
translated texts in the document's: English words never get French guillemets or spaces."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.conftest import SAMPLES, run
from unsubmit.render.reader import document_lines

NNBSP = "\u202f"


def _sample(stem: str) -> Path:
    (path,) = [sample for sample in SAMPLES if sample.stem == stem]
    return path


def _built_lines(case: Path, language: str, out: Path) -> list[str]:
    result = run(["build", "-q", "--allow-untranslated", "-l", language, "-o", str(out), str(case)])
    assert result.exit_code == 0, result.output
    (docx,) = out.glob(f"*_{language}.docx")
    return document_lines(docx.read_bytes())


def test_a_french_draft_keeps_english_quotes_in_english_text(tmp_path: Path) -> None:
    case = yaml.safe_load(_sample("bsu-repentance-videos-joint-statement").read_text("utf-8"))
    case["title"] = {"en": case["title"], "fr": 'Bélarus : cessez les "vidéos de repentir"'}
    path = tmp_path / "joint.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True, sort_keys=False), "utf-8")

    lines = _built_lines(path, "fr", tmp_path / "out")

    english = [line for line in lines if "repentance videos" in line]
    assert english, lines
    assert all("“repentance videos”" in line for line in english), english
    assert not any("«" in line or f"{NNBSP}:" in line for line in english), english
    assert f"Bélarus{NNBSP}: cessez les «{NNBSP}vidéos de repentir{NNBSP}»" in lines


def test_a_ukrainian_draft_keeps_english_quotes_in_english_text(tmp_path: Path) -> None:
    lines = _built_lines(_sample("hrc53-judges-lawyers-oral-statement"), "uk", tmp_path)

    text = "\n".join(lines)
    assert "“Reimagining justice”" in text
    assert "«" not in text


def test_a_translated_russian_letter_keeps_russian_quotes(tmp_path: Path) -> None:
    lines = _built_lines(_sample("klimovich-allegation-letter"), "ru", tmp_path)

    assert any("«Весна»" in line for line in lines)
    assert not any("“" in line for line in lines)


def test_a_public_french_draft_keeps_english_spacing_in_english_text(tmp_path: Path) -> None:
    case = str(_sample("kalesnikava-urgent-appeal"))
    result = run(
        ["build", "-q", "--public", "--allow-untranslated", "-l", "fr", "-o", str(tmp_path), case]
    )
    assert result.exit_code == 0, result.output
    (docx,) = tmp_path.glob("*_public_fr.docx")
    lines = document_lines(docx.read_bytes())

    english = [line for line in lines if "the medical care she needs" in line]
    assert english, lines
    assert all("she needs; prolonged" in line for line in english), english
    assert any(line.startswith(f"Version publique{NNBSP}:") for line in lines)
