"""The hours log is replaced by the training ledger (training.Attendance); its rows were
carried over by training 0003."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0002_initial"),
        ("training", "0003_carry_over_hours"),
    ]

    operations = [migrations.DeleteModel(name="HoursEntry")]
