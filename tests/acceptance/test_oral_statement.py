"""Oral statements as a speaker and the Council's extranet receive them, read back from DOCX."""

from __future__ import annotations

from pathlib import Path

import docx

from tests.conftest import REPO, run

SAMPLE = REPO / "samples" / "hrc53-judges-lawyers-oral-statement.yaml"


def _with_salutations(tmp_path: Path) -> Path:
    """The sample with its first paragraph opening with the salutation, in English and Russian."""
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "      We thank the Special Rapporteur",
        "      Thank you, Mr. President. We thank the Special Rapporteur",
    ).replace("      Мы благодарим", "      Благодарю Вас, господин Председатель. Мы благодарим")
    path = tmp_path / "greeted.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _build(tmp_path: Path, case: Path, *args: str) -> dict[str, docx.document.Document]:
    out = tmp_path / "out"
    result = run(["build", "-q", "-o", str(out), "--allow-untranslated", *args, str(case)])
    assert result.exit_code == 0, result.output
    return {path.name: docx.Document(str(path)) for path in sorted(out.glob("*.docx"))}


def _styled(document: docx.document.Document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style is not None and p.style.name == style]


def test_a_repeated_salutation_is_a_warning_at_its_paragraph(tmp_path: Path) -> None:
    case = _with_salutations(tmp_path)
    result = run(["validate", str(case)])
    assert result.exit_code == 0
    assert (
        f"{case}:35:5: $.paragraphs[0]: warning: the paragraph opens with 'Thank you, Mr. "
        "President.', which the document already prints before the statement: it is printed "
        "and timed once; remove it from the paragraph"
    ) in result.output.splitlines()
    assert "salutation" not in run(["validate", str(SAMPLE)]).output


def test_the_salutation_is_printed_and_timed_once_in_every_language(tmp_path: Path) -> None:
    greeted = _build(tmp_path / "greeted", _with_salutations(tmp_path), "-l", "en", "-l", "ru")
    plain = _build(tmp_path / "plain", SAMPLE, "-l", "en", "-l", "ru")
    for language, salutation in (
        ("en", "Thank you, Mr. President."),
        ("ru", "Благодарю Вас, господин Председатель."),
    ):
        [document] = [d for name, d in greeted.items() if name.endswith(f"_{language}.docx")]
        [unchanged] = [d for name, d in plain.items() if name.endswith(f"_{language}.docx")]
        speech = _styled(document, "Speech")
        assert sum(text.count(salutation) for text in speech) == 1, speech
        assert speech[0].startswith(salutation)
        assert speech[1].startswith(("We thank", "Мы благодарим"))
        # the count and the time are those of the statement that says it once
        assert _styled(document, "Box") == _styled(unchanged, "Box")


def _unmarked(document: docx.document.Document) -> list[str]:
    """The speech as delivered: each Speech paragraph without its time marks."""
    return [
        "".join(run.text for run in p.runs if run.style is None or run.style.name != "Time Mark")
        for p in document.paragraphs
        if p.style is not None and p.style.name == "Speech"
    ]


def test_the_upload_copy_is_the_statement_without_marks_or_counts(tmp_path: Path) -> None:
    notes = _build(tmp_path / "notes", SAMPLE, "-l", "en", "-l", "ru")
    upload = _build(tmp_path / "upload", SAMPLE, "--upload", "-l", "en", "-l", "ru")
    assert sorted(upload) == [
        f"2023-06-26_oral-statement_hrc53-judges-lawyers-oral-statement_upload_{language}.docx"
        for language in ("en", "ru")
    ]
    for language, count, check in (
        ("en", "140 words", "Check against delivery"),
        ("ru", "137 слов", "Сверить с произнесенным текстом"),
    ):
        [speaker] = [d for name, d in notes.items() if name.endswith(f"_{language}.docx")]
        [clean] = [d for name, d in upload.items() if name.endswith(f"_{language}.docx")]
        text = "\n".join(p.text for p in clean.paragraphs)
        assert count in "\n".join(p.text for p in speaker.paragraphs)  # the notes have it...
        assert "[0:30]" in "\n".join(p.text for p in speaker.paragraphs)
        assert count not in text and "[0:" not in text  # ...the upload copy does not
        assert _styled(clean, "Box") == []
        assert not any(run.style.name == "Time Mark" for p in clean.paragraphs for run in p.runs)
        assert check in text
        assert _unmarked(clean) == _unmarked(speaker)  # the same statement, word for word


def test_upload_builds_only_oral_statements(tmp_path: Path) -> None:
    joint = REPO / "samples" / "prosecutor-srhr-joint-statement.yaml"
    result = run(["build", "-o", str(tmp_path / "out"), "--upload", str(joint), str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert (
        f"note: {joint}: skipped by --upload: a joint statement is not delivered on the "
        "Council's floor"
    ) in result.output.splitlines()
    assert [p.name for p in (tmp_path / "out").glob("*.docx")] == [
        "2023-06-26_oral-statement_hrc53-judges-lawyers-oral-statement_upload_en.docx"
    ]
    refused = run(["build", "-o", str(tmp_path / "other"), "--upload", "--public", str(SAMPLE)])
    assert refused.exit_code == 2
    assert "--upload builds oral statements, --public communications" in refused.output
    assert not (tmp_path / "other").exists()


def test_preview_upload_shows_the_copy_to_upload() -> None:
    notes = run(["preview", str(SAMPLE)])
    upload = run(["preview", "--upload", str(SAMPLE)])
    assert notes.exit_code == upload.exit_code == 0
    assert "140 words" in notes.output and "[0:30]" in notes.output
    assert "140 words" not in upload.output and "[0:30]" not in upload.output
    assert "Check against delivery" in upload.output
    assert "February 2023. On 30 May 2023, UN experts" in upload.output


def test_the_heading_joins_its_parts_with_the_languages_dash(tmp_path: Path) -> None:
    built = _build(tmp_path, SAMPLE, "-l", "en", "-l", "ru")
    name = "2023-06-26_oral-statement_hrc53-judges-lawyers-oral-statement_{}.docx"
    english, russian = built[name.format("en")], built[name.format("ru")]
    assert _styled(english, "Title")[0].startswith("HRC53 – Item 3 – Interactive Dialogue – ")
    assert _styled(russian, "Title")[0].startswith("СПЧ, 53-я сессия\u00a0— Пункт 3\u00a0— ")
    assert russian.core_properties.title.startswith("СПЧ, 53-я сессия\u00a0— Пункт 3\u00a0— ")
