"""unsubmit: human-rights case files in, documents for the UN out.

The public API is what ``__all__`` lists; everything else is private and may change.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
