"""Every token issued before the merge keeps working: each ReferralToken and PartnerToken row
becomes an ApiToken with the same digest, prefix, dates and holder, and the scope of the API
it opened. The old tables are dropped after this (pathways 0006, training 0004)."""

from django.db import migrations

# (app, old model, scope of its tokens)
SOURCES = (
    ("pathways", "ReferralToken", "referrals"),
    ("training", "PartnerToken", "partner_hours"),
)
BATCH = 500


def copy_tokens(apps, schema_editor):
    ApiToken = apps.get_model("accounts", "ApiToken")
    db = schema_editor.connection.alias
    for app_label, name, scope in SOURCES:
        old = apps.get_model(app_label, name)
        ApiToken.objects.using(db).bulk_create(
            (
                ApiToken(
                    user_id=row.user_id,
                    scope=scope,
                    prefix=row.prefix,
                    digest=row.digest,
                    created_at=row.created_at,
                    revoked_at=row.revoked_at,
                )
                for row in old.objects.using(db).order_by("pk").iterator()
            ),
            batch_size=BATCH,
        )


def copy_tokens_back(apps, schema_editor):
    """Back to the two tables (their `created_at` is auto_now_add: set again after insert)."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    db = schema_editor.connection.alias
    for app_label, name, scope in SOURCES:
        old = apps.get_model(app_label, name)
        for token in ApiToken.objects.using(db).filter(scope=scope).order_by("pk").iterator():
            row = old.objects.using(db).create(
                user_id=token.user_id,
                prefix=token.prefix,
                digest=token.digest,
                revoked_at=token.revoked_at,
            )
            old.objects.using(db).filter(pk=row.pk).update(created_at=token.created_at)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_apitoken"),
        ("pathways", "0004_noncompliance_status_before"),
        ("training", "0003_carry_over_hours"),
    ]

    operations = [migrations.RunPython(copy_tokens, copy_tokens_back)]
