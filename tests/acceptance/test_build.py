"""``unsubmit build`` and ``preview`` over the samples, read back by independent readers."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import docx
import pytest

from tests.conftest import REPO, SAMPLES, run
from unsubmit.i18n.typography import folded
from unsubmit.render.package import docx_leaks
from unsubmit.render.reader import document_lines

#: Facts each sample's document must show, in this order.
FACTS = {
    "klimovich-allegation-letter": [
        "Special Rapporteur on the situation of human rights in Belarus",
        "Allegation letter",
        "Example Human Rights Group",
        "advocacy@example.org",
        "Mikalai Klimovich",
        "Мікалай Клімовіч",
        "Criminal Code of the Republic of Belarus",
        "Pinsk District and City Court",
        "28 February 2023",
        "second-degree disability from heart disease",
        "7 May 2023",
        "penal colony No. 3 in Viciebsk",
        "Death in custody",
        "ICCPR art. 6",
        "Ask the Government of Belarus to disclose the circumstances",
        "Viasna news item 111635",
    ],
    "bialiatski-wgad-petition": [
        "Working Group on Arbitrary Detention",
        "Allegation letter",
        "Ales Bialiatski",
        "Алесь Бяляцкі",
        "14 July 2021",
        "10 years' imprisonment",
        "26 September 2022",
        "Find that the deprivation of liberty of Ales Bialiatski is arbitrary.",
    ],
    "kalesnikava-urgent-appeal": [
        "URGENT APPEAL",
        "Working Group on Arbitrary Detention",
        # an urgent appeal: the risk and the requests before the details
        "She has been held incommunicado since February 2023",
        "Ask for her release.",
        "Maria Kalesnikava",
        "Марыя Калеснікава",
        "7 September 2020",
        "11 years' imprisonment",
        "November 2022",
        "Homiel",
        "February 2023",
        "30 May 2023",
        "Incommunicado detention",
    ],
    "hrc53-judges-lawyers-oral-statement": [
        "HRC53 – Item 3 – Interactive Dialogue – Independence of judges & lawyers",
        "26 June 2023",
        "Check against delivery",
        "Alesia Example",
        "Example Human Rights Group",
        "Example Lawyers' Network",
        "Thank you, Mr. President.",
        '"Reimagining justice"',
        "Maria Kalesnikava, arrested in September 2020",
        "what can the Council and States do to protect lawyers",
        "Thank you.",
    ],
    "prosecutor-srhr-joint-statement": [
        "the Prosecutor General's initiative on sexual and reproductive matters",
        "2 October 2023",
        "unjustified interference by the State",
        "LGBTQ people, teenagers and women",
        "Withdraw the initiative.",
        "Example Human Rights Group",  # a public statement: the organisations as listed
        "Example Centre for Women's Rights",
        "Example International Federation",
        "Example Youth Health Network",
        "Example LGBTQ Initiative",
        "Example Students' Union",
    ],
    "article-368-other-letter": [
        "Special Rapporteur on the promotion and protection of the right to freedom of opinion",
        "Other letter",
        "Example Human Rights Group",
        "Legislation, policy or practice of concern",
        "Criminal Code of the Republic of Belarus",
        "In force",
        "Article 368: insulting the President",
        "punishable by deprivation of liberty",
        "Human Rights Centre Viasna learned on 7 May 2023",
        "Violation of freedom of opinion and expression",
        "Recommend that article 368 be repealed",
        "Viasna news item 111635",
    ],
    "bsu-repentance-videos-joint-statement": [
        'end the "repentance videos" at the Faculty of Law',
        "20 November 2023",
        "We, the undersigned organisations, condemn",
        "Stop recording and publishing",
        "Example Human Rights Group",  # a public statement: the organisations as listed
        "Example Lawyers' Network",
        "Example Academic Freedom Network",
        "Example Students' Union",
    ],
}


def build_all(out: Path, *extra: str) -> list[Path]:
    result = run(["build", "-o", str(out), *extra, *map(str, SAMPLES)])
    assert result.exit_code == 0, result.output
    return sorted(out.glob("*.docx"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("out")
    build_all(out)
    return {path.name: path.read_bytes() for path in out.glob("*.docx")}


def _output(built: dict[str, bytes], stem: str) -> bytes:
    (name,) = [name for name in built if name.endswith(f"_{stem}_en.docx")]
    return built[name]


def test_one_document_per_sample_named_by_date_kind_and_file(built: dict[str, bytes]) -> None:
    assert sorted(built) == [
        "2023-05-15_communication_bialiatski-wgad-petition_en.docx",
        "2023-05-15_communication_klimovich-allegation-letter_en.docx",
        "2023-06-01_communication_kalesnikava-urgent-appeal_en.docx",
        "2023-06-15_communication_article-368-other-letter_en.docx",
        "2023-06-26_oral-statement_hrc53-judges-lawyers-oral-statement_en.docx",
        "2023-10-02_joint-statement_prosecutor-srhr-joint-statement_en.docx",
        "2023-11-20_joint-statement_bsu-repentance-videos-joint-statement_en.docx",
    ]


def test_an_other_letter_names_no_one_and_has_no_sections_about_people(
    built: dict[str, bytes],
) -> None:
    """An other letter is about a law: no empty victim, facts, perpetrator or consent headings."""
    lines = document_lines(_output(built, "article-368-other-letter"))
    about_people = (
        "Alleged victim",
        "Facts",
        "Alleged perpetrator",
        "Steps taken at the national level",
        "Other international or regional bodies seized",
        "Consent",
    )
    for heading in about_people:
        assert not [line for line in lines if line.startswith(heading)], heading
    letter = document_lines(_output(built, "klimovich-allegation-letter"))
    for heading in ("Alleged victim", "Facts", "Alleged perpetrator", "Consent"):
        assert [line for line in letter if line.startswith(heading)], heading
    assert not [line for line in letter if line.startswith("Legislation, policy or practice")]


def _in_order(text: str, facts: list[str]) -> None:
    """The case's texts in the document, in order, whatever typography the document sets
    them in (curly quotes and apostrophes for the case's straight ones)."""
    text = folded(text)
    position = 0
    for fact in facts:
        found = text.find(fact, position)
        assert found >= 0, f"{fact!r} missing or out of order after position {position}"
        position = found + len(fact)


@pytest.mark.parametrize("stem", sorted(FACTS))
def test_python_docx_reads_the_facts_in_order(stem: str, built: dict[str, bytes]) -> None:
    _in_order("\n".join(document_lines(_output(built, stem))), FACTS[stem])


def _pandoc_text(data: bytes) -> str:
    """The document's words as pandoc reads them: title and subtitle first, then the body."""
    pandoc = shutil.which("pandoc")
    assert pandoc, "pandoc is needed to read documents back: apt-get install pandoc"
    result = subprocess.run(
        [pandoc, "-f", "docx", "-t", "json"],
        input=data,
        capture_output=True,
        check=True,
        timeout=60,
    )
    tree = json.loads(result.stdout)
    words: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            kind = node.get("t")
            if kind == "Str":
                words.append(node["c"])
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                words.append(" ")
            elif kind == "Quoted":
                mark = '"' if node["c"][0]["t"] == "DoubleQuote" else "'"
                words.append(mark)
                walk(node["c"][1])
                words.append(mark)
            else:
                for value in node.values():
                    walk(value)
            if kind in ("Para", "Plain", "Header", "MetaInlines"):
                words.append("\n")
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for key in ("title", "subtitle"):
        walk(tree["meta"].get(key, {}))
    walk(tree["blocks"])
    return "".join(words)


@pytest.mark.parametrize("stem", sorted(FACTS))
def test_pandoc_reads_the_facts_in_order(stem: str, built: dict[str, bytes]) -> None:
    text = _pandoc_text(_output(built, stem)).replace("\u00a0", " ")
    _in_order(" ".join(text.split()), [" ".join(fact.split()) for fact in FACTS[stem]])


def test_urgent_appeal_is_marked_on_page_one_and_allegation_letter_is_not(
    built: dict[str, bytes],
) -> None:
    urgent = document_lines(_output(built, "kalesnikava-urgent-appeal"))
    assert "URGENT APPEAL" in "\n".join(urgent[:5])
    letter = "\n".join(document_lines(_output(built, "klimovich-allegation-letter")))
    assert "URGENT APPEAL" not in letter


def test_multi_paragraph_text_becomes_real_paragraphs(built: dict[str, bytes]) -> None:
    lines = document_lines(_output(built, "klimovich-allegation-letter"))
    assert "He had a second-degree disability from heart disease." in lines
    assert any(
        line.startswith("28 February 2023, Pinsk: The Pinsk District and City Court sentenced")
        for line in lines
    )


def test_outputs_leak_nothing_and_take_properties_from_the_case(built: dict[str, bytes]) -> None:
    for name, data in built.items():
        assert docx_leaks(data) == [], name
        properties = docx.Document(BytesIO(data)).core_properties
        assert properties.author == "" and properties.last_modified_by == ""
        assert properties.created.date() == datetime.date.fromisoformat(name[:10])
        assert properties.language == "en-GB"
        with zipfile.ZipFile(BytesIO(data)) as archive:
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
            assert archive.namelist()[:2] == ["[Content_Types].xml", "_rels/.rels"]
    letter = docx.Document(BytesIO(_output(built, "klimovich-allegation-letter")))
    assert letter.core_properties.title == "Death in custody of Mikalai Klimovich"


def test_two_builds_are_byte_identical(built: dict[str, bytes], tmp_path: Path) -> None:
    again = build_all(tmp_path)
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in again} == {
        name: hashlib.sha256(data).hexdigest() for name, data in built.items()
    }


def test_a_rebuild_leaves_identical_outputs_and_refuses_to_overwrite_others(
    tmp_path: Path,
) -> None:
    outputs = build_all(tmp_path)
    again = run(["build", "-o", str(tmp_path), *map(str, SAMPLES)])
    assert again.exit_code == 0
    assert again.output.count("unchanged ") == len(SAMPLES)
    outputs[0].write_bytes(b"edited by hand")
    refused = run(["build", "-o", str(tmp_path), *map(str, SAMPLES)])
    assert refused.exit_code == 1
    assert "nothing was written, this file is in the way: edited after the build at" in (
        refused.output
    )
    assert outputs[0].read_bytes() == b"edited by hand"
    forced = run(["build", "--force", "-o", str(tmp_path), *map(str, SAMPLES)])
    assert forced.exit_code == 0
    assert outputs[0].read_bytes().startswith(b"PK")


def test_nothing_is_written_when_any_file_has_an_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    invalid = REPO / "samples" / "invalid" / "dates-out-of-order.yaml"
    result = run(["build", "-o", str(out), *map(str, SAMPLES), str(invalid)])
    assert result.exit_code == 1
    assert "the death (2023-01) comes before the sentence" in result.output
    assert "nothing was written" in result.output
    assert not out.exists()


def _letterhead(path: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    document.add_paragraph("EXAMPLE HUMAN RIGHTS GROUP · LETTERHEAD")
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_an_organisation_can_use_its_own_letterhead(tmp_path: Path) -> None:
    template = _letterhead(tmp_path / "ours.docx", "Re: {{ case.title }}", "{{ case.date }}")
    sample = REPO / "samples" / "klimovich-allegation-letter.yaml"
    result = run(["build", "-o", str(tmp_path / "out"), "--template", str(template), str(sample)])
    assert result.exit_code == 0, result.output
    (output,) = (tmp_path / "out").glob("*.docx")
    assert [line for line in document_lines(output.read_bytes()) if line] == [
        "EXAMPLE HUMAN RIGHTS GROUP · LETTERHEAD",
        "Re: Death in custody of Mikalai Klimovich",
        "15 May 2023",
    ]


def test_a_template_reaching_for_python_internals_writes_nothing(tmp_path: Path) -> None:
    template = _letterhead(tmp_path / "evil.docx", "{{ case.__class__.__mro__ }}")
    sample = REPO / "samples" / "klimovich-allegation-letter.yaml"
    result = run(["build", "-o", str(tmp_path / "out"), "--template", str(template), str(sample)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {template}: ")
    assert "unsafe" in result.output
    assert not (tmp_path / "out").exists()


def test_a_template_with_a_missing_variable_names_it(tmp_path: Path) -> None:
    template = _letterhead(tmp_path / "typo.docx", "{{ case.titel }}")
    sample = REPO / "samples" / "klimovich-allegation-letter.yaml"
    result = run(["build", "-o", str(tmp_path / "out"), "--template", str(template), str(sample)])
    assert result.exit_code == 1
    assert "'titel'" in result.output and str(template) in result.output


def test_preview_prints_the_document(in_repo: Path) -> None:
    result = run(["preview", "samples/kalesnikava-urgent-appeal.yaml"])
    assert result.exit_code == 0
    _in_order(result.output, FACTS["kalesnikava-urgent-appeal"])


def test_preview_public_shows_the_version_that_may_be_published(in_repo: Path) -> None:
    result = run(["preview", "--public", "samples/kalesnikava-urgent-appeal.yaml"])
    assert result.exit_code == 0, result.output
    assert "Public version: the alleged victims are named only as far" in result.output
    assert "Maria Kalesnikava" in result.output  # her family agreed to her full name
    assert "advocacy@example.org" not in result.output


@pytest.mark.parametrize("sample", sorted(FACTS))
def test_preview_context_gives_every_value_the_built_in_template_uses(
    sample: str, in_repo: Path
) -> None:
    result = run(["preview", "--context", "-l", "fr", f"samples/{sample}.yaml"])
    assert result.exit_code == 0, result.output
    context = json.loads(result.stdout)  # warnings (text left in English) go to stderr
    assert context["language"] == "fr"
    kind = context["kind"]
    with zipfile.ZipFile(REPO / "templates" / f"{kind}.docx") as package:
        xml = package.read("word/document.xml").decode("utf-8")
    used = set(re.findall(r"\bcase\.(\w+)", xml))
    assert used, kind
    assert used <= set(context["case"]), used - set(context["case"])


def test_preview_context_of_a_public_version_holds_no_contact_or_consent(in_repo: Path) -> None:
    result = run(["preview", "--context", "--public", "samples/kalesnikava-urgent-appeal.yaml"])
    assert result.exit_code == 0, result.output
    assert "advocacy@example.org" not in result.output
    context = json.loads(result.stdout)
    assert context["public"] is True
    assert [v["consent"] for v in context["case"]["victims"]] == [None]


def test_preview_context_takes_no_template(in_repo: Path) -> None:
    result = run(
        ["preview", "--context", "--template", "x.docx", "samples/kalesnikava-urgent-appeal.yaml"]
    )
    assert result.exit_code == 2
    assert "leave out --template" in result.output


def test_preview_of_an_invalid_file_shows_its_findings(in_repo: Path) -> None:
    result = run(["preview", "samples/invalid/misspelt-kind.yaml"])
    assert result.exit_code == 1
    assert "unknown kind 'comunication'" in result.output


@pytest.mark.slow
def test_libreoffice_converts_every_sample_to_pdf(tmp_path: Path) -> None:
    assert shutil.which("soffice"), (
        "LibreOffice is needed: apt-get install libreoffice-writer-nogui"
    )
    result = run(["build", "-o", str(tmp_path), "--format", "docx,pdf", *map(str, SAMPLES)])
    assert result.exit_code == 0, result.output
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert [p.stem for p in pdfs] == [p.stem for p in sorted(tmp_path.glob("*.docx"))]
    for pdf in pdfs:
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, timeout=60
        ).stdout.decode("utf-8")
        stem = pdf.stem.split("_", 2)[2].removesuffix("_en")
        assert FACTS[stem][0].split()[0] in text
        assert "Author" not in subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, check=True, timeout=60
        ).stdout.decode("utf-8")


def test_pdf_without_libreoffice_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNSUBMIT_SOFFICE", str(tmp_path / "no-such-soffice"))
    result = run(["build", "-o", str(tmp_path / "out"), "--format", "pdf", str(SAMPLES[0])])
    assert result.exit_code == 1
    assert "apt-get install libreoffice-writer-nogui" in result.output
    assert not (tmp_path / "out").exists()
