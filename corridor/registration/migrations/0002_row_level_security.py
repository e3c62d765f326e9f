from django.db import migrations

from corridor.access.migration_ops import EnableRowLevelSecurity


class Migration(migrations.Migration):
    dependencies = [("registration", "0001_initial"), ("access", "0002_row_visibility_function")]

    # The owner state is the person's own state, so no origin or protection column: the
    # destination state's extra consent condition is applied by the selectors.
    operations = [
        EnableRowLevelSecurity("registration"),
        EnableRowLevelSecurity("consent"),
        EnableRowLevelSecurity("verificationchallenge"),
    ]
