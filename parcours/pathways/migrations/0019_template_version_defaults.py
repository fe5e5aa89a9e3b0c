"""A centre that issues a document before it has saved a template version gets a version 1
holding the defaults, written by the system (`defaults`, saved by nobody), that the document
names; until now such documents named no version. Nothing to fill going forward: documents
issued since version 0 was written all name a version or were given version 0. Going back,
the documents that name such a version name none again and the versions go, as before
(in 0020: on PostgreSQL the rows cannot change in the transaction that alters the table)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("pathways", "0018_worklist_status_index_welcome_started"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="documenttemplate",
            name="template_saved_by_someone_or_before_versioning",
        ),
        migrations.AddField(
            model_name="documenttemplate",
            name="defaults",
            field=models.BooleanField(
                default=False,
                verbose_name="the defaults, recorded when the centre first issued a document",
            ),
        ),
    ]
