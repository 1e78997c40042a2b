"""Countries as people write them: two-letter codes and names in the documents' languages are
answered with the three-letter code, and a country's mandate is not addressed about another."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import run, sample_data
from unsubmit.check.schema_errors import country_meant


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("BY", "BLR"),  # not LBY, Libya
        ("by", "BLR"),
        ("UA", "UKR"),  # not UGA or USA
        ("Belarus", "BLR"),
        ("Беларусь", "BLR"),  # Russian and Belarusian
        ("Білорусь", "BLR"),  # Ukrainian
        ("Biélorussie", "BLR"),  # CLDR's French
        ("Bélarus", "BLR"),  # the UN's French
        ("Belarús", "BLR"),  # the UN's Spanish
        ("白俄罗斯", "BLR"),
        ("بيلاروس", "BLR"),
        ("Belarussia", "BLR"),  # misspelt
        ("Украина", "UKR"),
        ("Russia", "RUS"),
    ],
)
def test_a_country_is_understood_as_people_write_it(written: str, meant: str) -> None:
    assert country_meant(written) == meant


def test_text_that_names_no_country_gets_no_country(tmp_path: Path) -> None:
    assert country_meant("Minsk") is None
    assert country_meant("XQ") is None


def test_a_country_mandate_for_another_country_names_the_right_one(tmp_path: Path) -> None:
    data = sample_data("klimovich-allegation-letter") | {
        "country": "RUS",
        "mandates": ["sr-belarus"],
    }
    case = tmp_path / "case.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    case.write_text(text, "utf-8")
    result = run(["validate", str(case)])
    assert result.exit_code == 1
    line = text.splitlines().index("mandates:") + 2
    assert (
        f"{case}:{line}:3: $.mandates[0]: sr-belarus is the mandate on Belarus (BLR), but the "
        "case's country is Russia (RUS): correct country, or address sr-russian-federation "
        "instead"
    ) in result.output.splitlines()
