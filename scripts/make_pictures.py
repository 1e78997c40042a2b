"""Regenerate the README's pictures: the first page of each sample document, from real output.

Builds every sample with ``unsubmit build --format pdf`` (LibreOffice), then renders page one
of each PDF to ``docs/pictures/<case file name>.png`` with pdftoppm (poppler-utils).
Run from anywhere: ``python scripts/make_pictures.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PICTURES = REPO / "docs" / "pictures"


def main() -> int:
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
            target = PICTURES / stem
            page_one = ["-f", "1", "-l", "1", "-singlefile"]
            subprocess.run(
                ["pdftoppm", "-png", "-r", "50", *page_one, str(pdf), str(target)], check=True
            )
            print(f"wrote {target.with_suffix('.png').relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
