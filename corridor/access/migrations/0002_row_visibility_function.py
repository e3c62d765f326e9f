from django.db import migrations

from corridor.access.migration_ops import CreateRowVisibilityFunction


class Migration(migrations.Migration):
    dependencies = [("access", "0001_initial")]

    operations = [CreateRowVisibilityFunction()]
