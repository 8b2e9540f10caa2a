"""The roles of DESIGN.md section 2. The public has no role: it is anyone not signed in."""

from django.db import models


class Role(models.TextChoices):
    CASEWORKER = "caseworker", "Department caseworker"
    APPROVER = "approver", "Department approver"
    AUTHORITY_OFFICER = "authority_officer", "Authority officer"
    BOARD_MEMBER = "board_member", "Board member"
    ADMINISTRATOR = "administrator", "Administrator"


DEPARTMENT_ROLES = frozenset({Role.CASEWORKER, Role.APPROVER})
