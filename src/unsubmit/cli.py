"""The ``unsubmit`` command: arguments in, a reporter out, an exit code.

This layer only parses the command line, calls the core and chooses how to show the result.
It stays light to import (``unsubmit --help`` answers at once): the core, and with it pydantic,
jsonschema, docxtpl, lxml and babel, is imported inside the commands that need it.

Exit codes: 0 all good, 1 a finding or error in the data, 2 a usage error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn, TypeVar

import click

from unsubmit import __version__
from unsubmit.errors import UnsubmitError
from unsubmit.languages import codes as language_codes

F = TypeVar("F", bound=Callable[..., Any])

KIND_NAMES = ("communication", "oral-statement", "joint-statement")
#: The types of communication (unsubmit.models.communication.COMMUNICATION_TYPES, kept light).
COMMUNICATION_TYPE_NAMES = ("urgent-appeal", "allegation-letter", "other-letter", "follow-up")
#: The documents a communication file yields (unsubmit.models.petition.DOCUMENTS, kept light).
DOCUMENT_NAMES = ("communication", "wgad-petition", "wgeid-form")


class _Languages(click.Choice[str]):
    """The languages documents are written in: those with a catalog (unsubmit.languages), read
    when the option is used, after ``--catalogs`` has chosen the catalogs."""

    def __init__(self) -> None:
        super().__init__(())

    @property
    def choices(self) -> tuple[str, ...]:
        return language_codes()

    @choices.setter
    def choices(self, _value: object) -> None:
        """Click sets the choices it was given: here they are always the catalogs'."""


def _visible(text: str) -> str:
    from unsubmit.report import visible

    return visible(text)


def _echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` with nothing a terminal would act on: a case's text (a victim's name in a
    finding or a suggestion, a whole document in a preview) may hold escape sequences."""
    click.echo(_visible(text), err=err, nl=nl)


def _echo_json(document: str) -> None:
    from unsubmit.report import visible_json

    click.echo(visible_json(document))


class _Failure(click.ClickException):
    """An ``UnsubmitError`` (or a bug) shown as one line on stderr, with its exit code."""

    def show(self, file: IO[Any] | None = None) -> None:
        _echo(f"error: {self.message}", err=True)


class _UsageFailure(_Failure):
    exit_code = 2


class _Group(click.Group):
    """Turns unsubmit's errors into messages and exit codes, never into tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UnsubmitError as exc:
            raise (_UsageFailure if exc.exit_code == 2 else _Failure)(str(exc)) from exc
        except (click.exceptions.Exit, click.ClickException, click.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # `unsubmit mandates | head`: the reader has all it wanted.
            _stop_writing()
            raise click.exceptions.Exit(0) from None
        except Exception as exc:
            if os.environ.get("UNSUBMIT_DEBUG"):
                raise
            raise _Failure(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in unsubmit: run again with UNSUBMIT_DEBUG=1 to see the "
                "traceback, and report it."
            ) from exc


def _stop_writing() -> None:
    """Send what is still to be printed nowhere, once the program reading it has closed the pipe,
    so that neither the rest of the command nor Python's last flush fails on it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind stdout: nothing to redirect
        pass
    finally:
        os.close(devnull)


@contextlib.contextmanager
def _while_read() -> Iterator[None]:
    """Print a report that the reader may stop reading half-way (`unsubmit validate | head`);
    the command then still exits with the code its findings give."""
    try:
        yield
    except BrokenPipeError:
        _stop_writing()


_files = click.argument(
    "files",
    nargs=-1,
    required=True,
    # readable=False: an unreadable file is a finding about that file (exit 1), reported with
    # the others, not a usage error that stops the whole run.
    type=click.Path(path_type=Path, dir_okay=True, readable=False),
)


def _output_format(help_text: str) -> Callable[[F], F]:
    """The shared `-o/--output text|json` option."""
    return click.option(
        "-o",
        "--output",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )


def _catalogs(*, documents: bool) -> Callable[[F], F]:
    """The shared `--catalogs DIR` option (or UNSUBMIT_CATALOGS): the message catalogs to read,
    for a translator whose edits are in a checkout that is not the installed copy.

    ``documents``: the command writes documents, so DIR must hold compiled catalogs."""

    def use(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        from unsubmit.i18n.checkout import unread_checkout
        from unsubmit.i18n.location import catalogs_from, require_compiled
        from unsubmit.resources import catalog_folder

        if value is not None:
            if documents:
                require_compiled(catalog_folder(value))
            ctx.with_resource(catalogs_from(value))
        unread = unread_checkout(Path.cwd())
        if unread is not None:
            _echo(f"warning: {unread}", err=True)

    return click.option(
        "--catalogs",
        type=click.Path(path_type=Path, file_okay=False, exists=True),
        envvar="UNSUBMIT_CATALOGS",
        expose_value=False,
        is_eager=True,  # before -l, whose languages are those of the catalogs chosen here
        callback=use,
        metavar="DIR",
        help="Read the message catalogs in DIR (<language>/LC_MESSAGES/unsubmit.po and .mo; "
        "a checkout stands for its src/unsubmit/locale) instead of the installed ones: for "
        "translating in a checkout that is not installed with pip install -e. Also "
        "UNSUBMIT_CATALOGS=DIR.",
    )


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="unsubmit")
def cli() -> None:
    """Turn human-rights case files into documents for the UN.

    Start with `unsubmit new KIND case.yaml`, check it with `unsubmit validate`,
    and build documents with `unsubmit build`.
    """


@cli.command()
@_files
@_output_format("How to show the findings.")
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing when all files are valid.")
@_catalogs(documents=False)
def validate(files: Sequence[Path], output_format: str, strict: bool, quiet: bool) -> None:
    """Check case files against the schema and the rules; report every finding.

    FILES are case files or folders: a folder stands for every *.yaml and *.yml file in it
    and its subfolders (hidden ones left out). Findings read
    `file:line:col: $.json.path: message`. Exit 0 when every file is valid, 1 when any has an
    error (or a warning, with --strict).
    """
    from unsubmit.check.results import FileResult
    from unsubmit.check.validate import check_files
    from unsubmit.load.case_files import case_files
    from unsubmit.report import REPORTERS

    found = case_files(files)
    report = check_files(found.files)
    report.results[:0] = [FileResult(f.location.file, [f]) for f in found.empty]
    reporter = REPORTERS[output_format](sys.stdout, strict=strict, quiet=quiet)
    with _while_read():
        reporter.report(report)
    sys.exit(1 if report.failed(strict=strict) else 0)


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Write the schemas into this directory.",
)
@click.option(
    "--check",
    "check_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Exit 1 unless this directory holds exactly the schemas this version generates.",
)
@click.option(
    "--context",
    "as_context",
    is_flag=True,
    help="Print the schema of what a KIND template receives (its context), for a template "
    "of your own (build --template).",
)
@click.argument(
    "kind", required=False, type=click.Choice([*KIND_NAMES, "case", *DOCUMENT_NAMES[1:]])
)
def schema(
    out_dir: Path | None, check_dir: Path | None, as_context: bool, kind: str | None
) -> None:
    """Write the published JSON Schemas (draft 2020-12), or print one.

    With --out DIR, writes one schema per kind and case.schema.json (any kind).
    With KIND, prints that schema; with --context KIND, the schema of what a template of that
    kind receives (schemas/context/KIND.schema.json).
    """
    from unsubmit.models import schema as schemas

    if as_context:
        if kind is None or kind == "case" or out_dir or check_dir:
            kinds = ", ".join([*KIND_NAMES, *DOCUMENT_NAMES[1:]])
            raise click.UsageError(f"--context takes a KIND: one of {kinds}")
        from unsubmit.resources import schemas_dir

        click.echo((schemas_dir() / "context" / f"{kind}.schema.json").read_text("utf-8"), nl=False)
        return
    if out_dir is None and check_dir is None and kind is None:
        raise click.UsageError("give --out DIR, --check DIR or a KIND to print")
    if kind in DOCUMENT_NAMES[1:]:
        raise click.UsageError(
            f"a {kind} is written in a communication file, whose schema is communication's; "
            f"what a {kind} template receives is: unsubmit schema --context {kind}"
        )
    if kind is not None:
        generated = schemas.case_schema() if kind == "case" else schemas.kind_schema(kind)
        click.echo(schemas.dumps(generated), nl=False)
    if out_dir is not None:
        for path in schemas.write_schemas(out_dir):
            _echo(f"wrote {path}", err=True)
    if check_dir is not None:
        stale = schemas.stale_schemas(check_dir)
        for name in stale:
            _echo(f"{check_dir / name}: differs from the generated schema", err=True)
        if stale:
            _echo(f"regenerate with: unsubmit schema --out {check_dir}", err=True)
            sys.exit(1)


@cli.command()
@click.argument("kind", type=click.Choice([*KIND_NAMES, "mapping"]))
@click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the new file here: the same as giving PATH.",
)
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option(
    "--type",
    "type_",
    type=click.Choice(COMMUNICATION_TYPE_NAMES),
    help="For a communication: its type, which decides what to fill in (victims and "
    "incidents, or the law or policy an other letter is about).",
)
@click.option(
    "--schema-ref",
    help="What the editor line `# yaml-language-server: $schema=` points at "
    "(default: schemas/KIND.schema.json found above PATH; without one, no such line).",
)
def new(  # noqa: PLR0917 (click passes every option by position)
    kind: str,
    path: Path | None,
    output: Path | None,
    force: bool,
    type_: str | None,
    schema_ref: str | None,
) -> None:
    """Start a new case file of KIND, commented, with placeholders to replace.

    KIND mapping starts a mapping file for unsubmit import instead. Writes to PATH (or
    -o PATH), creating its folders, or prints to the terminal when no
    PATH is given.
    """
    from unsubmit.scaffold import default_schema_ref, scaffold

    if type_ is not None and kind != "communication":
        raise click.UsageError(f"--type is for a communication, not for a {kind}")
    if path is not None and output is not None and path != output:
        raise click.UsageError(f"give the new file's path once: {path} or -o {output}")
    path = path or output
    ref = schema_ref or default_schema_ref(kind, path)
    text = scaffold(kind, ref, type_)
    if path is None:
        _echo(text, nl=False)
        return
    from unsubmit.write import ensure_output_dir, write_atomic

    ensure_output_dir(path.parent)
    write_atomic(path, text.encode("utf-8"), overwrite=force)
    then = (
        f"unsubmit import TABLE --mapping {path} -o FOLDER"
        if kind == "mapping"
        else (f"unsubmit validate {path}")
    )
    _echo(f"wrote {path}: replace its <placeholders>, then run {then}")


@cli.command("import")
@click.argument("table", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--mapping",
    "mapping_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The mapping file that says which column fills which field (unsubmit new mapping).",
)
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="The folder to write the case files into.",
)
@click.option(
    "--schema-ref",
    help="What the editor line `# yaml-language-server: $schema=` points at "
    "(default: schemas/KIND.schema.json found above the folder; without one, no such line).",
)
def import_(table: Path, mapping_path: Path, out_dir: Path, schema_ref: str | None) -> None:
    """Write one commented case file per row of TABLE (.csv or .xlsx).

    Every value the row gives is in place, placeholders hold the rest. Importing again
    rewrites only files nobody edited since, and says what changed in the table.
    """
    from unsubmit.caseload.importer import import_table
    from unsubmit.errors import InvalidCaseError

    try:
        result = import_table(table, mapping_path, out_dir, schema_ref)
    except InvalidCaseError as exc:
        _show(exc.file, exc.findings)
        _echo(f"{exc.file}: nothing written: fix the findings above and import again", err=True)
        sys.exit(1)
    for path in result.created:
        _echo(f"new: {path}")
    for path, columns in result.updated:
        _echo(f"updated: {path} ({', '.join(columns)} changed in the table)")
    for path, columns in result.kept:
        _echo(
            f"edited, left alone: {path}: the table changed in {', '.join(columns)}; "
            "copy what applies by hand"
        )
    for path in result.gone:
        _echo(f"no longer in the table: {path} (left alone)")
    _echo(
        f"{len(result.created)} new, {len(result.updated)} updated, {len(result.kept)} edited "
        f"and left alone, {result.unchanged} unchanged: replace the <placeholders>, then run "
        f"unsubmit validate {out_dir}"
    )


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, dir_okay=True, readable=False))
@click.option(
    "-o",
    "--output",
    "output_format",
    type=click.Choice(["text", "json", "csv", "xlsx"]),
    default="text",
    show_default=True,
    help="Text for people, JSON for scripts, a table (csv, xlsx) for a report.",
)
@click.option(
    "--file",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the status into this file (needed for xlsx) instead of printing it.",
)
@click.option("--force", is_flag=True, help="Overwrite --file if it exists.")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day to reckon what is due and overdue from (default: today).",
)
def status(
    paths: Sequence[Path],
    output_format: str,
    out_file: Path | None,
    force: bool,
    today: Any,
) -> None:
    """What was sent about each case in PATHS (default: this folder), what is due and overdue.

    One line per case and document, from the submissions each communication records: the
    government's 60-day reply window, the follow-ups set in the case. Links to the public
    record are not given: the OHCHR communications database cannot be addressed by reference.
    """
    import datetime

    from unsubmit.caseload.status import status as case_status
    from unsubmit.load.case_files import case_files

    if output_format == "xlsx" and out_file is None:
        raise click.UsageError("-o xlsx writes a spreadsheet: give the file with --file PATH")
    day = today.date() if today is not None else datetime.date.today()
    found = case_files(paths or [Path()])
    report = case_status(found.files, day)
    if output_format == "xlsx":
        data = report.as_xlsx()
    elif output_format == "csv":
        data = report.as_csv().encode("utf-8")
    elif output_format == "json":
        data = report.as_json().encode("utf-8")
    else:
        data = _status_text(report).encode("utf-8")
    if out_file is None:
        with _while_read():
            _echo(data.decode("utf-8"), nl=False)
    else:
        from unsubmit.write import ensure_output_dir, write_atomic

        ensure_output_dir(out_file.parent)
        write_atomic(out_file, data, overwrite=force)
        _echo(f"wrote {out_file}", err=True)
    for finding in found.empty:
        _echo(str(finding), err=True)
    for problem in report.unreadable:
        _echo(f"not counted: {problem}", err=True)
    sys.exit(1 if found.empty or report.unreadable else 0)


def _status_text(report: Any) -> str:
    lines = []
    for line in report.lines:
        sent = f"sent {line.sent} to {line.recipient}" if line.sent else ""
        due = f"due {line.due}" if line.due else ""
        mark = "OVERDUE" if line.overdue else ""
        parts = [line.case, line.document, sent, line.reference, line.state, due, mark]
        lines.append("  ".join(part for part in parts if part))
    overdue = sum(line.overdue for line in report.lines)
    pending = sum(bool(line.due) and not line.overdue for line in report.lines)
    count = len(report.lines)
    lines.append(
        f"{count} line{'s' * (count != 1)} on {report.today}: {pending} due, {overdue} overdue"
    )
    return "\n".join(lines) + "\n"


@cli.command()
@click.argument("eml", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("case", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day it was sent (default: today).",
)
def sent(eml: Path, case: Path, on: Any) -> None:
    """Record in CASE that the e-mail draft EML was sent.

    Adds an entry to the case's submissions with the draft's recipient and Message-ID, for
    unsubmit status to follow; add the OHCHR's reference to it once it comes.
    """
    import datetime

    from unsubmit.caseload.sent import draft_entry, record_sent
    from unsubmit.errors import InvalidCaseError

    day = on.date() if on is not None else datetime.date.today()
    entry = draft_entry(eml, day)
    try:
        record_sent(case, entry)
    except InvalidCaseError as exc:
        _show(exc.file, exc.findings)
        _echo(f"{case}: not changed: fix the findings above first", err=True)
        sys.exit(1)
    _echo(
        f"{case}: recorded the e-mail to {entry['recipient']} sent on {entry['sent']}; "
        "add its OHCHR reference when it comes (reference: UA BLR 3/2023)"
    )


@cli.command()
@click.argument("words", nargs=-1)
@_output_format("Text for people, JSON for scripts.")
@click.option(
    "--suggest",
    "case_file",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="CASE",
    help="Suggest mandates for this communication, each with its reasons.",
)
def mandates(words: Sequence[str], output_format: str, case_file: Path | None) -> None:
    """List the Special Procedures mandates, or those matching every one of WORDS.

    WORDS match the id, the titles, the topics and the country:
    `unsubmit mandates detention`, `unsubmit mandates BLR`.

    With --suggest CASE, propose mandates for a communication from its country, violations,
    victims' roles and situations, each with its reasons and whether the case addresses it.
    """
    import json

    from unsubmit.un.mandates import as_json, search

    if case_file is not None:
        if words:
            raise click.UsageError("give either WORDS or --suggest CASE, not both")
        _suggest(case_file, output_format)
        return
    query = " ".join(words)
    found = search(query)
    if output_format == "json":
        _echo_json(json.dumps([as_json(m) for m in found], ensure_ascii=False, indent=2))
        return
    if not found:
        _echo(f"no mandate matches {query!r}", err=True)
        sys.exit(1)
    width = max(len(m.id) for m in found)
    for mandate in found:
        _echo(f"{mandate.id:<{width}}  {mandate.type:<8}  {mandate.title('en')}")


def _suggest(case_file: Path, output_format: str) -> None:
    import json

    from unsubmit.pipeline import suggest_for_file

    suggestions, report = suggest_for_file(case_file)
    if suggestions is None:
        from unsubmit.report import REPORTERS

        REPORTERS[output_format](sys.stdout, quiet=True).report(report)
        sys.exit(1)
    if output_format == "json":
        _echo_json(json.dumps([s.as_json() for s in suggestions], ensure_ascii=False, indent=2))
        return
    width = max((len(s.mandate.id) for s in suggestions), default=0)
    for item in suggestions:
        state = "addressed" if item.addressed else "declined" if item.declined else "suggested"
        _echo(f"{item.mandate.id:<{width}}  {state:<9}  {item.mandate.title('en')}")
        for reason in [r.text for r in item.reasons] or ["no reason found in the case"]:
            _echo(f"{'':<{width}}  - {reason}")
        if item.declined:
            _echo(f"{'':<{width}}  declined: {item.declined}")
        if item.mandate.cases_only_from:
            _echo(f"{'':<{width}}  note: takes cases from {item.mandate.cases_only_from}")
        if item.petition:
            _echo(f"{'':<{width}}  petition: {item.petition}")


@cli.command()
@click.argument("name", required=False, type=click.Choice(["violations", "roles", "countries"]))
@_output_format("Text for people, JSON for scripts.")
def codes(name: str | None, output_format: str) -> None:
    """List the codes a case file may use for violations, victims' roles or countries.

    Without NAME, lists the names of the lists.
    """
    from unsubmit.models.codes import code_lists

    lists = code_lists()
    if name is None:
        for list_name, listed in lists.items():
            _echo(f"{list_name:<10}  {len(listed)} codes: unsubmit codes {list_name}")
        return
    if output_format == "json":
        _echo_json(json.dumps(lists[name], ensure_ascii=False, indent=2))
        return
    width = max(len(code) for code in lists[name])
    for code, meaning in lists[name].items():
        _echo(f"{code:<{width}}  {meaning}")


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [f for f in formats if f not in ("docx", "pdf")]
    if unknown or not formats:
        raise click.BadParameter(f"use docx, pdf or docx,pdf (not {value!r})")
    return formats


class _ProgressBars:
    """A progress bar on stderr for each stage of a build of more than a few documents.

    Only on a terminal: a log or a pipe gets no bar (``unsubmit build -q`` none either).
    """

    #: A build of up to this many files or documents is over before a bar would help.
    FEW = 8

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.stage = ""
        self.bar: Any = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total <= self.FEW:
            return
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = click.progressbar(length=total, label=stage.capitalize(), file=sys.stderr)
            self.bar.render_progress()
        self.bar.update(done - self.bar.pos)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.render_finish()
            self.bar = None


@cli.command()
@_files
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    default="out",
    show_default=True,
    help="The directory to write documents into.",
)
@click.option(
    "--letterhead",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your organisation's look (a DOCX made from `unsubmit template new`: page, styles, "
    "fonts, header with logo and address) on the built-in documents.",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A DOCX template of your own, with template tags, instead of the built-in one; what "
    "a letterhead may not hold (external links, embedded objects, fields but page numbers) "
    "is removed with a warning.",
)
@click.option(
    "--format",
    "formats",
    default="docx",
    show_default=True,
    help="docx, pdf, or docx,pdf. PDF needs LibreOffice.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Overwrite outputs that were edited after the build, or that unsubmit did not write.",
)
@click.option(
    "-l",
    "--locale",
    "locales",
    multiple=True,
    type=_Languages(),
    help="Build in this language; repeat for several (default: each case's language).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Refuse to build when there are warnings too (a missing translation, or anything "
    "removed from a --template letterhead, among them).",
)
@click.option(
    "--allow-untranslated",
    is_flag=True,
    help="Build a language even where the case's text is not translated into it: that text "
    "stays in the case's language and every page is marked as an untranslated draft.",
)
@click.option(
    "--public",
    is_flag=True,
    help="Build the versions of communications that may be published: victims named only as "
    "their consent allows, nothing confidential (<name>_public_<locale>.docx).",
)
@click.option(
    "--email",
    is_flag=True,
    help="Also write each communication as an email ready to send to the OHCHR "
    "(<name>_<locale>.eml), with the documents attached.",
)
@click.option(
    "--upload",
    is_flag=True,
    help="Build the copy of each oral statement to upload with its registration for the "
    'interpreters: marked "Check against delivery", without time marks, word count or '
    "estimate (<name>_upload_<locale>.docx).",
)
@click.option(
    "--as",
    "documents",
    multiple=True,
    type=click.Choice(DOCUMENT_NAMES),
    help="Build this document of each communication file, one its documents list names: "
    "the communication (default), the WGAD petition, the WGEID form of each disappeared "
    "person; repeat for several.",
)
@click.option(
    "--keep-going",
    is_flag=True,
    help="Build every case that passes and list those that fail, instead of writing nothing "
    "when any case fails (exit 1 all the same): for a folder of many cases.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
@_catalogs(documents=True)
def build(  # noqa: PLR0917 (click passes every option by position)
    files: Sequence[Path],
    out_dir: Path,
    letterhead: Path | None,
    template: Path | None,
    formats: str,
    force: bool,
    locales: Sequence[str],
    strict: bool,
    allow_untranslated: bool,
    public: bool,
    email: bool,
    upload: bool,
    documents: Sequence[str],
    keep_going: bool,
    quiet: bool,
) -> None:
    """Validate case files, then write one document per case and language into the output
    directory.

    FILES are case files or folders: a folder stands for every *.yaml and *.yml file in it
    and its subfolders (hidden ones and the output directory left out).

    Nothing is written when any file has an error, or when a language is asked for that some
    of a case's text is not translated into (see --allow-untranslated). Outputs are named
    <date>_<kind>_<case file name>_<locale>.docx; an output that already holds the same bytes
    is left as it is, so running the same build again completes an interrupted one.

    Building again after editing a case replaces the outputs of the earlier build, as the
    output directory's record of its builds (.unsubmit-manifest.json) lists them; a file
    edited after the build, or not written by unsubmit, is replaced only with --force. A PDF
    or email of an earlier build that this build does not make again, and that was made from
    an older DOCX, is removed (or named in a warning when someone changed it).
    """
    from unsubmit.pipeline import BuildOptions
    from unsubmit.pipeline import build as run_build
    from unsubmit.report import TextReporter

    chosen = _formats(formats)
    convert = None
    if "pdf" in chosen:
        from unsubmit.render.pdf import docx_to_pdf, require_soffice

        require_soffice()  # before any work: say at once what to install
        convert = docx_to_pdf
    options = BuildOptions(
        out_dir,
        template,
        force,
        chosen,
        strict,
        public=public,
        email=email,
        upload=upload,
        locales=tuple(dict.fromkeys(locales)),
        allow_untranslated=allow_untranslated,
        letterhead=letterhead,
        documents=tuple(dict.fromkeys(documents)),
        keep_going=keep_going,
    )
    bars = _ProgressBars(sys.stderr.isatty() and not quiet)
    try:
        outcome = run_build(files, options, convert=convert, progress=bars)
    finally:
        bars.close()
    if outcome.report.findings or outcome.report.failed(strict=strict):
        with _while_read():
            TextReporter(sys.stdout, strict=strict, quiet=True).report(outcome.report)
    if outcome.report.failed(strict=strict):
        from unsubmit.report import failed_cases

        failed = failed_cases(outcome.report, strict=strict)
        if len(outcome.report.results) > 1:
            _echo(
                f"{len(failed)} of {len(outcome.report.results)} cases failed, each with its "
                "first finding:",
                err=True,
            )
            for line in failed:
                _echo(f"  {line}", err=True)
        if not keep_going:
            _echo("nothing was written: fix the errors above and build again", err=True)
            sys.exit(1)
    for warning in outcome.warnings:
        _echo(f"warning: {warning}", err=True)
    if not quiet:
        for note in outcome.notes:
            _echo(f"note: {note}", err=True)
        for output in outcome.outputs:
            state = "unchanged" if output.unchanged else "wrote"
            to = f" (to {output.to})" if output.to else ""
            _echo(f"{state} {output.path}{to}")
        for path in outcome.removed:
            _echo(f"removed {path} (made from an older version of the document)")
    if outcome.report.failed(strict=strict):
        _echo("the failed cases were left out: fix them and build again", err=True)
        sys.exit(1)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--letterhead",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Preview with your organisation's look on the built-in document.",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Preview with this DOCX template instead of the built-in one.",
)
@click.option(
    "-l",
    "--locale",
    type=_Languages(),
    help="Preview in this language (default: the case's language).",
)
@click.option(
    "--public",
    is_flag=True,
    help="Preview the version of a communication that may be published.",
)
@click.option(
    "--upload",
    is_flag=True,
    help="Preview the copy of an oral statement to upload, without time marks or counts.",
)
@click.option(
    "--context",
    "as_context",
    is_flag=True,
    help="Print, as JSON, every value a template receives for this case: what your own "
    "template (--template) can use.",
)
@_catalogs(documents=True)
@click.option(
    "--as",
    "document",
    type=click.Choice(DOCUMENT_NAMES),
    default="communication",
    help="Preview this document of a communication file, one its documents list names: the "
    "WGAD petition, or the WGEID form of each disappeared person (with --context, the first).",
)
def preview(  # noqa: PLR0917 (click passes every option by position)
    file: Path,
    letterhead: Path | None,
    template: Path | None,
    locale: str | None,
    public: bool,
    upload: bool,
    as_context: bool,
    document: str,
) -> None:
    """Print a case's document as text, for a quick read in the terminal."""
    from unsubmit.report import TextReporter

    if as_context and template is not None:
        raise click.UsageError("--context shows what any template receives: leave out --template")
    if as_context:
        from unsubmit.pipeline import preview_context

        context, report = preview_context(
            file, locale, public=public, upload=upload, document=document
        )
        from unsubmit.report import visible_json

        shown = None if context is None else json.dumps(context, ensure_ascii=False, indent=2)
        text = None if shown is None else visible_json(shown) + "\n"
    else:
        from unsubmit.pipeline import preview_text

        text, report = preview_text(
            file,
            template,
            locale,
            public=public,
            upload=upload,
            letterhead=letterhead,
            document=document,
        )
    if text is None:
        TextReporter(sys.stdout).report(report)
        sys.exit(1)
    if report.findings:
        TextReporter(sys.stderr, quiet=True).report(report)
    _echo(text, nl=False)


@cli.group()
def template() -> None:
    """Make your organisation's letterhead, and check a letterhead or template before use."""


@template.command("new")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def template_new(file: Path) -> None:
    """Write a letterhead to start from: open FILE in Word or LibreOffice, put your
    organisation's name, logo and address in the header, change the page, fonts and styles,
    save it, and build with `unsubmit build --letterhead FILE`."""
    from unsubmit.render.look import write_starting_letterhead

    _echo(f"wrote {write_starting_letterhead(file)}")


@template.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--letterhead",
    "look",
    is_flag=True,
    help="FILES are letterheads (for build --letterhead), not templates (for --template).",
)
@_output_format("Text for people, JSON for scripts.")
def template_check(files: Sequence[Path], look: bool, output_format: str) -> None:
    """Say what `build --template FILE` (or with --letterhead, `build --letterhead FILE`)
    would remove from each FILE.

    A letterhead keeps text, styles, numbering, headers and footers, embedded raster
    images, page-number fields and http, https and mailto links; anything else (external or
    linked images, OLE objects and links, ActiveX, altChunk, subdocuments, framesets, mail
    merge, attached templates, macros, other fields, file:// links) is removed,
    and each removal is listed here as a warning at its part.

    Exit 0 when nothing would be removed; 1 when something would (a build warns about it,
    and refuses the letterhead with --strict) or a FILE cannot be used as a template at all.
    """
    from unsubmit.check.results import Report
    from unsubmit.pipeline import check_letterhead
    from unsubmit.report import REPORTERS

    report = Report([check_letterhead(path, look=look) for path in files])
    REPORTERS[output_format](sys.stdout, strict=True).report(report)
    sys.exit(1 if report.failed(strict=True) else 0)


@cli.group()
def i18n() -> None:
    """Translate the documents' fixed text (the message catalogs) and the text of case files.

    The usual round for the catalogs: `extract` the messages from the templates and the code,
    `update` every catalog (or `init` a new language), translate the .po files, `compile` them,
    and check with `stats`. For a case's own text: `case-export`, translate, `case-import`.
    """


def _show_written(written: Sequence[Any]) -> None:
    for item in written:
        state = "wrote" if item.changed else "unchanged"
        _echo(f"{state} {item.path}" + (f" ({item.detail})" if item.detail else ""))


@i18n.command("extract")
@_catalogs(documents=False)
def i18n_extract() -> None:
    """Collect every message of the templates and the code into the .pot file."""
    from unsubmit.i18n.catalogs import extract_messages

    _show_written([extract_messages()])


@i18n.command("init")
@_catalogs(documents=False)
@click.argument("locale")
@click.option("--force", is_flag=True, help="Start the catalog again even if it exists.")
def i18n_init(locale: str, force: bool) -> None:
    """Start the catalog of a new language LOCALE from the .pot file."""
    from unsubmit.i18n.catalogs import init_catalog

    _show_written([init_catalog(locale, force=force)])


@i18n.command("update")
@_catalogs(documents=False)
@click.argument("locales", nargs=-1)
def i18n_update(locales: Sequence[str]) -> None:
    """Bring the catalogs (all, or LOCALES) up to date with the .pot file.

    New messages come in untranslated, changed ones are marked fuzzy for a translator to check.
    """
    from unsubmit.i18n.catalogs import update_catalogs

    _show_written(update_catalogs(locales))


@i18n.command("compile")
@_catalogs(documents=False)
@click.argument("locales", nargs=-1)
def i18n_compile(locales: Sequence[str]) -> None:
    """Compile the catalogs (all, or LOCALES) into the .mo files that builds read."""
    from unsubmit.i18n.catalogs import compile_catalogs

    _show_written(compile_catalogs(locales))


@i18n.command("stats")
@_catalogs(documents=False)
@click.argument("locales", nargs=-1)
@_output_format("Text for people, JSON for scripts.")
def i18n_stats(locales: Sequence[str], output_format: str) -> None:
    """How much of each catalog is translated; exit 1 when any is incomplete or fuzzy."""
    import json

    from unsubmit.i18n.catalogs import catalog_stats

    stats = catalog_stats(locales)
    if output_format == "json":
        _echo_json(json.dumps({s.language: s.as_json() for s in stats}, indent=2))
    else:
        for s in stats:
            state = "complete" if s.complete else "INCOMPLETE"
            _echo(
                f"{s.language:<3} {s.translated:>4} of {s.total} translated, "
                f"{s.fuzzy} fuzzy  {state}"
            )
    sys.exit(0 if all(s.complete for s in stats) else 1)


@i18n.command("case-export")
@click.argument("case", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-l", "--locale", "language", required=True, help="The language to translate into (ru, fr...)."
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the PO file here instead of printing it.",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.option(
    "--include-confidential",
    is_flag=True,
    help="Also export the confidentiality notes, the consent record and confidential sources "
    "and annexes (left out by default: translators are often outside the organisation).",
)
def case_export(
    case: Path, language: str, output: Path | None, force: bool, include_confidential: bool
) -> None:
    """Write a PO file of CASE's texts for a translator into a language.

    Each entry holds a text in the case's language (msgid), its place in the case (msgctxt,
    a JSON path) and the translation the case already has, if any (msgstr). Confidential
    texts are left out unless --include-confidential is given, and the command says so.
    """
    from unsubmit.case_translation import export_po

    data, result, left_out = export_po(case, language, include_confidential=include_confidential)
    if data is None:
        _show(result.file, result.findings)
        _echo("fix the case file before exporting its text for translation", err=True)
        sys.exit(1)
    if left_out:
        click.echo(
            f"left out {left_out} confidential texts (confidentiality notes, consent record, "
            "confidential sources and annexes); --include-confidential exports them",
            err=True,
        )
    if output is None:
        text = data.decode("utf-8")  # a PO file: exactly the case's text, unless on a terminal
        click.echo(_visible(text) if sys.stdout.isatty() else text, nl=False)
        return
    from unsubmit.write import write_atomic

    write_atomic(output, data, overwrite=force)
    _echo(f"wrote {output}: translate it, then run unsubmit i18n case-import {case} {output}")


@i18n.command("case-import")
@click.argument("case", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("po", type=click.Path(path_type=Path, dir_okay=False, exists=True))
def case_import(case: Path, po: Path) -> None:
    """Write the translations of the PO file PO into CASE, keeping its comments and layout.

    A plain text becomes a mapping of languages; fuzzy and empty entries are skipped and
    listed. The case is validated again and written only if it is still valid.
    """
    from unsubmit.case_translation import import_po

    outcome = import_po(case, po)
    if outcome.result.failed():
        _show(outcome.result.file, outcome.result.findings)
        _echo("fix the case file before importing translations into it", err=True)
        sys.exit(1)
    if outcome.skipped:
        _show(str(po), outcome.skipped)
    if outcome.refused:
        _show(str(case), outcome.refused)
        _echo(f"{case} would not be valid with these translations: nothing was written", err=True)
        sys.exit(1)
    written = len(outcome.written)
    _echo(
        f"{case}: {written} text{'s' if written != 1 else ''} translated into {outcome.language}"
        f", {outcome.unchanged} already there, {len(outcome.skipped)} skipped"
    )


def _show(file: str, findings: Sequence[Any]) -> None:
    """Findings about one file, printed as ``unsubmit validate`` prints them."""
    from unsubmit.check.results import FileResult, Report
    from unsubmit.report import TextReporter

    TextReporter(sys.stdout, quiet=True).report(Report([FileResult(file, list(findings))]))


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script: run the command line and exit with its code."""
    cli.main(args=argv, prog_name="unsubmit")
    raise SystemExit(0)  # pragma: no cover  (click's main always exits)
