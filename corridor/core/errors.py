"""Typed application errors, translated once by the API handler and the web error views."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    """A rule of the domain refused the operation; nothing was changed."""

    status_code = 400
    code = "invalid"
    default_message: Any = _("The request could not be carried out.")

    def __init__(self, message: Any = None, *, fields: dict[str, list[str]] | None = None) -> None:
        self.message = message if message is not None else self.default_message
        self.fields = fields or {}
        super().__init__(str(self.message))


class NotFound(ApplicationError):
    """Missing and forbidden look the same from outside: both are 404."""

    status_code = 404
    code = "not_found"
    default_message = _("Not found.")


class Forbidden(ApplicationError):
    """Used only where the actor may see the record but not act on it."""

    status_code = 403
    code = "forbidden"
    default_message = _("You are not allowed to do this.")


class Conflict(ApplicationError):
    status_code = 409
    code = "conflict"
    default_message = _("The record changed or is in a state that does not allow this.")
