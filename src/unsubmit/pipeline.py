"""``unsubmit build`` as a library call: validate, render, write, with nothing half-done.

The order matters for safety. Every file is validated first, and nothing is written when any
has an error. Every document is then rendered in memory, so a template error also writes
nothing; a batch of many files is validated and rendered on every core, with the same results
as one by one (:mod:`unsubmit.parallel`). Every DOCX and PDF is inspected before it is written
(:mod:`unsubmit.render.inspector`): one that holds anything active or external stops the
build. Only then are outputs written, each atomically; a file that already holds exactly the
bytes a build would write is left alone (builds are deterministic), so an interrupted batch is
completed by running the same command again. A build replaces what an earlier build wrote into
the folder, never without --force a file edited since or written by someone else, and removes
the outputs of an earlier build of the same documents that are now out of date
(:mod:`unsubmit.write.rebuild`).

``--public`` builds the versions of communications that may be published
(:mod:`unsubmit.un.public`); ``--email`` adds to each communication an ``.eml`` ready to send
(:mod:`unsubmit.render.mail`). Both concern communications only: statements are public
documents that are registered or published, not emailed to the OHCHR, so they are skipped
with a note. ``--upload`` builds the copy of each oral statement that is uploaded with its
registration on the Council's extranet for the interpreters: the statement as delivered, marked
"Check against delivery", without the speaker's time marks, word count and estimate; other
kinds are skipped with a note.

Each case is built in every locale asked for (its own language by default). A document in a
language that some of the case's own text is not translated into is refused before anything
is rendered, each such field listed (:func:`unsubmit.models.localize.fallback_findings`);
``--allow-untranslated`` builds it anyway, shows those texts in the case's language, warns,
and marks every page as an untranslated draft (:mod:`unsubmit.render.draft`). A text that a
locale's catalog does not translate, or a mandate title the registry does not give in that
language, shows in English and adds a warning listing it to the case's findings; with
``--strict`` that warning stops the build before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from unsubmit.check.results import FileResult, Report
from unsubmit.check.validate import (
    check_file,
    check_files,
    source_document,
)
from unsubmit.errors import (
    ConversionError,
    InputError,
    Location,
    TemplateError,
    UsageError,
)
from unsubmit.findings import Finding, Severity, sort_key
from unsubmit.i18n.missing import missing_translations
from unsubmit.i18n.translations import Translator
from unsubmit.i18n.typography import dash
from unsubmit.languages import languages
from unsubmit.load.case_files import case_files
from unsubmit.models import CaseModel, Communication, OralStatement
from unsubmit.models.communication import COMMUNICATION_TYPES
from unsubmit.models.documents import COMMUNICATION, documents_of, person_id
from unsubmit.models.localize import fallback_findings, in_languages_of, localize, plain
from unsubmit.models.petition import DOCUMENTS
from unsubmit.models.translatable import N_
from unsubmit.parallel import map_in_order
from unsubmit.render.context import (
    Formatter,
    build_context,
    council_session,
    right_to_left,
    word_language,
)
from unsubmit.render.draft import MARK
from unsubmit.render.engine import PreparedTemplate
from unsubmit.render.inspector import docx_problems, pdf_problems
from unsubmit.render.mail import email_message, recipient
from unsubmit.render.package import DocumentProperties
from unsubmit.render.petition_context import petition_context
from unsubmit.render.text import slug
from unsubmit.resources import templates_dir
from unsubmit.un.public import (
    HiddenNameError,
    PublicVersion,
    check_file_name,
    hides_someone,
    public_title_words,
    public_version,
)
from unsubmit.un.routing import Suggestion, suggest
from unsubmit.write import ensure_output_dir, write_all
from unsubmit.write.manifest import Record, case_reference, sha256
from unsubmit.write.rebuild import PlannedOutput, finish_rebuild, plan_rebuild

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
    public: bool = False
    email: bool = False
    #: Build the clean copies of oral statements to upload for the interpreters.
    upload: bool = False
    #: The locales to build every case in; empty: each case in its own language.
    locales: tuple[str, ...] = ()
    #: Build a document even where the case's text lacks its language, showing that text in
    #: the case's language and marking every page as an untranslated draft.
    allow_untranslated: bool = False
    #: The documents to build of each communication (``--as``), among those its file lists;
    #: empty: the communication alone.
    documents: tuple[str, ...] = ()
    #: An organisation's look (page, styles, fonts, header) put on the built-in documents.
    letterhead: Path | None = None
    #: Build every case that passes, leaving out (and reporting) those that fail, instead of
    #: writing nothing when any fails: for a caseload where one case must not hold up the rest.
    keep_going: bool = False


@dataclass
class Output:
    """One file a build writes, and whether it was already there with the same bytes."""

    path: Path
    source: str
    unchanged: bool = False
    #: For an e-mail draft: the address it is written to.
    to: str | None = None


@dataclass
class BuildOutcome:
    report: Report
    outputs: list[Output] = field(default_factory=list)
    #: What the build chose not to do, and why (statements skipped by --public or --email).
    notes: list[str] = field(default_factory=list)
    #: Outputs of an earlier build of the same documents, out of date now, that were removed.
    removed: list[Path] = field(default_factory=list)
    #: What the advocate should look at: out-of-date files left in place, an unreadable record.
    warnings: list[str] = field(default_factory=list)


def _located(error: HiddenNameError, results: Sequence[FileResult]) -> HiddenNameError:
    """The error with the line and column of the case text it comes from, where known."""
    where = error.location
    for result in results:
        if where is None or error.json_path is None or result.document is None:
            break
        if result.file == where.file:
            position = result.document.locate(error.json_path)
            located = Location(where.file, position.line, position.column, where.path)
            return HiddenNameError(error.message, located, error.json_path)
    return error


def output_stem(
    case: CaseModel,
    source: Path,
    locale: str,
    *,
    public: bool = False,
    upload: bool = False,
    document: str = COMMUNICATION,
    person: int | None = None,
) -> str:
    """``<date>_<kind>_<slug>[_<person>][_public|_upload]_<locale>``: sortable by date, grouped
    by kind (or by document, for a petition: ``wgad-petition``, ``wgeid-form``), named after
    the case file, one per locale; a WGEID form, one per person, adds the person's id (in a
    public version, the person's number).

    The copy of an oral statement to upload carries ``_upload``, so that the speaker's notes
    are never uploaded by mistake. Public versions carry ``_public``, so they are never
    mistaken for the confidential one.
    When they hide someone, their name never derives from the case file's, which is often the
    victim's: it is made of the words of the title that the public version shows (or the
    communication's type), and it is checked for hidden names like the document itself.
    """
    what = case.kind if document == COMMUNICATION else document
    if upload and isinstance(case, OralStatement):
        return f"{case.date.isoformat()}_{what}_{slug(source.stem)}_upload_{locale}"
    if not (public and isinstance(case, Communication)):
        who = "" if person is None else f"_{person_id(case, person, public=False)}"
        return f"{case.date.isoformat()}_{what}_{slug(source.stem)}{who}_{locale}"
    gettext = Translator(case.language).gettext
    if hides_someone(case):
        words = slug(public_title_words(case, gettext), limit=40)
        name = case.type if words == "case" else words
    else:
        name = slug(source.stem)
    who = "" if person is None else f"_{person_id(case, person, public=True)}"
    stem = f"{case.date.isoformat()}_{what}_{name}{who}_public_{locale}"
    check_file_name(case, stem, str(source), gettext)
    return stem


def properties(
    case: CaseModel, fmt: Formatter, document: str = COMMUNICATION
) -> DocumentProperties:
    """Core properties from the case and from nothing else, in the document's language."""
    if isinstance(case, Communication) and document != COMMUNICATION:
        title, subject = plain(case.title), fmt.label(DOCUMENTS, document)
    elif isinstance(case, Communication):
        title, subject = plain(case.title), fmt.label(COMMUNICATION_TYPES, case.type)
    elif isinstance(case, OralStatement):
        title = dash(fmt.language).join((*council_session(case, fmt), plain(case.dialogue.title)))
        subject = fmt.text(N_("Oral statement"))
    else:
        title, subject = plain(case.title), fmt.text(N_("Joint statement"))
    language = languages()[fmt.language].cldr.replace("_", "-")
    return DocumentProperties(title=title, language=language, date=case.date, subject=subject)


def render_document(
    case: CaseModel,
    template: PreparedTemplate,
    language: str,
    *,
    public: bool = False,
    upload: bool = False,
    source: str = "",
    draft: bool = False,
    document: str = COMMUNICATION,
    person: int | None = None,
) -> tuple[bytes, Translator]:
    """One case's document in one language, and the translator that noted what is missing.

    With ``public``, a communication is first made public (:mod:`unsubmit.un.public`) and the
    rendered document is checked for every name it must not show. With ``upload``, an oral
    statement is the copy to upload (see the module docstring). With ``draft``, every page is
    marked as an untranslated draft.
    """
    translator = Translator(language)
    case, context, version = document_context(
        case, language, translator, public=public, upload=upload, document=document, person=person
    )
    fmt = Formatter(language, translator)
    docx = template.render(
        context,
        properties(case, fmt, document),
        translator,
        rtl=right_to_left(language),
        language=word_language(language),
        draft=translator.gettext(MARK) if draft else None,
    )
    if version is not None:
        version.check(docx, source)
    problems = docx_problems(docx)
    if problems:
        raise TemplateError(
            f"the document built from this template for {source or 'the case'} holds "
            f"{_listed(problems)}: a template may not produce anything active or external; "
            "nothing was written",
            Location(template.name),
        )
    return docx, translator


def _listed(problems: list[str]) -> str:
    more = len(problems) - 1
    return problems[0] + (f" (and {more} more)" if more else "")


def document_context(
    case: CaseModel,
    language: str,
    translator: Translator,
    *,
    public: bool = False,
    upload: bool = False,
    document: str = COMMUNICATION,
    person: int | None = None,
) -> tuple[CaseModel, dict[str, Any], PublicVersion | None]:
    """What a template receives for one case in one language: the case as the document shows
    it (made public first with ``public``), the context, and the public version to check the
    rendered document against (None for a confidential document or a statement)."""
    case, _ = localize(case, language)  # a build has done it (and reported what fell back)
    version = None
    if public and isinstance(case, Communication):
        version = public_version(case, translator.gettext)
        case = in_languages_of(version.case, case)  # a text left untranslated keeps its own
    public = version is not None
    if isinstance(case, Communication) and document != COMMUNICATION:
        context = petition_context(case, document, person, language, translator, public=public)
    else:
        context = build_context(case, language, translator, public=public, upload=upload)
    return case, context, version


def template_path(kind: str, override: Path | None) -> Path:
    """The template of a kind of case file, or of a document (``wgad-petition``...)."""
    return override or templates_dir() / f"{kind}.docx"


def _mandates(case: CaseModel) -> str:
    """Where a case names its mandates, for the finding about their titles."""
    return "$.dialogue.mandate" if isinstance(case, OralStatement) else "$.mandates"


@dataclass(frozen=True)
class _Job:
    """One document to render: a localized case in one locale, with the template it uses."""

    case: CaseModel
    locale: str
    template: Path
    public: bool
    source: str
    #: The copy of an oral statement to upload for the interpreters.
    upload: bool = False
    #: Whether some of the case's text is shown untranslated (the page mark).
    draft: bool = False
    #: The document of a communication file to build, and for a WGEID form its person.
    document: str = COMMUNICATION
    person: int | None = None
    #: The organisation's look the template is put in.
    letterhead: Path | None = None


def letterhead_result(template: PreparedTemplate) -> FileResult:
    """What the letterhead allow-list removed from a template, as warnings at their parts."""
    return FileResult(
        template.name,
        [
            Finding(
                Location(template.name, path=removal.part),
                f"removed from the letterhead: {removal.what}",
                Severity.WARNING,
                "letterhead",
            )
            for removal in template.removals
        ],
    )


def check_letterhead(path: Path, *, look: bool = False) -> FileResult:
    """``unsubmit template check``: what a build would remove from the template at ``path``
    (with ``look``, from the letterhead at ``path`` put on the built-in communication), or the
    error that stops a build from using it at all."""
    try:
        if look:
            return letterhead_result(
                PreparedTemplate.load(template_path("communication", None), path)
            )
        return letterhead_result(PreparedTemplate.load(path))
    except TemplateError as exc:
        return FileResult(str(path), [exc.finding(str(path), "template")])


def _render_job(job: _Job) -> tuple[bytes, list[Finding]]:
    """Render one job, with the warnings for what it shows in English for want of a translation.

    Run in worker processes, where each template is prepared once; a public version is checked
    here too (:func:`render_document`). A :class:`Translator` does not travel between processes:
    what it noted comes back as findings.
    """
    template = PreparedTemplate.load(job.template, job.letterhead)
    docx, translator = render_document(
        job.case,
        template,
        job.locale,
        public=job.public,
        upload=job.upload,
        source=job.source,
        draft=job.draft,
        document=job.document,
        person=job.person,
    )
    return docx, missing_translations(translator, job.source, _mandates(job.case))


def _stage(progress: Progress | None, stage: str, total: int) -> Callable[[int], None] | None:
    if progress is None:
        return None
    progress(stage, 0, total)
    return lambda done: progress(stage, done, total)


def _plan(
    results: list[FileResult], paths: Sequence[Path], options: BuildOptions
) -> list[tuple[FileResult, Path, str, Path, str, int | None]]:
    """(result, case file, locale, output path without suffix, document, person) for every
    document to build."""
    stems: dict[Path, str] = {}
    planned = []
    for result, source in zip(results, paths, strict=True):
        if result.case is None:
            continue  # valid, but no case: an import's mapping file kept among the cases
        for document, person in documents_of(result.case, options.documents, str(source)):
            for locale in options.locales or (result.case.language,):
                target = options.out_dir / output_stem(
                    result.case,
                    source,
                    locale,
                    public=options.public,
                    upload=options.upload,
                    document=document,
                    person=person,
                )
                if target in stems:
                    raise UsageError(
                        f"{stems[target]} and {source} would both be written to {target}.*: "
                        + (
                            "give one of them a title of its own (public versions are named "
                            "after the words of the title they show)"
                            if options.public
                            else "rename one of the case files"
                        )
                    )
                stems[target] = str(source)
                planned.append((result, source, locale, target, document, person))
    return planned


def build(
    paths: Sequence[Path],
    options: BuildOptions,
    *,
    convert: Callable[[bytes], bytes] | None = None,
    progress: Progress | None = None,
) -> BuildOutcome:
    """:func:`build_all`; with ``options.keep_going``, the cases that fail (at validation, or
    for want of a translation) are left out and reported, and every other case is built.

    Each round builds the cases not yet known to fail; a round that finds another failing case
    writes nothing, so the next round starts without it. The outcome's report holds every
    failed case's findings, so it fails (exit 1) while the others are written.
    """
    if not options.keep_going:
        return build_all(paths, options, convert=convert, progress=progress)
    strict = options.strict
    failed: list[FileResult] = []
    remaining = case_files(paths, skip=options.out_dir).files
    once = replace(options, keep_going=False)
    while True:
        outcome = build_all(remaining, once, convert=convert, progress=progress)
        newly = [result for result in outcome.report.results if result.failed(strict=strict)]
        if not newly or not outcome.report.failed(strict=strict):
            break
        gone = {result.file for result in newly}
        left = [path for path in remaining if str(path) not in gone]
        if len(left) == len(remaining):
            break  # a failure of no case of its own (a template, a folder): nothing is built
        failed += newly
        remaining = left
        if not remaining:
            outcome = BuildOutcome(Report([]))
            break
    outcome.report.results[:0] = failed
    return outcome


def build_all(
    paths: Sequence[Path],
    options: BuildOptions,
    *,
    convert: Callable[[bytes], bytes] | None = None,
    progress: Progress | None = None,
) -> BuildOutcome:
    """Validate every file, then render and write every document; see the module docstring.

    ``convert`` turns DOCX bytes into PDF bytes; it is needed only when PDF is asked for.
    Each document shows the case's text in its locale; a document for which some text has no
    translation is an error, or with ``allow_untranslated`` a draft marked as such that shows
    the text in the case's language, with a warning. ``progress`` is told how far the build
    has come (see :data:`Progress`).
    """
    if options.public and options.email:
        raise UsageError(
            "--email sends the confidential communication to the UN: build it without --public"
        )
    if options.upload and (options.public or options.email):
        raise UsageError(
            f"--upload builds oral statements, --{'public' if options.public else 'email'} "
            "communications: build them separately"
        )
    found = case_files(paths, skip=options.out_dir)
    paths = found.files
    checked = check_files(paths, _stage(progress, "validating", len(paths)))
    # A folder without case files: an error each, so the build stops below.
    empty = [FileResult(finding.location.file, [finding]) for finding in found.empty]
    report = _own_copy([*empty, *checked.results])
    outcome = BuildOutcome(report)
    if report.failed(strict=options.strict):
        return outcome
    if options.template is not None and options.letterhead is not None:
        raise UsageError(
            "--letterhead puts your look on the built-in documents, --template replaces them: "
            "choose one"
        )
    if options.template is not None:
        kinds = {result.case.kind for result in report.results if result.case is not None}
        if len(kinds) > 1:
            raise UsageError(
                f"--template applies to one kind of document, but these files are of kinds "
                f"{', '.join(sorted(kinds))}: build them separately"
            )
    planned = _localized_jobs(report, paths, options, outcome)
    if report.failed(strict=options.strict):
        return outcome  # untranslated text: refused before anything is rendered
    jobs = [item.job for item in planned if item.job is not None]
    for template, letterhead in dict.fromkeys((job.template, job.letterhead) for job in jobs):
        # A broken template fails once, before any work; what a letterhead may not hold is
        # removed, and named as a warning that --strict makes a refusal.
        result = letterhead_result(PreparedTemplate.load(template, letterhead))
        if result.findings:
            report.results.append(result)
    try:
        documents = map_in_order(_render_job, jobs, _stage(progress, "rendering", len(jobs)))
    except HiddenNameError as error:
        raise _located(error, report.results) from None
    rendered = _outputs(planned, documents, options, convert, progress)
    recipients = {
        item.target.with_suffix(".eml"): recipient(item.case, item.job.document)
        for item in planned
        if item.job is not None
        and isinstance(item.case, Communication)
        and _emailed(item.case, item.job.document, options)
    }
    if options.email and "wgeid-form" in options.documents:
        outcome.notes.append(
            "no email for WGEID forms: no address of the Working Group for case forms could be "
            "confirmed from a public source; send them as the Working Group's page says"
        )
    if report.failed(strict=options.strict):
        return outcome
    ensure_output_dir(options.out_dir)
    rebuild = plan_rebuild(rendered, options.out_dir, force=options.force)
    for output in rendered:
        unchanged = output.path in rebuild.unchanged
        outcome.outputs.append(
            Output(output.path, output.source, unchanged, recipients.get(output.path))
        )
    write_all(rebuild.writes, overwrite=False, replace=rebuild.replaceable)
    outcome.removed = finish_rebuild(rebuild)
    outcome.warnings += rebuild.warnings
    return outcome


@dataclass(frozen=True)
class _Planned:
    """One document of the plan: its case in its locale, and the job that renders it (none when
    the document is skipped)."""

    result: FileResult
    target: Path
    case: CaseModel
    job: _Job | None


def _localized_jobs(
    report: Report, paths: Sequence[Path], options: BuildOptions, outcome: BuildOutcome
) -> list[_Planned]:
    """Each planned document's case in its locale, and the notes for what is skipped.

    What a document would show untranslated is added to its file's findings here, before
    anything is rendered (a document that is skipped shows nothing).
    """
    planned = []
    noted: set[str] = set()
    draft = options.allow_untranslated
    for result, source, locale, target, document, person in _plan(report.results, paths, options):
        case, fallbacks = _localize(result, locale, source, draft=draft)
        skipped = _skipped(result.file, case, options)
        if skipped and result.file not in noted:
            noted.add(result.file)
            outcome.notes.append(skipped)
        job = None
        statement = not isinstance(case, Communication)
        oral = isinstance(case, OralStatement)
        if not ((options.public and statement) or (options.upload and not oral)):
            template = template_path(
                case.kind if document == COMMUNICATION else document, options.template
            )
            job = _Job(
                case,
                locale,
                template,
                options.public,
                result.file,
                upload=options.upload,
                draft=bool(fallbacks),
                letterhead=options.letterhead,
                document=document,
                person=person,
            )
            _add_findings(result, fallbacks)
        planned.append(_Planned(result, target, case, job))
    return planned


def _outputs(
    planned: list[_Planned],
    documents: list[tuple[bytes, list[Finding]]],
    options: BuildOptions,
    convert: Callable[[bytes], bytes] | None,
    progress: Progress | None,
) -> list[PlannedOutput]:
    """Every file to write, from the rendered documents: DOCX, PDF and email, each with its
    record (:mod:`unsubmit.write.manifest`), and the findings added in the order a build one
    document after the other adds them."""
    converted = _stage(progress, "converting", len(documents)) if "pdf" in options.formats else None
    rendered: list[PlannedOutput] = []
    remaining = iter(documents)
    done = 0
    for item in planned:
        result, target, job = item.result, item.target, item.job
        if job is None:
            continue
        docx, missing = next(remaining)
        result.findings.extend(missing)
        record = Record(
            case=case_reference(Path(result.file), options.out_dir),
            kind=item.case.kind,
            locale=job.locale,
            variant=_variant(item.case, job),
            format="docx",
            sha256=sha256(docx),
            docx_sha256=sha256(docx),
            built="",
        )

        outputs: list[PlannedOutput] = []
        if "docx" in options.formats:
            outputs.append(_planned_output(target, ".docx", docx, record, result.file))
        if "pdf" in options.formats:
            if convert is None:
                raise UsageError("PDF output needs a converter")
            pdf = convert(docx)
            problems = pdf_problems(pdf)
            if problems:
                raise ConversionError(
                    f"the PDF of {result.file} that LibreOffice made holds {_listed(problems)}: "
                    "nothing was written"
                )
            outputs.append(_planned_output(target, ".pdf", pdf, record, result.file))
            done += 1
            if converted is not None:
                converted(done)
        rendered += outputs
        if isinstance(item.case, Communication) and _emailed(item.case, job.document, options):
            attached = [(made.path.name, made.data) for made in outputs]
            # A fresh translator: the one that rendered stayed in its worker process.
            message = email_message(item.case, attached, Translator(job.locale), job.document)
            rendered.append(_planned_output(target, ".eml", message, record, result.file))
    return rendered


def _planned_output(
    target: Path, suffix: str, data: bytes, document: Record, source: str
) -> PlannedOutput:
    """The file ``target`` with ``suffix``, holding ``data`` made from the DOCX of ``document``."""
    made = replace(document, format=suffix.lstrip("."), sha256=sha256(data))
    return PlannedOutput(target.with_suffix(suffix), data, made, source)


def _variant(case: CaseModel, job: _Job) -> str:
    """Which version of which document of a case a job renders, as the record names it."""
    if job.document != COMMUNICATION:
        person = "" if job.person is None else f"-{job.person + 1}"
        return f"{job.document}{person}{'-public' if job.public else ''}"
    if job.public and isinstance(case, Communication):
        return "public"
    if job.upload and isinstance(case, OralStatement):
        return "upload"
    return "document"


def _emailed(case: CaseModel, document: str, options: BuildOptions) -> bool:
    """Whether ``--email`` writes a message for this document: a communication, or a WGAD
    petition (to the Working Group's address); a WGEID form has no confirmed address."""
    return options.email and isinstance(case, Communication) and document != "wgeid-form"


def _skipped(file: str, case: CaseModel, options: BuildOptions) -> str:
    """Why ``case`` is left out of this build (or gets no email), or "" when it is not."""
    if options.upload:
        if isinstance(case, OralStatement):
            return ""
        what = "a communication" if isinstance(case, Communication) else "a joint statement"
        return f"{file}: skipped by --upload: {what} is not delivered on the Council's floor"
    if isinstance(case, Communication) or not (options.public or options.email):
        return ""
    what = "an oral statement" if isinstance(case, OralStatement) else "a joint statement"
    if options.public:
        return f"{file}: skipped by --public: {what} is a public document already"
    return f"{file}: no email for {what}: statements are registered or published, not emailed"


def localized(
    result: FileResult, language: str | None, source: Path | None = None
) -> tuple[CaseModel, bool]:
    """The valid case of ``result`` with its text in ``language``, and whether some of it is
    not translated (a preview then shows a draft, and warns).

    ``source`` is the case file, read again for the warnings' places when ``result`` was
    checked in another process (see :func:`unsubmit.check.validate.source_document`).
    """
    assert result.case is not None
    case, fallbacks = _localize(result, language or result.case.language, source, draft=True)
    _add_findings(result, fallbacks)
    return case, bool(fallbacks)


def _localize(
    result: FileResult, language: str, source: Path | None, *, draft: bool
) -> tuple[CaseModel, list[Finding]]:
    assert result.case is not None
    case, missing = localize(result.case, language)
    if not missing:
        return case, []
    document = source_document(result, source)
    return case, fallback_findings(document, result.case, language, missing, draft=draft)


def _add_findings(result: FileResult, fallbacks: list[Finding]) -> None:
    result.findings.extend(fallbacks)
    result.findings.sort(key=sort_key)


def _own_copy(results: Sequence[FileResult]) -> Report:
    """A report of its own for a build or a preview, to which it adds what it finds (text shown
    untranslated, what a letterhead lost): the check stage's results stay as the check made
    them."""
    return Report([replace(result, findings=list(result.findings)) for result in results])


def _previewed(path: Path, locale: str | None) -> tuple[CaseModel | None, str, bool, Report]:
    """The valid case of ``path`` in ``locale`` (or its own language), or None when invalid,
    and whether some of its text is not translated into it."""
    report = _own_copy(check_files([path]).results)
    result = report.results[0]
    if result.failed() or result.case is None:
        return None, "", False, report
    chosen = locale or result.case.language
    case, draft = localized(result, chosen)
    return case, chosen, draft, report


def preview_text(
    path: Path,
    template: Path | None = None,
    locale: str | None = None,
    *,
    public: bool = False,
    upload: bool = False,
    letterhead: Path | None = None,
    document: str = COMMUNICATION,
) -> tuple[str | None, Report]:
    """The document of one case as plain text (in its language, or ``locale``; its public
    version with ``public``, the copy of an oral statement to upload with ``upload``; another
    document of a communication file with ``document``, each person's WGEID form one after
    the other), or None (with the report) when it is invalid."""
    from unsubmit.render.reader import document_text

    case, chosen, draft, report = _previewed(path, locale)
    if case is None:
        return None, report
    result = report.results[0]
    texts = []
    for shown, person in documents_of(case, (document,), str(path)):
        kind = case.kind if shown == COMMUNICATION else shown
        prepared = PreparedTemplate.load(template_path(kind, template), letterhead)
        data, translator = render_document(
            case,
            prepared,
            chosen,
            public=public,
            upload=upload,
            source=str(path),
            draft=draft,
            document=shown,
            person=person,
        )
        result.findings.extend(letterhead_result(prepared).findings)
        result.findings.extend(missing_translations(translator, result.file, _mandates(case)))
        text = document_text(data)
        # The mark is in the pages' headers, which the body's text leaves out: shown first.
        texts.append(f"[{translator.gettext(MARK)}]\n{text}" if draft else text)
    return "\n".join(texts), report


def preview_context(
    path: Path,
    locale: str | None = None,
    *,
    public: bool = False,
    upload: bool = False,
    document: str = COMMUNICATION,
) -> tuple[dict[str, Any] | None, Report]:
    """The context a template receives for one case (in its language, or ``locale``; public
    with ``public``; the copy to upload with ``upload``; another document of a communication
    file with ``document``, for a WGEID form the first person's), or None (with the report)
    when the case is invalid."""
    case, chosen, _, report = _previewed(path, locale)
    if case is None:
        return None, report
    planned = documents_of(case, (document,), str(path))
    shown, person = planned[0] if planned else (document, None)
    _, context, _ = document_context(
        case,
        chosen,
        Translator(chosen),
        public=public,
        upload=upload,
        document=shown,
        person=person,
    )
    return context, report


def suggest_for_file(path: Path) -> tuple[list[Suggestion] | None, Report]:
    """Mandate suggestions for a communication file; ``None`` with the findings if it cannot
    be read. A file with findings still gets suggestions as long as it makes a case model."""
    result = check_file(path)
    report = Report([result])
    if result.case is None:
        return None, report
    if not isinstance(result.case, Communication):
        raise InputError(
            f"suggestions are for communications; this file's kind is {result.case.kind}",
            Location(str(path), path="$.kind"),
        )
    return suggest(localize(result.case, result.case.language)[0]), report
