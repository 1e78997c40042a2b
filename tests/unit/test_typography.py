"""Each language's typography, applied to what a document shows and never to the case."""

from __future__ import annotations

import datetime

import pytest

from unsubmit.i18n.typography import folded, punctuation, typeset, unembedded
from unsubmit.render.context import Formatter, continuing

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("language", "typed", "set_as"),
    [
        (
            "en",
            'her report, "Reimagining justice", isn\'t - yet',
            "her report, “Reimagining justice”, isn’t – yet",
        ),
        (
            "en",
            "the 'best' of the '90s, [name withheld]'s",
            "the ‘best’ of the ’90s, [name withheld]’s",
        ),
        (
            "fr",
            'le rapport "Justice" : est-ce l\'heure? Oui!',
            f"le rapport «{NNBSP}Justice{NNBSP}»{NNBSP}: est-ce l’heure{NNBSP}? Oui{NNBSP}!",
        ),
        (
            "fr",
            "« déjà » à 10:30, https://example.org/?a=1",
            f"«{NNBSP}déjà{NNBSP}» à 10:30, https://example.org/?a=1",
        ),
        ("ru", 'доклад "Правосудие" - важный', "доклад «Правосудие»\u00a0— важный"),
        ("uk", 'доповідь "Правосуддя"', "доповідь «Правосуддя»"),
        ("zh", '报告"正义"很重要', "报告“正义”很重要"),
        ("ar", 'تقرير "العدالة" مهم', "تقرير ”العدالة“ مهم"),
        ("ar", "Example Students' Union", "Example Students’ Union"),
    ],
)
def test_straight_quotes_apostrophes_and_dashes_take_the_languages_forms(
    language: str, typed: str, set_as: str
) -> None:
    assert typeset(typed, language) == set_as
    assert typeset(set_as, language) == set_as  # setting twice changes nothing


def test_folding_gives_back_what_a_case_typed() -> None:
    assert folded("O’Brien «\u202fJustice\u202f»") == 'O\'Brien " Justice "'
    assert unembedded("\u202aMaria Kalesnikava\u202c\u200f") == "Maria Kalesnikava"
    assert folded("\u202eRLO") == "\u202eRLO"  # a case's own marks stay, to be seen


def test_each_language_separates_lists_in_its_own_way() -> None:
    assert punctuation("zh") == {
        "list": "、",
        "comma": "，",
        "series": "；",
        "colon": "：",
        "label_space": "",
    }
    assert punctuation("ar")["list"] == "، " and punctuation("ar")["series"] == "؛ "
    assert punctuation("fr")["series"] == f"{NNBSP}; "
    assert punctuation("en")["list"] == ", "


def test_a_month_heading_is_capitalised_in_its_stand_alone_form() -> None:
    russian = Formatter("ru")
    assert russian.date("2022-11", standalone=True) == f"Ноябрь 2022{NNBSP}г."
    assert russian.date("2022-11") == f"ноябрь 2022{NNBSP}г."
    assert Formatter("fr").date("2022-11", standalone=True) == "Novembre 2022"
    assert (
        Formatter("ru").date(datetime.date(2023, 5, 7), standalone=True) == f"7 мая 2023{NNBSP}г."
    )


def test_a_second_role_is_not_capitalised_mid_list() -> None:
    assert continuing(["Политический заключенный", "Лицо с инвалидностью"]) == [
        "Политический заключенный",
        "лицо с инвалидностью",
    ]
    assert continuing(["Journalist", "LGBTI activist"]) == ["Journalist", "LGBTI activist"]
    assert continuing([]) == []
