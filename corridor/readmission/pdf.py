"""The travel document as a one-page PDF with a QR code, written directly (ADR 0013).

No PDF library is among the dependencies and the page is simple: text in the PDF standard
font Helvetica and the QR code's modules as filled squares. Helvetica's WinAnsi encoding has
no Cyrillic and no Turkish dotless i, so the document prints names in plain Latin letters
(as a machine-readable zone would); the case keeps the names in every script.
"""

from __future__ import annotations

import unicodedata
import zlib
from typing import Any

import qrcode
from django.utils import translation

PAGE_W, PAGE_H = 420, 595  # A5 portrait in points
LATIN_EXTRA = str.maketrans({"ı": "i", "İ": "I", "ş": "s", "Ş": "S", "ğ": "g", "Ğ": "G", "ø": "o", "Ø": "O"})


def ascii_text(value: str) -> str:
    """Plain printable ASCII: accents dropped, anything else replaced by '?'."""
    folded = unicodedata.normalize("NFKD", str(value).translate(LATIN_EXTRA))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return "".join(ch if 32 <= ord(ch) < 127 else "?" for ch in plain)


def _escape(text: str) -> str:
    return ascii_text(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _qr_ops(url: str, x: float, y: float, size: float) -> str:
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    cell = size / len(matrix)
    ops = ["0 g"]
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                left = x + col_index * cell
                bottom = y + size - (row_index + 1) * cell
                ops.append(f"{left:.2f} {bottom:.2f} {cell:.2f} {cell:.2f} re")
    ops.append("f")
    return "\n".join(ops)


def _text(x: float, y: float, size: int, text: str) -> str:
    return f"BT /F1 {size} Tf {x} {y} Td ({_escape(text)}) Tj ET"


def page_content(lines: list[tuple[int, str]], url: str) -> bytes:
    ops = ["0.2 0.2 0.5 RG 2 w 20 20 380 555 re S"]
    y = 540
    for size, text in lines:
        ops.append(_text(40, y, size, text))
        y -= size + 10
    ops.append(_qr_ops(url, 110, 40, 200))
    ops.append(_text(40, 28, 7, url))
    return "\n".join(ops).encode("ascii")


def build_pdf(content: bytes) -> bytes:
    """A minimal PDF 1.4 file: catalog, one page, Helvetica, one compressed content stream."""
    stream = zlib.compress(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
        "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode() + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def travel_document(document: Any, *, verify_url: str) -> bytes:
    """The document in English and the issuing state's code; only what the paper must print."""
    birth = document.holder_birth_date.isoformat() if document.holder_birth_date else "-"
    with translation.override("en"):
        kind = str(document.get_kind_display())
    lines = [
        (16, kind),
        (11, f"Issued by: {document.state.name} ({document.state_id})"),
        (11, f"Number: {document.number}"),
        (13, f"Holder: {document.holder_name}"),
        (11, f"Date of birth: {birth}"),
        (11, f"Valid from {document.valid_from.isoformat()} until {document.valid_until.isoformat()}"),
        (11, "Valid for one journey to the issuing state."),
        (9, "Scan the code to check that this document is valid."),
    ]
    return build_pdf(page_content(lines, verify_url))
