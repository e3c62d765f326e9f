from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial"), ("access", "0002_row_visibility_function")]

    operations = [
        EnableRowLevelSecurity(
            "personrecord", origin_column="citizenship_id", protected_column="is_protected"
        ),
    ]
