"""The audit chain anchored outside the node: signed checkpoints kept by witnesses.

The hash chain proves that no event was edited in place, but someone who controls the
database can delete the newest events, or rewrite the whole chain and hash it again, and the
chain alone still looks intact. So at intervals the node signs a checkpoint — the number of
events and the hash of the newest one — with its Ed25519 node key (``crypto.signing``) and
hands it to witnesses that the database's administrators do not control. ``verify_witnessed``
then checks the chain against every checkpoint a witness holds:

- a checkpoint names event #N but the chain ends before it: the newest events were deleted;
- event #N is there but its hash differs from the checkpoint: the chain was rewritten;
- a checkpoint whose signature does not verify: the witness's record was forged.

Witnesses here are append-only files (``settings.CORRIDOR_AUDIT_WITNESSES``: paths, e.g. on
another machine's mount or a write-once store). Sending checkpoints to the other national
nodes and the regional hub through ``corridor.exchange`` is the next step: a witness there
needs only ``append`` and ``tokens``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from corridor.audit.models import AuditEvent

CHECKPOINT_TYPE = "corridor-audit-checkpoint"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    head_hash: str
    token: str


class FileWitness:
    """One line per checkpoint, opened for appending only and flushed to disk each time."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def append(self, token: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(descriptor, token.encode("ascii") + b"\n")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def tokens(self) -> list[str]:
        if not self.path.exists():
            return []
        return [line.strip() for line in self.path.read_text(encoding="ascii").splitlines() if line.strip()]

    def __str__(self) -> str:
        return str(self.path)


def witnesses() -> list[FileWitness]:
    return [FileWitness(path) for path in getattr(settings, "CORRIDOR_AUDIT_WITNESSES", [])]


def checkpoint_publish() -> Checkpoint | None:
    """Sign the chain's head and give it to every witness; None when there is no event yet."""
    from corridor.crypto.signing import node_sign

    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    if head is None:
        return None
    payload = {
        "iss": settings.CORRIDOR_NODE_ID,
        "seq": head[0],
        "hash": head[1],
        "at": timezone.now().isoformat(timespec="seconds"),
    }
    token = node_sign(payload, typ=CHECKPOINT_TYPE)
    for witness in witnesses():
        witness.append(token)
    return Checkpoint(seq=head[0], head_hash=head[1], token=token)


def verify_witnessed() -> list[str]:
    """Problems found by checking the chain against every witness's checkpoints (empty: none)."""
    from corridor.crypto.errors import CryptoError
    from corridor.crypto.signing import node_verify

    problems: list[str] = []
    last = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    for witness in witnesses():
        for token in witness.tokens():
            try:
                verified = node_verify(token)
                checkpoint = verified.json()
            except (CryptoError, ValueError) as exc:
                problems.append(f"{witness}: a checkpoint does not verify ({type(exc).__name__})")
                continue
            if verified.header.get("typ") != CHECKPOINT_TYPE:
                problems.append(f"{witness}: a signed message that is not an audit checkpoint")
                continue
            seq, expected = int(checkpoint["seq"]), str(checkpoint["hash"])
            if seq > last:
                problems.append(
                    f"{witness}: checkpoint of {checkpoint['at']} names event #{seq}, "
                    f"but the chain ends at #{last}: events #{last + 1}–#{seq} were deleted"
                )
                continue
            found = AuditEvent.objects.filter(seq=seq).values_list("hash", flat=True).first()
            if found != expected:
                problems.append(
                    f"{witness}: event #{seq} does not have the hash witnessed on {checkpoint['at']}: "
                    "the chain was rewritten"
                )
    return problems
