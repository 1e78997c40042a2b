"""Regenerate the README's pictures: the first page of each sample document, from real output.

Builds every sample with ``unsubmit build --format pdf`` (LibreOffice), then renders page one
of each PDF to ``docs/pictures/<case file name>.png`` with pdftoppm (poppler-utils), in the
case's own language. ``--locale ar --locale zh ...`` also renders every sample in those
languages (untranslated case text allowed, with its draft mark) to
``docs/pictures/<case file name>_<locale>.png``; ``--all-locales`` in all eight.
Run from anywhere: ``python scripts/make_pictures.py [--locale LOCALE ...|--all-locales]``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PICTURES = REPO / "docs" / "pictures"


ALL_LOCALES = ("en", "fr", "es", "ru", "ar", "zh", "be", "uk")


def _render(pdf: Path, target: Path) -> None:
    page_one = ["-f", "1", "-l", "1", "-singlefile"]
    subprocess.run(["pdftoppm", "-png", "-r", "50", *page_one, str(pdf), str(target)], check=True)
    print(f"wrote {target.with_suffix('.png').relative_to(REPO)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--locale", action="append", default=[], help="also in this language")
    parser.add_argument("--all-locales", action="store_true", help="also in all eight")
    args = parser.parse_args(argv)
    locales = list(ALL_LOCALES) if args.all_locales else args.locale
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install libreoffice-writer-nogui poppler-utils")
            return 1
    samples = sorted((REPO / "samples").glob("*.yaml"))
    PICTURES.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        build = [sys.executable, "-m", "unsubmit", "build", "-q", "--format", "pdf", "-o", str(out)]
        subprocess.run([*build, *map(str, samples)], check=True)
        for pdf in sorted(out.glob("*.pdf")):
            stem = pdf.stem.split("_", 2)[2].rsplit("_", 1)[0]  # without the locale
            _render(pdf, PICTURES / stem)
        if locales:
            each = out / "locales"
            options = [item for locale in locales for item in ("-l", locale)]
            command = [*build[:-1], str(each), "--allow-untranslated", *options]
            subprocess.run([*command, *map(str, samples)], check=True)
            for pdf in sorted(each.glob("*.pdf")):
                _render(pdf, PICTURES / pdf.stem.split("_", 2)[2])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
