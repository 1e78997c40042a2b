"""A case whose consent could not be obtained (``consent.not_obtained``): the incommunicado
detainee whose family cannot be reached, the typical urgent appeal. It validates and builds, the
communication says why consent could not be obtained and on what basis the submitter acts, and
its public version never names the person, whatever ``public_name`` says."""

from __future__ import annotations

from pathlib import Path

from tests.acceptance.test_public import assert_never_named
from tests.conftest import REPO, run
from unsubmit.render.reader import document_lines

KALESNIKAVA = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"

GIVEN = """    consent:
      given_by: family
      submission: true
      informed_government_letter: true
      informed_publication: true
      public_name: full
"""

NOT_OBTAINED = """    consent:
      given_by: null
      submission: false
      informed_government_letter: false
      informed_publication: false
      public_name: {public_name}
      not_obtained:
        asked: [family]
        reason: held-incommunicado
        basis: urgent-interest
        details: Her lawyer has had no access to her since February 2023.
"""

WGEID_LISTED = "documents: [communication, wgad-petition, wgeid-form]"
WGEID_LEFT_OUT = "documents: [communication, wgad-petition]"

NAMES = ("Maria", "Kalesnikava", "Марыя", "Калеснікава", "Maryia", "Kolesnikova", "Колесникова")


def _line(case: Path, start: str) -> int:
    """The line of ``case`` that starts (after its indent) with ``start``: where a finding
    about that field points."""
    lines = case.read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(start))


def _case(
    tmp_path: Path, public_name: str = "withheld", replace: dict[str, str] | None = None
) -> Path:
    """The Kalesnikava sample (held incommunicado) with consent that could not be obtained.

    Its WGEID form is left out: the WGEID takes a case only from the family or with its consent
    (see test_a_wgeid_form_without_the_familys_consent_is_refused)."""
    text = KALESNIKAVA.read_text("utf-8")
    assert GIVEN in text
    text = text.replace(GIVEN, NOT_OBTAINED.format(public_name=public_name))
    text = text.replace(WGEID_LISTED, WGEID_LEFT_OUT)
    for old, new in (replace or {}).items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "incommunicado.yaml"
    path.write_text(text, "utf-8")
    return path


def _built(tmp_path: Path, *args: str) -> tuple[str, bytes]:
    out = tmp_path / "out"
    result = run(["build", "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    (document,) = sorted(out.glob("*.docx"))
    return result.output, document.read_bytes()


def test_an_incommunicado_case_validates_strictly(tmp_path: Path) -> None:
    result = run(["validate", "--strict", str(_case(tmp_path))])
    assert result.output == "1 file valid\n"
    assert result.exit_code == 0


def test_a_wgeid_form_without_the_familys_consent_is_refused(tmp_path: Path) -> None:
    path = _case(tmp_path, replace={WGEID_LEFT_OUT: WGEID_LISTED})
    result = run(["validate", str(path)])
    assert result.exit_code == 1
    assert "$.victims[0].consent.given_by: the WGEID takes a case from the family" in result.output


def test_the_communication_says_why_consent_could_not_be_obtained(tmp_path: Path) -> None:
    _, data = _built(tmp_path, str(_case(tmp_path)))
    lines = document_lines(data)
    consent = lines.index("Consent")
    assert lines[consent + 1 : consent + 8] == [
        "Maria Kalesnikava",
        "Consent could not be obtained.",
        "The alleged victim is held incommunicado.",
        "Consent was sought from the family of the alleged victim, without result.",
        "The submitter acts on behalf of the alleged victim, in their interest, because the "
        "situation is urgent.",
        "Her lawyer has had no access to her since February 2023.",
        "Name in public reports: Withheld.",
    ]
    # Nothing says consent was given, or asks whether she was told about the letter.
    assert not any(line.startswith("Consent was given") for line in lines)
    assert not any("letter will be sent to the Government" in line for line in lines)


def test_nobody_reached_is_said_in_so_many_words(tmp_path: Path) -> None:
    case = _case(tmp_path, replace={"asked: [family]": "asked: []"})
    _, data = _built(tmp_path, str(case))
    lines = document_lines(data)
    assert "Nobody who could give consent could be reached." in lines
    assert not any(line.startswith("Consent was sought") for line in lines)


def test_the_consent_section_is_in_the_document_language(tmp_path: Path) -> None:
    _, data = _built(tmp_path, "-l", "ru", "--allow-untranslated", str(_case(tmp_path)))
    lines = document_lines(data)
    assert "Получить согласие не удалось." in lines
    assert "Предполагаемая жертва содержится под стражей без связи с внешним миром." in lines
    assert (
        "Автор сообщения действует от имени предполагаемой жертвы, в ее интересах, ввиду "
        "безотлагательности ситуации."
    ) in lines


def test_the_public_version_withholds_the_name_whatever_public_name_says(
    tmp_path: Path,
) -> None:
    case = _case(tmp_path, public_name="full")
    output, data = _built(tmp_path, "--public", str(case))
    assert (
        f":{_line(case, 'public_name:')}:20: $.victims[0].consent.public_name: warning: "
        "public_name is 'full', but consent "
        "could not be obtained, so public versions withhold the name: set public_name to "
        "withheld"
    ) in output
    assert_never_named(data, NAMES)
    text = "\n".join(document_lines(data))
    assert "[name withheld]" in text
    # The consent record stays out of public versions.
    assert "Consent could not be obtained." not in text
    assert "Her lawyer has had no access to her since February 2023." not in text


def test_contradictions_are_errors_at_their_place(tmp_path: Path) -> None:
    case = _case(
        tmp_path,
        replace={
            "given_by: null": "given_by: family",
            "submission: false": "submission: true",
        },
    )
    result = run(["validate", str(case)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{case}:{_line(case, 'given_by:')}:17: $.victims[0].consent.given_by: consent is "
        "recorded as given by the family "
        "and as not obtained (not_obtained): keep the one that is true",
        f"{case}:{_line(case, 'submission:')}:19: $.victims[0].consent.submission: consent to "
        "the submission is recorded "
        "(submission: true) but also as not obtained (not_obtained): set submission to false, "
        "or remove not_obtained",
        "2 errors, 0 warnings; 1 of 1 file failed",
    ]


def test_acting_because_it_is_urgent_fits_an_urgent_appeal(tmp_path: Path) -> None:
    case = _case(tmp_path, replace={"type: urgent-appeal": "type: allegation-letter"})
    result = run(["validate", str(case)])
    assert (
        f"{case}:{_line(case, 'basis:')}:16: $.victims[0].consent.not_obtained.basis: warning: "
        "acting without "
        "consent because the situation is urgent fits an urgent appeal, not an allegation "
        "letter: send an urgent appeal, or give the basis you rely on"
    ) in result.output.splitlines()


def test_no_consent_and_no_reason_is_an_error_that_points_to_not_obtained(tmp_path: Path) -> None:
    text = KALESNIKAVA.read_text("utf-8").replace(
        "      given_by: family\n      submission: true\n",
        "      given_by: null\n      submission: false\n",
    )
    case = tmp_path / "case.yaml"
    case.write_text(text, "utf-8")
    result = run(["validate", str(case)])
    assert result.exit_code == 1
    assert (
        f"{case}:{_line(case, 'submission:')}:19: $.victims[0].consent.submission: "
        "Maria Kalesnikava (or the family) has "
        "not consented to this submission: do not send it; if consent could not be obtained "
        "(held incommunicado, a family that cannot be reached), say who was asked, why and on "
        "what basis you act under consent.not_obtained"
    ) in result.output.splitlines()
