"""Existing partner bodies work with the centres they already served: the centres of the
files referred to them, and the centre competent for the commune of each of their offers."""

from django.db import migrations


def link(apps, schema_editor):
    Partner = apps.get_model("training", "Partner")
    Enrolment = apps.get_model("training", "Enrolment")
    Offer = apps.get_model("training", "Offer")
    Through = Partner.centres.through
    pairs = set(
        Enrolment.objects.values_list("offer__partner_id", "pathway__centre_id").distinct()
    )
    pairs |= set(
        Offer.objects.filter(commune__centre__isnull=False)
        .values_list("partner_id", "commune__centre_id")
        .distinct()
    )
    Through.objects.bulk_create(
        [Through(partner_id=p, centre_id=c) for p, c in pairs if c is not None],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0007_partner_centres_offer_period"),
        ("pathways", "0001_initial"),
    ]

    operations = [migrations.RunPython(link, migrations.RunPython.noop)]
