"""Hostile templates: every way a shared template could attack the machine is refused in bounds.

Each template below is refused with a :class:`TemplateError` that names the template, the part
and the bound, before anything is written. The unit tests use the engine directly (and small
limits where the point is the clock); the command-line tests run ``unsubmit build --template``
in a subprocess with a timeout, so a template that hangs or eats the machine fails the test
instead of the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from io import BytesIO
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.unit.test_engine import PROPS, make_template
from unsubmit.errors import TemplateError
from unsubmit.render import limits, package
from unsubmit.render.engine import PreparedTemplate, environment
from unsubmit.render.limits import RenderLimits
from unsubmit.render.reader import document_lines

SAMPLE = REPO / "samples" / "klimovich-allegation-letter.yaml"
FOREVER = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
#: A macro that calls itself twice per level: 2**40 calls, no loop, no output.
EXPONENTIAL = (
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(40) }}"
)
DOUBLING = "{% set x = 'xxxxxxxxxxxxxxxx' %}" + "{% set x = x ~ x %}" * 40 + "{{ x|length }}"

#: (template text, a fragment of the message that explains the refusal)
REFUSED = {
    # Python internals
    "class-mro": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
    "template-globals": ("{{ self.__init__.__globals__ }}", "unsafe"),
    "cycler-os": ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "unsafe"),
    "format-attribute": ("{{ '{0.__class__}'.format(case) }}", "unsafe"),
    "mutate-context": ("{{ case.update({'title': 'forged'}) }}", "unsafe"),
    # Files
    "include": ("{% include '/etc/passwd' %}", "cannot include, import or extend other files"),
    "include-missing-ok": (
        "{% include '/etc/passwd' ignore missing %}",
        "cannot include, import or extend other files",
    ),
    "import": ("{% import '/etc/hostname' as h %}", "cannot include, import or extend"),
    "from-import": ("{% from 'x.html' import y %}", "cannot include, import or extend"),
    "extends": ("{% extends '/etc/passwd' %}", "cannot include, import or extend"),
    "open": ("{{ open('/etc/passwd').read() }}", "'open' is undefined"),
    # Time
    "nested-ranges": (FOREVER, "loops ran more than 1,000,000 times"),
    "set-block-loop": (
        "{% set x %}"
        + FOREVER.replace("{% endfor %}{% endfor %}", "9{% endfor %}{% endfor %}")
        + "{% endset %}",
        "loops ran more than 1,000,000 times",
    ),
    "recursive-loop": ("{% for x in [[1]] recursive %}{{ loop([x]) }}{% endfor %}", "Recursion"),
    "deep-nesting": ("{% if 1 %}" * 200 + "{% endif %}" * 200, "nested too deeply to compile"),
    # Memory
    "repeat": ("{{ 'x' * 10**10 }}", "repeats a value 10000000000 times"),
    "power": ("{{ 10**10000000 }}", "a number larger than 4096 bits"),
    "doubling": (DOUBLING, "built a value of 67,108,864"),
    "doubling-plus": (DOUBLING.replace("~", "+"), "joins values longer than"),
    "namespace-doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "built a value of",
    ),
    "huge-output": (
        "{% for i in range(1000) %}{{ 'y' * 1000000 }}{% endfor %}",
        "produced more than 33,554,432 characters",
    ),
    "wide-filter": ("{{ 'x'|center(1000000000) }}", "the number 1000000000 to the filter"),
    "wide-method": ("{{ 'x'.center(1000000000) }}", "the number 1000000000 to a function"),
    "percent-width": ("{{ '%0999999999d' % 1 }}", "a field 999999999 characters wide"),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", "a field 999999999 characters wide"),
    "gettext-width": ("{{ _('%(a)0999999999d', a=1) }}", "a field 999999999 characters wide"),
    "replace-growth": (
        "{% set x = 'x' * 1000 %}{{ x|replace('x', x)|replace('x', x) }}",
        "'replace' would build 1,001,000,000 characters",
    ),
    "indent-growth": ("{{ ('\\n' * 3000000)|indent(1000000) }}", "'indent' would build"),
    "join-growth": ("{{ range(100000)|list|join('x' * 1000) }}", "'join' would build"),
    "batch": ("{% for x in range(3)|batch(10**9) %}{% endfor %}", "to the filter 'batch'"),
    "lipsum": ("{{ lipsum(100000) }}", "'lipsum' is undefined"),
}


def _render(tag: str, env_limits: RenderLimits | None = None) -> bytes:
    env = environment(env_limits)
    return PreparedTemplate(make_template(tag), "evil.docx", env).render({"case": {}}, PROPS)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_template_is_refused_with_a_clear_error(name: str) -> None:
    tag, fragment = REFUSED[name]
    with pytest.raises(TemplateError) as info:
        _render(tag)
    message = str(info.value)
    assert message.startswith("evil.docx: "), message
    assert "word/document.xml" in message
    assert fragment in message


def test_ordinary_template_code_stays_allowed() -> None:
    """The bounds refuse what is huge, not what a letter uses."""
    tag = (
        "{{ 'a-b'|replace('-', '+') }} {{ ['a', 'b']|join(', ') }} {{ '%5.2f'|format(3.14159) }} "
        "{{ 'ab' * 3 }} {{ 2**10 }} {{ 'a' ~ 'b' }} {{ '{:>4}'.format(7) }} "
        "{% for i in range(3) %}{{ loop.index }}/{{ loop.length }} {% endfor %}"
        "{% set ns = namespace(n=0) %}{% for i in range(5) %}{% set ns.n = ns.n + i %}"
        "{% endfor %}{{ ns.n }}"
    )
    assert document_lines(_render(tag)) == ["a+b a, b  3.14 ababab 1024 ab    7 1/3 2/3 3/3 10"]


def test_the_limits_are_the_documented_constants() -> None:
    assert RenderLimits() == RenderLimits(
        seconds=limits.MAX_RENDER_SECONDS,
        loop_iterations=limits.MAX_LOOP_ITERATIONS,
        text_chars=limits.MAX_TEXT_CHARS,
        number=limits.MAX_NUMBER,
        number_bits=limits.MAX_NUMBER_BITS,
    )
    assert environment().limits == RenderLimits()


def _stopped_by_the_clock(tag: str) -> str:
    with pytest.raises(TemplateError) as info:
        _render(tag, RenderLimits(seconds=0.3))
    return str(info.value)


@pytest.mark.parametrize("tag", [EXPONENTIAL, FOREVER])
def test_the_clock_stops_what_no_other_bound_does(tag: str) -> None:
    small = RenderLimits(seconds=0.3, loop_iterations=10**12)
    with pytest.raises(TemplateError, match=r"ran for more than 0\.3 seconds"):
        _render(tag, small)


def test_the_clock_works_outside_the_main_thread() -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        message = pool.submit(_stopped_by_the_clock, EXPONENTIAL).result(timeout=120)
    assert "ran for more than 0.3 seconds" in message


def _render_in_worker(tag: str) -> str:
    try:
        _render(tag, RenderLimits(seconds=0.3))
    except TemplateError as exc:
        return str(exc)
    return "rendered"


def test_the_clock_works_in_a_worker_process() -> None:
    """Batch builds may render in a process pool: the bound must hold there too."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        message = pool.submit(_render_in_worker, EXPONENTIAL).result(timeout=120)
    assert "ran for more than 0.3 seconds" in message


# --- Through the command line ------------------------------------------------------------------


def _unsubmit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "unsubmit", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        check=False,
    )


@pytest.mark.parametrize(
    ("name", "tag", "fragment"),
    [
        ("forever", FOREVER, "loops ran more than 1,000,000 times"),
        ("include", "{% include '/etc/passwd' %}", "cannot include, import or extend"),
        ("huge", REFUSED["huge-output"][0], "produced more than 33,554,432 characters"),
        ("internals", REFUSED["cycler-os"][0], "unsafe"),
    ],
)
def test_build_with_a_hostile_template_fails_cleanly_and_writes_nothing(
    tmp_path: Path, name: str, tag: str, fragment: str
) -> None:
    template = tmp_path / f"{name}.docx"
    template.write_bytes(make_template(f"Re: {{{{ case.title }}}} {tag}"))
    out = tmp_path / "out"
    result = _unsubmit(
        "build", "-o", str(out), "--template", str(template), str(SAMPLE), cwd=tmp_path
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stderr.startswith(f"error: {template}: "), result.stderr
    assert "word/document.xml" in result.stderr
    assert fragment in result.stderr
    assert not out.exists()


def test_a_zip_bomb_template_is_refused_before_it_is_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A few kilobytes that claim more than the limit are refused without being inflated."""
    monkeypatch.setattr(package, "MAX_PACKAGE_BYTES", 1_000_000)
    with zipfile.ZipFile(BytesIO(make_template("{{ case.title }}"))) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr("word/media/bomb.bin", b"\0" * 2_000_000)
    assert len(buffer.getvalue()) < 100_000
    template = tmp_path / "bomb.docx"
    template.write_bytes(buffer.getvalue())
    with pytest.raises(TemplateError, match="it may be a ZIP bomb") as info:
        PreparedTemplate.load(template)
    assert str(info.value).startswith(f"{template}: the document is not a plausible DOCX")
