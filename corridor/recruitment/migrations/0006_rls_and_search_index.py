"""Row-level security for the new state-owned tables, and the PostgreSQL vacancy search index.

Employers, certifications, inspections, findings and sanctions are published on the public
register and scorecard, so anyone may read them; only the owner state writes (standard policy).

Search: a stored, generated ``search_document`` tsvector with the Russian, Turkish and English
stemmings of title (weight A), employer and city (B) and description (C), kept current by
PostgreSQL itself on every insert and update, whatever code path writes. Django does not know
the column; ``selectors.vacancy_search`` queries it with SQL. On SQLite nothing happens here
and the selector falls back to word-by-word matching.
"""

from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity

PUBLIC_TABLES = ["employer", "certification", "inspection", "finding", "sanction"]
CONFIGS = ["russian", "turkish", "english"]


def _document() -> str:
    parts = []
    for config in CONFIGS:
        parts += [
            f"setweight(to_tsvector('{config}', coalesce(title, '')), 'A')",
            f"setweight(to_tsvector('{config}', coalesce(employer_name, '') || ' ' || coalesce(city, '')), 'B')",
            f"setweight(to_tsvector('{config}', coalesce(description, '')), 'C')",
        ]
    return " || ".join(parts)


PUBLISHED = "WHERE status = 'published'"
FORWARD = [
    *(
        f"CREATE POLICY recruitment_public_read ON recruitment_{table} FOR SELECT USING (true)"
        for table in PUBLIC_TABLES
    ),
    f"ALTER TABLE recruitment_vacancy ADD COLUMN search_document tsvector GENERATED ALWAYS AS ({_document()}) STORED",
    f"CREATE INDEX recruitment_vacancy_search ON recruitment_vacancy USING gin (search_document) {PUBLISHED}",
    "CREATE INDEX recruitment_vacancy_languages ON recruitment_vacancy "
    f"USING gin (languages jsonb_path_ops) {PUBLISHED}",
    "CREATE INDEX recruitment_vacancy_occupation_prefix ON recruitment_vacancy "
    f"(occupation_id varchar_pattern_ops, published_at DESC, id DESC) {PUBLISHED}",
    "CREATE INDEX recruitment_vacancy_destination_newest ON recruitment_vacancy "
    f"(destination_id, published_at DESC, id DESC) {PUBLISHED}",
]
REVERSE = [
    *(f"DROP POLICY IF EXISTS recruitment_public_read ON recruitment_{table}" for table in PUBLIC_TABLES),
    "DROP INDEX IF EXISTS recruitment_vacancy_destination_newest",
    "DROP INDEX IF EXISTS recruitment_vacancy_occupation_prefix",
    "DROP INDEX IF EXISTS recruitment_vacancy_languages",
    "DROP INDEX IF EXISTS recruitment_vacancy_search",
    "ALTER TABLE recruitment_vacancy DROP COLUMN IF EXISTS search_document",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in REVERSE:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0005_vacancy_employer_required")]

    operations = [
        *(EnableRowLevelSecurity(table) for table in PUBLIC_TABLES),
        migrations.RunPython(forwards, backwards),
    ]
