"""The ``unsubmit`` command: arguments in, a reporter out, an exit code.

This layer only parses the command line, calls the core and chooses how to show the result.
It stays light to import (``unsubmit --help`` answers at once): the core, and with it pydantic,
jsonschema, docxtpl, lxml and babel, is imported inside the commands that need it.

Exit codes: 0 all good, 1 a finding or error in the data, 2 a usage error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn, TypeVar

import click

from unsubmit import __version__
from unsubmit.errors import UnsubmitError

F = TypeVar("F", bound=Callable[..., Any])

KIND_NAMES = ("communication", "oral-statement", "joint-statement")


class _Failure(click.ClickException):
    """An ``UnsubmitError`` (or a bug) shown as one line on stderr, with its exit code."""

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.message}", err=True)


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
        except Exception as exc:
            if os.environ.get("UNSUBMIT_DEBUG"):
                raise
            raise _Failure(
                f"internal error: {type(exc).__name__}: {exc}\n"
                "This is a bug in unsubmit: run again with UNSUBMIT_DEBUG=1 to see the "
                "traceback, and report it."
            ) from exc


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
def validate(files: Sequence[Path], output_format: str, strict: bool, quiet: bool) -> None:
    """Check case files against the schema and the rules; report every finding.

    Findings read `file:line:col: $.json.path: message`. Exit 0 when every file is
    valid, 1 when any has an error (or a warning, with --strict).
    """
    from unsubmit.check import check_files
    from unsubmit.report import REPORTERS

    report = check_files(files)
    reporter = REPORTERS[output_format](sys.stdout, strict=strict, quiet=quiet)
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
@click.argument("kind", required=False, type=click.Choice([*KIND_NAMES, "case"]))
def schema(out_dir: Path | None, check_dir: Path | None, kind: str | None) -> None:
    """Write the published JSON Schemas (draft 2020-12), or print one.

    With --out DIR, writes one schema per kind and case.schema.json (any kind).
    With KIND, prints that schema.
    """
    from unsubmit import schema as schemas

    if out_dir is None and check_dir is None and kind is None:
        raise click.UsageError("give --out DIR, --check DIR or a KIND to print")
    if kind is not None:
        generated = schemas.case_schema() if kind == "case" else schemas.kind_schema(kind)
        click.echo(schemas.dumps(generated), nl=False)
    if out_dir is not None:
        for path in schemas.write_schemas(out_dir):
            click.echo(f"wrote {path}", err=True)
    if check_dir is not None:
        stale = schemas.stale_schemas(check_dir)
        for name in stale:
            click.echo(f"{check_dir / name}: differs from the generated schema", err=True)
        if stale:
            click.echo(f"regenerate with: unsubmit schema --out {check_dir}", err=True)
            sys.exit(1)


@cli.command()
@click.argument("kind", type=click.Choice(KIND_NAMES))
@click.argument("path", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
@click.option(
    "--schema-ref",
    help="What the editor line `# yaml-language-server: $schema=` points at "
    "(default: schemas/KIND.schema.json found above PATH, else the installed schema).",
)
def new(kind: str, path: Path | None, force: bool, schema_ref: str | None) -> None:
    """Start a new case file of KIND, commented, with placeholders to replace.

    Writes to PATH, or prints to the terminal when PATH is not given.
    """
    from unsubmit.scaffold import default_schema_ref, scaffold

    ref = schema_ref or default_schema_ref(kind, path)
    text = scaffold(kind, ref)
    if path is None:
        click.echo(text, nl=False)
        return
    from unsubmit.render.output import write_atomic

    write_atomic(path, text.encode("utf-8"), overwrite=force)
    click.echo(f"wrote {path}: replace its <placeholders>, then run unsubmit validate {path}")


@cli.command()
@click.argument("words", nargs=-1)
@_output_format("Text for people, JSON for scripts.")
def mandates(words: Sequence[str], output_format: str) -> None:
    """List the Special Procedures mandates, or those matching every one of WORDS.

    WORDS match the id, the titles, the topics and the country:
    `unsubmit mandates detention`, `unsubmit mandates BLR`.
    """
    import json

    from unsubmit.mandates import as_json, search

    query = " ".join(words)
    found = search(query)
    if output_format == "json":
        click.echo(json.dumps([as_json(m) for m in found], ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(f"no mandate matches {query!r}", err=True)
        sys.exit(1)
    width = max(len(m.id) for m in found)
    for mandate in found:
        click.echo(f"{mandate.id:<{width}}  {mandate.type:<8}  {mandate.title('en')}")


def _formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip() for part in value.split(",") if part.strip()))
    unknown = [f for f in formats if f not in ("docx", "pdf")]
    if unknown or not formats:
        raise click.BadParameter(f"use docx, pdf or docx,pdf (not {value!r})")
    return formats


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
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A DOCX template of your own (your letterhead) instead of the built-in one.",
)
@click.option(
    "--format",
    "formats",
    default="docx",
    show_default=True,
    help="docx, pdf, or docx,pdf. PDF needs LibreOffice.",
)
@click.option("--force", is_flag=True, help="Overwrite outputs that exist with other content.")
@click.option("--strict", is_flag=True, help="Refuse to build when there are warnings too.")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems.")
def build(  # noqa: PLR0917 (click passes every option by position)
    files: Sequence[Path],
    out_dir: Path,
    template: Path | None,
    formats: str,
    force: bool,
    strict: bool,
    quiet: bool,
) -> None:
    """Validate case files, then write one document per case into the output directory.

    Nothing is written when any file has an error. Outputs are named
    <date>_<kind>_<case file name>.docx; an output that already holds the same bytes is left
    as it is, so running the same build again completes an interrupted one.
    """
    from unsubmit.build import BuildOptions
    from unsubmit.build import build as run_build
    from unsubmit.report import TextReporter

    chosen = _formats(formats)
    convert = None
    if "pdf" in chosen:
        from unsubmit.render.pdf import docx_to_pdf, require_soffice

        require_soffice()  # before any work: say at once what to install
        convert = docx_to_pdf
    options = BuildOptions(out_dir, template, force, chosen, strict)
    outcome = run_build(files, options, convert=convert)
    if outcome.report.findings or outcome.report.failed(strict=strict):
        TextReporter(sys.stdout, strict=strict, quiet=True).report(outcome.report)
    if outcome.report.failed(strict=strict):
        click.echo("nothing was written: fix the errors above and build again", err=True)
        sys.exit(1)
    if not quiet:
        for output in outcome.outputs:
            state = "unchanged" if output.unchanged else "wrote"
            click.echo(f"{state} {output.path}")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--template",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Preview with this DOCX template instead of the built-in one.",
)
def preview(file: Path, template: Path | None) -> None:
    """Print a case's document as text, for a quick read in the terminal."""
    from unsubmit.build import preview_text

    text, report = preview_text(file, template)
    if text is None:
        from unsubmit.report import TextReporter

        TextReporter(sys.stdout).report(report)
        sys.exit(1)
    click.echo(text, nl=False)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The console script: run the command line and exit with its code."""
    cli.main(args=argv, prog_name="unsubmit")
    raise SystemExit(0)  # pragma: no cover  (click's main always exits)
