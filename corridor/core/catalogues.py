"""No catalogue can break a page: a broken one falls back to the source text, never a 500.

Django builds one translation per language by loading every ``django.mo`` (its own, each app's,
``LOCALE_PATHS``) through ``DjangoTranslation._new_gnu_trans``. Python's ``gettext`` raises when a
catalogue is broken: a template header ``plural=EXPRESSION`` (ValueError), a damaged file
(OSError), a missing charset with non-ASCII text (UnicodeDecodeError). Unguarded, that exception
escapes ``activate()`` and every page and API call in the language answers 500.

``install()`` (called from ``CoreConfig.ready``) wraps that one loader: a catalogue that fails to
load is logged and skipped, so its strings show in the source language while the language's other
catalogues still apply. A translation whose placeholders are not among its msgid's (``%(name)s``,
``{name}``) would raise KeyError when formatted; such entries are dropped the same way.
``make messages-check`` reports all of these in CI (``corridor.core.i18n_check``); this guard is
for the catalogue that gets past it.
"""

from __future__ import annotations

import gettext
import logging
import re
from typing import Any

from django.utils.translation import trans_real

logger = logging.getLogger("corridor.i18n")

# Named placeholders that must survive translation: %(name)s and {name} (with an optional format).
_PERCENT_FIELD = re.compile(r"%\(([A-Za-z_]\w*)\)[-#0 +]*\d*(?:\.\d+)?([sdifrx])")
_BRACE_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)(?:[:!][^{}]*)?\}(?!\})")
_CONTEXT_SEPARATOR = "\x04"
LOADER = "_new_gnu_trans"  # DjangoTranslation's method that loads one catalogue folder


def placeholders(text: str) -> set[str]:
    """The named placeholders of a message: ``%(name)s`` and ``{name}`` (formats ignored)."""
    percent = {f"%({name}){kind}" for name, kind in _PERCENT_FIELD.findall(text)}
    return percent | {f"{{{name}}}" for name in _BRACE_FIELD.findall(text)}


def drop_unsafe_entries(translation: gettext.NullTranslations, localedir: str) -> None:
    """Remove singular translations that add a placeholder their msgid lacks (KeyError when formatted)."""
    catalog: dict[Any, str] | None = getattr(translation, "_catalog", None)
    if not catalog:
        return
    unsafe = [
        key
        for key, text in catalog.items()
        if isinstance(key, str)
        and key
        and not placeholders(text) <= placeholders(key.rpartition(_CONTEXT_SEPARATOR)[2])
    ]
    for key in unsafe:
        logger.error("Translation dropped in %s: placeholders differ from the msgid %r", localedir, key)
        del catalog[key]


def install() -> None:
    """Guard Django's catalogue loader (idempotent)."""
    # The loader is private to Django (not in its type stubs): reached by name.
    loader = getattr(trans_real.DjangoTranslation, LOADER)
    if getattr(loader, "corridor_guarded", False):
        return

    def guarded_loader(
        self: trans_real.DjangoTranslation, localedir: str, use_null_fallback: bool = True
    ) -> gettext.NullTranslations:
        try:
            translation: gettext.NullTranslations = loader(self, localedir, use_null_fallback)
        except Exception:  # any broken catalogue: show the source text rather than fail the request
            logger.exception(
                "Translation catalogue for %r in %s cannot be loaded; its strings fall back to the source",
                self.language(),
                localedir,
            )
            return gettext.NullTranslations()
        drop_unsafe_entries(translation, localedir)
        return translation

    guarded_loader.corridor_guarded = True  # type: ignore[attr-defined]
    setattr(trans_real.DjangoTranslation, LOADER, guarded_loader)
