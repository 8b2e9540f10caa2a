"""bestvalue create-user: add a user with a role (for example the first administrator)."""

import getpass
import os
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bestvalue.accounts.roles import Role
from bestvalue.accounts.selectors import user_exists
from bestvalue.accounts.services import binding_errors, create_user
from bestvalue.authorities.selectors import authority_by_gss
from bestvalue.improvement.selectors import board_by_id


def _found(key: Any, find: Callable[[Any], Any], missing: str) -> Any:
    """The record named by an option, None when the option is not given, refused if none."""
    if key is None:
        return None
    found = find(key)
    if found is None:
        raise CommandError(missing)
    return found


class Command(BaseCommand):
    help = (
        "Create a user with one role. The password is asked for twice, or read from the "
        "environment variable BESTVALUE_PASSWORD; it must pass the password validators."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--authority",
            metavar="GSS_CODE",
            help="For authority officers: their authority's GSS code.",
        )
        parser.add_argument(
            "--board", type=int, metavar="ID", help="For board members: their board's id."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Everything that can be refused is checked before the password is asked for.
        username = options["username"]
        if user_exists(username):
            raise CommandError(f"A user called {username} already exists. Choose another name.")
        authority = _found(
            options["authority"],
            authority_by_gss,
            f"No authority has the GSS code {options['authority']}.",
        )
        board = _found(options["board"], board_by_id, f"No board has the id {options['board']}.")
        errors = binding_errors(options["role"], authority, board)
        if errors:
            raise CommandError(". ".join(errors.values()) + ".")
        candidate = get_user_model()(
            username=username,
            email=options["email"],
            first_name=options["first_name"],
            last_name=options["last_name"],
        )
        password = _password()
        try:
            # Django's validators (AUTH_PASSWORD_VALIDATORS), similarity to the name included.
            validate_password(password, user=candidate)
            user = create_user(
                username=username,
                password=password,
                role=options["role"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                authority=authority,
                board=board,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}).")


def _password() -> str:
    """From BESTVALUE_PASSWORD when set (scripts), otherwise asked for twice."""
    given = os.environ.get("BESTVALUE_PASSWORD")
    if given:
        return given
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        raise CommandError("The two passwords are not the same. Nothing was created.")
    return password
