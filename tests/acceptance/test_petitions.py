"""One case file, several documents: the WGAD petition and the WGEID form of the Kalesnikava
sample, built from the same file as its urgent appeal (``unsubmit build --as``)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import docx
from docx.oxml.ns import qn

from tests.acceptance.test_public import HER_NAMES, assert_never_named, everything
from tests.conftest import REPO, run
from unsubmit.render.reader import document_lines

KALESNIKAVA = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"


def _build(tmp_path: Path, *args: str) -> tuple[int, str, dict[str, bytes]]:
    out = tmp_path / "out"
    result = run(["build", "-o", str(out), *args])
    files = {p.name: p.read_bytes() for p in sorted(out.glob("[!.]*"))} if out.exists() else {}
    return result.exit_code, result.output, files


def test_one_file_yields_the_appeal_the_petition_and_the_form(tmp_path: Path) -> None:
    args = ["--as", "communication", "--as", "wgad-petition", "--as", "wgeid-form"]
    code, output, files = _build(tmp_path, *args, str(KALESNIKAVA))
    assert code == 0, output
    assert sorted(files) == [
        "2023-06-01_communication_kalesnikava-urgent-appeal_en.docx",
        "2023-06-01_wgad-petition_kalesnikava-urgent-appeal_en.docx",
        "2023-06-01_wgeid-form_kalesnikava-urgent-appeal_kalesnikava_en.docx",
    ]


def test_the_petition_follows_the_questionnaire_and_says_what_is_unknown(tmp_path: Path) -> None:
    code, output, files = _build(tmp_path, "--as", "wgad-petition", str(KALESNIKAVA))
    assert code == 0, output
    lines = document_lines(next(iter(files.values())))
    headings = [line for line in lines if line[:3] in {"I. ", "II.", "III", "IV.", "V. ", "VI."}]
    assert headings == [
        "I. Identity",
        "II. Arrest",
        "III. Detention",
        "IV. Why the deprivation of liberty is arbitrary",
        "V. Domestic steps and their outcome",
        "VI. Source of the information",
    ]
    assert "Email | hrc-wg-ad@un.org" in lines
    assert "Identity document | Not known to the source" in lines
    assert "Duration of the detention at the date of the petition | 2 years, 8 months" in lines
    assert "Category II: The deprivation of liberty results from the exercise of rights" in lines
    assert "7 September 2020 – Maria Kalesnikava was arrested." in lines
    assert "Around February 2023 – Her family and her lawyer lost all contact with her. " in (
        "\n".join(lines)
    )


def test_the_form_is_one_per_person_and_not_urgent_after_three_months(tmp_path: Path) -> None:
    code, output, files = _build(tmp_path, "--as", "wgeid-form", str(KALESNIKAVA))
    assert code == 0, output
    lines = document_lines(next(iter(files.values())))
    assert "Date of the disappearance | February 2023" in lines
    assert "URGENT PROCEDURE" not in "\n".join(lines)
    recent = KALESNIKAVA.read_text("utf-8").replace("date: 2023-02\n", "date: 2023-05\n", 1)
    case = tmp_path / "recent.yaml"
    case.write_text(
        recent.replace(
            "  - id: incommunicado\n    date: 2023-02", "  - id: incommunicado\n    date: 2023-05"
        ),
        "utf-8",
    )
    code, output, files = _build(tmp_path / "recent", "--as", "wgeid-form", str(case))
    assert code == 0, output
    assert "URGENT PROCEDURE" in "\n".join(document_lines(next(iter(files.values()))))


def test_a_document_the_file_does_not_list_is_refused(tmp_path: Path) -> None:
    path = REPO / "samples" / "klimovich-allegation-letter.yaml"
    code, output, files = _build(tmp_path, "--as", "wgad-petition", str(path))
    assert code == 2
    assert "does not list wgad-petition under documents: add it there" in output
    assert files == {}


def test_public_versions_of_the_petition_and_the_form_hide_her_name(tmp_path: Path) -> None:
    text = KALESNIKAVA.read_text("utf-8").replace("public_name: full", "public_name: withheld")
    case = tmp_path / "case.yaml"
    case.write_text(text, "utf-8")
    code, output, files = _build(
        tmp_path, "--public", "--as", "wgad-petition", "--as", "wgeid-form", str(case)
    )
    assert code == 0, output
    assert sorted(files) == [
        "2023-06-01_wgad-petition_incommunicado-detention-of_public_en.docx",
        "2023-06-01_wgeid-form_incommunicado-detention-of_person-1_public_en.docx",
    ]
    form = document_lines(files[sorted(files)[1]])
    assert [line for line in form if line[:3] in {"1. ", "2. ", "3. ", "4. ", "5. "}] == [
        "1. Identity",
        "2. Disappearance",
        "3. Steps taken to find the person",
        "4. Source of the information",
    ]
    for data in files.values():
        assert "[name withheld]" in "\n".join(document_lines(data))
        assert_never_named(data, HER_NAMES)
        assert "advocacy@example.org" not in everything(data)


def test_email_sends_the_petition_to_the_working_group_and_no_form(tmp_path: Path) -> None:
    args = ["--email", "--as", "wgad-petition", "--as", "wgeid-form", str(KALESNIKAVA)]
    code, output, files = _build(tmp_path, *args)
    assert code == 0, output
    assert "wgad-petition_kalesnikava-urgent-appeal_en.eml (to hrc-wg-ad@un.org)" in output
    assert "note: no email for WGEID forms" in output
    assert [name for name in files if name.endswith(".eml")] == [
        "2023-06-01_wgad-petition_kalesnikava-urgent-appeal_en.eml"
    ]
    message = files["2023-06-01_wgad-petition_kalesnikava-urgent-appeal_en.eml"]
    assert b"\r\nTo: hrc-wg-ad@un.org\r\n" in message
    assert b"To the Working Group on Arbitrary Detention," in message


def test_the_opinion_sample_builds_in_the_petition_languages_and_russian(tmp_path: Path) -> None:
    """The Bialiatski sample (the case of WGAD Opinion No. 3/2024), from its own text in
    English, French, Spanish and Russian: no draft mark, no English under other headings."""
    path = REPO / "samples" / "bialiatski-wgad-petition.yaml"
    locales = ["-l", "en", "-l", "fr", "-l", "es", "-l", "ru"]
    code, output, files = _build(tmp_path, "--strict", "--as", "wgad-petition", *locales, str(path))
    assert code == 0, output
    assert len(files) == 4
    stem = "2023-05-15_wgad-petition_bialiatski-wgad-petition"
    russian = document_lines(files[f"{stem}_ru.docx"])
    assert "IV. Почему лишение свободы является произвольным" in russian
    assert "Категория II: Лишение свободы вызвано осуществлением прав" in russian
    duration = "Продолжительность содержания под стражей на дату петиции | 1 год, 10 месяцев"
    assert duration in russian
    french = document_lines(files[f"{stem}_fr.docx"])
    assert "IV. Raisons pour lesquelles la privation de liberté est arbitraire" in french
    assert "Son appel a été rejeté et la peine confirmée." in "\n".join(french)
    spanish = document_lines(files[f"{stem}_es.docx"])
    assert "V. Gestiones internas y su resultado" in spanish


def test_preview_shows_a_petition_and_its_context() -> None:
    shown = run(["preview", "--as", "wgeid-form", str(KALESNIKAVA)])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[:2] == [
        "Case form of the Working Group on Enforced or Involuntary Disappearances",
        "Maria Kalesnikava",
    ]
    assert "Date of the disappearance | February 2023" in lines
    context = run(["preview", "--context", "--as", "wgad-petition", str(KALESNIKAVA)])
    assert context.exit_code == 0, context.output
    assert '"address": "hrc-wg-ad@un.org"' in context.output


def test_a_file_that_lists_no_communication_builds_what_it_lists(tmp_path: Path) -> None:
    text = KALESNIKAVA.read_text("utf-8").replace(
        "documents: [communication, wgad-petition, wgeid-form]", "documents: [wgad-petition]"
    )
    case = tmp_path / "petition.yaml"
    case.write_text(text, "utf-8")
    code, output, files = _build(tmp_path, str(case))
    assert code == 0, output
    assert sorted(files) == ["2023-06-01_wgad-petition_petition_en.docx"]


def test_an_argument_for_some_victims_names_them(tmp_path: Path) -> None:
    text = KALESNIKAVA.read_text("utf-8").replace(
        "    - category: III\n", "    - category: III\n      victims: [kalesnikava]\n"
    )
    case = tmp_path / "case.yaml"
    case.write_text(text, "utf-8")
    code, output, files = _build(tmp_path, "--as", "wgad-petition", str(case))
    assert code == 0, output
    lines = document_lines(next(iter(files.values())))
    assert "Alleged victim: Maria Kalesnikava" in lines


def test_the_account_of_a_disappearance_stands_apart_from_its_table(tmp_path: Path) -> None:
    code, output, files = _build(tmp_path, "--as", "wgeid-form", str(KALESNIKAVA))
    assert code == 0, output
    document = docx.Document(BytesIO(next(iter(files.values()))))
    (account,) = [p for p in document.paragraphs if p.text.startswith("Since February 2023")]
    before = account._p.getprevious()
    assert before is not None and before.tag == qn("w:tbl")
    spacing = account.paragraph_format.space_before
    assert spacing is not None and spacing.pt >= 6
