"""Complaint clocks move to the case kernel; the concerned state stops reading complaints.

1. Every open complaint gets a ``cases.Clock`` row carrying its current period (the limit in
   force by its severity, its start and due time), then the ``sla_started_at`` /
   ``sla_due_at`` columns go: deadlines live in clock rows only.
2. The row-level security policy that let the concerned state read complaints is dropped:
   that state now receives exchange messages and keeps its own copies.

Row-level security is forced on the tables, so the copy sets ``app.state`` to each owner
state in turn (PostgreSQL); SQLite has no policies.
"""

from django.db import migrations

OPEN = ("received", "triaged", "assigned", "reopened")
CODES = {
    "critical": "grievances.handle.critical",
    "high": "grievances.handle.high",
    "medium": "grievances.handle.medium",
    "low": "grievances.handle.low",
}


def _states(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return [None]
    return list(apps.get_model("reference", "Country").objects.values_list("iso3", flat=True))


def _set_state(schema_editor, state):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("SELECT set_config('app.state', %s, true)", [state or ""])


def clocks_from_columns(apps, schema_editor):
    complaint_model = apps.get_model("grievances", "Complaint")
    clock_model = apps.get_model("cases", "Clock")
    time_limit = apps.get_model("cases", "TimeLimit")
    content_type = apps.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="grievances", model="complaint"
    )[0]
    for state in _states(apps, schema_editor):
        _set_state(schema_editor, state)
        rows = complaint_model.objects.filter(status__in=OPEN)
        if state is not None:
            rows = rows.filter(state_id=state)
        for complaint in rows.iterator():
            code = CODES.get(complaint.severity, "grievances.triage")
            limit = (
                time_limit.objects.filter(code=code, effective_from__lte=complaint.sla_started_at.date())
                .order_by("-effective_from")
                .first()
            )
            if limit is None:
                continue
            breached = complaint.escalation_level > 0
            clock_model.objects.create(
                state_id=complaint.state_id,
                content_type=content_type,
                object_uuid=complaint.uuid,
                time_limit=limit,
                name=code,
                started_at=complaint.sla_started_at,
                due_at=complaint.sla_due_at,
                deadline_at=complaint.sla_due_at,
                breached_at=complaint.escalated_at if breached else None,
            )
    _set_state(schema_editor, None)


def drop_concerned_read(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP POLICY IF EXISTS grievances_concerned_read ON grievances_complaint")


def restore_concerned_read(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE POLICY grievances_concerned_read ON grievances_complaint FOR SELECT "
            "USING (concerned_state_id = current_setting('app.state', true))"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("grievances", "0004_sla_time_limits"),
        ("cases", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(clocks_from_columns, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name="complaint",
            options={"ordering": ["id"], "verbose_name": "complaint", "verbose_name_plural": "complaints"},
        ),
        migrations.RemoveField(model_name="complaint", name="sla_started_at"),
        migrations.RemoveField(model_name="complaint", name="sla_due_at"),
        migrations.RunPython(drop_concerned_read, restore_concerned_read),
    ]
