"""Seed the corridor rules of the labour-mobility brief (§9, public material to early 2026).

One row per (citizenship, destination) for every Almaty Process member and observer going
to Türkiye, Russia or Kazakhstan. Where the brief says nothing about a corridor the row
says so ("not known: check with the consulate") rather than guessing. Confidence marks
follow the brief: V verified, S one secondary source, ? uncertain, - not graded.
"""

import datetime as dt

from django.db import migrations

VERIFIED_ON = dt.date(2026, 1, 31)  # the brief's cut-off: "public material to early 2026"
NOT_COVERED = "Not covered by the sources reviewed for the brief (early 2026). Check with the consulate."

TUR_BASE = {
    "passport_validity_days": 60,
    "registration_note": (
        "No separate registration for a visa-free stay. To stay longer, apply for a residence permit "
        "on e-İkamet before the visa or visa exemption expires; an unused permit lapses after 6 months; "
        "the decision can take up to 90 days (secondary source)."
    ),
    "work_authorisation": "work_permit",
    "permit_renewal_days": 60,
    "work_note": (
        "A visa-free stay gives no right to work. The work permit is started at a Turkish consulate; "
        "the employer files online (e-Devlet) within 10 working days, missing documents within 30 days. "
        "First permit up to 1 year, then up to 2, then up to 3 years with the same employer; extension "
        "from 60 days before expiry; indefinite after 8 years; appeal within 30 days. "
        "Source: Law 6735 on International Labour Force (2016); ÇSGB FAQ."
    ),
    "stay_note": (
        "Overstay of up to 15 days: minimum fine (about US$165); longer or unpaid: deportation and entry "
        "ban; illegal work: ban of at least 5 years; leaving without paying: code Ç-120, ban up to 5 years "
        "(Kyrgyz MFA; Ç-120 from a secondary source)."
    ),
}

RUS_BASE = {
    "year_days": 90,
    "entry_days": 90,
    "effective_from": dt.date(2025, 1, 1),
    "legal_source": "Federal Law 260-FZ amending 115-FZ (in force 1 January 2025)",
    "stay_note": (
        "At most 90 days per calendar year and 90 days in a row (replaced 90 in 180 from 1 January 2025). "
        "Since 5 February 2025 people without legal grounds to stay are entered in the RKL register "
        "(banking, driving, marriage and school limits; secondary source). ruID pre-entry notice at least "
        "72 hours before arrival is an experiment from 30 June 2025 to 30 June 2026; missing it is not a "
        "ground for refusal."
    ),
    "registration_days": 7,
    "registration_day_kind": "working",
    "registration_note": "Migration registration at the place of stay (general rule: 7 working days).",
}

PATENT = {
    "work_authorisation": "patent",
    "permit_apply_days": 30,
    "work_note": (
        "Apply for a patent within 30 days of entry: certificate of Russian language, history and law; "
        "medical check, fingerprints and photo within 30 days (since 29 December 2021). Valid 1–12 months "
        "while the monthly tax advance is paid (it lapses if a payment is missed); reissue after 12 "
        "months; valid only in the issuing region. The employer notifies the MVD within 3 working days "
        "of the contract starting or ending. Source: Law 115-FZ and amendments."
    ),
}

EAEU_RUS = {
    "work_authorisation": "not_needed",
    "registration_days": 30,
    "registration_day_kind": "calendar",
    "registration_note": "Migration registration within 30 days (EAEU rules).",
    "work_note": (
        "EAEU citizens need no patent. With an employment contract the stay follows the contract term; "
        "if the contract ends after 90 days, there are 15 days to find a new job (EAEU rules)."
    ),
    "confidence": "?",
    "visa_note": "Visa-free (EAEU).",
}

KAZ_NON_EAEU = {
    "work_authorisation": "work_permit",
    "work_note": (
        "Employers need a foreign-labour permit: a quota plus a 15-day vacancy posting on enbek.kz (from "
        "1 September 2025, EY tax alert). Household workers: labour-immigrant permit of up to 12 months "
        "via eGov or migration.enbek.kz (2025 rules, secondary source)."
    ),
}


def _unknown(citizenship, destination, **extra):
    row = {
        "stay_basis": "unknown",
        "visa_required": None,
        "legal_source": NOT_COVERED,
        "confidence": "-",
        "work_authorisation": "unknown",
    }
    row.update(extra)
    return {"citizenship_id": citizenship, "destination_id": destination, **row}


def turkiye_rules():
    rolling = {"rolling_days": 90, "rolling_window": 180, "visa_required": False}
    visa = {"stay_basis": "visa", "visa_required": True}
    rows = {
        "KAZ": {
            **rolling,
            "legal_source": "Presidential Decree 327, Resmi Gazete, 11 November 2018",
            "effective_from": dt.date(2018, 11, 11),
            "confidence": "V",
        },
        "UZB": {
            **rolling,
            "legal_source": "Presidential Decree 327, Resmi Gazete, 11 November 2018",
            "effective_from": dt.date(2018, 11, 11),
            "confidence": "V",
        },
        "KGZ": {
            **rolling,
            "legal_source": "Kyrgyz Ministry of Foreign Affairs, consular page",
            "confidence": "V",
            "visa_note": "A 6-month stay was announced in February 2024, but no legal act was found (uncertain).",
        },
        "AZE": {
            "entry_days": 90,
            "visa_required": False,
            "confidence": "?",
            "legal_source": "Türkiye–Azerbaijan visa exemption agreement of 25 February 2020, in force 13 August 2020",
            "effective_from": dt.date(2020, 8, 13),
            "visa_note": "90 days visa-free; national ID card accepted from 1 April 2021. The brief gives "
            "90 days without saying how they are counted; check with the consulate.",
        },
        "IRN": {**rolling, "legal_source": "Embassy of Iran in Ankara", "confidence": "V"},
        "TJK": {
            **visa,
            "confidence": "?",
            "effective_from": dt.date(2024, 4, 20),
            "legal_source": "Tajik press (vecherka.tj), April 2024",
            "visa_note": "Visa required since 20 April 2024 (US$60 single entry, US$190 multiple), "
            "announced as temporary; the current position is uncertain.",
        },
        "TKM": {
            **visa,
            "confidence": "V",
            "legal_source": "RFE/RL, September 2022",
            "visa_note": "Visa required since September 2022.",
        },
        "AFG": {
            **visa,
            "confidence": "S",
            "legal_source": "Secondary sources",
            "visa_note": "Visa required.",
        },
        "PAK": {
            **visa,
            "confidence": "S",
            "legal_source": "Secondary sources",
            "visa_note": "Visa required; 30-day e-visa for holders of a Schengen, US, UK or Irish visa "
            "or residence permit.",
        },
    }
    return [{"citizenship_id": c, "destination_id": "TUR", **TUR_BASE, **row} for c, row in rows.items()]


def russia_rules():
    rows = []
    for citizen, days, source in (
        ("UZB", 15, "agreement in force 4 June 2022"),
        ("TJK", 15, "agreement of 2013"),
    ):
        rows.append(
            {
                **RUS_BASE,
                **PATENT,
                "citizenship_id": citizen,
                "visa_required": False,
                "confidence": "V",
                "registration_days": 15,
                "registration_day_kind": "calendar",
                "registration_note": f"Migration registration within {days} days ({source}).",
            }
        )
    rows.append({**RUS_BASE, **PATENT, "citizenship_id": "AZE", "visa_required": False, "confidence": "V"})
    for citizen in ("KAZ", "KGZ"):
        rows.append(
            {
                **RUS_BASE,
                **EAEU_RUS,
                "citizenship_id": citizen,
                "visa_required": False,
                "stay_note": RUS_BASE["stay_note"] + " Whether the 90-day limit or the contract term "
                "applies to an EAEU citizen without a contract is not settled in our sources.",
            }
        )
    for citizen in ("AFG", "IRN", "PAK", "TKM", "TUR"):
        rows.append(
            _unknown(
                citizen,
                "RUS",
                registration_days=7,
                registration_day_kind="working",
                registration_note=RUS_BASE["registration_note"],
            )
        )
    for row in rows:
        row["destination_id"] = "RUS"
    return rows


def kazakhstan_rules():
    non_eaeu = "Rules for visa-free foreigners from 27 January 2023 (secondary source)"
    rows = [
        {
            **KAZ_NON_EAEU,
            "citizenship_id": "UZB",
            "visa_required": False,
            "rolling_days": 90,
            "rolling_window": 180,
            "registration_days": 30,
            "confidence": "V",
            "legal_source": "Kazakhstan–Uzbekistan protocol, January–February 2023",
            "registration_note": "Up to 30 days without registration; register to stay longer.",
        },
        {
            **KAZ_NON_EAEU,
            "citizenship_id": "TJK",
            "visa_required": False,
            "entry_days": 90,
            "registration_days": 30,
            "confidence": "S",
            "legal_source": "Kazakhstan–Tajikistan agreement of 2018",
            "registration_note": "Up to 30 days without registration; at most 90 days.",
        },
        {
            "citizenship_id": "KGZ",
            "visa_required": False,
            "entry_days": 90,
            "registration_days": 3,
            "registration_day_kind": "working",
            "work_authorisation": "not_needed",
            "confidence": "S",
            "legal_source": "EAEU rules (secondary source)",
            "visa_note": "Visa-free (EAEU).",
            "registration_note": "The host files an eQonaq notice within 3 working days.",
            "stay_note": "A temporary residence permit is needed after 90 days.",
            "work_note": "EAEU citizens need no work permit.",
        },
    ]
    for citizen in ("AZE", "TUR"):
        rows.append(
            {
                **KAZ_NON_EAEU,
                "citizenship_id": citizen,
                "visa_required": None,
                "entry_days": 30,
                "rolling_days": 90,
                "rolling_window": 180,
                "confidence": "?",
                "legal_source": non_eaeu,
                "effective_from": dt.date(2023, 1, 27),
                "visa_note": "The brief gives the rule for visa-free foreigners but does not confirm that "
                "this citizenship is visa-free. Check with the consulate.",
            }
        )
    rows += [_unknown(citizen, "KAZ") for citizen in ("AFG", "IRN", "PAK", "TKM")]
    for row in rows:
        row["destination_id"] = "KAZ"
    return rows


def seed(apps, schema_editor):
    CorridorRule = apps.get_model("guidance", "CorridorRule")
    rows = turkiye_rules() + russia_rules() + kazakhstan_rules()
    for row in rows:
        CorridorRule.objects.create(last_verified_on=VERIFIED_ON, version=1, is_current=True, **row)


def unseed(apps, schema_editor):
    apps.get_model("guidance", "CorridorRule").objects.filter(version=1, changed_by=None).delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_initial"), ("reference", "0002_load_countries")]

    operations = [migrations.RunPython(seed, unseed)]
