"""Row-level security for applications and contracts: the standard state-owned policies.

No public policy: the public status page and the contract check read one row by a reference
that carries the owner state's code, with ``app.state`` set to that state for the query.
"""

from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity


class Migration(migrations.Migration):
    dependencies = [("hiring", "0001_initial"), ("access", "0002_row_visibility_function")]

    operations = [
        EnableRowLevelSecurity("application"),
        EnableRowLevelSecurity("contract"),
    ]
