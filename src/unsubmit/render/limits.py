"""Bounds on what rendering a template may cost: time, loop iterations, text, numbers.

Templates get shared between organisations, and a template is a program. Jinja's sandbox stops
it from reaching Python internals, but not from running for ever (three nested ``range`` loops
that print nothing), nor from building a string of ten gigabytes (``"x" * 10**10``, a
``{% set %}`` doubled forty times, a field ``"%999999999d"`` wide). :class:`GuardedEnvironment`
adds the missing bounds, and every one of them raises :class:`LimitExceeded`, which the engine
turns into a :class:`~unsubmit.errors.TemplateError` before anything is written.

The bounds are counted: the environment rewrites each compiled template so that every loop
iteration, every call, attribute lookup and operator, and every piece of output (including
output captured by macros and ``{% set %}`` blocks, which never reaches ``Template.generate``)
ticks a per-render budget, and every tick reads the clock. A filter or method call ticks before
and after it runs, so slow calls one after the other stop at the deadline, in any thread of any
process. One call that alone runs past the deadline (sorting a long list by a key, say) is
interrupted by a timer signal where there is one (the main thread, on POSIX systems: a build's
own process or a worker of its process pool); the timer a test runner may have set is put back
afterwards.

A single operation cannot allocate more than a bound allows: before any operator, filter or
string method runs, the size of its result is bounded from its arguments
(:mod:`unsubmit.render.growth`: repetition, joins, padding, tabs, replacements, formats with
many fields, escaping, splitting into pieces) and the operation is refused when the bound is
over the budget; an iterable a filter reads is counted as it is read. Results are still checked
right after, for what no bound covers.
"""

from __future__ import annotations

import contextlib
import contextvars
import inspect
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from types import FrameType
from typing import Any, Final

import jinja2
from jinja2 import nodes, pass_eval_context
from jinja2.exceptions import SecurityError
from jinja2.nodes import EvalContext
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer

from unsubmit.render.growth import (
    BOUNDED,
    ESCAPE_GROWTH,
    escaped_size,
    format_size,
    item_count,
    result_size,
    shown_size,
)

__all__ = [
    "MAX_ITEMS",
    "MAX_LOOP_ITERATIONS",
    "MAX_NUMBER",
    "MAX_RENDER_SECONDS",
    "MAX_TEXT_CHARS",
    "GuardedEnvironment",
    "LimitExceeded",
    "RenderLimits",
    "interruptible",
    "render_budget",
]

#: Wall-clock time one document may take to render; the built-in templates need well under 1 s.
MAX_RENDER_SECONDS: Final = 10.0
#: Loop iterations in one document, all loops together; a letter with 1,000 victims needs ~10,000.
MAX_LOOP_ITERATIONS: Final = 1_000_000
#: Characters one document's template may produce, and the length of any one value it builds;
#: a case file is at most 8 MB, so even one that is all text fits several times over.
MAX_TEXT_CHARS: Final = 32 * 1024 * 1024
#: Items in any one list a template builds, or pieces a string is split into: each item is an
#: object of its own (about 60 bytes for a short string), so a million is about 60 MB.
MAX_ITEMS: Final = 1_000_000
#: The largest number a template may pass to a filter or method, or use as a field width.
MAX_NUMBER: Final = 1_000_000
#: The largest integer a template may compute, in bits (about 1,200 decimal digits).
MAX_NUMBER_BITS: Final = 4096

_LOOP_FILTER = "unsubmit_counted_loop"
_EMIT_FILTER = "unsubmit_counted_output"
_CONCAT_FILTER = "unsubmit_checked_concat"
_GETTEXT = ("_", "gettext", "ngettext", "pgettext", "npgettext")
#: Where a render's own ``_``, ``gettext`` and ``ngettext`` come from.
_TRANSLATIONS = "unsubmit.i18n.translations"


class LimitExceeded(Exception):
    """Rendering went over one of the bounds; the message says which and what to look at."""


@dataclass(frozen=True)
class RenderLimits:
    """The bounds of one render; the defaults are the module's constants."""

    seconds: float = MAX_RENDER_SECONDS
    loop_iterations: int = MAX_LOOP_ITERATIONS
    text_chars: int = MAX_TEXT_CHARS
    items: int = MAX_ITEMS
    number: int = MAX_NUMBER
    number_bits: int = MAX_NUMBER_BITS


class _Budget:
    """What is left of the limits for the render in progress."""

    __slots__ = ("deadline", "limits", "loops", "produced")

    def __init__(self, limits: RenderLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.loops = 0
        self.produced = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.overtime()

    def overtime(self) -> LimitExceeded:
        return LimitExceeded(
            f"the template ran for more than {self.limits.seconds:g} seconds "
            "(a loop or a macro that never ends, or a filter given too much to do?)"
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


@contextlib.contextmanager
def interruptible() -> Iterator[None]:
    """Interrupt whatever runs inside the block when the render's deadline comes.

    A timer signal (``SIGALRM``), so only in the main thread of a platform that has one; the
    handler and timer that were there before (pytest-timeout's, say) are put back afterwards,
    the timer with the time it had left. Elsewhere the clock read at each tick is the bound.
    """
    budget = _CURRENT.get()
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if budget is None or not usable:
        yield
        return
    remaining = budget.deadline - time.monotonic()
    if remaining <= 0:
        raise budget.overtime()

    def stop(signum: int, frame: FrameType | None) -> None:
        raise budget.overtime()

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, stop)
    delay, interval = signal.setitimer(signal.ITIMER_REAL, remaining)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if delay:
            left = max(delay - (time.monotonic() - started), 0.001)
            signal.setitimer(signal.ITIMER_REAL, left, interval)


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


def _refuse_growth(limits: RenderLimits, name: str, size: int | None, items: int | None) -> None:
    if size is not None and size > limits.text_chars:
        raise LimitExceeded(
            f"{name} would build up to {size:,} characters (at most {limits.text_chars:,} "
            "are allowed): it was refused before it ran"
        )
    if items is not None and items > limits.items:
        raise LimitExceeded(
            f"{name} would make up to {items:,} pieces (at most {limits.items:,} are "
            "allowed): it was refused before it ran"
        )


def _counted(limits: RenderLimits, iterable: Iterable[Any], what: str) -> Iterator[Any]:
    """``iterable``, read one item at a time: each item ticks the budget, and there may be at
    most ``limits.items``."""
    for count, item in enumerate(iterable, 1):
        if count > limits.items:
            raise LimitExceeded(f"{what} read more than {limits.items:,} items")
        _tick()
        yield item


def _bounded_list(limits: RenderLimits, iterable: Any, what: str) -> list[Any]:
    if isinstance(iterable, _SIZED) and len(iterable) > limits.items:
        _refuse_growth(limits, what, None, len(iterable))
    return list(_counted(limits, iterable, what))


def _joined(limits: RenderLimits, separator: Any, items: list[Any], what: str) -> None:
    """Refuse a join whose result would be over the budget, before it is built."""
    size = max(len(items) - 1, 0) * len(str(separator) if isinstance(separator, str) else "")
    for item in items:
        if isinstance(item, str):
            size += len(item)
        elif size <= limits.text_chars:  # a value shown as text: measured while it may fit
            size += shown_size(item, limits.text_chars - size)
    _refuse_growth(limits, what, size, None)


def _summed(limits: RenderLimits, start: Any, items: list[Any], what: str) -> None:
    """Refuse ``sum`` of strings or lists whose result would be over the budget."""
    if isinstance(start, (int, float)):
        return
    parts = [start, *items]
    size = sum(len(part) for part in parts if isinstance(part, _SIZED))
    if all(isinstance(part, str) for part in parts):
        _refuse_growth(limits, what, size, None)
    else:
        _refuse_growth(limits, what, None, size)


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


def _check_format(limits: RenderLimits, text: Any, values: Iterable[Any] = ()) -> None:
    """Refuse field widths and precisions that would build huge strings (``%99999999d``), and
    formats whose fields together would (many fields, each repeating a long value)."""
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
    size = format_size(text, values, limits.text_chars)
    _refuse_growth(limits, "the template's format", size, None)


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
            bound = limits.text_chars if isinstance(sequence, (str, bytes)) else limits.items
            if (
                isinstance(sequence, _SIZED)
                and isinstance(count, int)
                and len(sequence) * max(count, 0) > bound
            ):
                raise LimitExceeded(
                    f"the template repeats a value {_show(count)} times, which would "
                    f"exceed {bound:,} characters or items"
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
        _check_arguments(limits, [right], "to a % format")
        if isinstance(right, Mapping):
            values = list(right.values())
        else:
            values = list(right) if isinstance(right, tuple) else [right]
        _check_format(limits, left, values)


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
        self.filters[_CONCAT_FILTER] = self._checked_concat

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

    @pass_eval_context
    def _counted_output(self, eval_ctx: EvalContext, value: Any) -> Any:
        """Count what an output tag writes as it will be written: escaped, before it is."""
        budget = _CURRENT.get()
        if budget is not None:
            escaping = eval_ctx.autoescape and not hasattr(value, "__html__")
            if isinstance(value, str):
                budget.produce(escaped_size(value) if escaping else len(value))
            else:  # shown as its str(): a number, or a whole list
                size = shown_size(value, self.limits.text_chars)
                budget.produce(size * ESCAPE_GROWTH if escaping else size)
        return value

    @pass_eval_context
    def _checked_concat(self, eval_ctx: EvalContext, values: list[Any]) -> Any:
        """``a ~ b ~ c``, refused before it is joined when it would be over the budget."""
        _tick()
        _joined(self.limits, "", values, "the template's ~")
        return (markup_join if eval_ctx.autoescape else str_join)(values)

    def _guard_filter(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        limits = self.limits
        what = f"to the filter {name!r}"
        label = f"the filter {name!r}"
        takes_context = getattr(function, "jinja_pass_arg", None) is not None
        # The signature of the filter's own function: Jinja's wrappers of filters that have an
        # async variant add a context argument that the function does not take.
        signature = inspect.signature(function)
        parameters = list(signature.parameters)
        own_context = bool(parameters) and parameters[0] in _CONTEXT_ARGUMENTS
        added = 1 if takes_context and not own_context else 0
        named = parameters[1:] if own_context else parameters
        subject = named[0] if named else None
        watched = name in BOUNDED or name in _READS_ITEMS or name in ("join", "sum")

        def guarded(*args: Any, **kwargs: Any) -> Any:
            _tick()
            values = args[1:] if takes_context else args
            _check_arguments(limits, [*values, kwargs], what)
            if not watched:
                result = function(*args, **kwargs)
                _tick()
                return _check_size(limits, result)
            try:
                bound = signature.bind(*args[added:], **kwargs)
            except TypeError:  # the filter itself says what is wrong with its arguments
                return function(*args, **kwargs)
            arguments = bound.arguments
            value = arguments.get(subject) if subject else None
            if name == "format":
                _check_format(limits, value, [*arguments.get("args", ()), *kwargs.values()])
            if subject is not None and name in ("join", "sum"):
                items = _bounded_list(limits, value, label)
                if name == "join":
                    _joined(limits, arguments.get("d", ""), items, label)
                    arguments[subject] = items
                else:
                    _summed(limits, arguments.get("start", 0), items, label)
                    arguments[subject] = _counted(limits, items, label)
            elif (
                subject is not None
                and name in _READS_ITEMS
                and isinstance(value, Iterable)
                and not isinstance(value, (str, Mapping))
            ):
                arguments[subject] = _counted(limits, value, label)
            _refuse_growth(
                limits,
                label,
                result_size(name, value, arguments, limits.text_chars),
                item_count(name, value, arguments),
            )
            result = function(*args[:added], *bound.args, **bound.kwargs)
            _tick()
            return _check_size(limits, result)

        # Keep what Jinja reads from a filter: whether it wants the context or environment.
        guarded.__dict__.update(getattr(function, "__dict__", {}))
        return guarded

    # The sandbox's hooks: every attribute, item, call and intercepted operator.

    def getattr(self, obj: Any, attribute: str) -> Any:
        _tick()
        if attribute in ("format", "format_map") and isinstance(obj, str):
            _check_format(self.limits, obj)  # widths: the values are checked with the call
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
        if args and (
            getattr(__obj, "__module__", "") == _TRANSLATIONS
            or any(__obj is __self.globals.get(name) for name in _GETTEXT)
        ):
            _check_format(limits, args[0], kwargs.values())
        receiver = getattr(__obj, "__self__", None)
        if isinstance(receiver, (str, bytes)):
            args = _method_arguments(limits, __obj, receiver, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        _tick()
        return _check_size(limits, result)

    def call_binop(
        self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any
    ) -> Any:
        _tick()
        _check_binop(self.limits, operator, left, right)
        return _check_size(self.limits, super().call_binop(context, operator, left, right))


#: The names of the context arguments Jinja passes to the filters that ask for one.
_CONTEXT_ARGUMENTS: Final = frozenset({"context", "eval_ctx", "environment"})
#: Filters that read their value item by item: it is counted as it is read.
_READS_ITEMS: Final = frozenset(
    {
        "batch",
        "groupby",
        "list",
        "map",
        "max",
        "min",
        "reject",
        "rejectattr",
        "reverse",
        "select",
        "selectattr",
        "slice",
        "sort",
        "unique",
    }
)


def _method_arguments(
    limits: RenderLimits,
    method: Any,
    receiver: str | bytes,
    args: tuple[Any, ...],
    kwargs: Mapping[str, Any],
) -> tuple[Any, ...]:
    """Refuse a string method whose result would be over the budget; the arguments to call
    it with (a join's items read and counted first)."""
    name = getattr(method, "__name__", "")
    label = f"the method {name!r}"
    if name == "join" and args:
        items = _bounded_list(limits, args[0], label)
        _joined(limits, receiver, items, label)
        return (items, *args[1:])
    if name in ("format", "format_map"):
        values = [*args, *kwargs.values()]
        if name == "format_map" and args and isinstance(args[0], Mapping):
            values = list(args[0].values())
        _check_format(limits, receiver if isinstance(receiver, str) else "", values)
        return args
    try:
        arguments = inspect.signature(method).bind(*args, **kwargs).arguments
    except (TypeError, ValueError):  # no signature, or arguments the method will refuse
        arguments = {}
    text = receiver if isinstance(receiver, str) else receiver.decode("latin-1")
    _refuse_growth(
        limits,
        label,
        result_size(name, text, arguments, limits.text_chars),
        item_count(name, text, arguments),
    )
    return args


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
        return _filter(nodes.List(node.nodes, lineno=node.lineno), _CONCAT_FILTER)

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
