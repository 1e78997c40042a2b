"""Hostile templates: every way a shared template could attack the machine is refused in bounds.

Each template below is refused with a :class:`TemplateError` that names the template, the part
and the bound, before anything is written. The unit tests use the engine directly (and small
limits where the point is the clock); the command-line tests run ``unsubmit build --template``
in a subprocess with a timeout, so a template that hangs or eats the machine fails the test
instead of the suite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import traceback
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
#: 1,500 characters joined by a million: 1.5 billion characters from one filter.
JOIN = "{{ ('y' * 1500)|join('x' * 1000000) }}"
#: A thousand tabs, each a million spaces wide.
EXPANDTABS = "{{ ('\\t' * 1000).expandtabs(1000000) }}"
#: Calls of a filter that takes a while each (a fifth of a second), one after the other.
SLOW_CALLS = "{% for i in range(100000) %}{{ ('a b ' * 50000)|wordwrap(3)|length }}{% endfor %}"
#: One call that takes a few seconds: a word of a million letters wrapped into lines of three.
SLOW_CALL = "{{ ('a' * 1000000)|wordwrap(3)|length }}"

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
    "doubling": (DOUBLING, "the template's ~ would build up to 67,108,864 characters"),
    "doubling-plus": (DOUBLING.replace("~", "+"), "joins values longer than"),
    "namespace-doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "the template's ~ would build up to",
    ),
    "huge-output": (
        "{% for i in range(1000) %}{{ 'y' * 1000000 }}{% endfor %}",
        "produced more than 33,554,432 characters",
    ),
    "escaped-output": (
        "{{ '\"' * 30000000 }}",  # 150 million characters once each quote is &#34;
        "produced more than 33,554,432 characters",
    ),
    "wide-filter": ("{{ 'x'|center(1000000000) }}", "the number 1000000000 to the filter"),
    "wide-method": ("{{ 'x'.center(1000000000) }}", "the number 1000000000 to a function"),
    "percent-width": ("{{ '%0999999999d' % 1 }}", "a field 999999999 characters wide"),
    "format-width": ("{{ '{:>999999999}'.format(1) }}", "a field 999999999 characters wide"),
    "gettext-width": ("{{ _('%(a)0999999999d', a=1) }}", "a field 999999999 characters wide"),
    "replace-growth": (
        "{% set x = 'x' * 1000 %}{{ x|replace('x', x)|replace('x', x) }}",
        "'replace' would build up to 1,001,000,000 characters",
    ),
    "indent-growth": ("{{ ('\\n' * 3000000)|indent(1000000) }}", "'indent' would build"),
    "join-growth": ("{{ range(100000)|list|join('x' * 1000) }}", "'join' would build"),
    "join-string": (JOIN, "the filter 'join' would build up to 1,499,001,500 characters"),
    "join-method": (
        "{{ ('x' * 1000000).join('y' * 1500) }}",
        "the method 'join' would build up to 1,499,001,500 characters",
    ),
    "expandtabs": (EXPANDTABS, "'expandtabs' would build up to 1,000,001,000 characters"),
    "format-fields": ("{{ ('{0:>999999}' * 1000).format(1) }}", "format would build up to"),
    "percent-fields": ("{{ ('%(a)999999s' * 1000) % {'a': 1} }}", "format would build up to"),
    "format-filter-repeats": (
        "{{ ('%(a)s' * 100000)|format(a='x' * 1000000) }}",
        "format would build up to",
    ),
    "gettext-repeats": ("{{ _('%(a)s' * 100000, a='x' * 1000000) }}", "format would build up to"),
    "translate": (
        "{{ ('a' * 100000).translate({97: 'x' * 1000000}) }}",
        "'translate' would build up to 100,000,000,000 characters",
    ),
    "center-long": ("{{ ('x' * 1000000)|center(999999) ~ ('x' * 33000000) }}", "~ would build"),
    "wordwrap-wrapstring": (
        "{{ ('a ' * 1000000)|wordwrap(1, wrapstring='x' * 1000) }}",
        "'wordwrap' would build up to",
    ),
    "urlize-target": ("{{ ('a.co ' * 1000000)|urlize(target='x' * 100) }}", "'urlize' would"),
    "wordwrap-pieces": ("{{ ('a ' * 1000000)|wordwrap(10)|length }}", "would make up to"),
    "split-pieces": ("{{ ('ab ' * 3000000).split()|length }}", "'split' would make up to"),
    "splitlines-pieces": ("{{ ('a\\n' * 2000000).splitlines()|length }}", "would make up to"),
    "list-characters": (
        "{{ ('\\u0449' * 2000000)|list|length }}",
        "the filter 'list' would make up to 2,000,000 pieces",
    ),
    "sum-lists": ("{{ ([[0] * 100000] * 1000)|sum(start=[])|length }}", "'sum' would make up to"),
    "list-repeat": ("{{ ([0] * 10000000)|length }}", "repeats a value 10000000 times"),
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


def test_the_bounds_on_growth_let_letter_sized_work_through() -> None:
    tag = (
        "{{ 'a\\tb'.expandtabs(4) }}|{{ 'x,y'.split(',')|join('+') }}|{{ 'abc'|list|join }}|"
        "{{ [[1], [2]]|sum(start=[])|length }}|{{ 'ab'|center(6) }}|{{ '%s-%s' % ('a', 'b') }}|"
        "{{ 'hi'|upper }}|{{ 'abc'|reverse }}|{{ [3, 1, 2]|sort|first }}|"
        "{{ 'one two three'|wordwrap(7, wrapstring='/') }}|{{ '{0}{0}'.format('ab') }}|"
        "{{ range(3)|map('string')|join(',') }}|{{ 'a' ~ 1 ~ 'b' }}"
    )
    assert document_lines(_render(tag)) == [
        "a   b|x+y|abc|2|  ab  |a-b|HI|cba|1|one two/three|abab|0,1,2|a1b"
    ]


def test_the_limits_are_the_documented_constants() -> None:
    assert RenderLimits() == RenderLimits(
        seconds=limits.MAX_RENDER_SECONDS,
        loop_iterations=limits.MAX_LOOP_ITERATIONS,
        text_chars=limits.MAX_TEXT_CHARS,
        items=limits.MAX_ITEMS,
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


def test_slow_calls_one_after_another_stop_at_the_deadline() -> None:
    """The clock is read at every call, not every so many: in a thread, where no timer can
    interrupt anything, a loop of calls that each take a while still stops at the deadline."""
    small = RenderLimits(seconds=0.5)
    with ThreadPoolExecutor(max_workers=1) as pool, pytest.raises(TemplateError) as info:
        pool.submit(_render, SLOW_CALLS.replace("100000", "200"), small).result(timeout=120)
    assert "ran for more than 0.5 seconds" in str(info.value)


def test_one_call_longer_than_the_budget_is_interrupted_inside() -> None:
    """In the main thread a timer stops a single slow call while it runs (here inside Python's
    textwrap), rather than after it."""
    with pytest.raises(TemplateError) as info:
        _render(SLOW_CALL, RenderLimits(seconds=0.5))
    assert "ran for more than 0.5 seconds" in str(info.value)
    cause = info.value.__cause__
    assert cause is not None
    files = [frame.filename for frame in traceback.extract_tb(cause.__traceback__)]
    assert any(file.endswith("textwrap.py") for file in files), files


def test_a_locales_gettext_is_bounded_like_the_default_one() -> None:
    from unsubmit.i18n.translations import Translator

    template = PreparedTemplate(make_template(REFUSED["gettext-repeats"][0]), "evil.docx")
    with pytest.raises(TemplateError, match="format would build up to"):
        template.render({"case": {}}, PROPS, Translator("fr"))


def test_a_refusal_says_where_in_the_template() -> None:
    with pytest.raises(TemplateError) as info:
        _render("Before the attack. " + JOIN)
    assert 'word/document.xml, line 3 near "Before the attack.' in str(info.value)


def test_the_interrupting_timer_gives_back_the_one_that_was_set() -> None:
    """pytest-timeout, or the program using unsubmit, may have a timer of its own running."""
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 60)
        _render("{{ case|length }}")
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < left <= 60
        assert signal.getsignal(signal.SIGALRM) is not None
        assert signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, signal.SIG_IGN)
        signal.setitimer(signal.ITIMER_REAL, 0.01)
        time.sleep(0.2)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


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


#: Runs a command and prints its wall time and its peak memory (resident, in bytes): measured
#: from a process of its own, so that no other child of the test run counts.
_MEASURE = """
import resource, subprocess, sys, time
started = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False)
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(time.monotonic() - started, peak * (1 if sys.platform == "darwin" else 1024), done.returncode)
sys.stderr.write(done.stderr)
"""


@pytest.mark.parametrize(
    ("name", "tag", "fragment"),
    [
        ("join", JOIN, "'join' would build up to 1,499,001,500 characters"),
        ("expandtabs", EXPANDTABS, "'expandtabs' would build up to"),
        ("slow-calls", SLOW_CALLS, "ran for more than 10 seconds"),
    ],
)
def test_a_letterhead_that_would_take_hours_or_gigabytes_stops_within_bounds(
    tmp_path: Path, name: str, tag: str, fragment: str
) -> None:
    """A safety bound, not a performance target: these letterheads once ran for hours or took
    1.5 GB; each must now stop with its place, well within a minute and 500 MB."""
    template = tmp_path / f"{name}.docx"
    template.write_bytes(make_template(f"Re: {{{{ case.title }}}} {tag}"))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "unsubmit", "build", "-o", str(out), "--template"]
    measured = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command, str(template), str(SAMPLE)],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        check=False,
    )
    seconds, peak, returncode = measured.stdout.split()
    assert int(returncode) == 1, measured.stderr
    assert f"error: {template}: word/document.xml, line" in measured.stderr
    assert fragment in measured.stderr
    assert float(seconds) < 60
    assert int(peak) < 500 * 1024 * 1024
    assert not out.exists()
