"""Imports go one way: analysis ← domain, db, services ← web, bot; the app factory and the
CLI (the composition roots) are the only modules that know both the web app and the bot."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPOSITION_ROOTS = {"feedback_api/web/app.py", "feedback_api/cli.py"}


def _imports(path: Path) -> set[str]:
    """Modules a file imports when it runs (not those imported for type checking only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            typing_only.update(id(child) for child in ast.walk(node))
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Call) and ast.unparse(node.func).endswith("import_module"):
            found.update(a.value for a in node.args if isinstance(a, ast.Constant))
    return found


def _offenders(folder: str, forbidden: tuple[str, ...], root: Path = ROOT) -> list[str]:
    result = []
    for path in sorted((root / folder).rglob("*.py")):
        relative = path.relative_to(root).as_posix()
        if relative in COMPOSITION_ROOTS:
            continue
        result += [
            f"{relative}: {module}"
            for module in sorted(_imports(path))
            if module.startswith(forbidden)
        ]
    return result


@pytest.mark.parametrize(
    ("folder", "forbidden"),
    [
        ("analysis", ("feedback_api", "bot")),
        (
            "feedback_api/domain",
            (
                "feedback_api.db",
                "feedback_api.services",
                "feedback_api.web",
                "bot",
                "fastapi",
                "aiogram",
            ),
        ),
        (
            "feedback_api/db",
            ("feedback_api.services", "feedback_api.web", "bot", "fastapi", "aiogram"),
        ),
        ("feedback_api/services", ("feedback_api.web", "bot", "fastapi", "aiogram")),
        ("feedback_api/web", ("feedback_api.db", "bot")),
        ("bot", ("feedback_api.web",)),
    ],
)
def test_imports_go_one_way(folder: str, forbidden: tuple[str, ...]) -> None:
    assert _offenders(folder, forbidden) == []


def test_the_check_sees_an_offending_import(tmp_path) -> None:
    package = tmp_path / "feedback_api" / "services"
    package.mkdir(parents=True)
    (package / "bad.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "from feedback_api.web.render import render\n"
        "if TYPE_CHECKING:\n    from bot.flow import send\n"
    )
    assert _offenders("feedback_api/services", ("feedback_api.web", "bot"), tmp_path) == [
        "feedback_api/services/bad.py: feedback_api.web.render"
    ]
