import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("recruitment", "0004_vacancy_employer_data")]

    operations = [
        migrations.AlterField(
            model_name="vacancy",
            name="employer",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="vacancies",
                to="recruitment.employer",
                verbose_name="employer",
            ),
        ),
    ]
