"""A PDF build contacts nothing and reads no file a letterhead points at.

A local HTTP server stands for the hostile letterhead's author. The letterhead links an image on
it, and a Jinja loop picks one linked image per letter of the victim's name and the submitter's
e-mail, so that the server would learn both, and when the letter was built. The build must send
it nothing. LibreOffice alone, given a document that still holds such links, must not follow
them either, nor read an image from the disk into the PDF.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import REPO, run
from tests.hostile.letterheads import hostile_letterhead, linked_picture, png, with_body
from unsubmit.render import pdf as pdf_module
from unsubmit.render.pdf import docx_to_pdf, network_isolation

CASE = REPO / "samples" / "kalesnikava-urgent-appeal.yaml"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str]

    def do_GET(self) -> None:
        self.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()
        self.wfile.write(png(4, 4))

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """The address of a server on 127.0.0.1 at a free port, and the paths it was asked for."""
    requests: list[str] = []
    handler = type("Handler", (_Recorder,), {"requests": requests})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def _with_linked_image(target: str) -> bytes:
    """The normal letterhead with one picture linked (not embedded) from ``target``."""
    return with_body(f"<w:p>{linked_picture('rIdOut')}</w:p>", {"rIdOut": target})


@pytest.mark.slow
def test_a_pdf_build_of_the_exfiltration_letterhead_sends_nothing(
    tmp_path: Path, server: tuple[str, list[str]]
) -> None:
    address, requests = server
    letterhead = tmp_path / "letterhead.docx"
    letterhead.write_bytes(hostile_letterhead(address))
    out = tmp_path / "out"
    args = ["build", "-o", str(out), "--format", "pdf", "--template", str(letterhead), str(CASE)]
    result = run(args)
    assert result.exit_code == 0, result.output
    assert f"removed from the letterhead: an image at '{address}/m', outside the document" in (
        result.output
    )
    (pdf,) = out.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert requests == []

    refused = run([*args[:1], "--strict", *args[1:]])
    assert refused.exit_code == 1
    assert "nothing was written" in refused.output
    assert requests == []


@pytest.mark.slow
@pytest.mark.parametrize("namespace", [True, False], ids=["namespace", "profile-alone"])
def test_libreoffice_follows_no_link_even_in_a_document_that_still_holds_one(
    server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch, namespace: bool
) -> None:
    """The profile, and the network namespace where there is one, not the cleaner: the
    document given to LibreOffice here was never cleaned. Without the namespace, the profile
    alone must hold, as on systems that have none."""
    if not namespace:
        monkeypatch.setattr(pdf_module, "network_isolation", lambda: ())
    address, requests = server
    pdf = docx_to_pdf(_with_linked_image(f"{address}/tracking.png"))
    assert pdf.startswith(b"%PDF")
    assert requests == []


@pytest.mark.slow
def test_libreoffice_reads_no_image_from_the_disk_into_the_pdf(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(png(50, 50, (200, 0, 0)))
    pdf = docx_to_pdf(_with_linked_image(secret.as_uri()))
    images = PdfReader(BytesIO(pdf)).pages[0].images
    assert len(images) == 1  # the letterhead's own logo, not the file


@pytest.mark.skipif(not network_isolation(), reason="no network namespaces on this system")
def test_the_converter_runs_without_network(server: tuple[str, list[str]]) -> None:
    """What runs under :func:`network_isolation` cannot reach even a server on 127.0.0.1."""
    address, requests = server
    probe = (
        "import sys, urllib.request\n"
        "try:\n"
        f"    urllib.request.urlopen({address + '/probe'!r}, timeout=5)\n"
        "except OSError:\n"
        "    sys.exit(3)\n"
    )
    isolated = subprocess.run(
        [*network_isolation(), sys.executable, "-c", probe],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert isolated.returncode == 3, isolated.stderr
    assert requests == []
    reachable = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, timeout=60, check=False
    )
    assert reachable.returncode == 0  # the probe can succeed: the server is there
    assert requests == ["/probe"]
