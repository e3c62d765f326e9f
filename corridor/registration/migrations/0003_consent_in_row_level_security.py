"""PostgreSQL enforces the consent rule too: a registration reaches its destination state
only while the person's consent to share it with that state is active (issue 20)."""

from django.db import migrations

from corridor.access.migration_ops import RestrictForeignReads


class Migration(migrations.Migration):
    dependencies = [("registration", "0002_row_level_security")]

    operations = [
        RestrictForeignReads(
            "registration",
            "destination_country_id = current_setting('app.state', true) AND shares_with_destination",
        ),
    ]
