"""The layers of kb_builder, as its imports draw them, and the package as it installs."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from helpers import REPO

PACKAGE = REPO / "kb_builder"
#: What each layer may not import: the layers above it, in the order content, pages, search, site, then the renderer
#: and the exports (ARCHITECTURE.md). Only the renderer's package imports mkdocs or mkdocs-material.
_ABOVE = ("kb_builder.pages", "kb_builder.search", "kb_builder.site", "kb_builder.mkdocs_plugin",
          "kb_builder.exports", "kb_builder.build", "kb_builder.cli")
FORBIDDEN = {
    "content": _ABOVE,
    "pages": _ABOVE[1:],
    "search": _ABOVE[2:],
    "site": _ABOVE[3:],
}
RENDERER = ("mkdocs", "material")


def imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def test_each_layer_imports_only_what_is_below_it() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        layer = rel.parts[0] if len(rel.parts) > 1 else ""
        for name in imports(path):
            if layer != "mkdocs_plugin" and name.split(".")[0] in RENDERER:
                wrong.append(f"{rel}: imports {name}, which only mkdocs_plugin/ may")
            for banned in FORBIDDEN.get(layer, ()):
                if name == banned or name.startswith(banned + "."):
                    wrong.append(f"{rel}: imports {name}, a layer above {layer}/")
    assert wrong == []
    # The check reads real modules: there are some in every layer.
    assert {p.relative_to(PACKAGE).parts[0] for p in PACKAGE.rglob("*.py")} >= {
        "content", "pages", "search", "site", "mkdocs_plugin", "exports"
    }


def test_the_installed_package_validates_and_builds_outside_the_repository(tmp_path: Path) -> None:
    """A wheel of the package, installed into a new virtual environment (its dependencies taken from the project's
    environment), validates and builds a copy of the atlas in a folder of its own: data, theme and assets travel
    inside the package."""
    wheels = tmp_path / "wheels"
    # Built from a copy of the sources, so that the build's own folders stay out of the repository.
    source = tmp_path / "source"
    shutil.copytree(REPO / "kb_builder", source / "kb_builder", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(wheels), str(source)], check=True, capture_output=True, cwd=tmp_path)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                   check=True, capture_output=True, text=True).stdout.strip()
    # The dependencies, not the project: a plain path (no .pth processing), so the editable install stays out.
    (Path(site_packages) / "atlas-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    [wheel] = wheels.glob("*.whl")
    # Installed by the project's pip into the new environment (which has no pip of its own to set up).
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", "--no-index",
                    str(wheel)], check=True, capture_output=True)
    work = tmp_path / "work"
    shutil.copytree(REPO / "entries", work / "entries")
    shutil.copytree(REPO / "docs", work / "docs")
    shutil.copy(REPO / "mkdocs.yml", work / "mkdocs.yml")
    env = {**os.environ, "KB_NODE_MODULES": str(REPO / "node_modules"), "SOURCE_DATE_EPOCH": "1795219200"}
    kb = str(venv / "bin" / "kb")
    where = subprocess.run([str(python), "-c", "import kb_builder; print(kb_builder.__file__)"],
                           check=True, capture_output=True, text=True, cwd=work).stdout
    assert where.startswith(site_packages), where
    validated = subprocess.run([kb, "validate", "--entries", "entries"], capture_output=True, text=True, cwd=work, env=env)
    assert validated.returncode == 0, validated.stderr
    built = subprocess.run([kb, "build", "--no-bundle"], capture_output=True, text=True, cwd=work, env=env)
    assert built.returncode == 0, built.stderr
    assert (work / "site" / "ru" / "ru" / "ru-summonses.html").is_file()
    assert "kb-copy" in (work / "site" / "ru" / "index.html").read_text(encoding="utf-8"), "the theme override is used"
    assert (work / "site" / "ru" / "compare" / "conscription.html").is_file(), "the World Factbook data is read"


#: The start or end of an HTML element inside a string literal.
_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*[\s>/]")


def html_by_formatting(source: str) -> list[str]:
    """Where Python code puts values into HTML by string formatting: f-strings, `%`, `.format` or `+` on a literal
    holding a tag. HTML comes from the autoescaping templates (kb_builder/pages/templates) or Markup's own methods."""
    found = []

    def literal(node: ast.AST) -> str | None:
        return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.JoinedStr) and any(isinstance(v, ast.FormattedValue) for v in node.values):
            if _TAG.search("".join(literal(v) or "" for v in node.values)):
                found.append(f"{node.lineno}: f-string")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _TAG.search(literal(node.left) or ""):
            found.append(f"{node.lineno}: %")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) and any(
            _TAG.search(literal(side) or "") for side in (node.left, node.right)
        ):
            found.append(f"{node.lineno}: +")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"
              and _TAG.search(literal(node.func.value) or "")):
            found.append(f"{node.lineno}: .format")
    return found


def test_no_module_builds_html_by_string_formatting() -> None:
    wrong = [f"{path.relative_to(REPO)}:{where}" for path in sorted(PACKAGE.rglob("*.py"))
             for where in html_by_formatting(path.read_text(encoding="utf-8"))]
    assert wrong == []
    # The check finds each way of doing it.
    sample = 'a = f"<td>{x}</td>"\nb = "<td>%s</td>" % x\nc = "<td>{}</td>".format(x)\nd = "<td>" + x\ne = f"{x} kb"\n'
    assert html_by_formatting(sample) == ["1: f-string", "2: %", "3: .format", "4: +"]
