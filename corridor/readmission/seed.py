"""The agreements Corridor starts with, as plain data (loaded by migration 0003).

Every number carries its source. ``verified`` is False wherever the primary text was not at
hand: the Türkiye–Kyrgyzstan agreement exists (the policy brief names it) but its text was
not available when this was written, so its limits are the standard terms' and are shown
as unverified until someone checks them against the treaty.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

BRIEF = "Corridor protection brief §2 (agreement time limits)"
STANDARD_SOURCE = (
    "Almaty Process standard terms (proposal; not adopted by any state yet), built from the "
    "readmission agreements compared in the protection brief §2"
)
TUR_KGZ_SOURCE = (
    "Agreement between the Republic of Türkiye and the Kyrgyz Republic on readmission — named "
    "in the Almaty Process policy brief as existing; primary text not at hand: seeded from the "
    "standard terms, unverified"
)

# kind: (amount, unit, extension_amount, max_extensions, breach_action, source)
STANDARD_LIMITS: dict[str, tuple[int, str, int, int, str, str]] = {
    "submit": (180, "calendar_days", 0, 0, "expire", f"{BRIEF}: submit ≤180 days (a 2009 agreement)"),
    "acknowledge": (
        2,
        "working_days",
        0,
        0,
        "notify",
        "Corridor proposal: acknowledge within 2 working days",
    ),
    "reply": (
        25,
        "calendar_days",
        35,
        1,
        "deem_accepted",
        f"{BRIEF}: reply ≤25 days, extendable to 60; silence = acceptance (a 2009 agreement)",
    ),
    "reply_accelerated": (
        2,
        "working_days",
        0,
        0,
        "deem_accepted",
        f"{BRIEF}: accelerated border procedure, 2 working days (EU–Georgia, unverified)",
    ),
    "travel_document": (
        14,
        "calendar_days",
        16,
        1,
        "escalate",
        f"{BRIEF}: travel document ≤14 days, at most 30 (EU–Sri Lanka)",
    ),
    "transfer": (90, "calendar_days", 0, 0, "notify", f"{BRIEF}: transfer ≤90 days (a 2009 agreement)"),
}

# code, name, strength
STANDARD_EVIDENCE: list[tuple[str, str, str]] = [
    ("passport", "Passport of any kind, valid or expired", "proof"),
    ("national_id", "National identity card", "proof"),
    ("military_id", "Military service book or identity card", "proof"),
    ("seaman_book", "Seaman's book", "proof"),
    ("citizenship_certificate", "Certificate of citizenship", "proof"),
    ("passport_copy", "Photocopy of a passport or identity card", "presumption"),
    ("driving_licence", "Driving licence", "presumption"),
    ("birth_certificate", "Birth certificate", "presumption"),
    ("official_statement", "Statement of an official or a witness", "presumption"),
    ("language", "Language spoken, established by an official test", "presumption"),
    ("person_statement", "The person's own statement", "presumption"),
]

AGREEMENTS: list[dict[str, Any]] = [
    {
        "code": "ap-standard",
        "title": "Almaty Process standard readmission terms",
        "is_template": True,
        "parties": [],
        "covers_own_nationals": True,
        "covers_third_country": True,
        "covers_stateless": True,
        "covers_transit": True,
        "silence_is_acceptance": True,
        "has_accelerated_procedure": True,
        "languages": ["en", "ru"],
        "valid_from": dt.date(2026, 1, 1),
        "legal_source": STANDARD_SOURCE,
        "verified": False,
        "notes": "A template states may adopt; every limit shows where it comes from.",
        "limits": STANDARD_LIMITS,
        "limit_verified": False,
        "evidence": STANDARD_EVIDENCE,
    },
    {
        "code": "tur-kgz",
        "title": "Türkiye–Kyrgyzstan readmission agreement",
        "is_template": False,
        "parties": ["TUR", "KGZ"],
        "covers_own_nationals": True,
        "covers_third_country": True,
        "covers_stateless": False,
        "covers_transit": True,
        "silence_is_acceptance": True,
        "has_accelerated_procedure": True,
        "languages": ["tr", "ky", "ru"],
        "valid_from": dt.date(2020, 1, 1),
        "legal_source": TUR_KGZ_SOURCE,
        "verified": False,
        "notes": (
            "Scope, dates and limits are placeholders from the standard terms until checked "
            "against the treaty text (the date of entry into force is not at hand either)."
        ),
        "limits": {kind: (*values[:5], TUR_KGZ_SOURCE) for kind, values in STANDARD_LIMITS.items()},
        "limit_verified": False,
        "evidence": STANDARD_EVIDENCE,
    },
]


def load(apps: Any, agreements: list[dict[str, Any]] | None = None) -> None:
    """Create or update the agreements, their ``TimeLimit`` rows and evidence annexes."""
    Agreement = apps.get_model("readmission", "Agreement")
    AgreementLimit = apps.get_model("readmission", "AgreementLimit")
    EvidenceType = apps.get_model("readmission", "EvidenceType")
    TimeLimit = apps.get_model("cases", "TimeLimit")
    for spec in agreements or AGREEMENTS:
        fields = {
            k: v
            for k, v in spec.items()
            if k not in ("code", "parties", "limits", "limit_verified", "evidence")
        }
        agreement, _ = Agreement.objects.update_or_create(code=spec["code"], defaults=fields)
        agreement.parties.set(spec["parties"])
        for kind, (amount, unit, ext, max_ext, breach, source) in spec["limits"].items():
            limit, _ = TimeLimit.objects.update_or_create(
                code=f"readmission.{spec['code']}.{kind}",
                state=None,
                effective_from=spec["valid_from"],
                defaults={
                    "amount": amount,
                    "unit": unit,
                    "extension_amount": ext,
                    "max_extensions": max_ext,
                    "breach_action": breach,
                    "legal_source": source,
                },
            )
            AgreementLimit.objects.update_or_create(
                agreement=agreement,
                kind=kind,
                defaults={"time_limit": limit, "verified": spec["limit_verified"]},
            )
        for code, name, strength in spec["evidence"]:
            EvidenceType.objects.update_or_create(
                agreement=agreement, code=code, defaults={"name": name, "strength": strength, "annex": ""}
            )
