"""``unsubmit mandates``: the registry, searchable, and cases checked against it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run


def test_json_lists_every_mandate_with_id_title_and_type() -> None:
    result = run(["mandates", "-o", "json"])
    assert result.exit_code == 0
    mandates = json.loads(result.output)
    assert len(mandates) >= 50
    assert all({"id", "title", "type"} <= set(m) for m in mandates)
    belarus = next(m for m in mandates if m["id"] == "sr-belarus")
    assert belarus["title"] == "Special Rapporteur on the situation of human rights in Belarus"
    assert belarus["type"] == "country" and belarus["country"] == "BLR"


def test_a_query_matches_words_in_titles() -> None:
    result = run(["mandates", "arbitrary", "detention"])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["wgad  thematic  Working Group on Arbitrary Detention"]


def test_a_query_that_matches_nothing_exits_1() -> None:
    result = run(["mandates", "no-such-thing"])
    assert result.exit_code == 1
    assert "no mandate matches 'no-such-thing'" in result.output


def test_suggest_gives_reasons_for_every_communication_sample(in_repo: Path) -> None:
    for sample in ("klimovich-allegation-letter", "kalesnikava-urgent-appeal"):
        result = run(["mandates", "--suggest", f"samples/{sample}.yaml", "-o", "json"])
        assert result.exit_code == 0, result.output
        suggestions = json.loads(result.output)
        assert suggestions[0]["id"] == "sr-belarus"
        assert all(s["reasons"] for s in suggestions if not s["addressed"])
        assert all({"id", "title", "type", "reasons", "addressed"} <= set(s) for s in suggestions)


def test_suggest_for_a_death_in_custody_names_the_five_mandates(in_repo: Path) -> None:
    result = run(["mandates", "--suggest", "samples/klimovich-allegation-letter.yaml"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    ids = [line.split()[0] for line in lines if not line.startswith(" ")]
    assert {"sr-belarus", "sr-torture", "sr-executions", "sr-health", "wgad"} <= set(ids)
    torture = lines.index(next(line for line in lines if line.startswith("sr-torture")))
    assert lines[torture].split()[1] == "suggested"
    assert lines[torture + 1].strip() == "- Mikalai Klimovich: died in custody"
    assert "note: takes cases from the persons concerned, their families, their " in (result.output)
    assert "petition: Beside an urgent appeal" in result.output


def test_suggest_refuses_other_kinds_and_broken_files(in_repo: Path, tmp_path: Path) -> None:
    statement = run(["mandates", "--suggest", "samples/hrc53-judges-lawyers-oral-statement.yaml"])
    assert statement.exit_code == 1
    assert "suggestions are for communications" in statement.output
    broken = run(["mandates", "--suggest", "samples/invalid/misspelt-kind.yaml"])
    assert broken.exit_code == 1
    assert "unknown kind 'comunication'" in broken.output
    both = run(["mandates", "torture", "--suggest", "samples/klimovich-allegation-letter.yaml"])
    assert both.exit_code == 2


def test_suggest_in_json_reports_a_broken_file_in_json(in_repo: Path) -> None:
    result = run(["mandates", "--suggest", "samples/invalid/misspelt-kind.yaml", "-o", "json"])
    assert result.exit_code == 1
    assert json.loads(result.output)["findings"][0]["path"] == "$.kind"


def _without_executions(tmp_path: Path, declined: str = "") -> Path:
    """The Klimovich sample (a death in custody) with the mandate on executions left out."""
    text = (Path("samples") / "klimovich-allegation-letter.yaml").read_text("utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("  - sr-executions\n", "") + declined, encoding="utf-8")
    return case


DECLINED = (
    "mandates_declined:\n"
    "  - id: sr-executions\n"
    "    reason: The family asked us to keep the letter to the detention and the trial.\n"
)


def test_a_suggested_mandate_left_out_is_a_warning_that_says_how_to_decline_it(
    in_repo: Path, tmp_path: Path
) -> None:
    result = run(["validate", str(_without_executions(tmp_path))])
    assert result.exit_code == 0
    assert ":21:3: $.mandates: warning: sr-executions (Special Rapporteur on extrajudicial, " in (
        result.output
    )
    assert "leave it out on purpose under mandates_declined with the id and a reason" in (
        result.output
    )
    assert run(["validate", "--strict", str(_without_executions(tmp_path))]).exit_code == 1


def test_a_declined_mandate_silences_validation_even_strict(in_repo: Path, tmp_path: Path) -> None:
    case = _without_executions(tmp_path, DECLINED)
    for args in (["validate"], ["validate", "--strict"]):
        result = run([*args, str(case)])
        assert result.output == "1 file valid\n"
        assert result.exit_code == 0


def test_suggest_shows_a_declined_mandate_with_its_reason(in_repo: Path, tmp_path: Path) -> None:
    case = _without_executions(tmp_path, DECLINED)
    lines = run(["mandates", "--suggest", str(case)]).output.splitlines()
    first = lines.index(next(line for line in lines if line.startswith("sr-executions")))
    assert lines[first].split()[1] == "declined"
    following = [line.strip() for line in lines[first + 1 : first + 4]]
    reason = "declined: The family asked us to keep the letter to the detention and the trial."
    assert reason in following
    found = json.loads(run(["mandates", "--suggest", str(case), "-o", "json"]).output)
    executions = next(s for s in found if s["id"] == "sr-executions")
    assert executions["declined"].startswith("The family asked")
    assert executions["addressed"] is False


def test_declining_an_addressed_or_unknown_mandate_is_an_error_at_its_place(
    in_repo: Path, tmp_path: Path
) -> None:
    declined = (
        "mandates_declined:\n"
        "  - id: sr-belarus\n"
        "    reason: Already seized.\n"
        "  - id: sr-executons\n"
        "    reason: Not this time.\n"
    )
    case = _without_executions(tmp_path, declined)
    result = run(["validate", str(case)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(
        line.endswith(
            ":162:9: $.mandates_declined[0].id: 'sr-belarus' is both addressed (under mandates) "
            "and declined: remove it from one of the two lists"
        )
        for line in lines
    )
    assert any(
        line.endswith(
            ":164:9: $.mandates_declined[1].id: no mandate has the id 'sr-executons'; did you "
            "mean 'sr-executions'? (unsubmit mandates lists them)"
        )
        for line in lines
    )
    # The misspelt id declines nothing: the warning about the mandate left out stays.
    assert "warning: sr-executions (Special Rapporteur" in result.output
