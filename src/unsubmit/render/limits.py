"""Bounds on what rendering a template may cost: time, loop iterations, text, numbers.

Templates get shared between organisations, and a template is a program. Jinja's sandbox stops
it from reaching Python internals, but not from running for ever (three nested ``range`` loops
that print nothing), nor from building a string of ten gigabytes (``"x" * 10**10``, a
``{% set %}`` doubled forty times, a field ``"%999999999d"`` wide). :class:`GuardedEnvironment`
adds the missing bounds, and every one of them raises :class:`LimitExceeded`, which the engine
turns into a :class:`~unsubmit.errors.TemplateError` before anything is written.

The bounds are counted, not signalled: the environment rewrites each compiled template so that
every loop iteration, every call, attribute lookup and operator, and every piece of output
(including output captured by macros and ``{% set %}`` blocks, which never reaches
``Template.generate``) ticks a per-render budget that also checks the clock. A timer signal
would only work in the main thread and would fight other users of ``SIGALRM`` (pytest-timeout);
a budget works in any thread of any process, a worker of a process pool included.

A single operation cannot allocate more than a bound allows, because the sizes are checked
before the operation where they can be (repetition, concatenation with ``+``, powers, format
widths, numbers passed to filters and methods) and the results right after it otherwise.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

import jinja2
from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

__all__ = [
    "MAX_LOOP_ITERATIONS",
    "MAX_NUMBER",
    "MAX_RENDER_SECONDS",
    "MAX_TEXT_CHARS",
    "GuardedEnvironment",
    "LimitExceeded",
    "RenderLimits",
    "render_budget",
]

#: Wall-clock time one document may take to render; the built-in templates need well under 1 s.
MAX_RENDER_SECONDS: Final = 10.0
#: Loop iterations in one document, all loops together; a letter with 1,000 victims needs ~10,000.
MAX_LOOP_ITERATIONS: Final = 1_000_000
#: Characters one document's template may produce, and the length of any one value it builds;
#: a case file is at most 8 MB, so even one that is all text fits several times over.
MAX_TEXT_CHARS: Final = 32 * 1024 * 1024
#: The largest number a template may pass to a filter or method, or use as a field width.
MAX_NUMBER: Final = 1_000_000
#: The largest integer a template may compute, in bits (about 1,200 decimal digits).
MAX_NUMBER_BITS: Final = 4096

_CLOCK_EVERY = 1024  # ticks between two looks at the clock
_LOOP_FILTER = "unsubmit_counted_loop"
_EMIT_FILTER = "unsubmit_counted_output"
_SIZE_FILTER = "unsubmit_checked_size"
_GETTEXT = ("_", "gettext", "ngettext", "pgettext", "npgettext")


class LimitExceeded(Exception):
    """Rendering went over one of the bounds; the message says which and what to look at."""


@dataclass(frozen=True)
class RenderLimits:
    """The bounds of one render; the defaults are the module's constants."""

    seconds: float = MAX_RENDER_SECONDS
    loop_iterations: int = MAX_LOOP_ITERATIONS
    text_chars: int = MAX_TEXT_CHARS
    number: int = MAX_NUMBER
    number_bits: int = MAX_NUMBER_BITS


class _Budget:
    """What is left of the limits for the render in progress."""

    __slots__ = ("deadline", "limits", "loops", "produced", "ticks")

    def __init__(self, limits: RenderLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.loops = 0
        self.produced = 0
        self.ticks = 0

    def tick(self) -> None:
        self.ticks += 1
        if self.ticks % _CLOCK_EVERY == 0 and time.monotonic() > self.deadline:
            raise LimitExceeded(
                f"the template ran for more than {self.limits.seconds:g} seconds "
                "(a loop or a macro that never ends?)"
            )

    def loop(self) -> None:
        self.loops += 1
        if self.loops > self.limits.loop_iterations:
            raise LimitExceeded(
                f"the template's loops ran more than {self.limits.loop_iterations:,} times "
                "(loops nested too deep, or over ranges that are too long?)"
            )
        self.tick()

    def produce(self, size: int) -> None:
        self.produced += size
        if self.produced > self.limits.text_chars:
            raise LimitExceeded(
                f"the template produced more than {self.limits.text_chars:,} characters "
                "(a loop that repeats text too often?)"
            )
        self.tick()


_CURRENT: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "unsubmit_render_budget", default=None
)


@contextlib.contextmanager
def render_budget(limits: RenderLimits) -> Iterator[None]:
    """Count everything the templates rendered inside the ``with`` block against ``limits``."""
    token = _CURRENT.set(_Budget(limits))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def _tick() -> None:
    budget = _CURRENT.get()
    if budget is not None:
        budget.tick()


# --- Checks on values ----------------------------------------------------------------------

_SIZED = (str, bytes, list, tuple, dict, set, frozenset)
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?")
_BRACE_SPEC = re.compile(r"\{[^{}:]*:([^{}]*)\}")
_DIGITS = re.compile(r"\d+")


def _check_size(limits: RenderLimits, value: Any) -> Any:
    if isinstance(value, _SIZED) and len(value) > limits.text_chars:
        raise LimitExceeded(
            f"the template built a value of {len(value):,} items or characters "
            f"(at most {limits.text_chars:,} are allowed)"
        )
    return value


def _check_number(limits: RenderLimits, value: Any, what: str) -> None:
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > limits.number:
        raise LimitExceeded(
            f"the template passed the number {_show(value)} {what} "
            f"(at most {limits.number:,} is allowed)"
        )


def _check_arguments(limits: RenderLimits, args: Iterable[Any], what: str) -> None:
    for value in args:
        if isinstance(value, (tuple, list)):
            for item in value:
                _check_number(limits, item, what)
        elif isinstance(value, Mapping):
            for item in value.values():
                _check_number(limits, item, what)
        else:
            _check_number(limits, value, what)


def _check_format(limits: RenderLimits, text: Any) -> None:
    """Refuse field widths and precisions that would build huge strings (``%99999999d``)."""
    if not isinstance(text, str):
        return
    widths = [w for match in _PERCENT_SPEC.finditer(text) for w in match.groups() if w]
    widths += [w for match in _BRACE_SPEC.finditer(text) for w in _DIGITS.findall(match[1])]
    for width in widths:
        if len(width) > 12 or int(width) > limits.number:
            raise LimitExceeded(
                f"the template formats a field {_show(int(width[:13]))} characters wide "
                f"(at most {limits.number:,} is allowed)"
            )


def _check_growth(limits: RenderLimits, name: str, value: Any, args: tuple[Any, ...]) -> None:
    """Refuse, before they run, the string operations whose result is a product of sizes."""
    if not isinstance(value, str):
        return
    size = None
    if name == "replace" and len(args) >= 2 and isinstance(args[0], str):
        old, new = args[0], args[1]
        size = len(value) + (value.count(old) if old else len(value) + 1) * len(str(new))
    elif name == "indent" and args and isinstance(args[0], (int, str)):
        width = args[0] if isinstance(args[0], int) else len(args[0])
        size = len(value) + (value.count("\n") + 1) * max(width, 0)
    elif name == "join" and args and isinstance(args[0], (list, tuple)):
        size = len(value) * len(args[0])
    if size is not None and size > limits.text_chars:
        raise LimitExceeded(
            f"the template's {name!r} would build {size:,} characters "
            f"(at most {limits.text_chars:,} are allowed)"
        )


def _show(number: int) -> str:
    text = str(number) if number.bit_length() < 200 else f"{str(number)[:12]}…"
    return text if len(text) <= 16 else f"{text[:12]}…"


def _check_binop(limits: RenderLimits, operator: str, left: Any, right: Any) -> None:
    """Refuse an operation whose result would exceed the bounds, before it runs."""
    integers = all(isinstance(v, int) and not isinstance(v, bool) for v in (left, right))
    if operator == "*":
        if integers:
            if left.bit_length() + right.bit_length() > limits.number_bits:
                raise _too_large_number(limits)
            return
        for sequence, count in ((left, right), (right, left)):
            if (
                isinstance(sequence, _SIZED)
                and isinstance(count, int)
                and len(sequence) * max(count, 0) > limits.text_chars
            ):
                raise LimitExceeded(
                    f"the template repeats a value {_show(count)} times, which would "
                    f"exceed {limits.text_chars:,} characters"
                )
    elif operator == "**":
        if (
            integers
            and abs(left) > 1
            and right > 0
            and abs(left).bit_length() * right > (limits.number_bits)
        ):
            raise _too_large_number(limits)
    elif operator == "+":
        if (
            isinstance(left, _SIZED)
            and isinstance(right, _SIZED)
            and len(left) + len(right) > limits.text_chars
        ):
            raise LimitExceeded(
                f"the template joins values longer than {limits.text_chars:,} characters"
            )
    elif operator == "%" and isinstance(left, str):
        _check_format(limits, left)
        _check_arguments(limits, [right], "to a % format")


def _too_large_number(limits: RenderLimits) -> LimitExceeded:
    return LimitExceeded(
        f"the template computes a number larger than {limits.number_bits} bits "
        "(a power or product that is too large)"
    )


# --- The environment -----------------------------------------------------------------------


class _NoFiles(jinja2.BaseLoader):
    """Every ``{% include %}``, ``{% import %}`` and ``{% extends %}`` is refused."""

    def get_source(self, environment: jinja2.Environment, template: str) -> Any:
        raise SecurityError(
            f"templates cannot include, import or extend other files ({template!r}); "
            "put everything the document needs in the template itself"
        )


class GuardedEnvironment(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, with every loop, call, operator and output counted.

    Immutable: a template cannot change the context's lists and dictionaries (``append``,
    ``update``), so it cannot grow them either. No file is reachable through the loader, and
    the ``lipsum`` generator, which no letter needs, is gone.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def __init__(self, limits: RenderLimits | None = None, **options: Any) -> None:
        super().__init__(loader=_NoFiles(), **options)
        self.limits = limits or RenderLimits()
        self.globals.pop("lipsum", None)
        self.filters = {name: self._guard_filter(name, f) for name, f in self.filters.items()}
        self.filters[_LOOP_FILTER] = self._counted_loop
        self.filters[_EMIT_FILTER] = self._counted_output
        self.filters[_SIZE_FILTER] = self._checked_size

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's tree, rewritten so that loops, output and ``~`` are counted."""
        tree = _Counting().visit(super()._parse(source, name, filename))
        assert isinstance(tree, nodes.Template)
        return tree

    def _counted_loop(self, iterable: Any) -> Iterator[Any]:
        budget = _CURRENT.get()
        for item in iterable:
            if budget is not None:
                budget.loop()
            yield item

    def _counted_output(self, value: Any) -> Any:
        budget = _CURRENT.get()
        if budget is not None:
            budget.produce(len(value) if isinstance(value, str) else 16)
        return value

    def _checked_size(self, value: Any) -> Any:
        _tick()
        return _check_size(self.limits, value)

    def _guard_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        limits = self.limits
        what = f"to the filter {name!r}"

        takes_context = getattr(function, "jinja_pass_arg", None) is not None

        def guarded(*args: Any, **kwargs: Any) -> Any:
            _tick()
            values = args[1:] if takes_context else args
            _check_arguments(limits, [*values, kwargs], what)
            if values and name == "format":
                _check_format(limits, values[0])
            elif values and name in ("replace", "indent"):
                _check_growth(limits, name, values[0], values[1:])
            elif len(values) > 1 and name == "join":
                _check_growth(limits, "join", values[1], (values[0],))
            return _check_size(limits, function(*args, **kwargs))

        # Keep what Jinja reads from a filter: whether it wants the context or environment.
        guarded.__dict__.update(getattr(function, "__dict__", {}))
        return guarded

    # The sandbox's hooks: every attribute, item, call and intercepted operator.

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        if attribute in ("format", "format_map") and isinstance(obj, str):
            _check_format(self.limits, obj)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        _tick()
        return super().getitem(obj, argument)

    def call(
        __self,  # Jinja's own signature: keyword arguments may be named "self"
        __context: jinja2.runtime.Context,
        __obj: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        _tick()
        limits = __self.limits
        _check_arguments(limits, [*args, kwargs], "to a function")
        if args and any(__obj is __self.globals.get(name) for name in _GETTEXT):
            _check_format(limits, args[0])
        receiver = getattr(__obj, "__self__", None)
        if isinstance(receiver, str):
            _check_growth(limits, getattr(__obj, "__name__", ""), receiver, args)
        return _check_size(limits, super().call(__context, __obj, *args, **kwargs))

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _tick()
        _check_binop(self.limits, operator, left, right)
        return _check_size(self.limits, super().call_binop(context, operator, left, right))


def _filter(node: nodes.Node, name: str) -> nodes.Filter:
    return nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)


class _Counting(NodeTransformer):
    """Route every loop's iterable, every ``~`` and every piece of output through a counter."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = _filter(node.iter, _LOOP_FILTER)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _filter(node, _SIZE_FILTER)

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        self.generic_visit(node)
        # Static text is written as it is, so it must stay marked safe once it is an
        # expression; expressions keep being escaped as before.
        node.nodes = [
            nodes.MarkSafe(_filter(child, _EMIT_FILTER), lineno=child.lineno)
            if isinstance(child, nodes.TemplateData)
            else _filter(child, _EMIT_FILTER)
            for child in node.nodes
        ]
        return node
