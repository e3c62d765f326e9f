from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_document")]

    operations = [EnableRowLevelSecurity("document")]
