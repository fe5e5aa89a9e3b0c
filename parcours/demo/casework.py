"""Demo casework: a centre's worth of invented people in every state, written through the
services so every page has something real to show. Idempotent (skips when already seeded)."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from parcours.accounts.models import User
from parcours.certificates.services import certificate_issue
from parcours.demo.training import demo_attendance
from parcours.pathways.enums import ComplianceGround, ReferralSource, SignatureMethod, Status
from parcours.pathways.models import Pathway, Referral
from parcours.pathways.services import welcome
from parcours.pathways.services.agreement import agreement_draft, agreement_sign
from parcours.pathways.services.compliance import noncompliance_open
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.pathways.services.status import pathway_transition
from parcours.people.enums import CefrLevel, Sex
from parcours.territory.models import Commune

_NAMES = [
    ("Haddad", "Yara", "SY", "ar"),
    ("Karimi", "Reza", "AF", "fa"),
    ("Mukendi", "Grâce", "CD", "fr"),
    ("Bouzid", "Samir", "MA", "ar"),
    ("Kovalenko", "Olena", "UA", "uk"),
    ("Diallo", "Mamadou", "GN", "fr"),
    ("Yilmaz", "Elif", "TR", "tr"),
    ("Hosseini", "Zahra", "IR", "fa"),
    ("Okafor", "Chidi", "NG", "en"),
    ("Nguyen", "Lan", "VN", "en"),
    ("Al-Amin", "Omar", "IQ", "ar"),
    ("Tesfaye", "Liya", "ER", "en"),
    ("Petrenko", "Ivan", "UA", "uk"),
    ("Benali", "Nadia", "DZ", "ar"),
    ("Rahimi", "Farid", "AF", "ps"),
    ("Mensah", "Akosua", "GH", "en"),
    ("Sahin", "Deniz", "TR", "tr"),
    ("Lopez", "Camila", "CO", "es"),
]
# How far each person got: (status reached, obliged).
_PLAN = [
    "referred",
    "referred",
    "invited",
    "welcome",
    "welcome_done",
    "agreed",
    "agreed",
    "in_training",
    "in_training",
    "ready",
    "completed",
    "non_compliant",
    "voluntary",
    "referred",
    "welcome",
    "in_training",
    "agreed",
    "welcome_done",
]


def _refer(index: int, today: date, agent: User, mons: Commune) -> Pathway:
    family, given, country, language = _NAMES[index]
    registered = today - timedelta(days=30 + 25 * index)
    fields = {
        "family_name": family,
        "given_names": given,
        "birth_date": date(1980 + index, 1 + index % 12, 10),
        "sex": Sex.FEMALE if index % 2 else Sex.MALE,
        "nationalities": [country],
        "languages": [language],
        "letter_language": "en" if language == "en" else "fr",
        "commune": mons,
        "street": f"Rue de la Démonstration {index + 1}",
        "postal_code": "7000",
        "legal_stay_since": registered - timedelta(days=20),
        "registered_on": registered,
        "permit_ordered_on": registered - timedelta(days=5),
        "permit_valid_from": registered - timedelta(days=5),
        "permit_valid_until": registered + timedelta(days=5 * 365),
        "email": f"demo{index}@example.org",
    }
    data = ReferralInput(
        person=fields,
        commune=mons,
        referred_on=registered + timedelta(days=3),
        source=ReferralSource.FORM,
        voluntary=_PLAN[index] == "voluntary",
    )
    return referral_register(data=data, actor=agent).pathway


def _welcome(pathway: Pathway, on: date, agent: User) -> None:
    welcome.assessment_record(
        pathway=pathway,
        sections={"situation": "Démo."},
        tracks_needed=["french", "job_orientation"],
        assessed_on=on,
        actor=agent,
        health="",
    )
    welcome.rights_session_record(
        pathway=pathway, given_on=on, language="fr", themes="", actor=agent
    )
    welcome.french_test_record(
        pathway=pathway, tested_on=on, level=CefrLevel.A1, notes="", actor=agent
    )
    welcome.administrative_help_record(
        pathway=pathway, helped_on=on, what="Mutuelle", referred_to="", actor=agent
    )
    welcome.welcome_complete(pathway=pathway, on=on, actor=agent)


def _advance(pathway: Pathway, step: str, agent: User) -> None:
    on = pathway.referred_on + timedelta(days=10)
    if step == "invited":
        pathway_transition(
            pathway=pathway, to=Status.INVITED, actor=agent, reason="Lettre d'invitation"
        )
    if step in ("referred", "invited", "voluntary"):
        return
    if step == "welcome":
        welcome.rights_session_record(
            pathway=pathway, given_on=on, language="fr", themes="", actor=agent
        )
        return
    _welcome(pathway, on, agent)
    if step == "welcome_done":
        return
    signed = on + timedelta(days=7)
    agreement = agreement_draft(pathway=pathway, on=signed, actor=agent)
    agreement_sign(
        agreement=agreement, signed_on=signed, method=SignatureMethod.SCREEN, actor=agent
    )
    _train(pathway, step, signed + timedelta(days=30), agent)


def _train(pathway: Pathway, step: str, on: date, agent: User) -> None:
    if step == "non_compliant":
        noncompliance_open(
            pathway=pathway,
            ground=ComplianceGround.AGREEMENT_BREACH,
            on=on,
            reason="Absent aux cours depuis deux mois (démo).",
            actor=agent,
        )
        return
    if step == "agreed":
        return
    full = step in ("ready", "completed")
    minimums = pathway.agreements.get(version=1).minimum_hours
    hours = {t: Decimal(h) if full else Decimal(h // 3) for t, h in minimums.items()}
    start, stated_on = on - timedelta(days=30), on if full else None
    demo_attendance(pathway=pathway, hours=hours, start=start, agent=agent, stated_on=stated_on)
    if step == "completed":
        certificate_issue(pathway=pathway, on=on, actor=agent)


@transaction.atomic
def casework_seed(today: date | None = None) -> int:
    """Returns the number of people created (0 when the demo casework is already there)."""
    if Referral.objects.filter(pathway__person__email__endswith="@example.org").exists():
        return 0
    agent = User.objects.get(email="agent.mons@demo.parcours.be")
    mons = Commune.objects.get(nis_code="53053")
    day = today or date.today()  # noqa: DTZ011 - the demo's calendar day
    for index, step in enumerate(_PLAN):
        _advance(_refer(index, day, agent, mons), step, agent)
    return len(_PLAN)
