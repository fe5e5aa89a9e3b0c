from django.db import migrations


class Migration(migrations.Migration):
    """The communes' tokens live in accounts.ApiToken (copied by accounts 0004)."""

    dependencies = [
        ("pathways", "0004_noncompliance_status_before"),
        ("accounts", "0004_copy_api_tokens"),
    ]

    operations = [migrations.DeleteModel(name="ReferralToken")]
