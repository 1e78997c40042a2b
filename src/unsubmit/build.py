"""``unsubmit build`` as a library call: validate, render, write, with nothing half-done.

The order matters for safety. Every file is validated first, and nothing is written when any
has an error. Every document is then rendered in memory, so a template error also writes
nothing. Only then are outputs written, each atomically; a file that already holds exactly the
bytes a build would write is left alone (builds are deterministic), so an interrupted batch is
completed by running the same command again, and only a file with other content needs --force.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from unsubmit.check import check_files
from unsubmit.errors import Location, OutputError, UsageError
from unsubmit.findings import FileResult, Report, sort_key
from unsubmit.localize import fallback_findings, localize, plain
from unsubmit.models import Communication, OralStatement
from unsubmit.models.communication import COMMUNICATION_TYPES
from unsubmit.render.context import DASH, LOCALES, CaseModel, build_context
from unsubmit.render.engine import PreparedTemplate
from unsubmit.render.output import ensure_output_dir, write_atomic
from unsubmit.render.package import DocumentProperties
from unsubmit.render.text import slug
from unsubmit.resources import templates_dir

FORMATS = ("docx", "pdf")


@dataclass(frozen=True)
class BuildOptions:
    """What the advocate asked for on the command line."""

    out_dir: Path = Path("out")
    template: Path | None = None
    force: bool = False
    formats: tuple[str, ...] = ("docx",)
    strict: bool = False


@dataclass
class Output:
    """One file a build writes, and whether it was already there with the same bytes."""

    path: Path
    source: str
    unchanged: bool = False


@dataclass
class BuildOutcome:
    report: Report
    outputs: list[Output] = field(default_factory=list)


def output_stem(case: CaseModel, source: Path) -> str:
    """``<date>_<kind>_<slug>``: sortable by date, grouped by kind, named after the case file."""
    return f"{case.date.isoformat()}_{case.kind}_{slug(source.stem)}"


def properties(case: CaseModel) -> DocumentProperties:
    """Core properties from the case and from nothing else."""
    if isinstance(case, Communication):
        title, subject = plain(case.title), COMMUNICATION_TYPES[case.type][0]
    elif isinstance(case, OralStatement):
        parts = (f"HRC{case.session}", f"Item {case.agenda_item}", plain(case.dialogue.title))
        title = DASH.join(parts)
        subject = "Oral statement"
    else:
        title, subject = plain(case.title), "Joint statement"
    language = LOCALES[case.language].replace("_", "-")
    return DocumentProperties(title=title, language=language, date=case.date, subject=subject)


class _Templates:
    """Each template prepared once per run, whatever the number of cases that use it."""

    def __init__(self, override: Path | None) -> None:
        self.override = override
        self.cache: dict[Path, PreparedTemplate] = {}

    def for_kind(self, kind: str) -> PreparedTemplate:
        path = self.override or templates_dir() / f"{kind}.docx"
        if path not in self.cache:
            self.cache[path] = PreparedTemplate.load(path)
        return self.cache[path]


def _plan(results: list[FileResult], paths: Sequence[Path], options: BuildOptions) -> list[Path]:
    stems: dict[Path, str] = {}
    planned = []
    for result, source in zip(results, paths, strict=True):
        assert result.case is not None
        target = options.out_dir / output_stem(result.case, source)
        if target in stems:
            raise UsageError(
                f"{stems[target]} and {source} would both be written to {target}.*: "
                "rename one of the case files"
            )
        stems[target] = str(source)
        planned.append(target)
    return planned


def build(
    paths: Sequence[Path],
    options: BuildOptions,
    *,
    convert: Callable[[bytes], bytes] | None = None,
    language: str | None = None,
) -> BuildOutcome:
    """Validate every file, then render and write every document; see the module docstring.

    ``convert`` turns DOCX bytes into PDF bytes; it is needed only when PDF is asked for.
    ``language`` chooses the case text (default: each case's own language); a text without a
    translation into it is shown in the case's language, with a warning.
    """
    report = check_files(paths)
    outcome = BuildOutcome(report)
    if report.failed(strict=options.strict):
        return outcome
    cases = [localized(result, language) for result in report.results]
    if report.failed(strict=options.strict):
        return outcome
    if options.template is not None:
        kinds = {result.case.kind for result in report.results if result.case is not None}
        if len(kinds) > 1:
            raise UsageError(
                f"--template applies to one kind of document, but these files are of kinds "
                f"{', '.join(sorted(kinds))}: build them separately"
            )
    targets = _plan(report.results, paths, options)
    templates = _Templates(options.template)
    rendered: list[tuple[Path, bytes, str]] = []
    for result, case, target in zip(report.results, cases, targets, strict=True):
        context = build_context(case, language)
        docx = templates.for_kind(case.kind).render(context, properties(case))
        if "docx" in options.formats:
            rendered.append((target.with_suffix(".docx"), docx, result.file))
        if "pdf" in options.formats:
            if convert is None:
                raise UsageError("PDF output needs a converter")
            rendered.append((target.with_suffix(".pdf"), convert(docx), result.file))
    ensure_output_dir(options.out_dir)
    _refuse_existing(rendered, options.force)
    for path, data, source in rendered:
        unchanged = path.is_file() and path.read_bytes() == data
        if not unchanged:
            write_atomic(path, data, overwrite=options.force)
        outcome.outputs.append(Output(path, source, unchanged))
    return outcome


def localized(result: FileResult, language: str | None) -> CaseModel:
    """The valid case of ``result`` with its text in ``language``; fallbacks become warnings."""
    assert result.case is not None and result.document is not None
    chosen = language or result.case.language
    case, missing = localize(result.case, chosen)
    result.findings.extend(fallback_findings(result.document, result.case, chosen, missing))
    result.findings.sort(key=sort_key)
    return case


def _refuse_existing(rendered: list[tuple[Path, bytes, str]], force: bool) -> None:
    """Refuse before writing anything when an output exists with other content."""
    if force:
        return
    clashes = [
        path
        for path, data, _ in rendered
        if path.exists() and not (path.is_file() and path.read_bytes() == data)
    ]
    if clashes:
        listed = ", ".join(str(path) for path in clashes)
        raise OutputError(
            f"{listed} already exist{'s' if len(clashes) == 1 else ''} with other content: "
            "pass --force to overwrite",
            Location(str(clashes[0])),
        )


def preview_text(path: Path, template: Path | None = None) -> tuple[str | None, Report]:
    """The document of one case as plain text, or None (with the report) when it is invalid."""
    from unsubmit.render.reader import document_text

    report = check_files([path])
    result = report.results[0]
    if result.failed() or result.case is None:
        return None, report
    case = localized(result, None)
    prepared = _Templates(template).for_kind(case.kind)
    data = prepared.render(build_context(case), properties(case))
    return document_text(data), report
