from django.db import migrations


class Migration(migrations.Migration):
    """The partners' tokens live in accounts.ApiToken (copied by accounts 0004)."""

    dependencies = [
        ("training", "0003_carry_over_hours"),
        ("accounts", "0004_copy_api_tokens"),
    ]

    operations = [migrations.DeleteModel(name="PartnerToken")]
