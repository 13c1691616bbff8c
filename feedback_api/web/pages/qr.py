"""QR codes for posters at the experiment site: the form's address and the bot deep link."""

from __future__ import annotations

import io
import re

import qrcode
import qrcode.image.svg

from feedback_api.config import Settings

# Telegram usernames: 5–32 letters, digits and underscores.
_BOT_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


def form_url(settings: Settings, slug: str) -> str:
    return f"{settings.public_url.rstrip('/')}/e/{slug}"


def bot_link(settings: Settings, slug: str) -> str | None:
    """``https://t.me/<bot>?start=exp_<slug>``, when the bot's username is configured."""
    username = (settings.telegram_bot_username or "").strip().lstrip("@")
    if not _BOT_USERNAME.match(username):
        return None
    return f"https://t.me/{username}?start=exp_{slug}"


def _code(data: str) -> qrcode.QRCode:
    # Level M survives a smudged or partly covered poster.
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_svg(data: str) -> bytes:
    image = _code(data).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()


def qr_png(data: str) -> bytes:
    image = _code(data).make_image(fill_color="black", back_color="white")
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
