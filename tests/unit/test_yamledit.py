"""Writing translations into YAML text: comments stay where a reader expects them."""

from __future__ import annotations

import pytest
import yaml

from unsubmit.errors import InputError
from unsubmit.load.yamledit import set_texts

#: (what the file holds, the path, the language, the translation, what it holds after).
EDITS = {
    "a comment after a folded text stays after its translation": (
        "place: >\n  Geneva\n# the next field\ndate: 2023-11-20\n",
        ("place",),
        "fr",
        "Genève\n",
        "place:\n  en: >\n    Geneva\n  fr: >\n    Genève\n# the next field\ndate: 2023-11-20\n",
    ),
    "an existing translation is replaced in place, its comment kept": (
        "place:\n  en: Geneva\n  fr: Geneve  # to check\n# next\ndate: 2023-11-20\n",
        ("place",),
        "fr",
        "Genève",
        "place:\n  en: Geneva\n  fr: Genève  # to check\n# next\ndate: 2023-11-20\n",
    ),
    "a new language goes after the others and before the comment": (
        "place:\n  en: Geneva\n  fr: Genève\n\n# next\ndate: 2023-11-20\n",
        ("place",),
        "ru",
        "Женева",
        "place:\n  en: Geneva\n  fr: Genève\n  ru: Женева\n\n# next\ndate: 2023-11-20\n",
    ),
    "a text in a flow list becomes a flow mapping": (
        "demands: [Stop recording them.]\n",
        ("demands", 0),
        "fr",
        "Cessez de les filmer.",
        "demands: [{en: Stop recording them., fr: Cessez de les filmer.}]\n",
    ),
}


@pytest.mark.parametrize(("before", "path", "language", "text", "after"), EDITS.values(), ids=EDITS)
def test_a_translation_is_written_where_a_reader_expects_it(
    before: str, path: tuple[str | int, ...], language: str, text: str, after: str
) -> None:
    assert set_texts(before, "case.yaml", "en", language, {path: text}) == after


def test_a_long_translation_is_folded_at_spaces_and_reads_back_the_same() -> None:
    translation = " ".join(["Les vidéos de « repentir » doivent cesser."] * 6)
    after = set_texts("title: Stop.\n", "case.yaml", "en", "fr", {("title",): translation})
    assert all(len(line) <= 100 for line in after.splitlines())
    assert len(after.splitlines()) > 4
    assert yaml.safe_load(after)["title"]["fr"] == translation


def test_a_path_that_is_not_in_the_file_is_an_error() -> None:
    with pytest.raises(InputError, match="changed while it was being read"):
        set_texts("title: Stop.\n", "case.yaml", "en", "fr", {("place",): "Genève"})


def test_windows_line_ends_and_a_byte_order_mark_are_kept() -> None:
    before = "\ufeff# notes\r\nplace: Geneva\r\ndate: 2023-11-20\r\n"
    after = set_texts(before, "case.yaml", "en", "fr", {("place",): "Genève"})
    assert (
        after == "\ufeff# notes\r\nplace:\r\n  en: Geneva\r\n  fr: Genève\r\ndate: 2023-11-20\r\n"
    )
