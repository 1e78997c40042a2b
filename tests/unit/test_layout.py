"""The package's layout: layers import downward only, and no module imports itself in a circle.

Every import counts, at the top of a module, inside a function or for type checking alone: a
cycle that only the type checker sees still ties two modules into one.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "unsubmit"

#: The layers, lowest first. A module may import from its own layer and those below it.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "foundation",
        ("errors", "findings", "resources", "languages", "parallel", "safexml", "write"),
    ),
    ("load", ("load",)),
    ("models", ("models",)),
    ("i18n", ("i18n",)),
    ("un", ("un",)),
    ("check", ("check",)),
    ("render", ("render",)),
    (
        "face",
        (
            "pipeline",
            "case_translation",
            "scaffold",
            "caseload",
            "report",
            "api",
            "cli",
            "__main__",
        ),
    ),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in modules else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    # The root package only names its own version; its API is imported lazily, on first use.
    return {target for target in found if target in modules and target not in (name, "unsubmit")}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layer(name: str) -> int:
    top = name.split(".")[1] if "." in name else ""
    for rank, (_, members) in enumerate(LAYERS):
        if top in members:
            return rank
    raise AssertionError(f"{name} belongs to no layer: add it to LAYERS in {__file__}")


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return [*trail[trail.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        trail.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def test_no_module_imports_itself_in_a_circle() -> None:
    cycle = _cycle(_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle or [])


def test_layers_import_downward_only() -> None:
    upward = sorted(
        f"{name} ({LAYERS[_layer(name)][0]}) imports {target} ({LAYERS[_layer(target)][0]})"
        for name, targets in _graph().items()
        if name != "unsubmit"
        for target in targets
        if _layer(target) > _layer(name)
    )
    assert upward == []


def test_the_core_never_imports_the_face() -> None:
    graph = _graph()
    core = [name for name in graph if name != "unsubmit" and _layer(name) < len(LAYERS) - 1]
    assert len(core) > 50
    assert [name for name in core if graph[name] & {"unsubmit.cli", "unsubmit.scaffold"}] == []


def test_an_upward_import_is_found() -> None:
    assert _layer("unsubmit.load.source") < _layer("unsubmit.check.rules")
    with pytest.raises(AssertionError, match="no layer"):
        _layer("unsubmit.elsewhere")


def test_the_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}
    assert _cycle(graph) == ["a", "b", "c", "a"]
