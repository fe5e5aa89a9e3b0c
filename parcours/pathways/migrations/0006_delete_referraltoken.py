from django.db import migrations


class Migration(migrations.Migration):
    """The communes' tokens live in accounts.ApiToken (copied by accounts 0004)."""

    dependencies = [
        ("pathways", "0005_importjob_moves_to_pathways"),
        ("accounts", "0004_copy_api_tokens"),
    ]

    operations = [migrations.DeleteModel(name="ReferralToken")]
