"""An import-linter contract of our own (pyproject.toml's `contract_types`): domain apps never
reverse interface URL names. import-linter can forbid only whole external packages (django, not
django.urls), so this contract reads the source of each module in `source_modules` and refuses an
import of django.urls or of django.shortcuts' redirect/resolve_url. Domain apps hand over keys;
the interfaces, or bestvalue/links.py through settings.RECORD_LINKS, turn them into links."""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck

FORBIDDEN_MODULES = frozenset({"django.urls", "django.urls.base"})
FORBIDDEN_NAMES = {"django.shortcuts": frozenset({"redirect", "resolve_url"})}


def url_reversing_lines(source: str) -> list[tuple[int, str]]:
    """(line, import) for each import in the source that could reverse a URL name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in FORBIDDEN_MODULES:
                    found.append((node.lineno, f"import {alias.name}"))
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = {alias.name for alias in node.names}
            if node.module in FORBIDDEN_MODULES:
                found.append((node.lineno, f"from {node.module} import {', '.join(sorted(names))}"))
            elif names & FORBIDDEN_NAMES.get(node.module, frozenset()):
                bad = sorted(names & FORBIDDEN_NAMES[node.module])
                found.append((node.lineno, f"from {node.module} import {', '.join(bad)}"))
            elif node.module == "django" and "urls" in names:
                found.append((node.lineno, "from django import urls"))
    return found


def _source_file(module: str) -> Path | None:
    """The module's file, found without importing it (importing would need Django's settings)."""
    root, *rest = module.split(".")
    spec = importlib.util.find_spec(root)
    if spec is None or not spec.submodule_search_locations:
        return None
    base = Path(next(iter(spec.submodule_search_locations))).joinpath(*rest)
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


class NoUrlReversingContract(Contract):
    """Configuration: `source_modules` (packages whose modules may not reverse URL names) and
    `allowed_modules` (modules of theirs that serve pages of their own, with a reason in a
    comment beside the contract)."""

    type_name = "no_url_reversing"

    source_modules = fields.ListField(subfield=fields.ModuleField())
    allowed_modules = fields.ListField(subfield=fields.ModuleField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        allowed = {m.name for m in (self.allowed_modules or [])}  # type: ignore[attr-defined]
        offences = []
        for package in self.source_modules:  # type: ignore[attr-defined]
            for name in sorted({package.name, *graph.find_descendants(package.name)}):
                if name in allowed:
                    continue
                path = _source_file(name)
                if path is None:
                    continue
                for line, text in url_reversing_lines(path.read_text(encoding="utf-8")):
                    offences.append(f"{name}:{line}: {text}")
        return ContractCheck(kept=not offences, warnings=[], metadata={"offences": offences})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for offence in check.metadata["offences"]:
            output.print_error(f"{offence} (a domain app may not reverse URL names)")
            output.new_line()
