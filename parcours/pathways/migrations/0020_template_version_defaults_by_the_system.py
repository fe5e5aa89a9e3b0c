"""Version 1 "defaults" may be saved by nobody (see 0019). Going back, the documents that
name such a version name none again and the versions go, before 0019 removes the field and
puts back the constraint that allows no such version."""

import django.db.models
from django.db import migrations, models


def no_defaults_version(apps, schema_editor):
    DocumentTemplate = apps.get_model("pathways", "DocumentTemplate")
    IssuedDocument = apps.get_model("pathways", "IssuedDocument")
    IssuedDocument.objects.filter(template__defaults=True).update(template=None)
    DocumentTemplate.objects.filter(defaults=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("pathways", "0019_template_version_defaults"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, no_defaults_version),
        migrations.AddConstraint(
            model_name="documenttemplate",
            constraint=models.CheckConstraint(
                condition=django.db.models.Q(
                    django.db.models.Q(
                        ("before_versioning", False),
                        ("created_by__isnull", False),
                        ("defaults", False),
                    ),
                    django.db.models.Q(("before_versioning", True), ("version", 0)),
                    django.db.models.Q(
                        ("created_by__isnull", True), ("defaults", True), ("version", 1)
                    ),
                    _connector="OR",
                ),
                name="template_saved_by_someone_or_by_the_system",
            ),
        ),
    ]
