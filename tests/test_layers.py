"""The package's layers: imports point down only, at module level and inside functions.

model (types, records) <- rules <- engines <- spaCy components (pipeline/) <- the facade
(api) <- the edges (render, export, cli, distributed, ...). See docs/pipeline.md, "Layers".
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "claimx"

#: layer of each module or package prefix (the longest matching prefix wins)
LAYERS = {
    "claimx.types": 0, "claimx.records": 0,
    "claimx.rules": 1,
    "claimx.docinfo": 2, "claimx.spanindex": 2, "claimx.matching": 2, "claimx.preamble": 2,
    "claimx.context": 2, "claimx.timex": 2, "claimx.quantities": 2, "claimx.sources": 2,
    "claimx.hedging": 2, "claimx.assembly": 2, "claimx.surrogates": 2,
    "claimx.pipeline": 3,
    "claimx.model": 4, "claimx.chunking": 4, "claimx.api": 4,
    "claimx": 5,  # the package itself and every edge module: render, export, cli, ...
}
NAMES = ("model", "rules", "engines", "components", "facade", "edges")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> int:
    best = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[best]


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> list[str]:
    if node.level == 0:
        base = node.module or ""
    else:
        parts = module.split(".")
        keep = len(parts) - node.level + (1 if is_package else 0)
        base = ".".join(parts[:keep] + ([node.module] if node.module else []))
    if not base.startswith("claimx"):
        return []
    # "from . import records" imports a module; "from .x import name" imports from x
    targets = [f"{base}.{a.name}" for a in node.names
               if (SRC.parent / f"{base}.{a.name}".replace(".", "/")).with_suffix(".py").exists()
               or (SRC.parent / f"{base}.{a.name}".replace(".", "/")).is_dir()]
    return targets or [base]


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found: set[str] = set()
        for node in ast.walk(tree):  # every import, inside functions too
            if isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("claimx"))
            elif isinstance(node, ast.ImportFrom):
                found.update(_resolve(module, path.name == "__init__.py", node))
        found.discard(module)
        graph[module] = found
    return graph


GRAPH = _imports()


def test_the_walk_sees_the_package():
    assert "claimx.api" in GRAPH and "claimx.pipeline.annotations" in GRAPH
    assert "claimx.types" in GRAPH["claimx.records"]  # a relative import is resolved


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_imports_point_down(module):
    upward = sorted(t for t in GRAPH[module] if _layer(t) > _layer(module))
    assert not upward, (f"{module} ({NAMES[_layer(module)]}) imports upward: "
                        + ", ".join(f"{t} ({NAMES[_layer(t)]})" for t in upward))


def test_the_model_imports_nothing_else_from_claimx():
    assert GRAPH["claimx.types"] == set()
    assert GRAPH["claimx.records"] <= {"claimx.types"}


def _cycle(graph: dict[str, set[str]]) -> list[str]:
    """A cycle of the graph, or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph:
                continue
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_no_import_cycle():
    # a package's __init__ may re-export its own modules: that is not a cycle of the code
    graph = {m: {t for t in targets if not (m != "claimx" and t.startswith(m + "."))}
             for m, targets in GRAPH.items()}
    graph["claimx"] = set()  # the top package only re-exports the public API
    assert _cycle(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
