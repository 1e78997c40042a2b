"""``unsubmit build`` as a library call: validate, render, write, with nothing half-done.

The order matters for safety. Every file is validated first, and nothing is written when any
has an error. Every document is then rendered in memory, so a template error also writes
nothing; a batch of many files is validated and rendered on every core, with the same results
as one by one (:mod:`unsubmit.parallel`). Only then are outputs written, each atomically; a file
that already holds exactly the bytes a build would write is left alone (builds are
deterministic), so an interrupted batch is completed by running the same command again, and only
a file with other content needs --force.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from unsubmit.check import check_files
from unsubmit.errors import Location, OutputError, UsageError
from unsubmit.findings import FileResult, Report
from unsubmit.models import Communication, OralStatement
from unsubmit.models.communication import COMMUNICATION_TYPES
from unsubmit.parallel import map_in_order
from unsubmit.render.context import DASH, LOCALES, CaseModel, build_context
from unsubmit.render.engine import PreparedTemplate
from unsubmit.render.output import ensure_output_dir, write_all
from unsubmit.render.package import DocumentProperties
from unsubmit.render.text import slug
from unsubmit.resources import templates_dir

FORMATS = ("docx", "pdf")

#: Told how far a build has come: what it is doing ("validating", "rendering", "converting"),
#: how many files or documents are done and how many there are. The core never prints; the
#: command line draws a progress bar with it.
Progress = Callable[[str, int, int], None]


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
        title, subject = case.title, COMMUNICATION_TYPES[case.type][0]
    elif isinstance(case, OralStatement):
        title = DASH.join((f"HRC{case.session}", f"Item {case.agenda_item}", case.dialogue.title))
        subject = "Oral statement"
    else:
        title, subject = case.title, "Joint statement"
    language = LOCALES[case.language].replace("_", "-")
    return DocumentProperties(title=title, language=language, date=case.date, subject=subject)


def template_path(kind: str, override: Path | None) -> Path:
    return override or templates_dir() / f"{kind}.docx"


class _Templates:
    """Each template prepared once per run, whatever the number of cases that use it."""

    def __init__(self, override: Path | None) -> None:
        self.override = override
        self.cache: dict[Path, PreparedTemplate] = {}

    def for_kind(self, kind: str) -> PreparedTemplate:
        path = template_path(kind, self.override)
        if path not in self.cache:
            self.cache[path] = PreparedTemplate.load(path)
        return self.cache[path]


@dataclass(frozen=True)
class _Job:
    """One document to render: a case in one language, with the template it uses."""

    case: CaseModel
    language: str
    template: Path


def _render(job: _Job) -> bytes:
    """Render one job; run in worker processes, where each template is prepared once."""
    context = build_context(job.case, job.language)
    return PreparedTemplate.load(job.template).render(context, properties(job.case))


def _stage(progress: Progress | None, stage: str, total: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    progress(stage, 0, total)
    return lambda done: progress(stage, done, total)


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
    progress: Progress | None = None,
) -> BuildOutcome:
    """Validate every file, then render and write every document; see the module docstring.

    ``convert`` turns DOCX bytes into PDF bytes; it is needed only when PDF is asked for.
    ``progress`` is told how far the build has come (see :data:`Progress`).
    """
    report = check_files(paths, _stage(progress, "validating", len(paths)))
    outcome = BuildOutcome(report)
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
    jobs = []
    for result in report.results:
        assert result.case is not None
        template = template_path(result.case.kind, options.template)
        jobs.append(_Job(result.case, result.case.language, template))
    for template in dict.fromkeys(job.template for job in jobs):
        PreparedTemplate.load(template)  # a broken template fails once, before any work
    documents = map_in_order(_render, jobs, _stage(progress, "rendering", len(jobs)))
    converted = _stage(progress, "converting", len(jobs)) if "pdf" in options.formats else None
    rendered: list[tuple[Path, bytes, str]] = []
    for index, (result, target, docx) in enumerate(
        zip(report.results, targets, documents, strict=True)
    ):
        if "docx" in options.formats:
            rendered.append((target.with_suffix(".docx"), docx, result.file))
        if "pdf" in options.formats:
            if convert is None:
                raise UsageError("PDF output needs a converter")
            rendered.append((target.with_suffix(".pdf"), convert(docx), result.file))
            if converted is not None:
                converted(index + 1)
    ensure_output_dir(options.out_dir)
    _refuse_existing(rendered, options.force)
    changed = []
    for path, data, source in rendered:
        unchanged = path.is_file() and path.read_bytes() == data
        if not unchanged:
            changed.append((path, data))
        outcome.outputs.append(Output(path, source, unchanged))
    write_all(changed, overwrite=options.force)
    return outcome


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
    prepared = _Templates(template).for_kind(result.case.kind)
    data = prepared.render(build_context(result.case), properties(result.case))
    return document_text(data), report
