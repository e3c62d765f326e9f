"""Seed a practice profile for each of the ten Almaty Process states (members and observers).

Written by the Corridor team from the two seed documents (the policy brief "Central Asia –
Turkey migration corridor" and the concept note of the 24 May 2022 experts' meeting) and the
domain briefs (labour mobility, statistics, protection; public material to early 2026).
Nothing here comes from elsewhere: where those sources say nothing, the profile says so
instead of guessing. A fact the briefs grade as one secondary source or uncertain is marked
"(unverified)". English only — the model has no per-language content yet.

These versions have no author (`created_by` is empty): the pages say they were compiled from
public sources and not yet reviewed by the state. A state's own edit is simply a new version.
"""

import datetime

from django.db import migrations

LAST_VERIFIED = datetime.date(2026, 1, 31)  # the domain briefs' cut-off ("early 2026")

NOT_COVERED = (
    "Not covered by the sources used for this profile; ask the state's labour or migration ministry."
)

BRIEF = "Policy brief *Central Asia – Turkey Migration Corridor: Rebooting Regional Cooperation under the Almaty Process*"
NOTE = "Concept note, Almaty Process online technical experts' meeting, 24 May 2022"
LM = "Corridor domain brief *Labour mobility* (public material to early 2026)"
ST = "Corridor domain brief *Statistics* (figures as stated in the seed documents)"
PR = "Corridor domain brief *Protection*"

PROFILES = {
    "AFG": {
        "visa_regimes": """- **To Türkiye:** citizens of Afghanistan need a visa *(unverified: one secondary source)*.
- Entry and stay rules for foreigners in Afghanistan: not covered by our sources.""",
        "permit_types": NOT_COVERED,
        "procedures": """- Afghanistan is mainly a country of origin. Under the UNECE/Eurostat guidelines (2010) it can estimate emigration from its partners' immigration data (mirror statistics).
- Afghan statistics use the Solar Hijri year (starting about 21 March); figures exchanged with other states must be converted and the original period kept.""",
        "recruitment_rules": NOT_COVERED,
        "priorities": """- Member state of the Almaty Process.
- Safety on the routes: IOM counted 1,068 Afghan deaths on migration routes in 2023, most of them between Afghanistan and Iran (reported by KabulNow, March 2024).
- Pre-departure information in Dari and Pashto is among the needs the Process names for migrants on these corridors.""",
        "sources": f"""- {LM}, §8–9 (visa to Türkiye, graded secondary).
- {ST}, §7 (mirror statistics, Solar Hijri year).
- {PR} (missing migrants: KabulNow citing IOM, March 2024).
- {BRIEF}, footnote 22 (list of member states).""",
    },
    "AZE": {
        "visa_regimes": """- **To Türkiye:** visa-free for up to 90 days; since 1 April 2021 a national identity card is accepted instead of a passport (mutual visa-exemption agreement of 25 February 2020, in force 13 August 2020).
- **To Russia:** a visa-free stay is limited to 90 days per calendar year and 90 days in a row (Federal Law 260-FZ, from 1 January 2025).
- Entry rules for foreigners coming to Azerbaijan: not covered by our sources.""",
        "permit_types": """- **Working in Russia:** citizens of Azerbaijan are outside the Eurasian Economic Union and need a **patent** (Law 115-FZ).
- Residence and work permits for foreigners in Azerbaijan: not covered by our sources.""",
        "procedures": """- **Russian patent:** apply within 30 days of entry, with a language, history and law certificate, medical check, fingerprints and photo; the patent is paid by a monthly tax advance for 1 to 12 months and is valid only in the region that issued it (Law 115-FZ).
- Procedures in Azerbaijan itself: not covered by our sources.""",
        "recruitment_rules": NOT_COVERED,
        "priorities": """- Member state; named among the states actively working on labour-migration agreements (Strategic Direction 2) and interested in reintegration of returning migrants (Strategic Direction 6).
- Founding member of the Turkic Council (2009).
- Has a readmission agreement with the European Union (European Court of Auditors, Special Report 17/2021).
- Türkiye identified 28 Azerbaijani victims of trafficking between 2015 and 2019 (DGMM).""",
        "sources": f"""- {LM}, §9 (corridor rules to Türkiye and Russia, graded verified).
- {BRIEF} (visa exemption since 2020; Strategic Directions 2 and 6; trafficking figures from DGMM).
- {ST}, §8.
- {PR} (EU readmission agreements).""",
    },
    "KAZ": {
        "visa_regimes": """- **Citizens of Kazakhstan to Türkiye:** visa-free, 90 days in any 180 (Presidential Decree 327, Resmi Gazete, 11 November 2018).
- **Visitors to Kazakhstan:** citizens of visa-free states outside the Eurasian Economic Union stay 30 days per entry and at most 90 days in any 180 (rules from 27 January 2023) *(unverified: one secondary source)*.
- Citizens of Uzbekistan: 30 days without registration, 90 days in any 180 (protocol, January–February 2023).
- Citizens of Tajikistan: 30 days without registration, 90 days at most (2018 agreement) *(unverified: one secondary source)*.""",
        "permit_types": """- **Citizens of Eurasian Economic Union states** (e.g. Kyrgyzstan) need no work permit; a temporary residence permit is needed after 90 days *(unverified)*.
- **Household workers:** a labour-immigrant permit for up to 12 months, through eGov or migration.enbek.kz (2025 rules) *(unverified)*.
- **Employers hiring foreigners:** a foreign-labour permit within the quota (from 1 September 2025).""",
        "procedures": """- The host of a citizen of a Union state files a notice through eQonaq within 3 working days *(unverified)*.
- Before a foreign-labour permit, the employer must post the vacancy for 15 days on enbek.kz (from 1 September 2025; EY tax alert).
- **Kazakh citizens working in Russia** need no patent (Union rules); the stay follows the contract term, and migration registration is due within 30 days.""",
        "recruitment_rules": """- Vacancies are published on the national job portal enbek.kz (101.1 thousand vacancies posted in November 2025, Kazinform); the 15-day posting rule above applies before foreign hiring.
- Licensing of private recruitment agencies: not covered by our sources.""",
        "priorities": """- Member state; both a destination and a country of origin. Named among the states actively working on labour-migration agreements (Strategic Direction 2) and interested in reintegration (Strategic Direction 6).
- Founding member of the Turkic Council (2009); a joint Turkish–Kazakh university (Hoca Ahmet Yesevi).
- 26.7 % of young people in Kazakhstan said they plan to live or study abroad (Friedrich-Ebert-Stiftung study, p. 56).""",
        "sources": f"""- {LM}, §9 (corridor rules; 2023 and 2025 rules graded as in the brief) and §11 (enbek.kz figure).
- {BRIEF} (Turkic Council, joint university, FES youth survey, Strategic Directions).
- {ST}, §8.""",
    },
    "KGZ": {
        "visa_regimes": """- **To Türkiye:** visa-free, 90 days in any 180 (Kyrgyz Ministry of Foreign Affairs consulate page). A 6-month stay was announced in February 2024, but no legal act has been found *(unverified)*.
- **To Russia:** Kyrgyzstan is in the Eurasian Economic Union: no patent is needed and the stay follows the employment contract.
- **To Kazakhstan:** no work permit is needed (Union rules) *(unverified)*.
- Entry rules for foreigners coming to Kyrgyzstan: not covered by our sources.""",
        "permit_types": """- **In Türkiye** a Kyrgyz citizen works only with a Turkish work permit (Law 6735, 2016); a visa-free stay gives no right to work.
- **In Russia:** no patent; if a contract that lasted more than 90 days ends, the worker has 15 days to find a new job.
- Permits for foreigners in Kyrgyzstan: not covered by our sources.""",
        "procedures": """- **Russia:** migration registration within 30 days (Union rules).
- **Kazakhstan:** the host files an eQonaq notice within 3 working days; temporary residence after 90 days *(unverified)*.
- **Türkiye:** overstaying up to 15 days brings a minimum fine; longer or unpaid overstays lead to deportation and an entry ban (Kyrgyz Ministry of Foreign Affairs).""",
        "recruitment_rules": NOT_COVERED,
        "priorities": """- Member state; a major country of origin: more than 1 million of 7 million citizens are in migration (Azattyk, 2023).
- Kyrgyzstan was the second nationality among work-permit holders in Türkiye in 2019 (ÇSGB).
- Agreements with Türkiye: portability of pensions and social benefits (April 2018); a readmission agreement is in place.
- Interested in reintegration of returning migrants (Strategic Direction 6). Türkiye is the third destination for Kyrgyz students.
- Türkiye identified 127 Kyrgyz victims of trafficking between 2015 and 2019 (DGMM).""",
        "sources": f"""- {LM}, §9 and §11.
- {BRIEF} (work permits 2019, agreements, Strategic Direction 6, trafficking figures).
- {ST}, §8.""",
    },
    "TJK": {
        "visa_regimes": """- **To Türkiye:** a visa has been required since 20 April 2024 (US$60 single entry, US$190 multiple; announced as temporary; Tajik press). The 2018 visa exemption mentioned in the policy brief no longer applies. Whether the requirement still holds: *unverified*.
- **To Russia:** visa-free stay limited to 90 days per calendar year and 90 days in a row (Federal Law 260-FZ, from 1 January 2025).
- **To Kazakhstan:** 30 days without registration, 90 days at most (2018 agreement) *(unverified: one secondary source)*.""",
        "permit_types": """- **Working in Russia:** a **patent** (Law 115-FZ), for 1 to 12 months, renewed by monthly tax advances and reissued after 12 months.
- Permits for foreigners in Tajikistan: not covered by our sources.""",
        "procedures": """- **Russia:** migration registration within 15 days (agreement of 2013); patent application within 30 days of entry, with a language, history and law certificate, medical check, fingerprints and photo.
- Procedures in Tajikistan itself: not covered by our sources.""",
        "recruitment_rules": NOT_COVERED,
        "priorities": """- Member state; named among the states actively working on labour-migration agreements (Strategic Direction 2).
- 331,353 departures to Russia from January to October 2021 (Tajik labour ministry); about 787 thousand Russian patents were held by Tajik citizens in 2021 (MVD via EADaily).""",
        "sources": f"""- {LM}, §9 (corridor rules; the Türkiye visa graded "verified, now uncertain") and §11.
- {BRIEF} (Strategic Direction 2; superseded 2018 visa statement).""",
    },
    "TUR": {
        "visa_regimes": """- **Visa-free, 90 days in any 180:** Kazakhstan, Uzbekistan (Presidential Decree 327, 2018), Kyrgyzstan, Iran.
- **Azerbaijan:** 90 days visa-free; national identity card accepted since 1 April 2021.
- **Visa required:** Tajikistan (since 20 April 2024), Turkmenistan (since September 2022), Afghanistan and Pakistan *(the last two unverified)*; Pakistani holders of a Schengen, US, UK or Irish visa or permit can get a 30-day e-visa *(unverified)*.
- For everyone: the passport must be valid 60 days beyond the stay, and a visa-free stay gives **no right to work**.""",
        "permit_types": """- **Residence permit** (e-İkamet), applied for before the visa or exemption ends; an unused permit lapses after 6 months. National permit categories follow Law 6458.
- **Work permit** (Law 6735 on International Labour Force, 2016): the first for up to 1 year, then up to 2, then up to 3 years with the same employer; indefinite after 8 years.
- **Temporary protection:** Türkiye hosts about 4 million refugees, 3.6 million of them Syrians under temporary protection.""",
        "procedures": """- **Work permit:** the worker applies at a Turkish consulate and receives a 16-digit reference; the employer files within 10 working days through e-Devlet (e-İzin) with an e-signature; missing documents within 30 days; the decision takes about 30 days *(unverified)*; extension from 60 days before expiry; appeal within 30 days.
- **Labour-market test:** refusal if a qualified local worker is found within 4 weeks.
- **Residence permit:** decision within up to 90 days *(unverified)*.
- **Overstay:** up to 15 days, a minimum fine (about US$165); longer or unpaid, deportation and an entry ban; illegal work, a ban of at least 5 years; leaving without paying, a ban of up to 5 years (code Ç-120, *unverified*).""",
        "recruitment_rules": """- The 2016 Law on International Labour Force set up the Directorate General of International Labour Force under the Ministry of Labour and Social Security to regulate work permits; it aims to counter irregular work, protect foreign workers' rights and attract qualified labour.
- Licensing of private recruitment agencies: not covered by our sources.""",
        "priorities": """- Member state and chair of the Almaty Process; proposes fast-track work and residence permits before departure, ethical recruitment with a template contract, skills recognition and a regional information campaign (policy brief, annex).
- Readmission agreements with Central Asian states, particularly Uzbekistan (one with Kyrgyzstan exists); a readmission agreement with the European Union.
- 239,835 work permits in 2023 *(unverified: labour ministry via VisaGuide)*; about 1.13 million residence-permit holders *(unverified)*.""",
        "sources": f"""- {LM}, §8, §9 and §11 (Law 6735, ÇSGB FAQ, Decree 327, Kyrgyz MFA; decision times and Ç-120 secondary).
- {BRIEF} (DGILF, refugee figures, annex of opportunities).
- {ST}, §1 (Law 6458 categories) and §8.
- {PR} (readmission).""",
    },
    "TKM": {
        "visa_regimes": """- **To Türkiye:** a visa has been required since September 2022 (RFE/RL). Turkmenistan's request that Türkiye impose visas was read by observers as control of the diaspora.
- Entry rules for foreigners coming to Turkmenistan, and for Turkmen citizens going to Russia or Kazakhstan: not covered by our sources.""",
        "permit_types": NOT_COVERED,
        "procedures": NOT_COVERED,
        "recruitment_rules": NOT_COVERED,
        "priorities": """- Member state.
- About 230,000 Turkmen citizens live in Türkiye (RFE/RL, September 2022); 13,128 Turkmen held Turkish work permits in 2023 *(unverified)*.
- Turkmen citizens are the largest group of foreign students in Türkiye: 10,966 student residence permits in 2021.
- Türkiye identified 2,504 Turkmen irregular migrants in 2021.""",
        "sources": f"""- {LM}, §4, §9 and §11.
- {BRIEF} (students, irregular migration).
- {ST}, §8.""",
    },
    "IRN": {
        "visa_regimes": """- **To Türkiye:** visa-free, 90 days in any 180 (Iranian embassy in Ankara).
- Entry and stay rules for foreigners in Iran: not covered by our sources.""",
        "permit_types": NOT_COVERED,
        "procedures": """- Iranian statistics use the Solar Hijri year (starting about 21 March); figures exchanged with other states must be converted and the original period kept.""",
        "recruitment_rules": NOT_COVERED,
        "priorities": """- Observer state of the Almaty Process.
- The route between Afghanistan and Iran is where most Afghan migrant deaths were recorded in 2023 (KabulNow citing IOM).""",
        "sources": f"""- {LM}, §9.
- {ST}, §7.
- {PR}.""",
    },
    "PAK": {
        "visa_regimes": """- **To Türkiye:** a visa is required; holders of a Schengen, US, UK or Irish visa or residence permit can get a 30-day e-visa *(unverified: one secondary source)*.
- Entry and stay rules for foreigners in Pakistan: not covered by our sources.""",
        "permit_types": NOT_COVERED,
        "procedures": """- **Readmission with the European Union:** a request not answered within 30 days counts as accepted; transfer within 3 months *(unverified)*.
- Pakistan uses the e-RCMS readmission case system (since 2017), connected to more than nine EU states; the protection brief notes that the system has no safeguard against returning people to danger (non-refoulement).""",
        "recruitment_rules": NOT_COVERED,
        "priorities": "- Observer state of the Almaty Process.",
        "sources": f"""- {LM}, §9.
- {PR} (readmission agreements, e-RCMS).""",
    },
    "UZB": {
        "visa_regimes": """- **To Türkiye:** visa-free, 90 days in any 180 (Presidential Decree 327, Resmi Gazete, 11 November 2018).
- **To Russia:** visa-free stay limited to 90 days per calendar year and 90 days in a row (Federal Law 260-FZ, from 1 January 2025).
- **To Kazakhstan:** 30 days without registration, 90 days in any 180 (protocol, January–February 2023).""",
        "permit_types": """- **Working in Russia:** a **patent** (Law 115-FZ); 1,316,569 patents were held by Uzbek citizens in 2021 (MVD via EADaily).
- **Working in Türkiye:** a Turkish work permit (Law 6735).
- Permits for foreigners in Uzbekistan: not covered by our sources.""",
        "procedures": """- **Russia:** migration registration within 15 days (agreement in force since 4 June 2022); patent application within 30 days of entry.
- **Organised placement** abroad through the Migration Agency: 35.8 thousand (2022), 38.4 thousand (2023), 161.8 thousand (2024), against about 1.35 million citizens abroad at the end of 2024 (Russia 698 thousand, Kazakhstan 322.7 thousand, Türkiye 88.7 thousand).""",
        "recruitment_rules": """- The Migration Agency licenses private recruitment agencies (Decree PF-162, 17 October 2024) and, from 2025, publishes inspection results in "Xorijda Ish" within 5 days.""",
        "priorities": """- Observer state of the Almaty Process; Uzbekistan later joined the Turkic Council.
- Agreement with Türkiye on the protection of the rights of migrant workers and their families (dated May 2019 in one place of the policy brief and 2018 in another).
- Türkiye seeks a standard readmission agreement, "particularly with Uzbekistan".
- Türkiye identified 142 Uzbek victims of trafficking between 2015 and 2019 and 2,943 Uzbek irregular migrants in 2021; Uzbek labour migrants to Türkiye rose from 1,993 (2014) to 4,480 (2019).""",
        "sources": f"""- {LM}, §5, §9 and §11 (Migration Agency via Gazeta.uz, January 2025).
- {BRIEF} (agreement, trafficking and irregular-migration figures, ÇSGB work-permit statistics).
- {ST}, §8.
- {PR}, SD1 (readmission).""",
    },
}

SECTIONS = ("visa_regimes", "permit_types", "procedures", "recruitment_rules", "priorities", "sources")


def seed(apps, schema_editor):
    Country = apps.get_model("reference", "Country")
    CountryProfile = apps.get_model("guidance", "CountryProfile")
    CountryProfileVersion = apps.get_model("guidance", "CountryProfileVersion")
    present = set(Country.objects.filter(iso3__in=PROFILES).values_list("iso3", flat=True))
    for iso3, text in PROFILES.items():
        if iso3 not in present:
            continue
        profile, _created = CountryProfile.objects.get_or_create(state_id=iso3)
        if profile.current_id is not None:
            continue  # a state already wrote its own profile: keep it
        number = (profile.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        version = CountryProfileVersion.objects.create(
            profile=profile,
            number=number,
            last_verified=LAST_VERIFIED,
            **{key: text[key].strip() for key in SECTIONS},
        )
        profile.current = version
        profile.save(update_fields=["current"])


def unseed(apps, schema_editor):
    CountryProfileVersion = apps.get_model("guidance", "CountryProfileVersion")
    CountryProfileVersion.objects.filter(created_by=None, last_verified=LAST_VERIFIED).delete()


class Migration(migrations.Migration):
    dependencies = [("guidance", "0004_profile_sources_last_verified")]

    operations = [migrations.RunPython(seed, unseed)]
