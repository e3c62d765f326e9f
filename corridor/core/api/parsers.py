"""The API's JSON parser: a body that cannot be stored or echoed safely is a 400, never a 500.

DRF's ``JSONParser`` turns malformed JSON into a 400 but lets two inputs through to fail
later: nesting deep enough to exhaust Python's recursion (``RecursionError``) and strings
that are not Unicode text — a lone surrogate such as ``"\\ud800"`` — which break the
database driver or the response renderer. NUL is refused too: PostgreSQL text and jsonb
cannot hold it.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32


class CorridorJSONParser(JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(_("The JSON body is nested too deeply.")) from exc
        check_json_value(data)
        return data


def check_json_value(data: Any) -> None:
    """Walk the parsed body without recursion; refuse deep nesting, surrogates and NUL."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            if depth >= MAX_DEPTH:
                raise ParseError(_("The JSON body is nested too deeply."))
            for key, item in value.items():
                _check_text(key)
                stack.append((item, depth + 1))
        elif isinstance(value, list):
            if depth >= MAX_DEPTH:
                raise ParseError(_("The JSON body is nested too deeply."))
            stack.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            _check_text(value)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParseError(_("The request contains text that is not valid Unicode.")) from exc
    if "\x00" in text:
        raise ParseError(_("The request contains a NUL character, which is not allowed."))
