"""What a public version costs: the same builds, confidential and public, side by side.

    python benchmarks/public.py            # about a minute on two cores
    python benchmarks/public.py --quick    # a smoke run

The communication samples are copied to case files whose victims are withheld (so that every
name is searched for, rewritten and checked), with text that names them in several forms, and
built in their own language, Russian and Belarusian through ``unsubmit.pipeline.build`` in one
process: once confidential, once ``public``. Rounds alternate between the two so that both see
the same machine; the medians are compared. The last line printed is ``public/confidential:
X.XX`` (the target is 1.5 or less).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import yaml

from unsubmit.pipeline import BuildOptions, build

REPO = Path(__file__).resolve().parent.parent
SAMPLES = ("kalesnikava-urgent-appeal", "klimovich-allegation-letter")
MENTIONS = (
    "Марыя Калеснікава and Колесникова were named; the campaign #FreeKalesnikava and "
    "https://example.org/news/kalesnikava_hearing reported it; Ms. Kalesnikava's lawyer, "
    "M. K., wrote on 30 марта."
)


def cases(directory: Path, copies: int) -> list[Path]:
    """``copies`` case files of each communication sample, every victim withheld."""
    paths = []
    for stem in SAMPLES:
        data = yaml.safe_load((REPO / "samples" / f"{stem}.yaml").read_text("utf-8"))
        for victim in data.get("victims", []):
            victim["consent"]["public_name"] = "withheld"
        data["incidents"][0]["description"] = f"{data['incidents'][0]['description']} {MENTIONS}"
        title = data["title"]
        for number in range(copies):
            # Another person in each copy, so that nothing learnt of one case helps another.
            data["title"] = (
                {code: f"{text} {number:03d}" for code, text in title.items()}
                if isinstance(title, dict)
                else f"{title} {number:03d}"
            )
            for victim in data.get("victims", []):
                victim["aliases"] = [*victim.get("aliases", [])[:3], f"Example{number:03d}"]
            path = directory / f"{stem}-{number}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
            paths.append(path)
    return paths


def one_build(paths: list[Path], out: Path, *, public: bool) -> float:
    options = BuildOptions(
        out_dir=out, force=True, public=public, locales=("en", "ru", "be"), allow_untranslated=True
    )
    start = time.perf_counter()
    outcome = build(paths, options)
    elapsed = time.perf_counter() - start
    if outcome.report.failed():
        raise SystemExit(f"the build failed: {outcome.report}")
    return elapsed


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="a smoke run")
    args = parser.parse_args(argv)
    copies, rounds = (2, 2) if args.quick else (20, 5)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        paths = cases(directory, copies)
        documents = len(paths) * 3
        one_build(paths, directory / "warm-up", public=True)
        times: dict[bool, list[float]] = {False: [], True: []}
        for number in range(rounds):
            for made_public in (False, True):
                out = directory / f"out-{number}-{made_public}"
                times[made_public].append(one_build(paths, out, public=made_public))
    confidential, public = statistics.median(times[False]), statistics.median(times[True])
    print(f"{documents} documents a build, median of {rounds} rounds each")
    print(f"confidential: {confidential:.2f} s ({documents / confidential:.0f} documents/s)")
    print(f"public:       {public:.2f} s ({documents / public:.0f} documents/s)")
    print(f"public/confidential: {public / confidential:.2f}")


if __name__ == "__main__":
    main()
