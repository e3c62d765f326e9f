from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("guidance", "0003_seed_guides")]

    operations = [
        migrations.AddField(
            model_name="countryprofileversion",
            name="sources",
            field=models.TextField(blank=True, verbose_name="sources"),
        ),
        migrations.AddField(
            model_name="countryprofileversion",
            name="last_verified",
            field=models.DateField(blank=True, null=True, verbose_name="last verified on"),
        ),
    ]
