"""``unsubmit build --public``: versions safe to publish, read back by independent readers."""

from __future__ import annotations

import base64
import re
import zipfile
from io import BytesIO
from pathlib import Path

import docx
import pytest

from tests.conftest import REPO, SAMPLES, run
from unsubmit.render.reader import document_lines

KALESNIKAVA = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"

#: Every way the Kalesnikava sample writes her name, and forms a Russian or Belarusian text
#: would decline it into: none may be left in a public version that does not name her.
HER_NAMES = (
    "Maria",
    "Kalesnikava",
    "Maryia",
    "Kolesnikova",
    "Марыя",
    "Калеснікава",
    "Калеснікавай",
    "Мария",
    "Колесникова",
    "Колесниковой",
)
#: What only the UN may see: contact details, the confidentiality notes, the consent record.
CONFIDENTIAL = (
    "advocacy@example.org",
    "+370 5 000 0000",
    "Head of advocacy",
    "Do not disclose which relative gave consent.",
    "must be kept confidential",
    "Consent was given by the family",
    "Name in public reports",
)


def _case(tmp_path: Path, public_name: str, extra: str = "") -> Path:
    """The Kalesnikava sample with another consent to publication, and more text if given."""
    text = KALESNIKAVA.read_text(encoding="utf-8")
    text = text.replace("public_name: full", f"public_name: {public_name}")
    path = tmp_path / "kalesnikava.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def _build(tmp_path: Path, *args: str) -> tuple[int, str, dict[str, bytes]]:
    out = tmp_path / "out"
    result = run(["build", "-o", str(out), *args])
    files = {p.name: p.read_bytes() for p in sorted(out.glob("[!.]*"))} if out.exists() else {}
    return result.exit_code, result.output, files


def everything(data: bytes) -> str:
    """Every part of a DOCX package, unzipped, with XML entities and tags as they are."""
    with zipfile.ZipFile(BytesIO(data)) as package:
        return "\n".join(package.read(name).decode("utf-8") for name in package.namelist())


def words(text: str) -> set[str]:
    return {word.casefold() for word in re.findall(r"\w+", text)}


def assert_never_named(data: bytes, names: tuple[str, ...]) -> None:
    """Fails if any of ``names`` is a word anywhere in the package: text, properties, alt text."""
    found = words(everything(data)) & {name.casefold() for name in names}
    assert not found, f"{sorted(found)} survive in the public version"


@pytest.fixture(scope="module")
def full_consent(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    tmp_path = tmp_path_factory.mktemp("public")
    code, output, files = _build(tmp_path, "--public", str(KALESNIKAVA))
    assert code == 0, output
    assert list(files) == ["2023-06-01_communication_kalesnikava-urgent-appeal_public_en.docx"]
    return next(iter(files.values()))


def test_full_consent_names_her_and_shows_nothing_confidential(full_consent: bytes) -> None:
    lines = document_lines(full_consent)
    text = "\n".join(lines)
    assert "Public version: the alleged victims are named only as far as" in text
    assert "Maria Kalesnikava" in lines
    assert "Name in original script | Марыя Калеснікава" in lines
    assert "Other names | Maryia Kalesnikava; Maria Kolesnikova; Мария Колесникова" in lines
    assert "Ask the Government of Belarus to disclose at once where Maria Kalesnikava" in text
    assert "Example Human Rights Group" in lines
    assert "Consent" not in lines
    package = everything(full_consent)
    for secret in CONFIDENTIAL:
        assert secret not in package
    title = docx.Document(BytesIO(full_consent)).core_properties.title
    assert title == "Incommunicado detention of Maria Kalesnikava"


def test_the_confidential_communication_keeps_names_contacts_and_consent(
    tmp_path: Path,
) -> None:
    code, output, files = _build(tmp_path, str(_case(tmp_path, "withheld")))
    assert code == 0, output
    (data,) = files.values()
    text = "\n".join(document_lines(data))
    for kept in ("Maria Kalesnikava", "Марыя Калеснікава", *CONFIDENTIAL[:4]):
        assert kept in text
    assert "Name in public reports: Withheld." in text
    assert "Public version" not in text


def test_initials_only_shows_initials_in_every_field_and_property(tmp_path: Path) -> None:
    code, output, files = _build(tmp_path, "--public", str(_case(tmp_path, "initials")))
    assert code == 0, output
    (name,) = files  # the case file is named after her: the public file is not
    assert name == "2023-06-01_communication_incommunicado-detention-of_public_en.docx"
    data = files[name]
    lines = document_lines(data)
    assert "M. K." in lines
    assert "Name in original script | М. К." in lines
    assert not any(line.startswith("Other names") for line in lines)
    assert "7 September 2020: M. K. was arrested." in lines
    assert "Ask the Government of Belarus to disclose at once where M. K. is held" in "\n".join(
        lines
    )
    assert docx.Document(BytesIO(data)).core_properties.title == (
        "Incommunicado detention of M. K."
    )
    assert_never_named(data, HER_NAMES)


def test_withheld_names_her_nowhere_and_declared_names_are_redacted(tmp_path: Path) -> None:
    extra = (
        "redact: [Homiel, Tatsiana Example]\n"
        "domestic_steps:\n"
        "  - authority: Prosecutor's Office of Homiel region\n"
        "    action: Tatsiana Example, her sister, asked where Марыю Калеснікаву is held; "
        "Ms. Example wrote again about Kalesnikava's health.\n"
    )
    code, output, files = _build(tmp_path, "--public", str(_case(tmp_path, "withheld", extra)))
    assert code == 0, output
    assert list(files) == ["2023-06-01_communication_incommunicado-detention-of_public_en.docx"]
    (data,) = files.values()
    lines = document_lines(data)
    text = "\n".join(lines)
    assert "[name withheld]" in lines
    assert "7 September 2020: [name withheld] was arrested." in lines
    assert any(line.startswith("November 2022, [redacted]: She underwent") for line in lines)
    assert (
        "[redacted], her sister, asked where [name withheld] is held; "
        "Ms. [redacted] wrote again about [name withheld]\u2019s health."
    ) in text
    assert not any(line.startswith(("Name in original script", "Other names")) for line in lines)
    assert_never_named(data, (*HER_NAMES, "Марыю", "Калеснікаву", "Homiel", "Tatsiana"))


def test_a_public_alias_replaces_a_withheld_name(tmp_path: Path) -> None:
    text = _case(tmp_path, "withheld").read_text(encoding="utf-8")
    text = text.replace("    consent:\n", "    public_alias: Ms. A\n    consent:\n", 1)
    path = tmp_path / "alias.yaml"
    path.write_text(text, encoding="utf-8")
    code, output, files = _build(tmp_path, "--public", str(path))
    assert code == 0, output
    lines = document_lines(next(iter(files.values())))
    assert "7 September 2020: Ms. A was arrested." in lines
    assert "Incommunicado detention of Ms. A" in lines


def test_the_signature_names_who_signs_only_in_the_confidential_version(tmp_path: Path) -> None:
    text = KALESNIKAVA.read_text(encoding="utf-8").replace(
        "      name: Head of advocacy\n",
        "      name: Tatsiana Ivanova\n      function: Director of advocacy\n",
    )
    text = text.replace("date: 2023-06-01\n", "date: 2023-06-01\nplace: Vilnius\n", 1)
    path = tmp_path / "signed.yaml"
    path.write_text(text, encoding="utf-8")
    code, output, files = _build(tmp_path, str(path))
    assert code == 0, output
    lines = document_lines(next(iter(files.values())))
    signature = lines.index("Vilnius, 1 June 2023")
    assert lines[signature : signature + 4] == [
        "Vilnius, 1 June 2023",
        "Tatsiana Ivanova",
        "Director of advocacy",
        "Example Human Rights Group",
    ]
    code, output, files = _build(tmp_path, "--public", str(path))
    assert code == 0, output
    (data,) = (data for name, data in files.items() if "_public_" in name)
    lines = document_lines(data)
    assert lines[lines.index("Vilnius, 1 June 2023") + 1] == "Example Human Rights Group"
    assert_never_named(data, ("Tatsiana", "Ivanova"))
    assert "Director of advocacy" not in everything(data)


def test_asking_for_the_full_name_without_informing_the_family_is_an_error(
    tmp_path: Path,
) -> None:
    text = KALESNIKAVA.read_text(encoding="utf-8")
    path = tmp_path / "uninformed.yaml"
    path.write_text(
        text.replace("informed_publication: true", "informed_publication: false"), "utf-8"
    )
    code, output, files = _build(tmp_path, "--public", str(path))
    assert code == 1
    assert (
        "$.victims[0].consent.public_name: public_name is 'full' but the victim or family has "
        "not been told that a summary will be published"
    ) in output
    assert "nothing was written" in output
    assert files == {}


_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


def _letterhead_with_logo(path: Path, alt_text: str, *paragraphs: str) -> Path:
    """An organisation's template whose logo carries ``alt_text`` (left from an old letter)."""
    document = docx.Document()
    picture = path.with_suffix(".png")
    picture.write_bytes(_PNG)
    document.add_paragraph().add_run().add_picture(str(picture))
    document.inline_shapes[0]._inline.docPr.set("descr", alt_text)
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_a_name_left_in_a_templates_alt_text_stops_the_public_build(tmp_path: Path) -> None:
    template = _letterhead_with_logo(
        tmp_path / "ours.docx", "Portrait of Maria Kalesnikava", "Re: {{ case.title }}"
    )
    case = _case(tmp_path, "initials")
    code, output, files = _build(tmp_path, "--public", "--template", str(template), str(case))
    assert code == 1
    assert output.startswith(f"error: {case}: the public version would show what consent")
    assert "'Maria Kalesnikava' in word/document.xml" in output
    assert files == {}


def test_a_template_printing_contact_details_or_consent_shows_none_in_public(
    tmp_path: Path,
) -> None:
    """A letterhead of one's own that forgets ``{% if not public %}``: the public context has
    no submitter contact and no consent record to print."""
    printing = (
        "Contact: {{ case.submitters[0].contact.email }} {{ case.submitters[0].contact.phone }}",
        "{% for v in case.victims %}Consent: {{ v.consent.notes if v.consent else '' }}"
        "{% endfor %}",
    )
    template = _letterhead_with_logo(tmp_path / "ours.docx", "Logo", *printing)
    notes = "The family asked that the name of their town stay out of any report."
    case = tmp_path / "kalesnikava.yaml"
    case.write_text(
        KALESNIKAVA.read_text(encoding="utf-8").replace(
            "      public_name: full\n", f"      public_name: full\n      notes: {notes}\n"
        ),
        encoding="utf-8",
    )
    code, output, files = _build(tmp_path, "--public", "--template", str(template), str(case))
    assert code == 0, output
    (public,) = files.values()
    lines = [line.strip() for line in document_lines(public)]
    assert "Contact:" in lines
    assert "Consent:" in lines
    for text in (*CONFIDENTIAL, notes):
        assert not [line for line in lines if text in line], text

    code, output, files = _build(tmp_path / "un", "--template", str(template), str(case))
    assert code == 0, output
    (confidential,) = files.values()
    lines = document_lines(confidential)
    assert "Contact: advocacy@example.org +370 5 000 0000" in lines
    assert f"Consent: {notes}" in lines


def test_a_contact_detail_typed_into_a_template_stops_the_public_build(tmp_path: Path) -> None:
    template = _letterhead_with_logo(
        tmp_path / "ours.docx", "Logo", "Write to advocacy@example.org"
    )
    args = ["--public", "--template", str(template), str(KALESNIKAVA)]
    code, output, files = _build(tmp_path, *args)
    assert code == 1
    assert "'advocacy@example.org' in word/document.xml" in output
    assert "{% if not public %}" in output
    assert files == {}


def test_statements_are_skipped_with_a_note(tmp_path: Path) -> None:
    code, output, files = _build(tmp_path, "--public", *map(str, SAMPLES))
    assert code == 0, output
    assert sorted(files) == [
        "2023-05-15_communication_bialiatski-wgad-petition_public_en.docx",
        "2023-05-15_communication_klimovich-allegation-letter_public_en.docx",
        "2023-06-01_communication_kalesnikava-urgent-appeal_public_en.docx",
        "2023-06-15_communication_article-368-other-letter_public_en.docx",
    ]
    assert "hrc53-judges-lawyers-oral-statement.yaml: skipped by --public: an oral statement" in (
        output
    )


def test_a_name_the_rewrite_cannot_hide_stops_the_build_at_its_line(tmp_path: Path) -> None:
    text = KALESNIKAVA.read_text(encoding="utf-8").replace(
        "      en: Maria Kalesnikava was arrested.",
        "      en: K a l e s n i k a v a was arrested.",
    )
    assert "K a l e s n i k a v a" in text
    case = tmp_path / "case.yaml"
    case.write_text(text.replace("public_name: full", "public_name: withheld"), "utf-8")
    code, output, files = _build(tmp_path, "--public", str(case))
    assert code == 1
    assert files == {}
    line = text.splitlines().index("      en: K a l e s n i k a v a was arrested.") + 1
    assert f"{case}:{line}:7: $.incidents[0].description: " in output
    assert "'Maria Kalesnikava' in word/document.xml" in output
    assert "add that spelling to the victim's aliases or list it under redact" in output
