"""The layer rules of DESIGN.md: data <- tools <- agent <- bot | scheduled <- CLI, and the kernel
(`medrep.kernel`) imports none of them.

Two checks: the import-linter contract in pyproject.toml (`[tool.importlinter]`, which also
follows indirect chains), and a plain scan of the source for direct back-edges (every
`import`/`from` statement, also inside functions and TYPE_CHECKING blocks, plus
`importlib.import_module("...")` strings).
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# folder (relative to ROOT) -> module prefixes it must not import
FORBIDDEN = {
    "data": ("tools", "agent", "bot", "scheduled", "medrep.cli"),
    "tools": ("agent", "bot", "scheduled", "medrep.cli"),
    "agent": ("bot", "scheduled", "medrep.cli"),
    "bot": ("scheduled", "medrep.cli"),
    "scheduled": ("bot", "medrep.cli"),
    "medrep/kernel": ("data", "tools", "agent", "bot", "scheduled", "medrep.cli"),
}

IMPORT_MODULE = re.compile(r"""import_module\(\s*f?["']([\w.]+)""")


def _lint_imports() -> Path:
    exe = Path(sys.executable).with_name("lint-imports")
    if not exe.exists():
        pytest.fail("import-linter is not installed: pip install -e '.[dev]' (it is in the dev extra)")
    return exe


def test_import_linter_contract_is_kept():
    # run in ROOT so it reads [tool.importlinter] from pyproject.toml there
    result = subprocess.run([str(_lint_imports()), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                            timeout=300, check=False)
    report = result.stdout + result.stderr
    assert result.returncode == 0, "import-linter: a layer imports one above it\n" + report[report.find("Contracts"):]
    assert "0 broken" in report, report


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every absolute import in a file."""
    source = path.read_text(encoding="utf-8")
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
    for match in IMPORT_MODULE.finditer(source):
        found.append((source.count("\n", 0, match.start()) + 1, match.group(1)))
    return found


def _is_under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


def back_edges(root: Path = ROOT) -> list[str]:
    edges = []
    for folder, forbidden in FORBIDDEN.items():
        for path in sorted((root / folder).rglob("*.py")):
            for line, module in _imported_modules(path):
                if any(_is_under(module, prefix) for prefix in forbidden):
                    edges.append(f"{path.relative_to(root)}:{line} imports {module}")
    return edges


def test_no_back_edges_in_source():
    edges = back_edges()
    assert not edges, "imports against the layer order (DESIGN.md):\n" + "\n".join(edges)


def test_scan_sees_a_back_edge(tmp_path):
    (tmp_path / "tools" / "x").mkdir(parents=True)
    (tmp_path / "tools" / "x" / "bad.py").write_text(
        "def f():\n    from agent.types import Turn\n    return Turn\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "bad.py").write_text("import importlib\nimportlib.import_module('bot.slack')\n",
                                             encoding="utf-8")
    assert back_edges(tmp_path) == ["data/bad.py:2 imports bot.slack", "tools/x/bad.py:2 imports agent.types"]
