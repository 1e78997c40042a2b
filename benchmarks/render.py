"""unsubmit's engine side by side with plain docxtpl, on the project's templates and samples.

    python benchmarks/render.py            # the full run: a few minutes on two cores
    python benchmarks/render.py --quick    # a smoke run of every part, in under a minute

1. Single documents: every sample rendered the plain docxtpl way (a new ``DocxTemplate(path)``,
   ``render(context, autoescape=True)`` and ``save()`` for each document) and with unsubmit's
   engine, from the same context; both documents must read the same through python-docx.
   Per-document medians over several rounds; the last line printed is ``speedup: X.XX``.
2. A batch: the samples copied to case files and built in every locale through
   ``unsubmit.pipeline.build`` (what ``unsubmit build -l en -l fr ...`` runs: validation,
   localization, rendering, writing), 500 or more documents, on every core and in one process;
   throughput, and its ratio to the plain docxtpl loop over every (sample, locale), which
   neither validates nor writes.
3. Validation: ``unsubmit validate`` and ``check-jsonschema --schemafile
   schemas/case.schema.json`` on the same 1,000 case files, each as a command in a new process.
4. Long cases: a communication whose narrative grows from 1 to 300 pages (about 500 words a
   page, generated text), built in a fresh process; time and peak memory for each size.

Plain docxtpl renders from the same context as unsubmit (the case's text in the locale, dates
and names as the locale writes them), with the locale's catalog installed in its Jinja
environment; unsubmit lays Arabic out right to left besides, which changes no text.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from io import BytesIO
from pathlib import Path

import jinja2
import yaml
from docxtpl import DocxTemplate

from unsubmit.check.validate import check_file
from unsubmit.i18n.translations import Translator
from unsubmit.languages import codes
from unsubmit.models import CaseModel
from unsubmit.models.documents import COMMUNICATION, documents_of
from unsubmit.models.localize import localize
from unsubmit.parallel import process_count
from unsubmit.pipeline import BuildOptions, build, document_context, properties, template_path
from unsubmit.render.context import (
    Formatter,
    right_to_left,
    word_language,
)
from unsubmit.render.engine import PreparedTemplate
from unsubmit.render.reader import document_lines

REPO = Path(__file__).resolve().parents[1]
SAMPLES = sorted((REPO / "samples").glob("*.yaml"))
CASE_SCHEMA = REPO / "schemas" / "case.schema.json"
WORDS_PER_PAGE = 500


def median_seconds(run: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.2f} ms"


# --- 1. Single documents ----------------------------------------------------------------------


def plain_environment(translator: Translator) -> jinja2.Environment:
    """What plain docxtpl needs for the templates' ``_("...")``: Jinja's i18n with the locale's
    catalog, no sandbox."""
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(  # type: ignore[attr-defined]
        translator.gettext, translator.ngettext, newstyle=True
    )
    return env


class Sample:
    """One sample case in one locale (by default its own language), as one of the documents it
    yields (its communication or statement by default; a WGAD petition, the WGEID form of its
    first disappeared person), its context, and the two ways of rendering it."""

    def __init__(
        self, path: Path, locale: str | None = None, document: str = COMMUNICATION
    ) -> None:
        result = check_file(path)
        if result.case is None:
            raise SystemExit(f"{path} is not valid: run unsubmit validate {path}")
        self.locale = locale or result.case.language
        shown = "" if document == COMMUNICATION else f", {document}"
        self.name = f"{path.stem} ({self.locale}{shown})"
        self.case: CaseModel = localize(result.case, self.locale)[0]
        self.translator = Translator(self.locale)
        (_, person), *_ = documents_of(self.case, (document,))
        self.case, self.context, _ = document_context(
            self.case, self.locale, self.translator, document=document, person=person
        )
        fmt = Formatter(self.locale, self.translator)
        self.properties = properties(self.case, fmt, document)
        kind = self.case.kind if document == COMMUNICATION else document
        self.template = template_path(kind, None)
        self.env = plain_environment(self.translator)

    def plain(self) -> bytes:
        template = DocxTemplate(self.template)
        template.render(self.context, self.env, autoescape=True)
        buffer = BytesIO()
        template.save(buffer)
        return buffer.getvalue()

    def ours(self) -> bytes:
        prepared = PreparedTemplate.load(self.template)
        return prepared.render(
            self.context,
            self.properties,
            self.translator,
            rtl=right_to_left(self.locale),
            language=word_language(self.locale),
        )


def every_document(path: Path, locale: str | None = None) -> list[Sample]:
    """The sample as each document its file lists: a communication file's petitions too."""
    result = check_file(path)
    listed = getattr(result.case, "documents", [COMMUNICATION])
    return [Sample(path, locale, document) for document in listed]


def same_text(samples: Sequence[Sample]) -> None:
    """Stop unless both ways give every sample the same text, as python-docx reads it."""
    for sample in samples:
        plain, ours = document_lines(sample.plain()), document_lines(sample.ours())
        if plain != ours:
            line = next(
                (i for i, (a, b) in enumerate(zip(plain, ours, strict=False)) if a != b),
                min(len(plain), len(ours)),
            )
            raise SystemExit(
                f"{sample.name}: the documents differ from line {line + 1}: "
                f"{plain[line : line + 1]} != {ours[line : line + 1]}"
            )


def single_documents(samples: Sequence[Sample], documents: int, rounds: int) -> tuple[float, float]:
    """Per-document medians (plain, ours), for each sample and for a mix of all of them."""
    templates = sorted({sample.template for sample in samples})
    start = time.perf_counter()
    for template in templates:
        PreparedTemplate(template.read_bytes(), str(template))
    print(f"preparing the {len(templates)} templates, once: {ms(time.perf_counter() - start)}")
    print(f"\n1. single documents, per document (median of {rounds} rounds)")
    print(f"   {'sample':45} {'docxtpl':>11} {'unsubmit':>11}  ratio")
    per_sample = max(1, documents // len(samples))
    for sample in samples:
        plain = median_seconds(lambda: [sample.plain() for _ in range(per_sample)], rounds)  # noqa: B023
        ours = median_seconds(lambda: [sample.ours() for _ in range(per_sample)], rounds)  # noqa: B023
        print(
            f"   {sample.name:45} {ms(plain / per_sample)} {ms(ours / per_sample)}  "
            f"{plain / ours:5.1f}"
        )
    mix = [samples[i % len(samples)] for i in range(documents)]
    plain = median_seconds(lambda: [s.plain() for s in mix], rounds) / documents
    ours = median_seconds(lambda: [s.ours() for s in mix], rounds) / documents
    print(
        f"   {f'all samples, {documents} documents':45} {ms(plain)} {ms(ours)}  {plain / ours:5.1f}"
    )
    return plain, ours


# --- 2. A batch through unsubmit build ----------------------------------------------------------


def batch_files(folder: Path, at_least: int) -> list[Path]:
    """Copies of the samples, enough for ``at_least`` documents when built in every locale."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for number in range(-(-at_least // (len(SAMPLES) * len(codes())))):
        for sample in SAMPLES:
            path = folder / f"{number:03d}-{sample.name}"
            shutil.copyfile(sample, path)
            files.append(path)
    return files


@contextlib.contextmanager
def processes(count: int | None) -> Iterator[None]:
    before = os.environ.get("UNSUBMIT_PROCESSES")
    if count is not None:
        os.environ["UNSUBMIT_PROCESSES"] = str(count)
    try:
        yield
    finally:
        os.environ.pop("UNSUBMIT_PROCESSES", None)
        if before is not None:
            os.environ["UNSUBMIT_PROCESSES"] = before


def timed_build(paths: list[Path], out: Path, locales: tuple[str, ...] = ()) -> float:
    start = time.perf_counter()
    outcome = build(paths, BuildOptions(out_dir=out, locales=locales, allow_untranslated=True))
    seconds = time.perf_counter() - start
    if outcome.report.failed() or len(outcome.outputs) != len(paths) * max(1, len(locales)):
        raise SystemExit(f"the batch did not build: {outcome.report.findings[:3]}")
    return seconds


def batch(folder: Path, size: int, rounds: int) -> float:
    """Rounds of: the plain loop over every (sample, locale), the batch on every core, in one.

    The three are measured in turns so that the ratios compare like with like on a machine whose
    load changes.
    """
    paths = batch_files(folder / "cases", size)
    locales = codes()
    documents = len(paths) * len(locales)
    print(
        f"\n2. a batch: {len(paths)} copies of the {len(SAMPLES)} samples in {len(locales)} "
        f"locales, {documents} documents, built as unsubmit build -l ... does (validate, "
        f"localize, render, write); median of {rounds} rounds"
    )
    jobs = [Sample(path, locale) for path in SAMPLES for locale in locales]
    # The documents a build makes by default; the petitions are timed in part 1.
    same_text(jobs)
    print(
        f"   same document text from plain docxtpl and unsubmit in every locale ({len(jobs)} jobs)"
    )
    outputs = itertools.count()  # a new folder for every build: each writes every document
    plain: list[float] = []
    pooled: list[float] = []
    alone: list[float] = []
    for _ in range(rounds):
        plain.append(median_seconds(lambda: [job.plain() for job in jobs], 1) / len(jobs))
        for count, times in ((None, pooled), (1, alone)):
            with processes(count):
                out = folder / f"out-{next(outputs)}"
                times.append(timed_build(paths, out, locales) / documents)
    plain_rate = 1 / statistics.median(plain)
    print(f"   plain docxtpl loop (render and save only): {plain_rate:7.1f} documents/s")
    ratios = {}
    for label, times, cores in (
        ("every core", pooled, process_count()),
        ("one process", alone, 1),
    ):
        rate = 1 / statistics.median(times)
        ratios[label] = rate / plain_rate
        print(
            f"   unsubmit build, {label} ({cores} process{'es' if cores > 1 else ''}): "
            f"{rate:7.1f} documents/s, {rate / plain_rate:5.1f} x plain docxtpl"
        )
    print(f"   batch ratio: {ratios['every core']:.2f}")
    return ratios["every core"]


# --- 3. Validation throughput -------------------------------------------------------------------


def check_jsonschema() -> str | None:
    beside = Path(sys.executable).parent / "check-jsonschema"
    return str(beside) if beside.exists() else shutil.which("check-jsonschema")


def command_seconds(command: list[str], rounds: int, env: dict[str, str] | None = None) -> float:
    def run() -> None:
        result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
        if result.returncode != 0:
            raise SystemExit(f"{command[:3]} failed: {result.stdout[-500:]}{result.stderr[-500:]}")

    return median_seconds(run, rounds)


def validation(folder: Path, count: int, rounds: int) -> float | None:
    folder.mkdir(parents=True)
    files = []
    for number in range(count):
        sample = SAMPLES[number % len(SAMPLES)]
        files.append(str(folder / f"{number:04d}-{sample.name}"))
        shutil.copyfile(sample, files[-1])
    print(f"\n3. validation of {count} case files, each tool a new process (median of {rounds})")
    ours = command_seconds([sys.executable, "-m", "unsubmit", "validate", "-q", *files], rounds)
    one = command_seconds(
        [sys.executable, "-m", "unsubmit", "validate", "-q", *files],
        rounds,
        env={**os.environ, "UNSUBMIT_PROCESSES": "1"},
    )
    print(f"   unsubmit validate:  {ours:6.2f} s on every core, {one:6.2f} s in one process")
    tool = check_jsonschema()
    if tool is None:
        print("   check-jsonschema is not installed: pip install check-jsonschema to compare")
        return None
    theirs = command_seconds([tool, "--schemafile", str(CASE_SCHEMA), *files], rounds)
    print(f"   check-jsonschema:   {theirs:6.2f} s")
    print(
        f"   validation ratio (check-jsonschema time / unsubmit time): {theirs / ours:.2f} "
        f"(one process: {theirs / one:.2f})"
    )
    return theirs / ours


# --- 4. Long cases ------------------------------------------------------------------------------

_VOCABULARY = tuple(
    " ".join(
        (
            "the detainee was held in a cell without light while guards questioned him about his",
            "work for the organisation and his family was not told where he was for weeks after",
            "the arrest although lawyers asked the court and the prosecutor every day to see him",
            "and received no answer until the hearing which took place behind closed doors",
        )
    ).split(" ")
)


def narrative(pages: int, seed: int = 1) -> list[str]:
    """Generated text, one incident description (five paragraphs) for each page."""
    chance = random.Random(seed)
    per_paragraph = WORDS_PER_PAGE // 5
    pages_text = []
    for _ in range(pages):
        paragraphs = []
        for _ in range(5):
            words = [chance.choice(_VOCABULARY) for _ in range(per_paragraph)]
            paragraphs.append(" ".join(words).capitalize() + ".")
        pages_text.append("\n\n".join(paragraphs))
    return pages_text


def long_case(path: Path, pages: int) -> Path:
    data = yaml.safe_load(
        (REPO / "samples" / "klimovich-allegation-letter.yaml").read_text("utf-8")
    )
    first = datetime.date(2022, 1, 1)
    data["incidents"] = [
        {"date": first + datetime.timedelta(days=day), "place": "Viciebsk", "description": text}
        for day, text in enumerate(narrative(pages))
    ]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def measure_build(case: Path, out: Path) -> None:
    """In a fresh process: build one sample to warm up, then ``case`` twice; print the figures.

    The first build is timed and the resident size above the warmed-up process is read; the
    second is traced by tracemalloc, whose peak counts every Python object the build holds at
    once (text, XML, the document's bytes), whatever memory the process had already reserved.
    """
    import resource
    import tracemalloc

    timed_build([REPO / "samples" / "klimovich-allegation-letter.yaml"], out / "warm")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds = timed_build([case], out / "timed")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tracemalloc.start()
    timed_build([case], out / "traced")
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    (output,) = (out / "timed").iterdir()
    figures = {"seconds": seconds, "rss_kb": max(peak - before, 0), "traced": traced}
    print(json.dumps({**figures, "bytes": output.stat().st_size}))


def long_cases(folder: Path, sizes: Sequence[int], rounds: int) -> None:
    if sys.platform == "win32":
        print("\n4. long cases: skipped (peak memory is read with the resource module)")
        return
    print(
        "\n4. long cases: a communication with a generated narrative, built in a fresh process "
        f"(median of {rounds}); memory: the peak of Python objects during the build "
        "(tracemalloc), and how much the peak resident size grew"
    )
    print(
        f"   {'pages':>5} {'words':>8} {'file':>9} {'time':>9} {'ms/page':>8} {'peak':>9} "
        f"{'MB/page':>8} {'rss':>9} {'docx':>9}"
    )
    folder.mkdir(parents=True)
    for pages in sizes:
        case = long_case(folder / f"long-{pages}.yaml", pages)
        measures = []
        for number in range(rounds):
            out = folder / f"long-{pages}-{number}"
            result = subprocess.run(
                [sys.executable, __file__, "--measure-build", str(case), str(out)],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise SystemExit(f"the {pages}-page case did not build: {result.stderr[-800:]}")
            measures.append(json.loads(result.stdout))
        seconds = statistics.median(m["seconds"] for m in measures)
        traced = statistics.median(m["traced"] for m in measures) / 1e6
        grown = statistics.median(m["rss_kb"] for m in measures) / 1024
        print(
            f"   {pages:5d} {pages * WORDS_PER_PAGE:8d} {case.stat().st_size / 1e6:7.2f}MB "
            f"{seconds:8.2f}s {seconds * 1000 / pages:8.1f} {traced:7.1f}MB "
            f"{traced / pages:8.3f} {grown:7.1f}MB {measures[0]['bytes'] / 1e6:7.2f}MB"
        )


# --- Main ---------------------------------------------------------------------------------------


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a smoke run of every part")
    parser.add_argument("--rounds", type=int, help="rounds of each timing (default 5; quick 3)")
    parser.add_argument("--documents", type=int, help="documents a round (default 100; quick 20)")
    parser.add_argument("--batch", type=int, help="documents in the batch (default 500; quick 80)")
    parser.add_argument("--validate", type=int, help="case files to validate (default 1000)")
    parser.add_argument("--pages", help="long-case sizes in pages (default 1,10,50,100,200,300)")
    parser.add_argument("--measure-build", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    quick = args.quick
    args.rounds = args.rounds or (3 if quick else 5)
    args.documents = args.documents or (20 if quick else 100)
    args.batch = args.batch or (80 if quick else 500)
    args.validate = args.validate or (100 if quick else 1000)
    args.pages = [
        int(p) for p in (args.pages or ("1,10,30" if quick else "1,10,50,100,200,300")).split(",")
    ]
    return args


def main(argv: Sequence[str] | None = None) -> None:
    args = arguments(argv)
    if args.measure_build:
        measure_build(*args.measure_build)
        return
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores ({process_count()} usable), "
        f"{args.rounds} rounds"
    )
    samples = [sample for path in SAMPLES for sample in every_document(path)]
    same_text(samples)
    print(f"same document text from plain docxtpl and unsubmit for all {len(samples)} samples")
    plain, ours = single_documents(samples, args.documents, args.rounds)
    with tempfile.TemporaryDirectory(prefix="unsubmit-benchmark-") as tmp:
        folder = Path(tmp)
        batch(folder / "batch", args.batch, args.rounds)
        validation(folder / "validate", args.validate, min(args.rounds, 3))
        long_cases(folder / "long", args.pages, min(args.rounds, 3))
    print(
        f"\nsingle documents: docxtpl {ms(plain).strip()}, unsubmit {ms(ours).strip()} a document"
    )
    print(f"speedup: {plain / ours:.2f}")


if __name__ == "__main__":
    main()
