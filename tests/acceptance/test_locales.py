"""Locale builds: every sample in every language, with no English left where a translation
belongs, missing translations reported, Arabic right to left, and the translator's commands."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest
import yaml
from lxml import etree

from tests.conftest import REPO, SAMPLES, run
from unsubmit.i18n import catalogs
from unsubmit.i18n.translations import Translator
from unsubmit.i18n.typography import folded, unembedded
from unsubmit.languages import codes
from unsubmit.render.reader import document_lines

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STEMS = [sample.stem for sample in SAMPLES]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every sample in every locale, in one run: file name -> bytes."""
    out = tmp_path_factory.mktemp("locales")
    locales = [arg for language in codes() for arg in ("-l", language)]
    args = ["build", "-q", "--allow-untranslated", "-o", str(out), *locales]
    result = run([*args, *map(str, SAMPLES)])
    assert result.exit_code == 0, result.output
    return {path.name: path.read_bytes() for path in out.glob("*.docx")}


def _document(built: dict[str, bytes], stem: str, language: str) -> bytes:
    (name,) = [name for name in built if name.endswith(f"_{stem}_{language}.docx")]
    return built[name]


def _lines(built: dict[str, bytes], stem: str, language: str) -> list[str]:
    """The document's lines as a case or a catalog types them: CLDR's no-break spaces
    ("7 мая 2023 г.") as spaces, curly apostrophes and quotes straight, no direction marks."""
    data = _document(built, stem, language)
    return [folded(unembedded(line)) for line in document_lines(data)]


def _case_strings(stem: str) -> set[str]:
    """Every text of a sample case file: case text is not translated by the catalogs."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            found.add(value.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(yaml.safe_load((REPO / "samples" / f"{stem}.yaml").read_text("utf-8")))
    return found


def test_every_sample_is_built_in_every_locale_named_by_its_locale(
    built: dict[str, bytes],
) -> None:
    assert len(built) == len(SAMPLES) * len(codes())
    for stem in STEMS:
        for language in codes():
            _document(built, stem, language)


def _fixed_lines(lines: list[str]) -> list[str]:
    """Lines of an English document that are fixed text: whole catalog messages."""
    translator = Translator("fr")
    fixed = []
    for line in lines:
        translator.missing_messages.clear()
        if line.strip() and translator.gettext(line) != line:
            fixed.append(line)
    return fixed


@pytest.mark.parametrize("language", [language for language in codes() if language != "en"])
@pytest.mark.parametrize("stem", STEMS)
def test_fixed_text_is_translated_and_no_english_label_is_left(
    built: dict[str, bytes], stem: str, language: str
) -> None:
    english = _lines(built, stem, "en")
    translated = _lines(built, stem, language)
    translator = Translator(language)
    fixed = _fixed_lines(english)
    assert len(fixed) >= 2
    for line in fixed:
        assert folded(translator.gettext(line)) in translated, line
        if translator.gettext(line) != line:
            assert line not in translated, line
    # Table labels too ("Sex | Male" in English: no English cell in the translation).
    english_cells = {cell for row in english for cell in row.split(" | ")}
    labels = {cell for cell in english_cells if Translator(language).gettext(cell) != cell}
    labels -= _case_strings(stem)
    translated_cells = {cell for row in translated for cell in row.split(" | ")}
    assert labels & translated_cells == set()


def test_the_french_letter_reads_french(built: dict[str, bytes]) -> None:
    text = "\n".join(_lines(built, "klimovich-allegation-letter", "fr"))
    for french in (
        "Communication aux procédures spéciales du Conseil des droits de l'homme",
        "Lettre d'allégation",
        "Victime présumée",
        "Faits",
        "Décès en détention",
        "Droits concernés : PIDCP, art. 6",
        "Rapporteur spécial",  # a mandate title the registry gives in French
        "15 mai 2023",
    ):
        assert french in text, french
    for english in ("Facts", "Alleged victim", "Death in custody", "Allegation letter", "Male"):
        assert not re.search(rf"^{english}( \||$)", text, re.MULTILINE), english
    # Word and LibreOffice spell-check and hyphenate it as French.
    styles = _xml(_document(built, "klimovich-allegation-letter", "fr"), "word/styles.xml")
    language = styles.find(f".//{{{W}}}docDefaults//{{{W}}}lang")
    assert language is not None and language.get(f"{{{W}}}val") == "fr-FR"


def test_dates_and_plurals_follow_the_russian_language(built: dict[str, bytes]) -> None:
    letter = _lines(built, "klimovich-allegation-letter", "ru")
    # the sample carries its Russian text; a fact opens with its date and place
    assert any(line.startswith("7 мая 2023 г., Витебск: Правозащитный центр") for line in letter)
    assert "Предполагаемая жертва" in letter  # one victim
    assert "Предполагаемые нарушители" in letter  # two perpetrators
    statement = "\n".join(_lines(built, "hrc53-judges-lawyers-oral-statement", "ru"))
    assert "СПЧ, 53-я сессия — Пункт 3 — Интерактивный диалог" in statement
    words = re.search(r"(\d+) (слово|слова|слов) ·", statement)
    assert words is not None
    count = int(words.group(1))
    form = "слово" if count % 10 == 1 and count % 100 != 11 else None
    form = form or ("слова" if 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14 else "слов")
    assert words.group(2) == form


def test_each_locale_dates_the_document_its_own_way(built: dict[str, bytes]) -> None:
    expected = {
        "en": "15 May 2023",
        "fr": "15 mai 2023",
        "es": "15 de mayo de 2023",
        "ru": "15 мая 2023 г.",
        "zh": "2023年5月15日",
        "be": "15 мая 2023 г.",
        "uk": "15 травня 2023 р.",
        "ar": "15 مايو 2023",
    }
    for language, date in expected.items():
        text = "\n".join(_lines(built, "klimovich-allegation-letter", language))
        assert date in text, language


def test_french_writes_the_first_of_the_month_as_an_ordinal() -> None:
    from unsubmit.render.context import Formatter

    french = Formatter("fr")
    assert french.date(datetime.date(2023, 6, 1)) == "1er juin 2023"
    assert french.date("2023-06-01") == "1er juin 2023"
    assert french.date("2023-06-11") == "11 juin 2023"
    assert Formatter("en").date("2023-06-01") == "1 June 2023"


def _template_with(tmp_path: Path, paragraph: str) -> Path:
    document = docx.Document()
    document.add_paragraph("{{ case.title }}")
    document.add_paragraph(paragraph)
    path = tmp_path / "letterhead.docx"
    document.save(str(path))
    return path


def test_a_missing_translation_is_a_warning_listing_it(tmp_path: Path) -> None:
    template = _template_with(tmp_path, '{{ _("Facts") }} {{ _("A sentence no catalog has") }}')
    sample = REPO / "samples" / "klimovich-allegation-letter.yaml"
    out = tmp_path / "out"
    args = ["build", "-o", str(out), "--template", str(template), "--allow-untranslated"]
    result = run([*args, "-l", "fr", str(sample)])
    assert result.exit_code == 0, result.output
    assert (
        "warning: the French document shows 1 text in English, for want of a French "
        'translation: "A sentence no catalog has"'
    ) in result.output
    (output,) = out.glob("*_fr.docx")
    assert "Faits A sentence no catalog has" in document_lines(output.read_bytes())


def test_a_missing_translation_stops_a_strict_build_before_writing(tmp_path: Path) -> None:
    template = _template_with(tmp_path, '{{ _("A sentence no catalog has") }}')
    sample = REPO / "samples" / "klimovich-allegation-letter.yaml"
    out = tmp_path / "out"
    args = ["build", "-o", str(out), "--template", str(template), "--strict"]
    result = run([*args, "-l", "ru", str(sample)])  # every text of the case is in Russian
    assert result.exit_code == 1
    assert [
        line.split(": ", 2)[-1] for line in result.output.splitlines() if ": warning: " in line
    ] == [
        "warning: the Russian document shows 1 text in English, for want of a Russian "
        'translation: "A sentence no catalog has"; translate it in the ru catalog (unsubmit '
        "i18n update, then compile)"
    ]
    assert "nothing was written" in result.output
    assert not out.exists() or not list(out.iterdir())
    assert run([*args, "-l", "en", str(sample)]).exit_code == 0  # English is the source


def test_asking_twice_for_a_locale_builds_it_once(tmp_path: Path) -> None:
    sample = REPO / "samples" / "prosecutor-srhr-joint-statement.yaml"
    args = ["build", "-o", str(tmp_path), "--allow-untranslated"]
    result = run([*args, "-l", "uk", "-l", "uk", str(sample)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.glob("*.docx")] == [
        "2023-10-02_joint-statement_prosecutor-srhr-joint-statement_uk.docx"
    ]


def test_an_unknown_locale_is_a_usage_error(tmp_path: Path) -> None:
    sample = REPO / "samples" / "prosecutor-srhr-joint-statement.yaml"
    result = run(["build", "-o", str(tmp_path), "-l", "de", str(sample)])
    assert result.exit_code == 2
    assert "'de' is not one of" in result.output


def _xml(data: bytes, part: str) -> etree._Element:
    with zipfile.ZipFile(BytesIO(data)) as package:
        return etree.fromstring(package.read(part))


@pytest.mark.parametrize("stem", STEMS)
def test_each_language_sits_in_the_language_attribute_of_its_script(
    built: dict[str, bytes], stem: str
) -> None:
    """Chinese in ``w:eastAsia``, Arabic in ``w:bidi``, never in the Latin ``w:val``: written
    there, it makes LibreOffice break the Latin words of a Chinese document mid-word."""
    expected = {"zh": ("en-GB", "zh-CN", "ar-SA"), "ar": ("en-GB", "zh-CN", "ar-SA")}
    expected.update({"ru": ("ru-RU", "zh-CN", "ar-SA"), "fr": ("fr-FR", "zh-CN", "ar-SA")})
    for language in codes():
        data = _document(built, stem, language)
        for part in ("word/styles.xml", "word/document.xml"):
            for lang in _xml(data, part).iter(f"{{{W}}}lang"):
                latin = lang.get(f"{{{W}}}val") or ""
                assert not latin.startswith(("zh", "ar", "ja", "ko")), (language, part, latin)
        styles = _xml(data, "word/styles.xml")
        lang = styles.find(f".//{{{W}}}docDefaults//{{{W}}}lang")
        assert lang is not None
        found = tuple(lang.get(f"{{{W}}}{name}") for name in ("val", "eastAsia", "bidi"))
        if language in expected:
            assert found == expected[language], language


@pytest.mark.parametrize("stem", STEMS)
def test_chinese_and_arabic_are_never_slanted(built: dict[str, bytes], stem: str) -> None:
    """Han and Arabic have no italic (Word would slant them mechanically): a Chinese document
    has no italic at all and its Chinese runs take the East Asian font; in an Arabic one, the
    complex-script italic is off wherever it is set."""
    chinese = _document(built, stem, "zh")
    for part in ("word/styles.xml", "word/document.xml"):
        assert next(_xml(chinese, part).iter(f"{{{W}}}i"), None) is None, part
    han = re.compile("[\u4e00-\u9fff]")
    runs = list(_xml(chinese, "word/document.xml").iter(f"{{{W}}}r"))
    hinted = [
        r.find(f"{{{W}}}rPr/{{{W}}}rFonts") for r in runs if han.search("".join(r.itertext()))
    ]
    assert hinted and all(f is not None and f.get(f"{{{W}}}hint") == "eastAsia" for f in hinted)
    arabic = _document(built, stem, "ar")
    for part in ("word/styles.xml", "word/document.xml"):
        for italic in _xml(arabic, part).iter(f"{{{W}}}iCs"):
            assert italic.get(f"{{{W}}}val") in ("0", "false"), part


def test_documents_are_punctuated_as_their_language_is(built: dict[str, bytes]) -> None:
    def lines(stem: str, language: str) -> list[str]:
        return document_lines(_document(built, stem, language))

    chinese = "\n".join(lines("klimovich-allegation-letter", "zh"))
    assert "身份 | 政治犯、残疾人" in chinese  # 、 between the items of a list
    assert "所涉权利：《公民权利和政治权利国际公约》第19条；《世界人权宣言》第19条" in chinese
    assert not re.search("[\u4e00-\u9fff][,;:]|： ", chinese)
    arabic = "\n".join(lines("klimovich-allegation-letter", "ar"))
    assert "سجين سياسي، شخص ذو إعاقة" in arabic
    assert "؛ " in arabic and not re.search("[\u0600-\u06ff]; ", arabic)
    russian = "\n".join(lines("kalesnikava-urgent-appeal", "ru"))
    assert "Политическая заключенная, оппозиционный политик" in russian  # one list, one capital
    # a fact's date opens its paragraph: the month capitalised, as a heading would be
    assert "Ноябрь 2022\u202fг., Гомель: Ей сделали" in russian
    french = "\n".join(lines("klimovich-allegation-letter", "fr"))
    assert "Droits concernés\u202f: PIDCP" in french  # a narrow space before the colon
    assert "droits de l\u2019homme" in french and "droits de l'homme" not in french
    english = "\n".join(lines("hrc53-judges-lawyers-oral-statement", "en"))
    assert "\u201cReimagining justice\u201d" in english and '"' not in english


def test_arabic_is_laid_out_right_to_left(built: dict[str, bytes]) -> None:
    data = _document(built, "kalesnikava-urgent-appeal", "ar")
    root = _xml(data, "word/document.xml")
    arabic = re.compile("[\u0600-\u06ff]")
    paragraphs = [p for p in root.iter(f"{{{W}}}p") if arabic.search("".join(p.itertext()))]
    assert len(paragraphs) > 20
    # Every paragraph, Arabic or not: list items in English have their bullets on the right,
    # aligned with the others, and their text embedded left to right.
    for paragraph in root.iter(f"{{{W}}}p"):
        assert paragraph.find(f"{{{W}}}pPr/{{{W}}}bidi") is not None
    items = root.xpath(".//w:p[w:pPr/w:pStyle/@w:val='ListBullet']", namespaces={"w": W})
    assert items
    for item in items:
        assert item.find(f"{{{W}}}pPr/{{{W}}}jc").get(f"{{{W}}}val") == "left"
        content = "".join(item.itertext())
        assert arabic.search(content) or content.startswith("\u202a"), content
    numbering = _xml(data, "word/numbering.xml")
    levels = list(numbering.iter(f"{{{W}}}lvl"))
    assert levels and all(lvl.find(f"{{{W}}}pPr/{{{W}}}bidi") is not None for lvl in levels)
    runs = [r for r in root.iter(f"{{{W}}}r") if arabic.search("".join(r.itertext()))]
    assert runs
    assert all(r.find(f"{{{W}}}rPr/{{{W}}}rtl") is not None for r in runs)
    tables = list(root.iter(f"{{{W}}}tbl"))
    assert tables
    assert all(t.find(f"{{{W}}}tblPr/{{{W}}}bidiVisual") is not None for t in tables)
    assert root.find(f".//{{{W}}}sectPr/{{{W}}}bidi") is not None
    footer = _xml(data, "word/footer1.xml")
    assert footer.find(f".//{{{W}}}pPr/{{{W}}}bidi") is not None
    # The styles give Arabic its font and sizes: Times New Roman, szCs beside every sz.
    styles = _xml(data, "word/styles.xml")
    fonts = styles.find(f".//{{{W}}}docDefaults//{{{W}}}rFonts")
    assert fonts is not None and fonts.get(f"{{{W}}}cs") == "Times New Roman"
    for rpr in styles.iter(f"{{{W}}}rPr"):
        if rpr.find(f"{{{W}}}sz") is not None:
            assert rpr.find(f"{{{W}}}szCs") is not None
    # Other languages stay left to right.
    french = _xml(_document(built, "kalesnikava-urgent-appeal", "fr"), "word/document.xml")
    assert french.find(f".//{{{W}}}bidi") is None


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_an_arabic_document(tmp_path: Path) -> None:
    sample = REPO / "samples" / "klimovich-allegation-letter.yaml"
    args = ["build", "-o", str(tmp_path), "-l", "ar", "--allow-untranslated"]
    result = run([*args, "--format", "pdf", str(sample)])
    assert result.exit_code == 0, result.output
    (pdf,) = tmp_path.glob("*_ar.pdf")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    assert "الوقائع" in text  # "Facts"
    assert "رسالة ادعاء" in text  # "Allegation letter"
    # Times New Roman and Arial as their metric-compatible stand-ins, Arabic in a Naskh face
    # rather than whatever fontconfig finds first (unsubmit/render/fonts.conf).
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, check=True, timeout=60
    ).stdout.decode("utf-8")
    for face in ("LiberationSerif", "LiberationSans", "NotoNaskhArabic"):
        assert face in fonts, fonts
    assert "DejaVu" not in fonts, fonts


def test_the_translator_commands_in_a_fresh_catalog_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(catalogs, "locale_dir", lambda: tmp_path / "locale")
    result = run(["i18n", "extract"])
    assert result.exit_code == 0, result.output
    assert re.match(r"wrote .*unsubmit\.pot \(\d+ messages\)", result.output)
    assert run(["i18n", "extract"]).output.startswith("unchanged ")
    assert run(["i18n", "init", "uk"]).exit_code == 0
    assert run(["i18n", "init", "uk"]).exit_code == 2  # exists: update it instead
    refused = run(["i18n", "init", "xx"])  # no such language: a typo, not a new catalog
    assert refused.exit_code == 2
    assert "'xx' is not a language CLDR knows" in refused.output
    stats = run(["i18n", "stats", "-o", "json"])
    assert stats.exit_code == 1  # nothing is translated yet
    counts = json.loads(stats.output)
    assert list(counts) == ["uk"]
    assert counts["uk"]["translated"] == 0
    assert counts["uk"]["fuzzy"] == 0
    assert counts["uk"]["total"] > 200
    po = tmp_path / "locale" / "uk" / "LC_MESSAGES" / "unsubmit.po"
    text = po.read_text("utf-8")
    assert "Plural-Forms: nplurals=3;" in text
    po.write_text(
        text.replace('msgid "Facts"\nmsgstr ""', 'msgid "Facts"\nmsgstr "Факти"'), "utf-8"
    )
    assert run(["i18n", "update"]).exit_code == 0
    compiled = run(["i18n", "compile"])
    assert compiled.exit_code == 0, compiled.output
    assert "1 of" in compiled.output
    assert (tmp_path / "locale" / "uk" / "LC_MESSAGES" / "unsubmit.mo").is_file()


def test_stats_show_every_shipped_catalog_complete() -> None:
    result = run(["i18n", "stats", "-o", "json"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.output)
    assert list(counts) == list(codes())
    for language, numbers in counts.items():
        assert set(numbers) == {"translated", "fuzzy", "total"}
        assert all(isinstance(value, int) for value in numbers.values())
        assert numbers["translated"] == numbers["total"], language
        assert numbers["fuzzy"] == 0, language
    text = run(["i18n", "stats"]).output
    assert text.splitlines()[1].startswith("fr ")


def test_the_command_line_offers_exactly_the_languages_documents_are_written_in() -> None:
    result = run(["build", "--help"])
    offered = re.search(r"\[([a-z|]+)\]", result.output.replace("\n", "").replace(" ", ""))
    assert offered is not None
    assert tuple(offered.group(1).split("|")) == codes()
    refused = run(["build", "-l", "xx", "samples/kalesnikava-urgent-appeal.yaml"])
    assert refused.exit_code == 2
    assert "'xx' is not one of 'en', 'fr', 'es', 'ru', 'ar', 'zh', 'be', 'uk'" in refused.output


def test_countries_carry_the_names_the_un_gives_them(built: dict[str, bytes]) -> None:
    """UN documents write "Bélarus" and "Belarús" where CLDR has "Biélorussie", "Bielorrusia"."""
    french = "\n".join(_lines(built, "klimovich-allegation-letter", "fr"))
    spanish = "\n".join(_lines(built, "klimovich-allegation-letter", "es"))
    assert "Bélarus" in french
    assert "Biélorussie" not in french
    assert "Belarús" in spanish
    assert "Bielorrusia" not in spanish


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ru", "Около февраля 2023 г."),
        ("be", "Каля лютага 2023"),
        ("uk", "Близько лютого 2023 р."),
        ("en", "Around February 2023"),
    ],
)
def test_an_approximate_month_is_declined_after_its_preposition(
    language: str, heading: str
) -> None:
    """ "Около" governs the genitive: "Около февраля", never "Около февраль"."""
    sample = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"
    result = run(["preview", "-l", language, str(sample)])
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.output.splitlines()]  # no-break spaces
    # It opens the fact, in the case's translation where there is one (Russian), else English.
    opening = "Её семья" if language == "ru" else "Her family"
    assert any(line.startswith(f"{heading}: {opening}") for line in lines)
