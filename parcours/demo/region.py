"""A synthetic region for measuring (`parcours seed_region --people N`): the eight real centres
and their communes (reference data from `load_reference`), people with names from many
languages (the common ones frequent, as in life), a realistic mix of nationalities, referral
sources and statuses by age of the file, agents, partner offers, enrolments, attendance rows
and appointments. Reproducible: one seeded random generator, the same `--seed` gives the same
region on an empty database.

Everything is drawn in Python, file by file (`region_plan`): the person, the file with the
obligation decision of the rules engine (trace and deadlines, as the referral import stores
it), its status by the age of the file and the dates that status implies, the stored worklist
columns on `TODAY`, the referral, the timeline's two events, the enrolments with their weekly
attendance and the appointments; every row carries its key. Chunks of files are written with
PostgreSQL's COPY (`bulk_create` in batches elsewhere) into tables whose secondary indexes and
foreign keys are rebuilt once at the end (`parcours.demo.bulkload`), all in one transaction."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from itertools import accumulate
from types import SimpleNamespace
from typing import Any, cast

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils.translation import gettext as _

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment, AppointmentKind
from parcours.appointments.services.setup import kinds_ensure
from parcours.casework.statistics.facts import facts_mark_all
from parcours.demo.bulkload import Table, bulk_loading, next_ids, sequences_reset, table_write
from parcours.demo.services import demo_seed
from parcours.pathways.enums import (
    AgreementKind,
    EventKind,
    Obligation,
    ReferralSource,
    SignatureMethod,
    Status,
)
from parcours.pathways.models import Agreement, Decision, Pathway, PathwayEvent, Referral
from parcours.pathways.services.agreement import agreement_terms
from parcours.pathways.services.bulk import NewFile
from parcours.pathways.services.clock import derived_columns
from parcours.pathways.services.decisions import decision_decide, decision_values
from parcours.pathways.territory_adapter import DatabaseTerritory
from parcours.pathways.urgency import Facts, urgency_of
from parcours.people.models import Person, PersonChange
from parcours.people.names import name_key, search_text
from parcours.territory.models import Centre, Commune, Office
from parcours.training.enums import AttendanceKind, AttendanceSource, EnrolmentStatus, Track
from parcours.training.models import Attendance, Enrolment, Offer, Partner

TODAY = date(2026, 11, 30)
SEED = 20261130
COHORT_MONTHS = 36  # referrals over the last three years
AGENTS_PER_CENTRE = 8
CHUNK = 5_000  # files generated and written at a time
PASSWORD = "seed-region-2026"  # noqa: S105 -- synthetic accounts of a measuring database

# Family names by the languages of the people the centres see; the first of each list is the
# most common (weights fall as 1 / rank, so "Nguyen" or "Diallo" come back very often).
FAMILY_NAMES: dict[str, tuple[str, ...]] = {
    "ar": (
        "Haddad",
        "Al-Hassan",
        "Khalil",
        "Ibrahim",
        "Mansour",
        "Saleh",
        "Hamdan",
        "Nasser",
        "Darwish",
        "Youssef",
        "Othman",
        "Aziz",
        "Fares",
        "Kanaan",
        "Bakri",
        "El Amrani",
        "Benali",
        "Bouzid",
        "Cherkaoui",
        "El Idrissi",
        "Tahiri",
        "Alaoui",
        "Ziani",
    ),
    "fa": (
        "Ahmadi",
        "Hosseini",
        "Mohammadi",
        "Rahimi",
        "Karimi",
        "Sultani",
        "Nazari",
        "Habibi",
        "Rezaei",
        "Jafari",
        "Sharifi",
        "Noori",
        "Wardak",
        "Popal",
    ),
    "vi": ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ngo"),
    "ff": (
        "Diallo",
        "Barry",
        "Bah",
        "Sow",
        "Balde",
        "Diakite",
        "Camara",
        "Keita",
        "Toure",
        "Conde",
        "Sylla",
        "Cisse",
        "Traore",
        "Kouyate",
    ),
    "ln": (
        "Mbuyi",
        "Kabeya",
        "Ilunga",
        "Tshibangu",
        "Mukendi",
        "Kalonji",
        "Lukusa",
        "Nzuzi",
        "Makiadi",
        "Mputu",
        "Kasongo",
        "Lumumba",
        "Ngoy",
        "Kanku",
    ),
    "uk": (
        "Petrenko",
        "Shevchenko",
        "Kovalenko",
        "Bondarenko",
        "Tkachenko",
        "Kravchenko",
        "Melnyk",
        "Boyko",
        "Kovalchuk",
        "Oliynyk",
        "Lysenko",
        "Marchenko",
        "Savchenko",
    ),
    "tr": (
        "Yilmaz",
        "Kaya",
        "Demir",
        "Sahin",
        "Celik",
        "Yildiz",
        "Yildirim",
        "Ozturk",
        "Aydin",
        "Ozdemir",
        "Arslan",
        "Dogan",
        "Kilic",
    ),
    "ti": ("Tesfay", "Gebremedhin", "Haile", "Berhe", "Kidane", "Tekle", "Woldu", "Mehari"),
    "so": ("Mohamed", "Abdi", "Hassan", "Warsame", "Farah", "Jama", "Osman", "Guled"),
    "sq": ("Krasniqi", "Gashi", "Berisha", "Morina", "Hoxha", "Shala", "Kelmendi", "Rexhepi"),
    "ro": ("Popescu", "Ionescu", "Popa", "Stan", "Dumitru", "Constantin", "Munteanu"),
    "es": ("Garcia", "Rodriguez", "Martinez", "Lopez", "Gonzalez", "Perez", "Sanchez"),
    "pt": ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues"),
    "ru": ("Ivanov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Lebedev", "Kozlov"),
    "pl": ("Kowalski", "Nowak", "Wisniewski", "Wojcik", "Kaminski", "Lewandowski"),
    "ps": ("Khan", "Durrani", "Yousafzai", "Afridi", "Shinwari", "Mohmand"),
    "ur": ("Hussain", "Iqbal", "Malik", "Butt", "Chaudhry", "Qureshi"),
    "zh": ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang"),
    "ne": ("Gurung", "Tamang", "Thapa", "Shrestha", "Rai"),
    "am": ("Tadesse", "Bekele", "Alemu", "Girma", "Mengistu"),
}
GIVEN_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # (women, men) by language, most common first
    "ar": (
        ("Fatima", "Yara", "Amira", "Nour", "Layla", "Rania", "Salma", "Huda", "Maryam"),
        ("Mohamed", "Ahmad", "Omar", "Ali", "Youssef", "Karim", "Khaled", "Hamza", "Bilal"),
    ),
    "fa": (
        ("Zahra", "Maryam", "Fatemeh", "Shirin", "Parisa", "Mahsa", "Nazanin"),
        ("Mohammad", "Ali", "Reza", "Hossein", "Ahmad", "Mustafa", "Farid"),
    ),
    "vi": (
        ("Lan", "Linh", "Mai", "Huong", "Thao", "Trang"),
        ("Minh", "Anh", "Duc", "Hung", "Tuan"),
    ),
    "ff": (
        ("Fatoumata", "Mariama", "Aissatou", "Kadiatou", "Hawa", "Fatou"),
        ("Mamadou", "Alpha", "Ibrahima", "Ousmane", "Boubacar", "Amadou"),
    ),
    "ln": (
        ("Grace", "Esther", "Ruth", "Divine", "Gloria", "Merveille"),
        ("Jean", "Patrick", "Christian", "Joseph", "Trésor", "Héritier"),
    ),
    "uk": (
        ("Olena", "Oksana", "Iryna", "Nataliia", "Tetiana", "Yuliia", "Anastasiia"),
        ("Oleksandr", "Andrii", "Dmytro", "Serhii", "Mykola", "Volodymyr"),
    ),
    "tr": (("Ayse", "Fatma", "Elif", "Zeynep", "Emine"), ("Mehmet", "Mustafa", "Ahmet", "Emre")),
    "ti": (("Selam", "Helen", "Senait", "Yodit"), ("Yonas", "Daniel", "Samuel", "Robel")),
    "so": (("Hodan", "Amina", "Sahra", "Faadumo"), ("Abdirahman", "Abdullahi", "Mahad")),
    "sq": (("Arta", "Besa", "Drita", "Vjosa"), ("Arben", "Besnik", "Dritan", "Ilir")),
    "ro": (("Maria", "Elena", "Ioana", "Andreea"), ("Andrei", "Ion", "Mihai", "Alexandru")),
    "es": (("Lucia", "Maria", "Carmen", "Sofia"), ("Jose", "Carlos", "Luis", "Javier")),
    "pt": (("Ana", "Beatriz", "Mariana", "Juliana"), ("João", "Pedro", "Lucas", "Gabriel")),
    "ru": (("Anna", "Olga", "Elena", "Natalia"), ("Sergei", "Alexei", "Dmitri", "Ivan")),
    "pl": (("Anna", "Katarzyna", "Magdalena"), ("Piotr", "Krzysztof", "Tomasz")),
    "ps": (("Malalai", "Zarghuna", "Palwasha"), ("Gul", "Rahmat", "Zabiullah")),
    "ur": (("Ayesha", "Sana", "Hina"), ("Imran", "Usman", "Bilal")),
    "zh": (("Mei", "Xiu", "Ying"), ("Wei", "Jun", "Lei")),
    "ne": (("Sita", "Gita", "Maya"), ("Ram", "Hari", "Bikash")),
    "am": (("Meron", "Hiwot", "Bethlehem"), ("Dawit", "Abebe", "Yared")),
}
# (nationality codes, language of the names, share): the mix of the Walloon newcomers.
NATIONALITY_MIX: tuple[tuple[tuple[str, ...], str, float], ...] = (
    (("SY",), "ar", 0.12),
    (("AF",), "fa", 0.10),
    (("AF",), "ps", 0.03),
    (("MA",), "ar", 0.09),
    (("CD",), "ln", 0.09),
    (("UA",), "uk", 0.08),
    (("GN",), "ff", 0.07),
    (("TR",), "tr", 0.05),
    (("ER",), "ti", 0.04),
    (("IQ",), "ar", 0.04),
    (("PS",), "ar", 0.03),
    (("SO",), "so", 0.03),
    (("XK",), "sq", 0.03),
    (("CM",), "ln", 0.03),
    (("DZ",), "ar", 0.02),
    (("BR",), "pt", 0.02),
    (("RU",), "ru", 0.02),
    (("PK",), "ur", 0.02),
    (("VN",), "vi", 0.02),
    (("CN",), "zh", 0.01),
    (("NP",), "ne", 0.01),
    (("ET",), "am", 0.01),
    (("SN",), "ff", 0.01),
    (("AL",), "sq", 0.01),
    (("CO",), "es", 0.01),
    (("VE",), "es", 0.01),
    (("MA", "BE"), "ar", 0.01),
    (("RO",), "ro", 0.01),
    (("PL",), "pl", 0.005),
    (("ES",), "es", 0.005),
    ((), "ar", 0.005),
)
# The big towns of each centre take most referrals; the other communes share the rest.
BIG_TOWNS = {
    "52011": 14,
    "62063": 14,
    "92094": 6,
    "53053": 6,
    "58001": 5,
    "63079": 5,
    "57081": 4,
    "62096": 4,
    "54007": 3,
    "62051": 3,
    "25072": 2,
    "84077": 2,
}
SOURCES = ((ReferralSource.CSV, 0.6), (ReferralSource.API, 0.25), (ReferralSource.FORM, 0.15))
# The status of a file by its age in months: (status, weight) for young, middle and old files.
STATUS_BY_AGE: tuple[tuple[int, tuple[tuple[str, float], ...]], ...] = (
    (
        2,
        (
            (Status.REFERRED, 0.55),
            (Status.INVITED, 0.30),
            (Status.WELCOME, 0.13),
            (Status.WITHDRAWN, 0.02),
        ),
    ),
    (
        8,
        (
            (Status.REFERRED, 0.08),
            (Status.INVITED, 0.10),
            (Status.WELCOME, 0.22),
            (Status.AGREED, 0.15),
            (Status.IN_TRAINING, 0.33),
            (Status.WAIVED, 0.04),
            (Status.NOT_CONCERNED, 0.02),
            (Status.WITHDRAWN, 0.03),
            (Status.NON_COMPLIANT, 0.02),
            (Status.SUSPENDED, 0.01),
        ),
    ),
    (
        COHORT_MONTHS + 1,
        (
            (Status.REFERRED, 0.02),
            (Status.INVITED, 0.02),
            (Status.WELCOME, 0.04),
            (Status.AGREED, 0.04),
            (Status.IN_TRAINING, 0.30),
            (Status.COMPLETED, 0.40),
            (Status.WAIVED, 0.05),
            (Status.NOT_CONCERNED, 0.02),
            (Status.TRANSFERRED, 0.02),
            (Status.WITHDRAWN, 0.04),
            (Status.NON_COMPLIANT, 0.03),
            (Status.REPORTED, 0.02),
        ),
    ),
)
_PRESENTED = {Status.WELCOME, Status.AGREED, Status.IN_TRAINING, Status.COMPLETED,
              Status.NON_COMPLIANT, Status.REPORTED, Status.SUSPENDED}  # fmt: skip
_AGREED = {Status.AGREED, Status.IN_TRAINING, Status.COMPLETED, Status.NON_COMPLIANT,
           Status.REPORTED}  # fmt: skip
_CLOSED = {Status.COMPLETED, Status.WAIVED, Status.NOT_CONCERNED, Status.TRANSFERRED,
           Status.WITHDRAWN}  # fmt: skip
# Tracks followed after the agreement (share of files), and hours per session.
TRACK_SHARES = ((Track.CITIZENSHIP, 0.95), (Track.FRENCH, 0.75), (Track.JOB_ORIENTATION, 0.45))
SESSION_HOURS = (Decimal("2.50"), Decimal("3.00"), Decimal("3.00"), Decimal("4.00"))


@dataclass
class RegionReport:
    people: int = 0
    enrolments: int = 0
    attendance: int = 0
    appointments: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _zipf(items: Sequence[Any]) -> list[float]:
    """Cumulative weights falling as 1 / rank (for `random.choices(cum_weights=…)`)."""
    return list(accumulate(1 / (rank + 1) for rank in range(len(items))))


def _check_digits(body: str) -> str:
    return f"{97 - int(body) % 97:02d}"


class _People:
    """Draws people: nationality, names, sex, birth date and (for most) a national number."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.mix = [(codes, lang) for codes, lang, _share in NATIONALITY_MIX]
        self.mix_weights = list(accumulate(share for _codes, _lang, share in NATIONALITY_MIX))
        self.family = {lang: (names, _zipf(names)) for lang, names in FAMILY_NAMES.items()}
        self.given = {
            lang: tuple((names, _zipf(names)) for names in pair)
            for lang, pair in GIVEN_NAMES.items()
        }
        self.serials: dict[tuple[date, int], int] = defaultdict(int)

    def _national_number(self, born: date, sex: str) -> str:
        """A valid national register number, unique in the region (serial by birth date)."""
        for _attempt in range(400):
            serial = 1 + 2 * self.rng.randrange(498) + (0 if sex == "M" else 1)
            key = (born, serial)
            if not self.serials[key]:
                self.serials[key] = 1
                body = f"{born:%y%m%d}{serial:03d}"
                check = _check_digits(("2" + body) if born.year >= 2000 else body)  # noqa: PLR2004
                return body + check
        return ""

    def draw(self, registered: date) -> dict[str, Any]:
        rng = self.rng
        codes, lang = rng.choices(self.mix, cum_weights=self.mix_weights)[0]
        sex = "F" if rng.random() < 0.48 else "M"  # noqa: PLR2004
        names, weights = self.family[lang]
        given, given_weights = self.given[lang][0 if sex == "F" else 1]
        age = int(rng.triangular(18, 65, 29))
        born = date(registered.year - age, 1, 1) + timedelta(days=rng.randrange(365))
        family = rng.choices(names, cum_weights=weights)[0]
        if rng.random() < 0.08:  # noqa: PLR2004 -- compound names
            family = f"{family} {rng.choices(names, cum_weights=weights)[0]}"
        first = rng.choices(given, cum_weights=given_weights)[0]
        if rng.random() < 0.25:  # noqa: PLR2004
            first = f"{first} {rng.choices(given, cum_weights=given_weights)[0]}"
        stay = registered - timedelta(days=rng.randrange(20, 400))
        return {
            "family_name": family,
            "given_names": first,
            "birth_date": born,
            "sex": sex,
            "nationalities": list(codes),
            "national_number": self._national_number(born, sex) if rng.random() < 0.7 else "",  # noqa: PLR2004
            "registered_on": registered,
            "permit_ordered_on": registered - timedelta(days=rng.randrange(1, 30)),
            "permit_valid_from": registered - timedelta(days=rng.randrange(1, 30)),
            "legal_stay_since": stay,
            "permit_kind": rng.choice("AAAABF"),
        }


def _served_communes() -> tuple[list[Commune], list[float]]:
    communes = list(
        Commune.objects.filter(centre__isnull=False, valid_until__isnull=True)
        .select_related("centre")
        .order_by("nis_code")
    )
    weights = list(accumulate(float(BIG_TOWNS.get(c.nis_code, 0.35)) for c in communes))
    return communes, weights


def _agents() -> dict[int, list[int]]:
    """Eight agents and a coordinator per centre: the agents' keys by centre."""
    agents: dict[int, list[int]] = {}
    password = make_password(PASSWORD)  # hashed once for all the synthetic accounts
    for centre in Centre.objects.order_by("code"):
        found = list(
            User.objects.filter(centre=centre, role=Role.AGENT)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for n in range(len(found), AGENTS_PER_CENTRE):
            email = f"agent{n + 1}.{centre.code.lower()}@region.example"
            found.append(
                User.objects.create(
                    email=email,
                    password=password,
                    full_name=f"Agent {n + 1} {centre.code}",
                    role=Role.AGENT,
                    centre=centre,
                ).pk
            )
        coordinator = f"coordinator.{centre.code.lower()}@region.example"
        if not User.objects.filter(email=coordinator).exists():
            User.objects.create(
                email=coordinator,
                password=password,
                full_name=f"Coordination {centre.code}",
                role=Role.COORDINATOR,
                centre=centre,
            )
        agents[centre.pk] = found
    return agents


def _offers() -> dict[tuple[int, str], int]:
    """One partner body per centre giving the three tracks, one offer per track."""
    offers: dict[tuple[int, str], int] = {}
    for centre in Centre.objects.select_related("seat_commune").order_by("code"):
        commune = centre.seat_commune or Commune.objects.filter(centre=centre).first()
        partner, _new = Partner.objects.get_or_create(
            name=f"Partenaire synthétique {centre.code}",
            defaults={
                "commune": commune,
                "gives_french": True,
                "gives_citizenship": True,
                "gives_job_orientation": True,
                "is_demo": True,
            },
        )
        for track in Track:
            offer, _new = Offer.objects.get_or_create(
                partner=partner,
                track=track,
                defaults={
                    "title": f"{track.label} ({centre.code})",
                    "commune": commune,
                    "capacity": 400,
                    "weekdays": [0, 2],
                    "is_demo": True,
                },
            )
            offers[(centre.pk, str(track))] = offer.pk
    return offers


def _months_ago(months: int) -> date:
    year, month = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
    return date(year, month + 1, 1)


def _status_for(rng: random.Random, age_months: int) -> str:
    for limit, mix in STATUS_BY_AGE:
        if age_months < limit:
            return str(rng.choices([s for s, _w in mix], [w for _s, w in mix])[0])
    return Status.REFERRED  # pragma: no cover - the last band is open-ended


def _milestones(status: str, offset: int, referred: date) -> dict[str, Any]:
    """The dates each status implies, as offsets from the referral (past facts no later
    than the day before `TODAY`)."""

    def past(days: int) -> date:
        return min(referred + timedelta(days=days), TODAY - timedelta(days=1))

    values: dict[str, Any] = {}
    if status != Status.REFERRED:
        values["invited_on"] = past(5 + offset // 4)
    if status in _PRESENTED or status in _AGREED:
        values["module_done_on"] = past(30 + offset)
    if status in _AGREED:
        agreed = past(45 + offset)
        values["agreed_on"] = agreed
        values["next_evaluation_by"] = agreed + timedelta(days=180)
        values["agreement_ends_on"] = agreed + timedelta(days=540)
    if status == Status.COMPLETED:
        values["completed_on"] = past(300 + 4 * offset)
        values["ready_for_certificate"] = True
    if status in _CLOSED and status != Status.COMPLETED:
        values["closed_on"] = past(20 + 2 * offset)
    return values


@dataclass(frozen=True)
class World:
    """What the generated rows point at: reference rows and the first free keys."""

    communes: list[Commune]
    commune_weights: list[float]
    agents: dict[int, list[int]]
    offers: dict[tuple[int, str], int]
    kinds: dict[str, tuple[int, int]]  # code: (pk, default minutes)
    offices: dict[int, int]  # centre: office
    first_ids: dict[type[models.Model], int]


def world_read() -> World:
    kinds_ensure()
    demo_seed()
    agents, offers = _agents(), _offers()
    communes, weights = _served_communes()
    kinds = {k.code: (k.pk, k.default_minutes) for k in AppointmentKind.objects.all()}
    offices = {o.centre_id: o.pk for o in Office.objects.order_by("-is_demo", "pk")}
    return World(communes, weights, agents, offers, kinds, offices, next_ids(MODELS))


MODELS: tuple[type[models.Model], ...] = (
    Person,
    PersonChange,
    Pathway,
    Referral,
    Decision,
    PathwayEvent,
    Agreement,
    Enrolment,
    Attendance,
    Appointment,
)
_PERSON = [
    "id",
    "family_name",
    "given_names",
    "birth_date",
    "sex",
    "nationalities",
    "national_number",
    "commune_id",
    "legal_stay_since",
    "registered_on",
    "permit_kind",
    "permit_ordered_on",
    "permit_valid_from",
    "search_text",
    "name_key",
    "created_at",
]
_PATHWAY = [
    "id",
    "person_id",
    "centre_id",
    "agent_id",
    "status",
    "obligation",
    "referred_on",
    "invited_on",
    "module_done_on",
    "agreed_on",
    "completed_on",
    "closed_on",
    "present_by",
    "certificate_by",
    "next_evaluation_by",
    "agreement_ends_on",
    "ready_for_certificate",
    "worklist_task",
    "worklist_due",
    "worklist_until",
    "opened_at",
    "updated_at",
]
_DECISION = [
    "id",
    "pathway_id",
    "rule",
    "version",
    "regime",
    "governing_date",
    "status",
    "reasons",
    "deadlines",
    "trace",
    "input",
    "competent_centre",
    "created_at",
]
_APPOINTMENT = [
    "id",
    "centre_id",
    "office_id",
    "kind_id",
    "staff_id",
    "person_id",
    "starts_at",
    "ends_at",
    "status",
    "created_at",
]
_ENROLMENT = [
    "id",
    "pathway_id",
    "offer_id",
    "track",
    "status",
    "referred_on",
    "starts_on",
    "waiting_from",
]
_ATTENDANCE = ["id", "enrolment_id", "attended_on", "hours", "kind", "source", "entered_at"]
# The signed agreement of a file under agreement: what its clock reads the signature from
# (`pathways.facts`); without it, the file's next evaluation cannot be computed.
_AGREEMENT = [
    "id",
    "pathway_id",
    "version",
    "kind",
    "tracks",
    "minimum_hours",
    "time_limits",
    "starts_on",
    "ends_on",
    "signed_on",
    "signature_method",
    "created_at",
]


class Tables:
    """The pending rows of each table, written chunk by chunk."""

    def __init__(self) -> None:
        self.person = Table(Person, _PERSON)
        self.change = Table(PersonChange, ("id", "person_id", "field", "new_value", "changed_at"))
        self.pathway = Table(Pathway, _PATHWAY)
        self.referral = Table(
            Referral, ("id", "pathway_id", "commune_id", "source", "referred_on", "created_at")
        )
        self.decision = Table(Decision, _DECISION)
        self.event = Table(PathwayEvent, ("id", "pathway_id", "kind", "summary", "at"))
        self.agreement = Table(Agreement, _AGREEMENT)
        self.enrolment = Table(Enrolment, _ENROLMENT)
        self.attendance = Table(Attendance, _ATTENDANCE)
        self.appointment = Table(Appointment, _APPOINTMENT)

    def all(self) -> tuple[Table, ...]:
        return (self.person, self.change, self.pathway, self.referral, self.decision,
                self.event, self.agreement, self.enrolment, self.attendance,
                self.appointment)  # fmt: skip


@lru_cache(maxsize=65_536)
def _keys(family: str, given: str) -> tuple[str, str]:
    return search_text(family, given), name_key(family, given)


@lru_cache(maxsize=65_536)
def _terms(tracks: tuple[str, ...], on: date) -> tuple[dict[str, int], dict[str, int]]:
    """The minimum hours and time limits of the agreement's tracks, as the rules parameters
    in force on its date give them (`agreement_terms`, as a drafted agreement): without them
    no track has a minimum, the person page shows none and the nightly pace measures none."""
    terms = agreement_terms(list(tracks), on)
    minimum = cast(dict[str, int], terms["minimum_hours"])
    limits = cast(dict[str, int], terms["time_limits"])
    return (
        {t: hours for t, hours in minimum.items() if t in tracks},
        {t: months for t, months in limits.items() if t in tracks},
    )


def _stamp(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


_SESSIONS = {Track.FRENCH: 24, Track.CITIZENSHIP: 10, Track.JOB_ORIENTATION: 5}
_ENTERED = datetime(2026, 11, 29, 18, tzinfo=UTC)
_BOOKED = datetime(2026, 11, 1, 9, tzinfo=UTC)


class _Plan:
    """Draws the region file by file with one random generator: the same seed and world give
    the same rows, keys included."""

    def __init__(self, rng: random.Random, world: World, tables: Tables) -> None:
        self.rng, self.world, self.t = rng, world, tables
        self.people = _People(rng)
        self.territory = DatabaseTerritory()
        self.ids = dict(world.first_ids)
        self.summaries: dict[tuple[str, str], str] = {}
        self.decided = {o: _("Obligation: %(status)s") % {"status": o.label} for o in Obligation}
        self.sources = [str(s) for s, _w in SOURCES]
        self.source_weights = list(accumulate(w for _s, w in SOURCES))

    def _id(self, model: type[models.Model]) -> int:
        pk = self.ids[model]
        self.ids[model] = pk + 1
        return pk

    def _referred(self, commune: Commune, source: str) -> str:
        key = (commune.name_fr, source)
        if key not in self.summaries:
            self.summaries[key] = _("Referred by %(commune)s (%(source)s)") % {
                "commune": commune.name_fr,
                "source": ReferralSource(source).label,
            }
        return self.summaries[key]

    def file(self, cohort: date) -> None:
        rng, world, t = self.rng, self.world, self.t
        fields = self.people.draw(cohort - timedelta(days=rng.randrange(10, 60)))
        commune = rng.choices(world.communes, cum_weights=world.commune_weights)[0]
        referred = cohort + timedelta(days=rng.randrange(27))
        person = SimpleNamespace(
            **fields,
            commune=commune,
            usual_name="",
            arrived_on=None,
            permit_valid_until=None,
            family_member_of_eea_citizen=False,
        )
        draft = NewFile(cast(Person, person), referred).as_pathway()
        outcome, payload = decision_decide(draft, referred, self.territory)
        deadlines = {d.name: d.due_on.isoformat() for d in outcome.deadlines}
        columns: dict[str, Any] = dict(derived_columns(draft, deadlines))
        age = (TODAY.year - referred.year) * 12 + TODAY.month - referred.month
        status = _status_for(rng, age)
        columns |= _milestones(status, rng.randrange(0, 40, 5), referred)
        centre = cast(int, commune.centre_id)
        team = world.agents[centre]
        agent = team[rng.randrange(len(team))]
        facts = SimpleNamespace(
            status=status, obligation=outcome.status, voluntary=False, **columns
        )
        urgency = urgency_of(cast(Facts, facts), TODAY)
        opened = _stamp(referred)
        person_id, pathway_id = self._id(Person), self._id(Pathway)
        family, given = fields["family_name"], fields["given_names"]
        t.person.add(person_id, family, given, fields["birth_date"], fields["sex"],
                     fields["nationalities"], fields["national_number"], commune.pk,
                     fields["legal_stay_since"], fields["registered_on"], fields["permit_kind"],
                     fields["permit_ordered_on"], fields["permit_valid_from"],
                     *_keys(family, given), opened)  # fmt: skip
        t.change.add(self._id(PersonChange), person_id, "*", "created", opened)
        get = columns.get
        t.pathway.add(pathway_id, person_id, centre, agent, status, outcome.status, referred,
                      get("invited_on"), get("module_done_on"), get("agreed_on"),
                      get("completed_on"), get("closed_on"), get("present_by"),
                      get("certificate_by"), get("next_evaluation_by"), get("agreement_ends_on"),
                      columns["ready_for_certificate"], urgency.task, urgency.due, urgency.until,
                      opened, opened)  # fmt: skip
        source = str(rng.choices(self.sources, cum_weights=self.source_weights)[0])
        t.referral.add(self._id(Referral), pathway_id, commune.pk, source, referred, opened)
        values = decision_values(outcome, payload | {"id": pathway_id})
        t.decision.add(
            self._id(Decision), pathway_id, *(values[c] for c in _DECISION[2:-1]), opened
        )
        t.event.add(self._id(PathwayEvent), pathway_id, EventKind.REFERRAL.value,
                    self._referred(commune, source), opened)  # fmt: skip
        t.event.add(self._id(PathwayEvent), pathway_id, EventKind.DECISION.value,
                    self.decided[Obligation(outcome.status)], opened)  # fmt: skip
        if status in _AGREED:
            tracks = self._training(pathway_id, centre, columns["agreed_on"], status)
            agreed = columns["agreed_on"]
            minimum, limits = _terms(tuple(tracks), agreed)
            t.agreement.add(self._id(Agreement), pathway_id, 1, AgreementKind.INITIAL.value,
                            tracks, minimum, limits, agreed, columns["agreement_ends_on"],
                            agreed, SignatureMethod.PAPER.value, _stamp(agreed))  # fmt: skip
        if status != Status.REFERRED:
            self._appointments(person_id, centre, status, columns)

    def _training(self, pathway: int, centre: int, agreed_on: date, status: str) -> list[str]:
        """An enrolment per track followed; weekly sessions from its start to today (or to the
        end of the course), a few missed: several million rows at 500,000 people. Returns the
        tracks (the agreement's)."""
        rng, t = self.rng, self.t
        tracks: list[str] = []
        for track, share in TRACK_SHARES:
            if rng.random() >= share:
                continue
            tracks.append(str(track))
            starts = agreed_on + timedelta(days=rng.randrange(7, 60))
            waiting = status == Status.IN_TRAINING and rng.random() < 0.06  # noqa: PLR2004
            enrolment = self._id(Enrolment)
            t.enrolment.add(
                enrolment,
                pathway,
                self.world.offers[(centre, str(track))],
                str(track),
                EnrolmentStatus.WAITING.value if waiting else EnrolmentStatus.ACCEPTED.value,
                agreed_on,
                None if waiting else starts,
                agreed_on if waiting else None,
            )
            if waiting:
                continue
            weeks = min(_SESSIONS[track], max(0, (TODAY - starts).days // 7))
            hours = rng.choice(SESSION_HOURS)
            for week in range(weeks):
                if rng.random() < 0.1:  # noqa: PLR2004 -- a missed session
                    continue
                t.attendance.add(self._id(Attendance), enrolment,
                                 starts + timedelta(days=7 * week), hours,
                                 AttendanceKind.SESSION.value, AttendanceSource.GRID.value,
                                 _ENTERED)  # fmt: skip
        return tracks

    def _slot(self, day: date) -> datetime:
        while day.weekday() >= 5:  # noqa: PLR2004 -- weekdays only
            day += timedelta(days=1)
        return _stamp(day, 8 + self.rng.randrange(8))

    def _appointment(self, person: int, centre: int, kind: str, at: datetime, state: str) -> None:
        rng, world = self.rng, self.world
        team = world.agents[centre]
        kind_id, minutes = world.kinds[kind]
        self.t.appointment.add(self._id(Appointment), centre, world.offices[centre], kind_id,
                               team[rng.randrange(len(team))], person, at,
                               at + timedelta(minutes=minutes), state, _BOOKED)  # fmt: skip

    def _appointments(self, person: int, centre: int, status: str, dates: dict[str, Any]) -> None:
        """The first welcome appointment of every invited file (attended, missed or to come)
        and an evaluation interview for files under agreement."""
        rng = self.rng
        at = self._slot(dates["invited_on"] + timedelta(days=rng.randrange(7, 21)))
        if at.date() >= TODAY:
            state = rng.choice((AppointmentStatus.PLANNED, AppointmentStatus.CONFIRMED))
        elif status in _PRESENTED:
            state = AppointmentStatus.ATTENDED
        else:
            state = rng.choices(
                (AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED_BY_PERSON,
                 AppointmentStatus.ATTENDED), (0.6, 0.2, 0.2))[0]  # fmt: skip
        self._appointment(person, centre, "first_welcome", at, str(state))
        agreed_on = dates.get("agreed_on")
        if agreed_on is not None:
            at = self._slot(agreed_on + timedelta(days=rng.randrange(150, 200)))
            missed = rng.random() < 0.08  # noqa: PLR2004
            state = (
                AppointmentStatus.PLANNED
                if at.date() >= TODAY
                else AppointmentStatus.NO_SHOW
                if missed
                else AppointmentStatus.ATTENDED
            )
            self._appointment(person, centre, "evaluation", at, str(state))


def region_plan(
    rng: random.Random, people: int, world: World, chunk: int = CHUNK
) -> Iterator[Tables]:
    """The region's rows, `chunk` files at a time (the same `Tables`, emptied by the writer):
    monthly cohorts over three years, the recent months slightly larger."""
    tables = Tables()
    plan = _Plan(rng, world, tables)
    growth = [1 + month / COHORT_MONTHS for month in range(COHORT_MONTHS)]
    per_month = [round(people * g / sum(growth)) for g in growth]
    per_month[-1] += people - sum(per_month)
    pending = 0
    for index, size in enumerate(per_month):
        cohort = _months_ago(COHORT_MONTHS - index)
        for _n in range(size):
            plan.file(cohort)
            pending += 1
            if pending == chunk:
                yield tables
                pending = 0
    if pending:
        yield tables


def region_seed(
    *, people: int, seed: int = SEED, say: Callable[[str], None] = lambda _line: None
) -> RegionReport:
    """Fill an empty database (reference data loaded) with a synthetic region, in one
    transaction."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible synthetic data, no secret
    report = RegionReport(people=people)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[name] = now - clock
        say(f"{name}: {now - clock:.1f} s")
        clock = now

    counts: dict[type[models.Model], int] = defaultdict(int)
    with transaction.atomic():
        world = world_read()
        lap("accounts, offices and offers")
        with bulk_loading(MODELS):
            for tables in region_plan(rng, people, world):
                for table in tables.all():
                    counts[table.model] += table_write(table)
                say(f"  files: {counts[Pathway]:,}/{people:,}")
            lap("rows written")
        lap("indexes and foreign keys")
        facts_mark_all()  # the statistics' next refresh rebuilds whole
        sequences_reset(MODELS)
    report.enrolments = counts[Enrolment]
    report.attendance = counts[Attendance]
    report.appointments = counts[Appointment]
    if connection.vendor == "postgresql":
        # What autovacuum does after a bulk load: the statistics, and (outside a transaction)
        # the visibility map that lets the covering indexes answer without the table.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        lap("vacuum and analyze")
    return report
