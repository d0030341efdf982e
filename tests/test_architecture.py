"""The package structure: public surfaces, no reach into private modules, no SQL outside
the store, no import circle between packages, and the renamed names.

The structural checks read the source as text (the ``ast`` module), so they see
every import whether or not a test runs the code that makes it.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
import re
from pathlib import Path

import pytest

import rotoscope
from rotoscope import exceptions

SRC = Path(rotoscope.__file__).resolve().parent
DOC = Path(__file__).resolve().parents[1] / "docs" / "architecture.md"
#: Modules every package may use, which import nothing of rotoscope but one another.
LEAVES = frozenset({"exceptions", "typing", "calendar", "_nyse", "config", "_version",
                    "_lazy"})

SUBPACKAGES = ("analytics", "ask", "check", "facts", "language", "prose", "providers",
               "report", "store", "universe", "web")

#: Imports of another package's private module still made by code other work is
#: changing (the claim checker; the charts; the panel; the command line). Each
#: name they use is exported by its package already, so the list only shrinks.
PENDING_PRIVATE: frozenset[str] = frozenset()


def _modules() -> list[tuple[str, ast.Module]]:
    return [(p.relative_to(SRC).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(SRC.rglob("*.py"))]


def _unit(rel: str) -> str:
    """The package a module belongs to: its subpackage, or its own name at the top."""
    return rel.split("/", 1)[0] if "/" in rel else rel.removesuffix(".py")


def _pending(rel: str) -> bool:
    return rel in PENDING_PRIVATE or rel.split("/", 1)[0] in PENDING_PRIVATE


@pytest.mark.parametrize("name", SUBPACKAGES)
def test_every_subpackage_all_names_what_it_has(name: str) -> None:
    module = importlib.import_module(f"rotoscope.{name}")
    names = module.__all__
    assert len(names) == len(set(names)), f"rotoscope.{name}.__all__ repeats a name"
    for n in names:
        assert hasattr(module, n), f"rotoscope.{name}.__all__ names {n}, which it lacks"
        assert not n.startswith("_"), n
    # every public class or function it defines or re-exports from its own modules is listed
    own = {n for n, v in vars(module).items()
           if not n.startswith("_") and not inspect.ismodule(v)
           and getattr(v, "__module__", "").startswith(f"rotoscope.{name}.")}
    assert own <= set(names), sorted(own - set(names))


def test_every_exception_lives_in_exceptions_py() -> None:
    tree_names = set(exceptions.__all__)
    found = []
    for rel, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and rel != "exceptions.py":
                bases = {ast.unparse(b).rsplit(".", 1)[-1] for b in node.bases}
                if bases & tree_names:
                    found.append(f"{rel}: {node.name}")
    assert found == []
    for name in exceptions.__all__:
        assert getattr(rotoscope, name) is getattr(exceptions, name)
        assert name in rotoscope.__all__


def test_no_import_of_another_packages_private_module() -> None:
    found = []
    for rel, tree in _modules():
        if _pending(rel):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                parts = node.module.split(".")
                if (parts[0] == "rotoscope" and len(parts) >= 3 and parts[2].startswith("_")
                        and parts[1] != _unit(rel)):
                    found.append(f"{rel}:{node.lineno} {node.module}")
    assert found == []


def test_language_exports_what_the_checker_imports() -> None:
    import rotoscope.language as language

    wanted = set()
    for rel, tree in _modules():
        for node in ast.walk(tree):
            if (isinstance(node, ast.ImportFrom) and node.module and _unit(rel) != "language"
                    and node.module.startswith("rotoscope.language._")):
                wanted |= {a.name for a in node.names}
    wanted.discard("_month_key")  # the former name of month_key
    assert wanted <= set(language.__all__), sorted(wanted - set(language.__all__))


def test_no_sql_on_the_store_connection_outside_the_store() -> None:
    """Nothing outside ``store/`` reaches a DuckDB connection or runs SQL on the store.

    The panel's window expressions run through an Ibis backend the store hands
    out (:meth:`Store.ibis_backend`); the panel's engine reads Ibis tables on a
    backend its caller chose through that backend.
    """
    found = []
    for rel, tree in _modules():
        if rel.startswith("store/"):
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr in ("con", "_root")
                    and "store" in ast.unparse(node.value)):
                found.append(f"{rel}:{node.lineno} {ast.unparse(node)}")
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("execute", "sql", "frame", "raw_sql")
                    and "store" in ast.unparse(node.func.value)):
                found.append(f"{rel}:{node.lineno} {ast.unparse(node.func)}")
    assert found == []


def _package_imports() -> dict[str, set[str]]:
    """Return each package's (or top-level module's) imports of the others, at run time."""
    edges: dict[str, set[str]] = {}
    for rel, tree in _modules():
        src = _unit(rel)
        guarded = {id(n) for node in ast.walk(tree)
                   if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for n in ast.walk(node)}
        for node in ast.walk(tree):
            if id(node) in guarded or not isinstance(node, ast.ImportFrom) or not node.module:
                continue
            parts = node.module.split(".")
            if parts[0] != "rotoscope":
                continue
            targets = [a.name for a in node.names] if len(parts) == 1 else [parts[1]]
            edges.setdefault(src, set()).update(t for t in targets if t != src)
    return edges


def test_no_import_circle_between_packages() -> None:
    # the command line's own modules (cli.py and _cli_update.py) are one unit
    edges = {k: {"cli" if t.startswith("_cli") else t for t in v}
             for k, v in _package_imports().items() if not k.startswith("_cli")}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges.get(node, set()) - {node}):
            assert state.get(nxt) != 1, " -> ".join([*path, node, nxt])
            if nxt not in state:
                visit(nxt, [*path, node])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])


def test_the_drawing_in_the_architecture_doc_is_the_code() -> None:
    names = {"__init__": "rotoscope", "_api": "api", "__main__": "cli", "_dashboard": "dashboard"}
    code: set[tuple[str, str]] = set()
    for src, targets in _package_imports().items():
        if src in LEAVES:
            assert targets <= LEAVES, (src, targets - LEAVES)
            continue
        a = "cli" if src.startswith("_cli") else names.get(src, src)
        for t in targets - LEAVES:
            b = "cli" if t.startswith("_cli") else names.get(t, t)
            if a != b:
                code.add((a, b))
    block = DOC.read_text(encoding="utf-8").split("```mermaid", 1)[1].split("```", 1)[0]
    arrow = re.compile(r"^\s*(\w+)(?:\[[^\]]*\])?\s+-->\s+(\w+)", re.M)
    drawn = {(m[1], m[2]) for m in arrow.finditer(block)}
    assert len(drawn) >= 15
    assert drawn <= code, f"drawn but not imported: {sorted(drawn - code)}"
    reach = {a: {b for x, b in drawn if x == a} for a, _ in code | drawn}
    changed = True
    while changed:
        changed = False
        for via in reach.values():
            more = set().union(*(reach.get(b, set()) for b in via)) - via
            if more:
                via |= more
                changed = True
    hidden = sorted((a, b) for a, b in code if b not in reach.get(a, set()))
    assert hidden == [], f"imported but neither drawn nor implied: {hidden}"


def test_star_import_keeps_the_builtin_open() -> None:
    scope: dict[str, object] = {}
    exec("from rotoscope import *", scope)
    assert "open" not in scope
    assert scope["open_store"] is rotoscope.open_store
    # the former names still work, outside __all__
    assert rotoscope.open is rotoscope.open_store
    assert rotoscope.CheckReport is rotoscope.DataCheckReport
    assert "open" not in rotoscope.__all__
    assert "CheckReport" not in rotoscope.__all__


def test_the_old_check_names_warn_and_give_the_same_answer(store_path: Path) -> None:
    # ^RUT closed 2508.22 on 2026-01-02 (prices/_RUT.csv); a text that says so is confirmed
    text = "On 2026-01-02 the Russell 2000 closed at 2,508.22."
    with rotoscope.open_store(store_path) as rs:
        new = rs.check_claims(text, as_of=dt.date(2026, 1, 2))
        with pytest.warns(DeprecationWarning, match="use Rotoscope.check_claims"):
            old = rs.check_text(text, as_of=dt.date(2026, 1, 2))
        assert old.to_dict() == new.to_dict()
        assert [c.verdict for c in new.claims] == ["confirmed"]
        quality = rs.check_data()
        with pytest.warns(DeprecationWarning, match="use Rotoscope.check_data"):
            again = rs.check()
        assert isinstance(quality, rotoscope.DataCheckReport)
        assert again.to_dict() == quality.to_dict()


def test_the_check_page_is_a_template_with_its_conflicts(store_path: Path) -> None:
    from rotoscope.check._render import render_html

    # two readings of one change on one day: the text itself says 2% and -3%
    text = ("On 2026-02-09 the Russell 2000 rose 2% on the day. "
            "On 2026-02-09 the Russell 2000 fell 3% on the day.")
    with rotoscope.open_store(store_path) as rs:
        result = rs.check_claims(text)
    page = render_html(result, "rotoscope check: <note> & more")
    assert page.startswith("<!doctype html>\n")
    assert page.endswith("</section></body></html>\n")
    assert "<title>rotoscope check: &lt;note&gt; &amp; more</title>" in page
    assert page.count("<mark ") == len(result.claims) == 2
    assert "<sup>1</sup>" in page
    assert "<sup>2</sup>" in page
    assert ("<li>[1], [2]: The text gives ^RUT change as both 2 and -3 for the same "
            "period.</li>") in page
    assert "1 internal conflicts</span>" in page
    assert (Path(rotoscope.check.__file__).parent / "check.html.j2").is_file()
