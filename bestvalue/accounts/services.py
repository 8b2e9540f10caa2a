"""Writes to users."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from bestvalue.accounts.models import ApiToken, User
from bestvalue.accounts.roles import Role
from bestvalue.audit.services import audited, record_event, snapshot
from bestvalue.core import clock

# Audit actions about people's accounts, which never change what the public sees; the public
# validators skip them (public.caching), so a sign-out or a new token changes no public ETag.
PRIVATE_ACTIONS = frozenset(
    {
        "user.signed_out_everywhere",
        "user.two_factor_enrolled",
        "user.recovery_codes_replaced",
        "api_token.created",
        "api_token.revoked",
        "admin.accounts.user.password_changed",
        *(f"admin.accounts.user.{done}" for done in ("added", "changed", "deleted")),
    }
)


def create_user(
    *,
    username: str,
    password: str,
    role: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    authority: Any = None,
    board: Any = None,
) -> User:
    """Create a user with one role. Authority officers need an authority, board members a board;
    nobody else may have either (also enforced by database constraints)."""
    errors = binding_errors(role, authority, board)
    if errors:
        raise ValidationError(errors)
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        authority=authority,
        board=board,
    )
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
    return user


def binding_errors(role: str, authority: Any, board: Any) -> dict[str, str]:
    """What is wrong with the authority and board given for a user of this role."""
    errors: dict[str, str] = {}
    if role not in Role.values:
        errors["role"] = f"Choose a role from: {', '.join(Role.values)}"
    if role == Role.AUTHORITY_OFFICER and authority is None:
        errors["authority"] = "An authority officer needs an authority: give its GSS code"
    if role != Role.AUTHORITY_OFFICER and authority is not None:
        errors["authority"] = "Only authority officers are bound to an authority"
    if role == Role.BOARD_MEMBER and board is None:
        errors["board"] = "A board member needs a board"
    if role != Role.BOARD_MEMBER and board is not None:
        errors["board"] = "Only board members are bound to a board"
    return errors


def sign_out_everywhere(*, user: User) -> None:
    """End every session of this user, on every device (the caller signs this one out too)."""
    from django.db.models import F

    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
        user.refresh_from_db(fields=["session_epoch"])
        record_event(actor=user, action="user.signed_out_everywhere", obj=user)


# --- Two-factor sign-in ------------------------------------------------------------------------


def start_two_factor_enrolment(*, user: User) -> Any:
    """The unconfirmed authenticator-app device being set up, made if there is none. Nothing is
    in force until confirm_two_factor_enrolment sees a code from it."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bestvalue.accounts import twofactor

    device = twofactor.pending_totp_device(user)
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=twofactor.TOTP_DEVICE_NAME, confirmed=False
        )
    return device


def confirm_two_factor_enrolment(*, user: User, device: Any, token: str) -> list[str] | None:
    """Confirm the device with a code it made: it replaces any earlier one, and a fresh set of
    recovery codes is made and returned (shown once). None if the code is wrong."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bestvalue.accounts import twofactor

    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user, twofactor.RECOVERY_CODE_COUNT)
        record_event(actor=user, action="user.two_factor_enrolled", obj=user)
    return codes


def replace_recovery_codes(*, user: User) -> list[str]:
    """A new set of recovery codes; the old ones stop working."""
    from bestvalue.accounts import twofactor

    with transaction.atomic():
        codes = _new_recovery_codes(user, twofactor.RECOVERY_CODE_COUNT)
        record_event(actor=user, action="user.recovery_codes_replaced", obj=user)
    return codes


def _new_recovery_codes(user: User, count: int) -> list[str]:
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    from bestvalue.accounts import twofactor

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(
        user=user, name=twofactor.RECOVERY_DEVICE_NAME, confirmed=True
    )
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


# --- Personal API tokens -----------------------------------------------------------------------

API_TOKEN_PREFIX = "bvt_"  # noqa: S105 - a marker that says what the secret is, not a secret
_TOKEN_FIELDS = ("user", "name", "prefix", "created_at", "revoked_at")


def api_token_digest(secret: str) -> str:
    import hashlib

    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Make a personal API token for a department user. Returns the token and its secret; only
    the secret's digest is stored, so the secret is shown once and never again."""
    import secrets

    from bestvalue.accounts import permissions

    if not permissions.can_have_api_token(user):
        raise PermissionDenied("Only department users can have API tokens.")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter what the token is for"})
    secret = API_TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=user,
        name=name,
        prefix=secret[: len(API_TOKEN_PREFIX) + 4],
        digest=api_token_digest(secret),
        created_at=clock.now(),
    )
    with transaction.atomic():
        token.full_clean()
        token.save()
        record_event(
            actor=user, action="api_token.created", obj=token, after=snapshot(token, _TOKEN_FIELDS)
        )
    return token, secret


def revoke_api_token(token: ApiToken, *, by: User) -> ApiToken:
    """Revoke a token at once. Only its owner revokes it here; administrators can deactivate the
    user, which stops every token of theirs."""
    if token.user_id != by.pk:
        raise PermissionDenied("You can only revoke your own API tokens.")
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is not None:
            return token
        with audited(token, _TOKEN_FIELDS, actor=by, action="api_token.revoked"):
            token.revoked_at = clock.now()
            token.save(update_fields=["revoked_at"])
    return token


def note_api_token_used(token: ApiToken) -> None:
    """Stamp when a token was last used, at most once a minute (a usage note for its owner, not
    a change to the record, so it is not an audit event)."""
    now = clock.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
