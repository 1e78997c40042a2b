"""An organisation's caseload end to end: import a table, validate, build in two languages.

    python benchmarks/caseload.py            # 1,000 cases: several minutes on two cores
    python benchmarks/caseload.py --quick    # 100 cases, a smoke run

A table of clearly fictitious rows shaped like the Uwazi export in ``samples/import`` (numbered
test people) is imported with the sample mapping, each case's placeholders are filled as a
reviewer would (not timed), then the folder is validated and built in English and French
(``--allow-untranslated``: the cases are written in English). Beside the build, the plain
docxtpl loop (render and save only, from the same context) over every (case, language) gives
the yardstick. Printed: throughput of each stage, and after it the peak resident memory of
the process and of the largest worker process the build ran on another core.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from render import Sample  # benchmarks/render.py: the plain docxtpl way, from the same context

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.caseload_table import MAPPING, fill, uwazi_rows, write_csv

from unsubmit.caseload.importer import import_table
from unsubmit.check.validate import check_files
from unsubmit.pipeline import BuildOptions, build

LOCALES = ("en", "fr")


def table(path: Path, count: int) -> Path:
    return write_csv(path, uwazi_rows(count))


def fill_file(path: Path) -> None:
    path.write_text(fill(path.read_text("utf-8")), "utf-8")


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, kilobytes elsewhere
    return resource.getrusage(who).ru_maxrss * scale / 1e6


def stage(label: str, count: int, unit: str, seconds: float) -> float:
    rate = count / seconds
    print(
        f"{label:<44} {count:6d} {unit:<10} {seconds:8.2f} s {rate:8.1f} {unit}/s   "
        f"peak {peak_mb():5.0f} MB, largest worker {peak_mb(resource.RUSAGE_CHILDREN):5.0f} MB"
    )
    return rate


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 cases instead of 1,000")
    parser.add_argument("--cases", type=int, help="how many cases (default 1,000)")
    args = parser.parse_args(argv)
    count = args.cases or (100 if args.quick else 1000)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        source = table(folder / "export.csv", count)
        start = time.perf_counter()
        result = import_table(source, MAPPING, folder / "cases")
        stage(
            "import (CSV to commented case files)",
            len(result.created),
            "cases",
            time.perf_counter() - start,
        )
        paths = sorted((folder / "cases").glob("*.yaml"))
        for path in paths:
            fill_file(path)
        start = time.perf_counter()
        report = check_files(paths)
        stage("validate", len(paths), "cases", time.perf_counter() - start)
        if report.failed():
            raise SystemExit(f"the imported cases do not validate: {report.findings[:3]}")
        start = time.perf_counter()
        outcome = build(
            paths, BuildOptions(out_dir=folder / "out", locales=LOCALES, allow_untranslated=True)
        )
        built = stage(
            f"build in {' and '.join(LOCALES)} (every core)",
            len(outcome.outputs),
            "documents",
            time.perf_counter() - start,
        )
        jobs = [Sample(path, locale) for path in paths for locale in LOCALES]
        start = time.perf_counter()
        for job in jobs:
            job.plain()
        plain = stage(
            "plain docxtpl loop (render and save only)",
            len(jobs),
            "documents",
            time.perf_counter() - start,
        )
        print(f"build / plain docxtpl: {built / plain:.2f}")


if __name__ == "__main__":
    main()
