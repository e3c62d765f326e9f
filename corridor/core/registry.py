"""What modules register into the shared kernel, so that core names none of them.

Each module registers in its ``AppConfig.ready``:

- **Menu entries** — ``register_menu_item(MenuItem(...))``: the site menu in ``core/base.html``
  shows the entries the visitor may use (signed in or not, with the permissions the entry
  needs), in ``order``. Numbers in use: 10–99 signed-in work, 100–199 a migrant's most used
  tasks (signed out), 200–299 for everyone.
- **API sections** — ``register_api_section(key, url_name)``: the API index (``/api/v1/``)
  lists each section whose URL resolves.
- **The start page** — ``register_home(url_name)``: the brand link and the error pages'
  "back" link (the portal registers its start page).

Registering the same thing twice is harmless (``ready`` may run again in tests); registering a
different thing under a taken key is an error, so two modules cannot silently fight over it.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse

SIGNED_IN = "signed_in"
SIGNED_OUT = "signed_out"
EVERYONE = "everyone"
AUDIENCES = (SIGNED_IN, SIGNED_OUT, EVERYONE)


@dataclass(frozen=True)
class MenuItem:
    """One entry of the site menu.

    ``permissions``: all of them are needed; ``any_permission``: at least one of them is (when
    given). Entries with permissions are for signed-in visitors only.
    """

    key: str
    url_name: str
    label: Any  # a lazily translated string
    order: int
    audience: str = EVERYONE
    permissions: frozenset[str] = field(default_factory=frozenset)
    any_permission: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.audience not in AUDIENCES:
            raise ValueError(f"menu item {self.key!r}: audience must be one of {AUDIENCES}")
        if (self.permissions or self.any_permission) and self.audience != SIGNED_IN:
            raise ValueError(
                f"menu item {self.key!r}: an entry that needs permissions is for signed-in visitors"
            )
        # Accept any collection of permission names; keep them hashable and comparable.
        object.__setattr__(self, "permissions", frozenset(self.permissions))
        object.__setattr__(self, "any_permission", frozenset(self.any_permission))

    def shown_to(self, *, signed_in: bool, permissions: Collection[str]) -> bool:
        if self.audience == SIGNED_IN and not signed_in:
            return False
        if self.audience == SIGNED_OUT and signed_in:
            return False
        if not self.permissions <= set(permissions):
            return False
        return not self.any_permission or bool(self.any_permission & set(permissions))


@dataclass(frozen=True)
class MenuLink:
    key: str
    label: Any
    url: str


_menu: dict[str, MenuItem] = {}
_api_sections: dict[str, str] = {}
_home: list[str] = []


def _claim(registry: dict[str, Any], key: str, value: Any, what: str) -> None:
    existing = registry.get(key)
    if existing is not None and existing != value:
        raise ValueError(f"{what} {key!r} is already registered")
    registry[key] = value


def register_menu_item(item: MenuItem) -> None:
    _claim(_menu, item.key, item, "a menu item")


def unregister_menu_item(key: str) -> None:
    """Tests only."""
    _menu.pop(key, None)


def menu_items() -> list[MenuItem]:
    return sorted(_menu.values(), key=lambda item: (item.order, item.key))


def menu_for(*, signed_in: bool, permissions: Collection[str]) -> list[MenuLink]:
    """The entries this visitor may use, in order; an entry whose page is not mounted is left out."""
    links = []
    for item in menu_items():
        if not item.shown_to(signed_in=signed_in, permissions=permissions):
            continue
        try:
            links.append(MenuLink(item.key, item.label, reverse(item.url_name)))
        except NoReverseMatch:
            continue
    return links


def register_api_section(key: str, url_name: str) -> None:
    _claim(_api_sections, key, url_name, "an API section")


def unregister_api_section(key: str) -> None:
    """Tests only."""
    _api_sections.pop(key, None)


def api_sections() -> dict[str, str]:
    """Section key → URL name, in the order the modules registered them."""
    return dict(_api_sections)


def register_home(url_name: str) -> None:
    if _home and _home[0] != url_name:
        raise ValueError(f"the start page is already {_home[0]!r}")
    _home[:] = [url_name]


def home_url() -> str:
    """The start page's URL ("/" when no module registered one or it is not mounted)."""
    if _home:
        try:
            return reverse(_home[0])
        except NoReverseMatch:
            pass
    return "/"
