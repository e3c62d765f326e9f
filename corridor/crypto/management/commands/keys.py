"""``manage.py keys``: inventory, rotation, rewrapping and crypto-shredding of state keys,
and the node signing keys (``node-list``, ``node-rotate``, ``node-revoke``).

Never prints key material, wrapped or not.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from corridor.crypto import services, signing
from corridor.crypto.choices import KeyPurpose, KeyStatus
from corridor.crypto.errors import CryptoError
from corridor.crypto.models import NodeSigningKey, StateDataKey

BAD_ARGUMENTS = 2


def _usage_error(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_ARGUMENTS)


class Command(BaseCommand):
    help = (
        "Manage the per-state field-encryption keys (list, rotate, rewrap, destroy) and the node "
        "signing keys (node-list, node-rotate, node-revoke)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(
            dest="action", metavar="{list,rotate,rewrap,destroy,node-list,node-rotate,node-revoke}"
        )
        listing = actions.add_parser("list", help="Show the key inventory (never key material).")
        listing.add_argument("--state", help="Only this state (ISO alpha-3 code).")
        rotate = actions.add_parser("rotate", help="New data-key version; re-encrypt the state's fields.")
        target = rotate.add_mutually_exclusive_group()
        target.add_argument("--state", help="The state to rotate (ISO alpha-3 code).")
        target.add_argument("--all", action="store_true", help="Every state that has keys.")
        actions.add_parser("rewrap", help="Wrap every key under the current master key.")
        destroy = actions.add_parser("destroy", help="Crypto-shred a state's keys. Irreversible.")
        destroy.add_argument("--state", help="The state whose keys are destroyed.")
        destroy.add_argument("--yes-really", action="store_true", help="Confirm the destruction.")
        actions.add_parser("node-list", help="Show the node signing keys (public data only).")
        actions.add_parser("node-rotate", help="New active node signing key; the old one keeps verifying.")
        revoke = actions.add_parser("node-revoke", help="Withdraw a node key from the key set. Irreversible.")
        revoke.add_argument("--kid", help="The key id to revoke.")
        revoke.add_argument("--yes-really", action="store_true", help="Confirm the revocation.")

    def handle(self, *args: Any, **options: Any) -> None:
        handlers = {
            "list": self._list,
            "rotate": self._rotate,
            "rewrap": self._rewrap,
            "destroy": self._destroy,
            "node-list": self._node_list,
            "node-rotate": self._node_rotate,
            "node-revoke": self._node_revoke,
        }
        action = options.get("action")
        if action not in handlers:
            raise _usage_error(
                _(
                    "Say what to do: keys list | rotate | rewrap | destroy | node-list | node-rotate "
                    "| node-revoke."
                )
            )
        try:
            handlers[action](options)
        except (ValueError, CryptoError) as exc:
            raise _usage_error(str(exc)) from exc

    def _state(self, options: dict[str, Any]) -> str:
        state = (options.get("state") or "").strip().upper()
        if not state:
            raise _usage_error(_("Name the state with --state, for example --state KGZ."))
        return state

    def _list(self, options: dict[str, Any]) -> None:
        rows = StateDataKey.objects.order_by("state_id", "purpose", "version")
        if options.get("state"):
            rows = rows.filter(state_id=self._state(options))
        header = (
            _("STATE"),
            _("PURPOSE"),
            _("VERSION"),
            _("STATUS"),
            _("MASTER KEY"),
            _("CREATED"),
            _("RETIRED"),
        )
        lines = [header]
        for row in rows:
            retired = row.retired_at.isoformat(timespec="seconds") if row.retired_at else "-"
            created = row.created_at.isoformat(timespec="seconds")
            lines.append(
                (row.state_id, row.purpose, str(row.version), row.status, row.kek_id, created, retired)
            )
        if len(lines) == 1:
            self.stdout.write(_("No keys yet; they are created when a state first encrypts a value."))
            return
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        for line in lines:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
            )

    def _rotate(self, options: dict[str, Any]) -> None:
        if options.get("all"):
            states = list(
                StateDataKey.objects.filter(purpose=KeyPurpose.DATA, status=KeyStatus.ACTIVE)
                .order_by("state_id")
                .values_list("state_id", flat=True)
            )
        else:
            states = [self._state(options)]
        if not states:
            self.stdout.write(_("No state has an active data key; nothing to rotate."))
        for state in states:
            version = services.rotate_data_key(state=state)
            self.stdout.write(
                self.style.SUCCESS(
                    _("{state}: data key rotated to version {version}.").format(state=state, version=version)
                )
            )

    def _rewrap(self, options: dict[str, Any]) -> None:
        count = services.rewrap_keys()
        self.stdout.write(
            self.style.SUCCESS(
                _("Rewrapped {count} key(s) under the current master key.").format(count=count)
            )
        )

    def _destroy(self, options: dict[str, Any]) -> None:
        state = self._state(options)
        if not options.get("yes_really"):
            raise _usage_error(
                _(
                    "Destroying the keys of {state} makes every encrypted value of {state} unreadable "
                    "for good. Add --yes-really to proceed."
                ).format(state=state)
            )
        count = services.destroy_state_keys(state=state)
        self.stdout.write(
            self.style.WARNING(_("{state}: {count} key(s) destroyed.").format(state=state, count=count))
        )

    def _node_list(self, options: dict[str, Any]) -> None:
        rows = NodeSigningKey.objects.order_by("created_at", "id")
        if not rows.exists():
            self.stdout.write(_("No node signing key yet; one is created when the node first signs."))
            return
        lines = [(_("KEY ID"), _("STATUS"), _("MASTER KEY"), _("CREATED"), _("RETIRED"), _("REVOKED"))]
        for row in rows:
            lines.append(
                (
                    row.kid,
                    row.status,
                    row.kek_id,
                    row.created_at.isoformat(timespec="seconds"),
                    row.retired_at.isoformat(timespec="seconds") if row.retired_at else "-",
                    row.revoked_at.isoformat(timespec="seconds") if row.revoked_at else "-",
                )
            )
        widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
        for line in lines:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
            )

    def _node_rotate(self, options: dict[str, Any]) -> None:
        row = signing.node_key_rotate()
        self.stdout.write(self.style.SUCCESS(_("New active node key {kid}.").format(kid=row.kid)))

    def _node_revoke(self, options: dict[str, Any]) -> None:
        kid = (options.get("kid") or "").strip()
        if not kid:
            raise _usage_error(_("Name the key with --kid."))
        if not options.get("yes_really"):
            raise _usage_error(
                _(
                    "Messages signed with {kid} will no longer verify at any peer. "
                    "Add --yes-really to proceed."
                ).format(kid=kid)
            )
        signing.node_key_revoke(kid=kid)
        self.stdout.write(self.style.WARNING(_("Node key {kid} revoked.").format(kid=kid)))
