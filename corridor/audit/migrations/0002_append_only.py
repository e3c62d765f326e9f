from django.db import migrations

from corridor.audit.migration_ops import ProtectAuditTable


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [ProtectAuditTable("audit_auditevent")]
