"""A case's own text in several languages: validation, PO export and import, locale builds."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import docx
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from tests.conftest import REPO, run
from unsubmit.pipeline import BuildOptions, build

HRC53 = REPO / "samples" / "hrc53-judges-lawyers-oral-statement.yaml"

#: A short case with every layout a text can have: quoted with a comment after it, plain,
#: folded, literal with two paragraphs, plain with a comment, and already a mapping.
CASE = """\
# A joint statement whose texts are translated in the tests.
schema_version: 1
kind: joint-statement
title: "Belarus: stop the repentance videos"   # as in the press release
date: 2023-11-20
place: Geneva
language: en
lead:
  name: Example Human Rights Group
  ecosoc_status: special
paragraphs:
  # The body, one item per paragraph.
  - >
    We, the undersigned organisations, condemn the "repentance videos" recorded at the
    Faculty of Law.
  - |
    Students were made to apologise on camera.

    The videos were published online.
demands:
  - Stop recording and broadcasting forced "repentance videos".  # the first demand
  - en: Release all political prisoners.
    ru: Освободить всех политических заключённых.
# The end.
"""

FRENCH = {
    "$.title": "Bélarus : cessez les vidéos de « repentir »",
    "$.place": "Genève",
    "$.paragraphs[0]": "Nous, organisations soussignées, condamnons les « vidéos de repentir » "
    "enregistrées à la Faculté de droit.\n",
    "$.paragraphs[1]": "Des étudiants ont été contraints de présenter leurs excuses devant la "
    "caméra.\n\nLes vidéos ont été publiées en ligne.\n",
    "$.demands[0]": "Cessez d'enregistrer et de diffuser des « vidéos de repentir » forcées.",
    "$.demands[1]": "Libérez tous les prisonniers politiques.",
}

#: The case after importing FRENCH, its fuzzy first demand and empty lead name left out.
TRANSLATED = """\
# A joint statement whose texts are translated in the tests.
schema_version: 1
kind: joint-statement
title:
  en: "Belarus: stop the repentance videos"    # as in the press release
  fr: 'Bélarus : cessez les vidéos de « repentir »'
date: 2023-11-20
place:
  en: Geneva
  fr: Genève
language: en
lead:
  name: Example Human Rights Group
  ecosoc_status: special
paragraphs:
  # The body, one item per paragraph.
  - en: >
      We, the undersigned organisations, condemn the "repentance videos" recorded at the
      Faculty of Law.
    fr: >
      Nous, organisations soussignées, condamnons les « vidéos de repentir » enregistrées à la
      Faculté de droit.
  - en: |
      Students were made to apologise on camera.

      The videos were published online.
    fr: |
      Des étudiants ont été contraints de présenter leurs excuses devant la caméra.

      Les vidéos ont été publiées en ligne.
demands:
  - Stop recording and broadcasting forced "repentance videos".  # the first demand
  - en: Release all political prisoners.
    ru: Освободить всех политических заключённых.
    fr: Libérez tous les prisonniers politiques.
# The end.
"""


def _read(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle)


def _fill(exported: Path, filled: Path, fuzzy: tuple[str, ...] = ()) -> None:
    """What a translator does in a PO editor: fill in msgstr, mark unsure ones fuzzy."""
    catalog = _read(exported)
    for message in catalog:
        if message.context in FRENCH:
            message.string = FRENCH[message.context]
        if message.context in fuzzy:
            message.flags.add("fuzzy")
    with filled.open("wb") as handle:
        write_po(handle, catalog)


def _export(case: Path, language: str, tmp_path: Path) -> Path:
    po = tmp_path / f"{case.stem}.{language}.po"
    result = run(["i18n", "case-export", str(case), "-l", language, "-o", str(po)])
    assert result.exit_code == 0, result.output
    return po


def _case(tmp_path: Path, text: str = CASE) -> Path:
    case = tmp_path / "statement.yaml"
    case.write_text(text, "utf-8")
    return case


def _translated_po(case: Path, tmp_path: Path, fuzzy: tuple[str, ...] = ()) -> Path:
    """The case's PO file for French, as the translator sends it back."""
    filled = tmp_path / "filled.po"
    _fill(_export(case, "fr", tmp_path), filled, fuzzy)
    return filled


def test_export_gives_each_text_its_path_original_and_place(tmp_path: Path) -> None:
    case = _case(tmp_path)
    catalog = _read(_export(case, "fr", tmp_path))
    assert catalog.locale is not None and str(catalog.locale) == "fr"
    entries = {m.context: m for m in catalog if m.id}
    assert list(entries) == [
        "$.title",
        "$.place",
        "$.lead.name",
        "$.paragraphs[0]",
        "$.paragraphs[1]",
        "$.demands[0]",
        "$.demands[1]",
    ]
    title = entries["$.title"]
    assert title.id == "Belarus: stop the repentance videos"
    assert title.string == ""
    assert title.locations == [(str(case), 4)]
    assert title.auto_comments == ["The statement's title."]
    assert str(entries["$.paragraphs[0]"].id).startswith("We, the undersigned organisations")
    assert entries["$.demands[1]"].id == "Release all political prisoners."


def test_entries_follow_the_order_of_the_file(tmp_path: Path) -> None:
    lines = CASE.splitlines(keepends=True)
    demands_first = "".join(lines[:10] + lines[19:23] + lines[10:19] + lines[23:])
    catalog = _read(_export(_case(tmp_path, demands_first), "fr", tmp_path))
    order = [m.context for m in catalog if m.id]
    assert order[3:] == ["$.demands[0]", "$.demands[1]", "$.paragraphs[0]", "$.paragraphs[1]"]


def test_identical_texts_in_two_fields_stay_two_entries(tmp_path: Path) -> None:
    case = _case(tmp_path, CASE.replace("place: Geneva", "place: Example Human Rights Group"))
    catalog = _read(_export(case, "fr", tmp_path))
    same = [m.context for m in catalog if m.id == "Example Human Rights Group"]
    assert same == ["$.place", "$.lead.name"]


def test_import_writes_translations_and_keeps_every_other_byte(tmp_path: Path) -> None:
    case = _case(tmp_path)
    filled = _translated_po(case, tmp_path, fuzzy=("$.demands[0]",))

    result = run(["i18n", "case-import", str(case), str(filled)])

    assert result.exit_code == 0, result.output
    assert case.read_text("utf-8") == TRANSLATED
    lines = result.output.splitlines()
    assert lines[0].endswith(": $.lead.name: warning: skipped: not translated")
    assert lines[1].endswith(
        ": $.demands[0]: warning: skipped: the translation is marked fuzzy: review it and "
        "remove the mark"
    )
    assert lines[0].startswith(f"{filled}:")  # the place of the entry in the PO file
    assert lines[2] == f"{case}: 5 texts translated into fr, 0 already there, 2 skipped"
    assert run(["validate", str(case)]).exit_code == 0


def test_lines_outside_the_translated_texts_are_untouched(tmp_path: Path) -> None:
    case = _case(tmp_path)
    filled = _translated_po(case, tmp_path)
    run(["i18n", "case-import", str(case), str(filled)])
    before, after = CASE.encode().splitlines(), case.read_bytes().splitlines()
    # Comments, schema_version, kind, date, language, the lead (untranslated), the keys of
    # the lists, the existing Russian translation and the closing comment.
    untouched = [before[i] for i in (0, 1, 2, 4, 6, 7, 8, 9, 10, 11, 19, 22, 23)]
    found = [after.index(line) for line in untouched]
    assert found == sorted(found)


def test_import_keeps_the_file_permissions(tmp_path: Path) -> None:
    case = _case(tmp_path)
    case.chmod(0o640)
    run(["i18n", "case-import", str(case), str(_translated_po(case, tmp_path))])
    assert "  fr: Genève\n" in case.read_text("utf-8")
    assert stat.S_IMODE(case.stat().st_mode) == 0o640


def test_importing_again_changes_nothing(tmp_path: Path) -> None:
    case = _case(tmp_path)
    filled = _translated_po(case, tmp_path)
    run(["i18n", "case-import", str(case), str(filled)])
    first = case.read_bytes()
    again = run(["i18n", "case-import", str(case), str(filled)])
    assert again.exit_code == 0
    assert "0 texts translated into fr, 6 already there, 1 skipped" in again.output
    assert case.read_bytes() == first


def test_export_of_a_translated_case_holds_its_translations(tmp_path: Path) -> None:
    catalog = _read(_export(HRC53, "ru", tmp_path))
    entries = {m.context: m for m in catalog if m.id}
    assert entries["$.dialogue.title"].id == "Independence of judges & lawyers"
    assert entries["$.dialogue.title"].string == "Независимость судей и адвокатов"
    assert entries["$.organisation.name"].string == ""
    copy = tmp_path / HRC53.name
    shutil.copy(HRC53, copy)
    result = run(["i18n", "case-import", str(copy), str(tmp_path / f"{HRC53.stem}.ru.po")])
    assert "0 texts translated into ru, 7 already there, 2 skipped" in result.output
    assert copy.read_bytes() == HRC53.read_bytes()


def test_an_import_that_would_break_the_case_writes_nothing(tmp_path: Path) -> None:
    case = _case(tmp_path)
    po = _export(case, "fr", tmp_path)
    catalog = _read(po)
    for message in catalog:
        if message.context == "$.place":
            message.string = "<ville>"  # a placeholder left by a translator
    with po.open("wb") as handle:
        write_po(handle, catalog)

    result = run(["i18n", "case-import", str(case), str(po)])

    assert result.exit_code == 1
    assert "$.place.fr: placeholder '<ville>' is still here: replace it" in result.output
    assert f"{case} would not be valid with these translations: nothing was written" in (
        result.output
    )
    assert case.read_text("utf-8") == CASE


def test_a_stale_entry_is_skipped_not_written(tmp_path: Path) -> None:
    case = _case(tmp_path)
    filled = _translated_po(case, tmp_path)
    case.write_text(CASE.replace("place: Geneva", "place: Vilnius"), "utf-8")
    result = run(["i18n", "case-import", str(case), str(filled)])
    assert ": $.place: warning: skipped: the original text has changed since the export" in (
        result.output
    )
    assert "place: Vilnius\n" in case.read_text("utf-8")


def test_a_layout_ruamel_cannot_keep_is_refused_with_its_line(tmp_path: Path) -> None:
    wrapped = CASE.replace(
        "place: Geneva\n", "place: Geneva, at the Palais des Nations,\n  in Room XX\n"
    )
    case = _case(tmp_path, wrapped)
    filled = _translated_po(case, tmp_path)
    result = run(["i18n", "case-import", str(case), str(filled)])
    assert result.exit_code == 1
    assert f"error: {case}:6: the translations cannot be written without changing" in (
        result.output
    )
    assert case.read_text("utf-8") == wrapped


def test_the_language_must_be_one_to_translate_into(tmp_path: Path) -> None:
    case = _case(tmp_path)
    same = run(["i18n", "case-export", str(case), "-l", "en"])
    assert same.exit_code == 2
    assert "the case is written in English (en): choose the language" in same.output
    unknown = run(["i18n", "case-export", str(case), "-l", "de"])
    assert unknown.exit_code == 2
    assert "unknown language 'de': use one of en, fr, es, ru, ar, zh, be, uk" in unknown.output


def test_a_po_file_must_say_its_language_and_be_a_translation(tmp_path: Path) -> None:
    case = _case(tmp_path)
    po = tmp_path / "no-language.po"
    po.write_text('msgctxt "$.place"\nmsgid "Geneva"\nmsgstr "Genève"\n', "utf-8")
    result = run(["i18n", "case-import", str(case), str(po)])
    assert result.exit_code == 1
    assert "the PO file does not say its language (the Language: line" in result.output
    po.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n', "utf-8")
    result = run(["i18n", "case-import", str(case), str(po)])
    assert f"error: {po}: the PO file is in English (en), the case's own language" in (
        result.output
    )
    assert case.read_text("utf-8") == CASE


def test_an_invalid_case_is_not_exported(tmp_path: Path) -> None:
    case = _case(tmp_path, CASE.replace("  - en: Release", "  - fr: Release"))
    result = run(["i18n", "case-export", str(case), "-l", "fr"])
    assert result.exit_code == 1
    assert f"{case}:22:5: $.demands[1]: this text is given in fr, ru but not in en" in (
        result.output
    )


def _document_text(path: Path) -> str:
    """Paragraphs and table cells, as python-docx reads them."""
    document = docx.Document(str(path))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_a_build_in_a_language_uses_its_text(tmp_path: Path) -> None:
    case = tmp_path / HRC53.name
    shutil.copy(HRC53, case)
    options = BuildOptions(out_dir=tmp_path / "out", locales=("ru",), allow_untranslated=True)
    outcome = build([case], options)
    [output] = outcome.outputs
    text = _document_text(output.path)
    assert "Независимость судей и адвокатов" in text
    assert "Мы благодарим Специального докладчика" in text
    assert "Мария Колесникова, арестованная в сентябре 2020 года" in text
    assert "We thank the Special Rapporteur" not in text
    assert "Example Human Rights Group" in text  # not translated: shown in English
    # the case's own texts (the template's messages and mandate titles are tested elsewhere)
    warnings = [str(f) for f in outcome.report.findings if f.code == "translation"]
    assert warnings == [
        f"{case}:21:11: $.language: warning: 2 of the case's 9 texts have no Russian "
        "translation: the Russian document shows them in English and is marked as an "
        "untranslated draft on every page; translate them with `unsubmit i18n case-export "
        f"{case} -l ru -o {case.with_suffix('.ru.po')}`",
        f"{case}:23:9: $.organisation.name: warning: no Russian translation: the English "
        "text is shown",
        f"{case}:26:11: $.on_behalf_of[0].name: warning: no Russian translation: the English "
        "text is shown",
    ]
    assert _marks(output.path) == [DRAFT_RU] * 3


#: The mark of a Russian document that shows untranslated text.
DRAFT_RU = "Черновик без перевода: текст дела переведён не полностью"


def _marks(path: Path) -> list[str]:
    """The first line of each header of each section: default, first page, even pages."""
    document = docx.Document(str(path))
    return [
        header.paragraphs[0].text if header.paragraphs else ""
        for section in document.sections
        for header in (section.header, section.first_page_header, section.even_page_header)
    ]


def test_a_build_in_the_case_language_uses_the_original(tmp_path: Path) -> None:
    outcome = build([HRC53], BuildOptions(out_dir=tmp_path))
    path = outcome.outputs[0].path
    text = _document_text(path)
    assert "We thank the Special Rapporteur" in text
    assert "Мы благодарим" not in text
    assert outcome.report.findings == []
    assert not any("draft" in mark for mark in _marks(path))


def test_a_half_translated_build_is_refused_listing_each_text_and_the_export(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    case = tmp_path / HRC53.name
    shutil.copy(HRC53, case)
    result = run(["build", "-o", str(out), "-l", "ru", str(case)])
    assert result.exit_code == 1
    po = case.with_suffix(".ru.po")
    assert [line for line in result.output.splitlines() if line.startswith(str(case))] == [
        f"{case}:21:11: $.language: 2 of the case's 9 texts have no Russian translation, so "
        "the Russian document would show them in English under Russian headings: export them "
        "for translation with "
        f"`unsubmit i18n case-export {case} -l ru -o {po}`, translate them, then `unsubmit "
        f"i18n case-import {case} {po}`; or build an untranslated draft with "
        "--allow-untranslated",
        f"{case}:23:9: $.organisation.name: no Russian translation of this text",
        f"{case}:26:11: $.on_behalf_of[0].name: no Russian translation of this text",
    ]
    assert "nothing was written" in result.output
    assert not out.exists()
    # The command it gives exports exactly those texts without a translation.
    exported = run(["i18n", "case-export", str(case), "-l", "ru", "-o", str(po)])
    assert exported.exit_code == 0, exported.output
    untranslated = [m.context for m in _read(po) if m.id and not m.string]
    assert untranslated == ["$.organisation.name", "$.on_behalf_of[0].name"]


def test_a_strict_build_with_a_missing_translation_writes_nothing_even_as_a_draft(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    options = BuildOptions(out_dir=out, strict=True, locales=("ru",), allow_untranslated=True)
    outcome = build([HRC53], options)
    assert outcome.report.failed(strict=True)
    assert outcome.outputs == []
    assert not out.exists()


def test_an_untranslated_case_gets_one_warning_not_one_per_text(tmp_path: Path) -> None:
    case = _case(tmp_path, CASE.replace("    ru: Освободить всех политических заключённых.\n", ""))
    options = BuildOptions(out_dir=tmp_path / "out", locales=("uk",), allow_untranslated=True)
    outcome = build([case], options)
    assert [str(f) for f in outcome.report.findings] == [
        f"{case}:7:11: $.language: warning: no text of this case is translated into "
        "Ukrainian: the Ukrainian document shows its 7 texts in English and is marked as an "
        "untranslated draft on every page; translate them with "
        f"`unsubmit i18n case-export {case} -l uk -o {case.with_suffix('.uk.po')}`"
    ]
    [output] = outcome.outputs
    assert (
        _marks(output.path) == ["Чернетка без перекладу: текст справи перекладено не повністю"] * 3
    )


def test_a_preview_in_a_language_the_case_lacks_shows_the_draft_and_warns() -> None:
    result = run(["preview", "-l", "ru", str(HRC53)])
    assert result.exit_code == 0, result.output
    assert f"[{DRAFT_RU}]\n" in result.output
    assert "$.organisation.name: warning: no Russian translation" in result.output
    english = run(["preview", str(HRC53)])
    assert "draft" not in english.output.casefold()


KLIMOVICH = REPO / "samples" / "klimovich-allegation-letter.yaml"


def test_a_sample_with_every_text_in_russian_builds_in_russian_with_strict(tmp_path: Path) -> None:
    result = run(["build", "-o", str(tmp_path), "-l", "ru", "--strict", str(KLIMOVICH)])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output
    [output] = tmp_path.glob("*_ru.docx")
    text = _document_text(output)
    assert "Смерть Николая Климовича под стражей" in text
    assert "Правозащитный центр «Весна» узнал, что Николай Климович умер" in text
    assert "Суд Пинского района и г. Пинска" in text
    assert "Обратиться к правительству Беларуси с просьбой раскрыть обстоятельства" in text
    # No English case text is left, but the organisation's name, which it writes so.
    case = yaml.safe_load(KLIMOVICH.read_text("utf-8"))
    english = _english_texts(case) - {"Example Human Rights Group"}
    assert len(english) == 21  # 24 fields: the court said twice, the colony three times
    assert [phrase for phrase in english if phrase[:30] in text] == []
    assert not any("draft" in mark for mark in _marks(output))


def _english_texts(value: object) -> set[str]:
    """The ``en`` text of every translated field of a case."""
    if isinstance(value, dict):
        found = {value["en"]} if isinstance(value.get("en"), str) and "ru" in value else set()
        return found.union(*(_english_texts(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_english_texts(item) for item in value))
    return set()


def test_an_export_leaves_out_what_is_confidential_unless_asked(tmp_path: Path) -> None:
    case = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"
    default = run(["i18n", "case-export", str(case), "-l", "ru"])
    assert default.exit_code == 0, default.output
    assert "Do not disclose which relative gave consent." not in default.stdout
    assert "Musician" in default.stdout
    assert "left out 1 confidential texts" in default.stderr
    assert "--include-confidential exports them" in default.stderr
    everything = run(["i18n", "case-export", str(case), "-l", "ru", "--include-confidential"])
    assert everything.exit_code == 0, everything.output
    assert 'msgid "Do not disclose which relative gave consent."' in everything.stdout
    assert "left out" not in everything.stderr
