from __future__ import annotations

import hashlib

import pytest
from django.core.files.base import ContentFile

from corridor.audit.models import AuditEvent
from corridor.cases.documents import document_attach, document_read, document_storage, documents_for, sniff
from corridor.cases.models import Document
from corridor.core.errors import ApplicationError, Forbidden
from corridor.crypto.errors import DecryptionError

pytestmark = pytest.mark.django_db
PERM = "recruitment.manage_agencies"
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_attach_stores_encrypted_bytes_and_reads_them_back(make_licence, kgz_labour):
    licence = make_licence()
    document = document_attach(
        actor=kgz_labour,
        record=licence,
        permission=PERM,
        kind="evidence",
        filename="Contract Aibek.pdf",
        data=PDF,
    )
    assert (document.media_type, document.size, document.sha256) == (
        "application/pdf",
        len(PDF),
        hashlib.sha256(PDF).hexdigest(),
    )
    with document_storage().open(document.storage_name, "rb") as handle:
        stored = handle.read()
    assert PDF not in stored and b"%PDF" not in stored
    assert "Aibek" not in document.filename_ciphertext
    name, media_type, data = document_read(actor=kgz_labour, document=document, permission=PERM)
    assert (name, media_type, data) == ("Contract Aibek.pdf", "application/pdf", PDF)
    assert [d.pk for d in documents_for(record=licence)] == [document.pk]
    assert AuditEvent.objects.filter(action="document.attached").count() == 1
    assert AuditEvent.objects.filter(action="document.viewed").count() == 1


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (PDF, "application/pdf"),
        (PNG, "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"MZ\x90\x00", None),  # a Windows program named .pdf
        (b"<html><script>", None),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", None),
    ],
)
def test_type_is_sniffed_from_the_bytes(data, expected):
    assert sniff(data) == expected


@pytest.mark.parametrize(
    ("data", "kind", "field"),
    [
        (b"MZ\x90\x00 pretending", "evidence", "file"),
        (b"", "evidence", "file"),
        (PDF, "selfie", "kind"),
    ],
)
def test_refused_files_write_nothing(make_licence, kgz_labour, data, kind, field):
    with pytest.raises(ApplicationError) as caught:
        document_attach(
            actor=kgz_labour, record=make_licence(), permission=PERM, kind=kind, filename="x.pdf", data=data
        )
    assert field in caught.value.fields
    assert not Document.objects.unscoped().exists()


def test_size_limit_comes_from_settings(make_licence, kgz_labour, settings):
    settings.CORRIDOR_DOCUMENT_MAX_BYTES = 1024 * 1024
    big = b"%PDF-" + b"0" * (1024 * 1024)
    with pytest.raises(ApplicationError) as caught:
        document_attach(
            actor=kgz_labour,
            record=make_licence(),
            permission=PERM,
            kind="evidence",
            filename="b.pdf",
            data=big,
        )
    assert caught.value.fields == {"file": ["The file is larger than 1 MB."]}


def test_outsider_cannot_attach_or_read(make_licence, kgz_labour, tur_labour):
    licence = make_licence()
    with pytest.raises(Forbidden):
        document_attach(
            actor=tur_labour, record=licence, permission=PERM, kind="evidence", filename="x.pdf", data=PDF
        )
    document = document_attach(
        actor=kgz_labour, record=licence, permission=PERM, kind="evidence", filename="x.pdf", data=PDF
    )
    with pytest.raises(Forbidden):
        document_read(actor=tur_labour, document=document, permission=PERM)
    assert not AuditEvent.objects.filter(action="document.viewed").exists()


def test_an_altered_stored_file_is_refused(make_licence, kgz_labour):
    document = document_attach(
        actor=kgz_labour, record=make_licence(), permission=PERM, kind="photo", filename="p.png", data=PNG
    )
    storage = document_storage()
    with storage.open(document.storage_name, "rb") as handle:
        sealed = bytearray(handle.read())
    sealed[-1] ^= 1
    storage.delete(document.storage_name)
    storage.save(document.storage_name, ContentFile(bytes(sealed)))
    with pytest.raises(DecryptionError):
        document_read(actor=kgz_labour, document=document, permission=PERM)
