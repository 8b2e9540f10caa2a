"""bestvalue create-user: add a user with a role (for example the first administrator)."""

import getpass
import os
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bestvalue.accounts.roles import Role
from bestvalue.accounts.services import create_user
from bestvalue.authorities.selectors import authority_by_gss
from bestvalue.improvement.selectors import board_by_id


def _authority(gss_code: str | None) -> Any:
    if gss_code is None:
        return None
    authority = authority_by_gss(gss_code)
    if authority is None:
        raise CommandError(f"No authority has the GSS code {gss_code}.")
    return authority


def _board(board_id: int | None) -> Any:
    if board_id is None:
        return None
    board = board_by_id(board_id)
    if board is None:
        raise CommandError(f"No board has the id {board_id}.")
    return board


class Command(BaseCommand):
    help = (
        "Create a user with one role. The password is asked for, or read from the environment "
        "variable BESTVALUE_PASSWORD when there is no terminal."
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
        password = os.environ.get("BESTVALUE_PASSWORD") or getpass.getpass("Password: ")
        try:
            validate_password(password)
            user = create_user(
                username=options["username"],
                password=password,
                role=options["role"],
                email=options["email"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                authority=_authority(options["authority"]),
                board=_board(options["board"]),
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Created {user.username} ({user.get_role_display()}).")
