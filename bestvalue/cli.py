"""The `bestvalue` command: the management commands people need, under their policy names.

bestvalue --help              what it can do
bestvalue setup               create or update the database and load the reference data
bestvalue setup --local       the same, first making var/ a local install (see core/env.py)
bestvalue load-authorities    load England's authorities again
bestvalue create-user NAME --role administrator
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Name shown to users -> (Django management command, one-line description).
COMMANDS: dict[str, tuple[str, str]] = {
    "setup": ("setup", "Create or update the database and load all reference data (idempotent)."),
    "serve": ("runserver", "Serve the service for development on http://127.0.0.1:8000."),
    "migrate": ("migrate", "Apply database migrations."),
    "load-register": (
        "load_register",
        "Load the public record of notices and interventions (register.yaml).",
    ),
    "import-letter": (
        "import_letter",
        "Propose what an existing letter or statement says (text, HTML, PDF, DOCX); records nothing.",
    ),
    "load-authorities": (
        "load_authorities",
        "Load England's local authorities from the reference files.",
    ),
    "create-user": (
        "create_user",
        "Create a user with a role (department, authority, board, admin).",
    ),
    "remind": (
        "remind",
        "Send the reminders due today, each once (from cron, or --every SECONDS as a worker).",
    ),
    "send-alerts": (
        "send_alerts",
        "Email alert subscribers each published change, once (from cron, every few minutes).",
    ),
    "export": (
        "export",
        "Write an open dataset as CSV or JSON: bestvalue export notices --format csv --output FILE.",
    ),
    "check": ("check", "Check the configuration (add --deploy for production checks)."),
    "audit": (
        "audit",
        "Verify the audit log (bestvalue audit verify [--checkpoints FILE_OR_URL]); record a "
        "checkpoint (bestvalue audit checkpoint).",
    ),
    "manage": ("", "Run any Django management command: bestvalue manage COMMAND ..."),
}


def usage() -> str:
    width = max(len(name) for name in COMMANDS)
    lines = [
        "usage: bestvalue COMMAND [options]",
        "",
        "Best value oversight: the department's casework, authorities' improvement records and",
        "the public register. Configure it with environment variables (see README.md).",
        "",
        "commands:",
    ]
    lines += [f"  {name.ljust(width)}  {text}" for name, (_, text) in COMMANDS.items()]
    lines += ["", "Run 'bestvalue COMMAND --help' for a command's options."]
    return "\n".join(lines)


def _run(name: str, rest: list[str]) -> None:
    import django
    from django.core.management import execute_from_command_line, get_commands, load_command_class

    if name == "manage":
        execute_from_command_line(["bestvalue manage", *rest])
        return
    django.setup()
    django_command = COMMANDS[name][0]
    app = get_commands()[django_command]
    command = app if not isinstance(app, str) else load_command_class(app, django_command)
    # argv[0] and argv[1] make the usage line: "usage: bestvalue setup ...".
    command.run_from_argv(["bestvalue", name, *rest])


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"bestvalue: unknown command {name!r}\n\n{usage()}", file=sys.stderr)
        raise SystemExit(2)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestvalue.settings")
    if name == "setup" and "--local" in rest:
        # Before the settings are read: they recognise a local install by its marker.
        from bestvalue.core.env import mark_local_install

        mark_local_install(_var_dir())
    from bestvalue.core.env import ConfigurationError

    try:
        _run(name, rest)
    except ConfigurationError as exc:
        print(f"bestvalue: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


def _var_dir() -> Path:
    default = Path(__file__).resolve().parent.parent / "var"
    return Path(os.environ.get("BESTVALUE_VAR_DIR", str(default)))


if __name__ == "__main__":
    main()
