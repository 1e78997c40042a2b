"""Mandate titles in every document language: official where the registry has one, otherwise
the catalog's translation followed by the official English title, said to be a translation."""

from __future__ import annotations

import email.policy
import re
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import docx
import pytest

from tests.conftest import REPO, run
from unsubmit.i18n.translations import Translator
from unsubmit.i18n.typography import folded, unembedded
from unsubmit.un.mandates import registry

KALESNIKAVA = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"
MANDATES = ["sr-belarus", "wgad", "sr-torture", "sr-health", "sr-defenders"]

#: The note under the list, in each language that needs it here.
NOTES = {
    "ar": "العنوان المتبوع بالعنوان الإنكليزي الرسمي بين قوسين هو ترجمتنا الخاصة، وليس عنواناً "
    "رسمياً للأمم المتحدة.",
    "zh": "后接括号内英文正式名称的名称为我方自行翻译，并非联合国正式名称。",
    "be": "Назва, за якой у дужках ідзе афіцыйная назва на англійскай мове, — наш уласны "
    "пераклад, а не афіцыйная назва ААН.",
    "uk": "Назва, після якої в дужках подано офіційну назву англійською мовою, — наш власний "
    "переклад, а не офіційна назва ООН.",
}
#: The Special Rapporteur on Belarus as each of these documents names them.
BELARUS = {
    "ar": "المقرر الخاص المعني بحالة حقوق الإنسان في بيلاروس "
    "(Special Rapporteur on the situation of human rights in Belarus)",
    "zh": "白俄罗斯人权状况特别报告员（Special Rapporteur on the situation of human rights in "
    "Belarus）",
    "be": "Спецыяльны дакладчык па пытанні аб становішчы ў галіне правоў чалавека ў Беларусі "
    "(Special Rapporteur on the situation of human rights in Belarus)",
    "uk": "Спеціальний доповідач з питання про становище в галузі прав людини в Білорусі "
    "(Special Rapporteur on the situation of human rights in Belarus)",
}
SCRIPTS = {"ar": "[\u0600-\u06ff]", "zh": "[\u4e00-\u9fff]", "be": "[а-яў]", "uk": "[а-яії]"}


def _addressed(path: Path) -> tuple[list[str], str]:
    """The "Addressed to" list of a communication, and the paragraph after it, read back."""
    paragraphs = [p for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    styles = [p.style.name if p.style is not None else "" for p in paragraphs]
    listed = ("List Bullet", "List Bullet Kept")  # all but the last kept with the next
    bullets = [i for i, style in enumerate(styles) if style in listed]
    first = bullets[0]
    end = next(i for i in range(first, len(paragraphs)) if styles[i] not in listed)
    # Read as typed: the document sets quotes and apostrophes in its typography, and an
    # Arabic one embeds its English text in direction marks.
    return [folded(unembedded(p.text)) for p in paragraphs[first:end]], folded(
        unembedded(paragraphs[end].text)
    )


def _build(tmp_path: Path, language: str, *extra: str, case: Path = KALESNIKAVA) -> Path:
    result = run(["build", "-o", str(tmp_path), "-l", language, *extra, str(case)])
    assert result.exit_code == 0, result.output
    assert "gives the title of" not in result.output
    (path,) = tmp_path.glob(f"*_{language}.docx")
    return path


@pytest.mark.parametrize("language", ["ar", "zh", "be", "uk"])
def test_each_mandate_is_named_in_the_language_then_in_english(
    tmp_path: Path, language: str
) -> None:
    path = _build(tmp_path, language, "--allow-untranslated")
    titles, after = _addressed(path)
    assert len(titles) == len(MANDATES)
    assert titles[0] == BELARUS[language]
    opening, closing = ("（", "）") if language == "zh" else (" (", ")")
    for title, mandate_id in zip(titles, MANDATES, strict=True):
        english = registry()[mandate_id].titles["en"]
        translated = Translator(language).translated_title(english)
        assert translated is not None
        assert title == folded(f"{translated}{opening}{english}{closing}")
        assert re.search(SCRIPTS[language], translated), translated
        assert not re.search("[A-Za-z]", translated), translated
    assert after == NOTES[language]


def test_a_russian_document_gives_the_official_russian_titles_alone(tmp_path: Path) -> None:
    path = _build(tmp_path, "ru", "--allow-untranslated")
    titles, after = _addressed(path)
    assert titles == [registry()[m].titles["ru"] for m in MANDATES]
    assert titles[0] == (
        "Специальный докладчик по вопросу о положении в области прав человека в Беларуси"
    )
    assert not any("(" in title for title in titles)
    assert "перевод" not in after  # no note: every title is official


#: An English case with every text also in French, addressed to a mandate whose French title
#: the registry does not give.
FRENCH_CASE = """\
schema_version: 1
kind: communication
type: allegation-letter
title:
  en: Death in custody of Mikalai Klimovich
  fr: Décès en détention de Mikalai Klimovich
date: 2023-05-15
language: en
country: BLR
mandates: [sr-belarus, sr-executions, wgad, sr-environment]
submitters:
  - name:
      en: Example Human Rights Group
      fr: Example Human Rights Group
    contact:
      email: advocacy@example.org
victims:
  - id: klimovich
    name: Mikalai Klimovich
    sex: male
    status: deceased
    date_of_death: "2023"
    consent:
      given_by: family
      submission: true
      informed_government_letter: true
      informed_publication: true
      public_name: full
incidents:
  - date: 2023-05-07
    description:
      en: Human Rights Centre Viasna learned that Mikalai Klimovich had died in penal colony
        No. 3 in Viciebsk.
      fr: Le Centre des droits humains Viasna a appris que Mikalai Klimovich était mort dans
        la colonie pénitentiaire no 3 de Viciebsk.
violations:
  - code: death-in-custody
action_requested:
  - en: Ask the Government of Belarus to disclose the circumstances and the cause of his death.
    fr: Demander au Gouvernement du Bélarus de faire connaître les circonstances et la cause de
      sa mort.
"""
ENVIRONMENT_FR = (
    "Rapporteur spécial sur le droit humain à un environnement propre, sain et durable "
    "(Special Rapporteur on the human right to a clean, healthy and sustainable environment)"
)


def _french_case(tmp_path: Path) -> Path:
    case = tmp_path / "klimovich-fr.yaml"
    case.write_text(FRENCH_CASE, "utf-8")
    return case


def test_a_title_shown_as_a_translation_passes_strict(tmp_path: Path) -> None:
    case = _french_case(tmp_path)
    path = _build(tmp_path / "out", "fr", "--strict", case=case)
    titles, after = _addressed(path)
    assert titles == [
        "Rapporteur spécial sur la situation des droits de l'homme au Bélarus",
        "Rapporteur spécial sur les exécutions extrajudiciaires, sommaires ou arbitraires",
        "Groupe de travail sur la détention arbitraire",
        ENVIRONMENT_FR,
    ]
    assert after == (
        "Un titre suivi du titre officiel anglais entre parenthèses est notre propre "
        "traduction, et non un titre officiel de l'ONU."
    )


def test_a_title_with_neither_an_official_title_nor_a_translation_fails_strict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As with a catalog of one's own that lacks the translation: the English title alone."""
    case = _french_case(tmp_path)
    monkeypatch.setattr(Translator, "translated_title", lambda self, english: None)
    out = tmp_path / "out"
    result = run(["build", "-o", str(out), "-l", "fr", "--strict", str(case)])
    assert result.exit_code == 1
    assert (
        f"{case}: $.mandates: warning: the French document gives the title of sr-environment "
        "in English: neither the mandate registry (official titles) nor the fr catalog "
        '(translations, msgctxt "mandate title") gives a French title for it'
    ) in result.output
    assert not out.exists()
    drafted = run(["build", "-o", str(out), "-l", "fr", str(case)])
    assert drafted.exit_code == 0, drafted.output
    (path,) = out.glob("*_fr.docx")
    titles, _ = _addressed(path)
    assert titles[-1] == registry()["sr-environment"].titles["en"]


def test_an_email_lists_the_titles_as_the_letter_does(tmp_path: Path) -> None:
    case = _french_case(tmp_path)
    result = run(["build", "--email", "-o", str(tmp_path / "out"), "-l", "fr", str(case)])
    assert result.exit_code == 0, result.output
    (eml,) = (tmp_path / "out").glob("*.eml")
    message = BytesParser(policy=email.policy.default).parsebytes(eml.read_bytes())
    assert isinstance(message, EmailMessage)
    body = message.get_body(("plain",))
    assert body is not None
    text = body.get_content().replace("\r\n", "\n")
    assert (
        f"- Groupe de travail sur la détention arbitraire\n- {ENVIRONMENT_FR}\n"
        "Un titre suivi du titre officiel anglais entre parenthèses est notre propre "
        "traduction, et non un titre officiel de l'ONU.\n"
    ) in text
