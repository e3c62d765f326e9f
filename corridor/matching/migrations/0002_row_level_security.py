from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial"), ("access", "0002_row_visibility_function")]

    # Owned by the state whose records the job read; no origin or protection column.
    operations = [
        EnableRowLevelSecurity("matchjob"),
        EnableRowLevelSecurity("matchcandidate"),
        EnableRowLevelSecurity("matchdecision"),
    ]
