"""Speaking time (``unsubmit.un.speaking`` and the ``speaking-time`` rule).

Every language is timed at a documented rate (words per minute; characters per minute for
Chinese), a statement may set its own pace, a statement that cannot fit its limit is an error
saying how long it takes and how much to cut, and one close to the limit is a warning.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import sample_case
from unsubmit.check.rules import run_rules
from unsubmit.i18n.translations import Translator
from unsubmit.models import LANGUAGES, OralStatement
from unsubmit.resources import read_data
from unsubmit.un import speaking


def _statement(words: int = 0, **changes: Any) -> OralStatement:
    """The sample with another text: ``words`` words in all, the salutation's included."""
    salutation = Translator(changes.get("language", "en")).gettext(speaking.SALUTATIONS["mr"])
    words -= speaking.count(salutation, "words")
    paragraphs = [" ".join(["word"] * words)] if words > 0 else []
    return sample_case(
        "hrc53-judges-lawyers-oral-statement",
        OralStatement,
        **{"question": None, "paragraphs": paragraphs, **changes},
    )


def _timing(case: OralStatement) -> list[tuple[str, str]]:
    return [(v.severity.value, v.message) for v in run_rules(case) if v.code == "speaking-time"]


def test_words_are_runs_with_a_letter_or_digit() -> None:
    assert speaking.count("Thank you, Mr. President – 30 May 2023.", "words") == 7


def test_chinese_counts_each_han_character_and_each_other_word() -> None:
    # 9 Han characters; "UN" and "2023" count one each; punctuation does not count
    assert speaking.count("谢谢主席先生。UN 2023年报告", "characters") == 11


def test_rates_come_from_the_data_file_with_a_marked_default() -> None:
    data = read_data("speaking_rates.json")
    english = speaking.language_rate("en")
    assert (english.unit, english.per_minute, english.default) == ("words", 150, False)
    chinese = speaking.language_rate("zh")
    assert (chinese.unit, chinese.per_minute) == ("characters", 180)
    french = speaking.language_rate("fr")
    assert french.default and french.per_minute == data["default"]["per_minute"]
    for language in data["uses_default"]["languages"]:
        assert language not in data["languages"]
        assert speaking.language_rate(language).default
    every = set(data["languages"]) | set(data["uses_default"]["languages"])
    assert every == set(LANGUAGES)  # each language has a rate, or is said to use the default
    for entry in [data["default"], *data["languages"].values()]:
        assert entry["source"] in data["sources"]


def test_spanish_is_timed_at_the_measured_pace_of_spanish_statements_at_the_un() -> None:
    spanish = speaking.language_rate("es")
    assert (spanish.unit, spanish.per_minute, spanish.default) == ("words", 120, False)
    assert spanish.source == "arias-rivera-2020"
    [(severity, message)] = _timing(_statement(250, language="es"))  # 2:05 at 120 a minute
    assert severity == "error"
    assert message.startswith("the statement takes about 2:05 (250 words at 120 words per minute)")


def test_a_pace_of_its_own_faster_than_the_languages_is_a_warning() -> None:
    [(severity, message)] = _timing(_statement(100, words_per_minute=190))
    assert severity == "warning"
    assert message == (
        "190 words per minute is faster than the 150 that statements in English are timed at, "
        "and interpreters may not follow; UN Geneva asks speakers for no more than 120 words "
        "per minute: shorten the statement rather than speed up"
    )
    assert _timing(_statement(100, words_per_minute=130)) == []  # slower: the speaker's own
    chinese = _statement(paragraphs=["人" * 100], language="zh", characters_per_minute=240)
    [(_, message)] = _timing(chinese)
    assert message.startswith("240 characters per minute is faster than the 180")
    assert "UN Geneva" not in message  # its figure is in words


def test_a_statement_may_set_its_own_pace_in_its_languages_unit() -> None:
    assert speaking.statement_rate("en", 110, None).per_minute == 110
    assert speaking.statement_rate("zh", 110, 200) == speaking.Rate("characters", 200, "statement")
    assert speaking.statement_rate("zh", 110, None).per_minute == 180


def _read(paragraphs: list[list[speaking.Segment]]) -> str:
    """The statement as the speaker reads it, each mark in brackets."""
    return "\n".join(
        "".join(s.text + (f" [{s.mark}]" if s.mark else "") for s in paragraph)
        for paragraph in paragraphs
    )


#: A sentence with a date in it, in three languages, and the date that must stay whole.
DATED = [
    ("en", "On 30 May 2023, UN experts named her among the prisoners held incommunicado.",
     "30 May 2023"),
    ("ru", "30 мая 2023 года эксперты ООН назвали её в числе заключённых, содержащихся под "
     "стражей без связи с внешним миром.", "30 мая 2023 года"),
    ("fr", "Le 30 mai 2023, des experts de l’ONU l’ont citée parmi les détenus au secret.",
     "30 mai 2023"),
    ("en", "Mr. Klimovich, 61, was sentenced on February 28, 2023 to one year in a colony.",
     "February 28, 2023"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "sentence", "date"), DATED)
def test_a_mark_never_falls_inside_a_date_a_number_or_a_name(
    language: str, sentence: str, date: str
) -> None:
    rate = speaking.Rate("words", 150, "ishr")  # the 30 seconds end at the 75th word
    words = speaking.count(sentence, "words")
    for filler in range(75 - words, 75):  # the 75th word swept across the sentence
        text = " ".join(["word"] * filler) + " " + sentence
        read = _read(speaking.timed([text], rate))
        assert "[0:30]" in read
        assert date in read, read
        assert "Mr. [" not in read and "years [" not in read
        marked = read.split(" [0:30]")[0]
        assert marked.endswith((",", ".")), read


def test_a_mark_goes_to_a_close_sentence_end_else_the_nearest_pause() -> None:
    rate = speaking.Rate("words", 150, "ishr")
    # the 75th word is 2 words before a full stop: the mark waits for it
    text = " ".join(["w"] * 72) + " one two three. Then, more words follow here."
    assert "three. [0:30] Then" in _read(speaking.timed([text], rate))
    # no sentence end within 5 seconds (12.5 words): the comma nearest the 75th word
    text = " ".join(["w"] * 70) + ", " + " ".join(["w"] * 12) + ", " + " ".join(["w"] * 30)
    read = _read(speaking.timed([text], rate))
    assert read.index("[0:30]") == len(" ".join(["w"] * 70)) + 2
    # a dash standing alone stays before the mark
    text = " ".join(["w"] * 74) + " end — then " + " ".join(["w"] * 30)
    assert "end — [0:30] then" in _read(speaking.timed([text], rate))


def test_marks_run_on_across_paragraphs_and_in_chinese_characters() -> None:
    rate = speaking.Rate("characters", 180, "li-2010")  # 90 characters every 30 seconds
    first = "人" * 50 + "，" + "人" * 20 + "。"
    [[opening], [marked, rest]] = speaking.timed([first, "人" * 20 + "，" + "人" * 40], rate)
    assert opening.mark == ""  # the 90th character is in the second paragraph...
    assert (marked.text, marked.mark) == ("人" * 20 + "，", "0:30")  # ...ending a phrase
    assert rest.text == "人" * 40
    # a sentence end 5 characters before the 90th wins over a comma 5 after it
    first = "人" * 60 + "，" + "人" * 25 + "。"
    [[opening], _] = speaking.timed([first, "人" * 10 + "，" + "人" * 20], rate)
    assert (opening.text, opening.mark) == (first, "0:30")
    # with no pause in the text, the mark goes to the paragraph's end
    [[whole]] = speaking.timed(["人" * 100 + "。"], rate)
    assert (whole.text, whole.mark) == ("人" * 100 + "。", "0:30")


def test_a_statement_over_its_limit_is_an_error_with_the_time_and_the_cut() -> None:
    [(severity, message)] = _timing(_statement(260, time_limit_seconds=90))
    assert severity == "error"
    assert message == (
        "the statement takes about 1:44 (260 words at 150 words per minute), over its time "
        "limit of 1:30: cut about 35 words"
    )


def test_a_statement_close_to_its_limit_is_a_warning() -> None:
    [(severity, message)] = _timing(_statement(290))  # 1:56 of 2:00
    assert severity == "warning"
    assert "takes about 1:56 (290 words at 150 words per minute), 97% of its time limit" in message
    assert _timing(_statement(270)) == []  # 1:48, exactly 90%: no warning


def test_the_default_rate_is_named_as_such() -> None:
    [(_, message)] = _timing(_statement(400, language="fr"))
    assert "the default rate: no sourced rate for French; set words_per_minute" in message


def test_chinese_is_timed_in_characters() -> None:
    # 400 characters and the 6 of the salutation, 谢谢主席先生
    [(_, message)] = _timing(_statement(paragraphs=["人" * 400], language="zh"))
    assert message.startswith("the statement takes about 2:16 (406 characters at 180 characters")
    assert message.endswith("cut about 46 characters")


@pytest.mark.parametrize(
    ("language", "field", "own"),
    [("zh", "words_per_minute", "characters_per_minute"), ("en", "characters_per_minute", "")],
)
def test_a_pace_in_the_wrong_unit_is_a_warning(language: str, field: str, own: str) -> None:
    case = _statement(paragraphs=["Short."], language=language, **{field: 120})
    [(severity, message)] = _timing(case)
    assert severity == "warning"
    assert f"{field} is not used; set {own or 'words_per_minute'} instead" in message


@pytest.mark.parametrize(
    ("language", "text", "left"),
    [
        ("en", "Thank you Mr President, we welcome the report.", "We welcome the report."),
        ("en", "Thank you, Madam President. We welcome", "We welcome"),
        (
            "en",
            "Thank you, Mr. Presidents of the courts.",
            "Thank you, Mr. Presidents of the courts.",
        ),
        ("fr", "Merci, Monsieur le Président. Nous saluons", "Nous saluons"),
        ("ru", "благодарю вас, госпожа Председатель! Мы", "Мы"),
        ("zh", "谢谢主席先生。我们欢迎", "我们欢迎"),
        ("zh", "Thank you, Mr. President. 我们", "我们"),
    ],
)
def test_a_paragraph_is_spoken_without_the_salutation_it_opens_with(
    language: str, text: str, left: str
) -> None:
    forms = speaking.salutations(Translator(language).gettext)
    assert speaking.without_salutation(text, forms) == left
