"""Every issued document names a template version. Those issued before a centre's templates
were versioned (or before the centre saved its first version) named none; each centre that
has such documents gets one version 0, marked `before_versioning` (saved by nobody, its
`changes` naming that mark, so the versions list says what it is), and they name it. It has
no letterhead and no paragraph: what those documents were printed with, the centre's name
and office address. One record per centre, not per kind: a version holds every kind's
paragraphs. Version 0 is never the current version (`template_current` skips it). Going
back, the documents name no version again and the records go."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def version_zero_for_the_past(apps, schema_editor):
    DocumentTemplate = apps.get_model("pathways", "DocumentTemplate")
    IssuedDocument = apps.get_model("pathways", "IssuedDocument")
    unversioned = IssuedDocument.objects.filter(template__isnull=True)
    for centre_id in unversioned.values_list("centre_id", flat=True).distinct().order_by():
        zero = DocumentTemplate.objects.create(
            centre_id=centre_id, version=0, before_versioning=True,
            changes=["before_versioning"], created_by=None,
        )
        unversioned.filter(centre_id=centre_id).update(template=zero)


def no_version_for_the_past(apps, schema_editor):
    DocumentTemplate = apps.get_model("pathways", "DocumentTemplate")
    IssuedDocument = apps.get_model("pathways", "IssuedDocument")
    IssuedDocument.objects.filter(template__before_versioning=True).update(template=None)
    DocumentTemplate.objects.filter(before_versioning=True).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('pathways', '0016_social_assessment_structured'),
        ('territory', '0002_dated_communes'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='documenttemplate',
            name='before_versioning',
            field=models.BooleanField(default=False, verbose_name='documents issued before the templates were versioned'),
        ),
        migrations.AlterField(
            model_name='documenttemplate',
            name='created_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddConstraint(
            model_name='documenttemplate',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('before_versioning', False), ('created_by__isnull', False)), models.Q(('before_versioning', True), ('version', 0)), _connector='OR'), name='template_saved_by_someone_or_before_versioning'),
        ),
        migrations.RunPython(version_zero_for_the_past, no_version_for_the_past),
    ]
