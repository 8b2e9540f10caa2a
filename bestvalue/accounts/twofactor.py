"""Two-factor sign-in (django-otp): a time-based one-time code from an authenticator app (TOTP),
with single-use recovery codes (django-otp's static device) for when the phone is lost.

Reads and small helpers; the writes are in bestvalue/accounts/services.py."""

from __future__ import annotations

import base64
import io
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

# The session key under which the sign-in page keeps where to go once the code is entered.
RECOVERY_CODE_COUNT = 10
TOTP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"


def is_enrolled(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user_has_device(user, confirmed=True)


def is_verified(user: Any) -> bool:
    """Signed in with a code in this session (django-otp's OTPMiddleware sets is_verified)."""
    check = getattr(user, "is_verified", None)
    return bool(check and check())


def pending_totp_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def recovery_codes_left(user: Any) -> int:
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    return device.token_set.count() if device else 0


def secret_text(device: TOTPDevice) -> str:
    """The key as the base32 text an authenticator app accepts when typed in, in groups of 4."""
    text = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(device: TOTPDevice) -> str:
    issuer = settings.SERVICE_NAME
    label = quote(f"{issuer}:{device.user.get_username()}")
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return (
        f"otpauth://totp/{label}?secret={secret}&issuer={quote(issuer)}"
        f"&digits={device.digits}&period={device.step}"
    )


def qr_code_svg(data: str) -> str:
    """The QR code as an inline SVG (no JavaScript, no image request)."""
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    return svg[svg.index("<svg") :]
