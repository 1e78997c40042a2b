"""``unsubmit mandates``: the registry, searchable, and cases checked against it."""

from __future__ import annotations

import json

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
