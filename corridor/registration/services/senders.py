"""How a verification code or a come-back link reaches the person.

Email goes through Django's mail backend (the console backend in demo mode). Text messages
go through whichever ``SmsSender`` is installed with ``set_sms_sender``; the default only
logs, and writes the code into the log in demo mode alone, so that a demo can be followed.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _

logger = logging.getLogger("corridor.registration")


class SmsSender(Protocol):
    def send(self, *, phone: str, text: str) -> None: ...


class LoggingSmsSender:
    """No SMS gateway: record that a message would have been sent (with text only in demo mode)."""

    def send(self, *, phone: str, text: str) -> None:
        tail = phone[-2:] if len(phone) > 2 else ""
        if settings.DEMO_MODE:
            logger.info("SMS (demo, not sent) to …%s: %s", tail, text)
        else:
            logger.warning("SMS to …%s not sent: no SMS gateway is configured", tail)


_sms_sender: SmsSender = LoggingSmsSender()


def set_sms_sender(sender: SmsSender) -> None:
    """Install a gateway (a deployment's AppConfig.ready() calls this)."""
    global _sms_sender
    _sms_sender = sender


def send_code(*, channel: str, email: str, phone: str, code: str) -> None:
    text = _("Your consular registration code is {code}. It is valid for 15 minutes.").format(code=code)
    if channel == "sms":
        _sms_sender.send(phone=phone, text=text)
        return
    send_mail(_("Your consular registration code"), text, None, [email])


def send_comeback_link(*, email: str, reference: str, url: str) -> None:
    text = _(
        "Your consular registration is confirmed. Reference number: {reference}.\n\n"
        "Open this link to see or update your registration and your consents:\n{url}\n\n"
        "Keep this message private: anyone with the link can see your registration."
    ).format(reference=reference, url=url)
    send_mail(_("Your consular registration {reference}").format(reference=reference), text, None, [email])
