"""Attachments of cases: encrypted under the owner state's key, checked, on Django's storage API.

- The type is **sniffed from the bytes** (a short signature table for the few types a case
  needs: PDF, PNG, JPEG, WebP), never trusted from the name or the browser; anything else is
  refused. Why a table and not a library: ADR 0009, "Documents".
- Size limit ``settings.CORRIDOR_DOCUMENT_MAX_BYTES`` (default 10 MB), checked before anything
  is written; an empty file is refused.
- SHA-256 of the plaintext is kept and checked again on every read.
- Storage: ``storages["documents"]`` when the deployment configures it (for example an
  S3-compatible backend of django-storages), else ``storages["default"]``; settings only.
- The module that owns the case decides who may attach and read (it passes the permission);
  reads are audited ``document.viewed``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import InvalidStorageError, Storage, storages
from django.db import transaction
from django.utils.translation import gettext as _

from corridor.access import policy
from corridor.access.actor import Actor
from corridor.audit.services import audit_record
from corridor.cases.models import Document, DocumentKind
from corridor.core.errors import ApplicationError
from corridor.crypto import services as crypto
from corridor.crypto.fields import read_encrypted, set_encrypted

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_LABEL = "cases.document"


def _webp(head: bytes) -> bool:
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


# media type -> test on the first bytes (the files' published magic numbers)
SIGNATURES: dict[str, Callable[[bytes], bool]] = {
    "application/pdf": lambda head: head.startswith(b"%PDF-"),
    "image/png": lambda head: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "image/jpeg": lambda head: head.startswith(b"\xff\xd8\xff"),
    "image/webp": _webp,
}


def sniff(data: bytes) -> str | None:
    """The media type the bytes themselves declare, or None when not one of the allowed types."""
    head = data[:16]
    return next((media for media, test in SIGNATURES.items() if test(head)), None)


def max_bytes() -> int:
    return int(getattr(settings, "CORRIDOR_DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def document_storage() -> Storage:
    try:
        return storages["documents"]
    except InvalidStorageError:
        return storages["default"]


def _refuse(message: str) -> ApplicationError:
    return ApplicationError(_("The file was not accepted."), fields={"file": [message]})


def _check(data: bytes, kind: str) -> str:
    if kind not in DocumentKind.values:
        raise ApplicationError(
            _("Some fields are not valid."), fields={"kind": [_("Choose the kind of document.")]}
        )
    if not data:
        raise _refuse(_("The file is empty."))
    if len(data) > max_bytes():
        raise _refuse(_("The file is larger than {mb} MB.").format(mb=max_bytes() // (1024 * 1024)))
    media_type = sniff(data)
    if media_type is None:
        raise _refuse(_("Only PDF, PNG, JPEG and WebP files are accepted."))
    return media_type


@transaction.atomic
def document_attach(
    *, actor: Actor, record: Any, permission: str, kind: str, filename: str, data: bytes
) -> Document:
    """Attach ``data`` to ``record`` (a state-owned case); the actor needs ``permission`` there."""
    policy.require(actor, permission, state=record.state_id)
    media_type = _check(data, kind)
    document = Document(
        state_id=record.state_id,
        content_type=ContentType.objects.get_for_model(type(record)),
        object_uuid=record.uuid,
        kind=kind,
        media_type=media_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=actor.user,
    )
    set_encrypted(document, "filename", filename.strip()[:255])
    sealed = crypto.encrypt_bytes(
        state=document.state_id, model_label=_LABEL, field="content", record_id=document.uuid, data=data
    )
    # The storage may rename on a clash; keep the name it chose. A rollback leaves an orphan
    # file that no row names (encrypted, unreadable without the row's uuid): acceptable.
    document.storage_name = document_storage().save(
        f"cases/{document.state_id}/{document.uuid}", ContentFile(sealed)
    )
    document.save(force_insert=True)
    audit_record(
        actor=actor,
        action="document.attached",
        target=document,
        data={"case": str(record.uuid), "kind": kind, "type": media_type, "size": len(data)},
    )
    return document


def document_read(*, actor: Actor, document: Document, permission: str) -> tuple[str, str, bytes]:
    """(file name, media type, bytes) of a document of the actor's state; audited. Raises
    ``DecryptionError`` when the stored file was altered or does not match its SHA-256."""
    policy.require(actor, permission, state=document.state_id)
    with document_storage().open(document.storage_name, "rb") as handle:
        sealed = handle.read()
    data = crypto.decrypt_bytes(
        state=document.state_id, model_label=_LABEL, field="content", record_id=document.uuid, blob=sealed
    )
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise crypto.DecryptionError(_("The stored file does not match its checksum."))
    audit_record(actor=actor, action="document.viewed", target=document)
    return read_encrypted(document, "filename"), document.media_type, data


def documents_for(*, record: Any) -> list[Document]:
    """The documents of a case the caller already fetched for the actor."""
    rows = Document.objects.for_state(record.state_id).filter(
        content_type=ContentType.objects.get_for_model(type(record)), object_uuid=record.uuid
    )
    return list(rows.order_by("created_at", "id"))
