"""Carry the former hours log (pathways.HoursEntry) over into the training ledger before it is
removed: one offer per track of a "former hours log" body, one accepted enrolment per file and
track, and each entry as a statement row with its author. Nothing is lost; the centre sees
these rows as carried over."""

from django.db import migrations

LEGACY = "Heures reprises de l'ancien registre"


def carry_over(apps, schema_editor):  # type: ignore[no-untyped-def]
    entry_model = apps.get_model("pathways", "HoursEntry")
    entries = list(entry_model.objects.select_related("pathway__person__commune"))
    if not entries:
        return
    partner_model = apps.get_model("training", "Partner")
    offer_model = apps.get_model("training", "Offer")
    enrolment_model = apps.get_model("training", "Enrolment")
    attendance_model = apps.get_model("training", "Attendance")
    partner, _ = partner_model.objects.get_or_create(
        name=LEGACY,
        defaults={"gives_french": True, "gives_citizenship": True, "gives_job_orientation": True},
    )
    offers, enrolments, rows = {}, {}, {}
    for entry in entries:
        if entry.track not in offers:
            offers[entry.track], _ = offer_model.objects.get_or_create(
                partner=partner,
                track=entry.track,
                defaults={
                    "title": LEGACY,
                    "commune": entry.pathway.person.commune,
                    "capacity": 1000,
                    "is_open": False,
                    "language": "fr",
                },
            )
        key = (entry.pathway_id, entry.track)
        if key not in enrolments:
            enrolments[key] = enrolment_model.objects.create(
                pathway_id=entry.pathway_id,
                offer=offers[entry.track],
                track=entry.track,
                status="accepted",
                referred_on=entry.attended_on,
                starts_on=entry.attended_on,
            )
        day = (enrolments[key].pk, entry.attended_on)
        if day in rows:  # two entries on one date: one row with their sum
            rows[day].hours += entry.hours
            rows[day].note = (rows[day].note + " " + entry.note).strip()[:200]
            continue
        rows[day] = attendance_model(
            enrolment=enrolments[key],
            attended_on=entry.attended_on,
            hours=entry.hours,
            kind="statement",
            source="migrated",
            note=entry.note,
            entered_by_id=entry.recorded_by_id,
        )
    attendance_model.objects.bulk_create(rows.values())


class Migration(migrations.Migration):
    dependencies = [
        ("pathways", "0002_initial"),
        ("training", "0002_offers_enrolments_attendance"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
