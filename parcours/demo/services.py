"""Demo data: invented offices, a partner body and one account per role. Idempotent."""

from dataclasses import dataclass
from datetime import time

from django.db import transaction

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.territory.models import Centre, Commune, Office, OpeningHours
from parcours.training.models import Partner

DEMO_PASSWORD = "demo-parcours-2026"  # noqa: S105 -- printed on purpose: demo accounts only
_WEEKDAY_HOURS = ((time(9), time(12)), (time(13), time(16)))


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: Role
    full_name: str


# (centre code, office name, commune NIS, offset in degrees from the commune's centre point)
_OFFICES = (
    ("CIMB", "CIMB — Saint-Ghislain", "53070", 0.0),
    ("CIMB", "CIMB — permanence de Mons", "53053", 0.002),
    ("CeRAIC", "CeRAIC — La Louvière", "58001", 0.0),
    ("CRIC", "CRIC — Charleroi", "52011", 0.0),
    ("CRIBW", "CRIBW — Nivelles", "25072", 0.0),
    ("CAI", "CAI — Namur", "92094", 0.0),
    ("CRIPEL", "CRIPEL — Liège", "62063", 0.0),
    ("CRVI", "CRVI — Verviers", "63079", 0.0),
    ("CRILUX", "CRILUX — Libramont", "84077", 0.0),
)


def _office(centre: Centre, name: str, commune: Commune, offset: float) -> Office:
    office, _created = Office.objects.update_or_create(
        centre=centre,
        name=name,
        defaults={
            "street": "Rue de la Démonstration 1",
            "postal_code": commune.localities.order_by("postal_code").values_list(
                "postal_code", flat=True
            )[0],
            "commune": commune,
            "latitude": commune.latitude + offset,
            "longitude": commune.longitude + offset,
            "phone": centre.phone,
            "by_appointment_only": True,
            "languages": "fr,en,ar",
            "accessibility": "Rez-de-chaussée accessible en chaise roulante (démo).",
            "is_demo": True,
        },
    )
    office.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(
        OpeningHours(office=office, weekday=day, opens_at=start, closes_at=end)
        for day in range(5)
        for start, end in _WEEKDAY_HOURS
    )
    return office


def _partner(mons: Commune) -> Partner:
    partner, _created = Partner.objects.update_or_create(
        name="École de français de démonstration (Mons)",
        defaults={
            "commune": mons,
            "street": "Rue de la Démonstration 2",
            "gives_french": True,
            "gives_citizenship": True,
            "is_demo": True,
        },
    )
    if mons.centre_id is not None:  # the CIMB's coordinator manages the demo's bodies
        partner.centres.add(mons.centre_id)
    return partner


def _isp_partner(mons: Commune) -> Partner:
    """A FOREM-like job-orientation body (ISP), so that the demo can complete that track."""
    partner, _created = Partner.objects.update_or_create(
        name="Orientation socioprofessionnelle de démonstration (type Forem, Mons)",
        defaults={
            "commune": mons,
            "street": "Rue de la Démonstration 3",
            "gives_job_orientation": True,
            "is_demo": True,
        },
    )
    if mons.centre_id is not None:
        partner.centres.add(mons.centre_id)
    return partner


def _account(email: str, role: Role, name: str, **attachment: object) -> DemoAccount:
    if not User.objects.filter(email=email).exists():
        User.objects.create_user(email, DEMO_PASSWORD, full_name=name, role=role, **attachment)
    return DemoAccount(email, role, name)


@transaction.atomic
def demo_seed() -> list[DemoAccount]:
    centres = {c.code: c for c in Centre.objects.all()}
    communes = {
        c.nis_code: c for c in Commune.objects.filter(nis_code__in=[o[2] for o in _OFFICES])
    }
    for code, name, nis, offset in _OFFICES:
        _office(centres[code], name, communes[nis], offset)
    mons = communes["53053"]
    return [
        _account("admin@demo.parcours.be", Role.ADMIN, "Alice Admin"),
        _account(
            "coordinator.mons@demo.parcours.be",
            Role.COORDINATOR,
            "Chloé Coordinatrice",
            centre=centres["CIMB"],
        ),
        _account("agent.mons@demo.parcours.be", Role.AGENT, "Amir Agent", centre=centres["CIMB"]),
        _account(
            "agent.liege@demo.parcours.be", Role.AGENT, "Lucie Agent", centre=centres["CRIPEL"]
        ),
        _account(
            "partner.fle@demo.parcours.be", Role.PARTNER, "Paul Partenaire", partner=_partner(mons)
        ),
        _account(
            "partner.isp@demo.parcours.be",
            Role.PARTNER,
            "Inès Orientation",
            partner=_isp_partner(mons),
        ),
        _account("commune.mons@demo.parcours.be", Role.COMMUNE, "Camille Commune", commune=mons),
        _account("region@demo.parcours.be", Role.REGION, "Rita Région"),
    ]
