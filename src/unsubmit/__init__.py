"""unsubmit: human-rights case files in, documents for the UN out.

The public API is what ``__all__`` lists; everything else is private and may change::

    import unsubmit

    case = unsubmit.load_case("cases/kalesnikava.yaml")        # or InvalidCaseError
    report = unsubmit.validate(["cases/a.yaml", "cases/b.yaml"])
    outcome = unsubmit.build(["cases/a.yaml"], unsubmit.BuildOptions(locales=("en", "ru")))

The names are imported on first use, so that ``import unsubmit`` (and ``unsubmit --help``)
stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "BuildOptions",
    "BuildOutcome",
    "InvalidCaseError",
    "UnsubmitError",
    "__version__",
    "build",
    "load_case",
    "validate",
]

if TYPE_CHECKING:
    from unsubmit.api import BuildOptions, BuildOutcome, build, load_case, validate
    from unsubmit.errors import InvalidCaseError, UnsubmitError

_LAZY = {
    "BuildOptions": "unsubmit.api",
    "BuildOutcome": "unsubmit.api",
    "build": "unsubmit.api",
    "load_case": "unsubmit.api",
    "validate": "unsubmit.api",
    "InvalidCaseError": "unsubmit.errors",
    "UnsubmitError": "unsubmit.errors",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'unsubmit' has no attribute {name!r}")
