from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity


class Migration(migrations.Migration):
    dependencies = [("readmission", "0001_initial"), ("access", "0002_row_visibility_function")]

    operations = [
        EnableRowLevelSecurity("readmissioncase"),
        EnableRowLevelSecurity("evidenceitem"),
        EnableRowLevelSecurity("traveldocument"),
    ]
