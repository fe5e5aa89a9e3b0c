"""Default appointment kinds, SeTIS wallon as the default interpreting provider, and on
PostgreSQL the exclusion constraint that makes double booking impossible."""

from django.db import migrations

# Default lengths in minutes (an administrator edits them afterwards); product choices, not law.
KINDS = (
    ("first_welcome", 60, True),
    ("social_assessment", 90, False),
    ("rights_and_duties", 60, False),
    ("french_test", 60, False),
    ("administrative_help", 45, False),
    ("evaluation", 60, False),
    ("other", 30, False),
)
NO_OVERLAP = (
    "ALTER TABLE appointments_resourcehold ADD CONSTRAINT hold_no_overlap "
    "EXCLUDE USING gist (resource WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
    "WHERE (active)"
)


def seed(apps, schema_editor):
    kind = apps.get_model("appointments", "AppointmentKind")
    for code, minutes, online in KINDS:
        kind.objects.get_or_create(
            code=code, defaults={"default_minutes": minutes, "bookable_online": online}
        )
    provider = apps.get_model("appointments", "InterpreterProvider")
    provider.objects.get_or_create(
        name="SeTIS wallon", defaults={"is_default": True}
    )


def add_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        schema_editor.execute(NO_OVERLAP)


def drop_exclusion(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE appointments_resourcehold DROP CONSTRAINT IF EXISTS hold_no_overlap"
        )


class Migration(migrations.Migration):
    dependencies = [("appointments", "0001_initial")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(add_exclusion, drop_exclusion),
    ]
