"""A synthetic region for measuring (`parcours seed_region --people N`): the eight real centres
and their communes (reference data from `load_reference`), people with names from many
languages (the common ones frequent, as in life), a realistic mix of nationalities, referral
sources and statuses by age of the file, agents, partner offers, enrolments, attendance rows
and appointments. Reproducible: one seeded random generator, the same `--seed` gives the same
region on an empty database.

People, files, referrals and obligation decisions go through the bulk referral path (the CSV
import's: the rules engine decides each file, with its trace and deadlines); the states are
then moved set-based (one UPDATE per status and date offset), and enrolments, attendance and
appointments — the millions of rows — are written with PostgreSQL's COPY (`bulk_create` in
batches on another database). 50,000 people take about a minute, 500,000 some minutes."""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.db.models import F, OuterRef, Subquery

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.enums import AppointmentStatus
from parcours.appointments.models import Appointment, AppointmentKind
from parcours.appointments.services.setup import kinds_ensure
from parcours.demo.services import demo_seed
from parcours.pathways.enums import ReferralSource, Status
from parcours.pathways.models import Pathway, Referral
from parcours.pathways.services.bulk import BulkReferrals, referrals_bulk_register
from parcours.people.matching import people_match
from parcours.territory.models import Centre, Commune, Office
from parcours.training.enums import AttendanceKind, AttendanceSource, EnrolmentStatus, Track
from parcours.training.models import Attendance, Enrolment, Offer, Partner

TODAY = date(2026, 11, 30)
SEED = 20261130
COHORT_MONTHS = 36  # referrals over the last three years
AGENTS_PER_CENTRE = 8
BATCH = 5_000
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
    return [1 / (rank + 1) for rank in range(len(items))]


def _check_digits(body: str) -> str:
    return f"{97 - int(body) % 97:02d}"


class _People:
    """Draws people: nationality, names, sex, birth date and (for most) a national number."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.mix = [(codes, lang) for codes, lang, _share in NATIONALITY_MIX]
        self.mix_weights = [share for _codes, _lang, share in NATIONALITY_MIX]
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
        codes, lang = rng.choices(self.mix, self.mix_weights)[0]
        sex = "F" if rng.random() < 0.48 else "M"  # noqa: PLR2004
        names, weights = self.family[lang]
        given, given_weights = self.given[lang][0 if sex == "F" else 1]
        age = int(rng.triangular(18, 65, 29))
        born = date(registered.year - age, 1, 1) + timedelta(days=rng.randrange(365))
        family = rng.choices(names, weights)[0]
        if rng.random() < 0.08:  # noqa: PLR2004 -- compound names
            family = f"{family} {rng.choices(names, weights)[0]}"
        first = rng.choices(given, given_weights)[0]
        if rng.random() < 0.25:  # noqa: PLR2004
            first = f"{first} {rng.choices(given, given_weights)[0]}"
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
    weights = [float(BIG_TOWNS.get(c.nis_code, 0.35)) for c in communes]
    return communes, weights


def _agents() -> dict[int, list[User]]:
    agents: dict[int, list[User]] = {}
    password = make_password(PASSWORD)  # hashed once for all the synthetic accounts
    for centre in Centre.objects.order_by("code"):
        found = list(User.objects.filter(centre=centre, role=Role.AGENT).order_by("pk"))
        for n in range(len(found), AGENTS_PER_CENTRE):
            email = f"agent{n + 1}.{centre.code.lower()}@region.example"
            found.append(
                User.objects.create(
                    email=email,
                    password=password,
                    full_name=f"Agent {n + 1} {centre.code}",
                    role=Role.AGENT,
                    centre=centre,
                )
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


def _offers() -> dict[tuple[int, str], Offer]:
    """One partner body per centre giving the three tracks, one offer per track."""
    offers: dict[tuple[int, str], Offer] = {}
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
            offers[(centre.pk, str(track))] = offer
    return offers


def _months_ago(months: int) -> date:
    year, month = divmod(TODAY.year * 12 + TODAY.month - 1 - months, 12)
    return date(year, month + 1, 1)


def _people_and_files(rng: random.Random, count: int, say: Callable[[str], None]) -> None:
    """Monthly cohorts (the recent months slightly larger) in batches of the bulk referral
    path; then, set-based, each referral is given its person's commune and a source (a
    commune sends its own list: one batch per commune would cost thousands of batches)."""
    draw = _People(rng)
    communes, weights = _served_communes()
    growth = [1 + month / COHORT_MONTHS for month in range(COHORT_MONTHS)]
    per_month = [round(count * g / sum(growth)) for g in growth]
    per_month[-1] += count - sum(per_month)
    made = 0
    for index, size in enumerate(per_month):
        cohort = _months_ago(COHORT_MONTHS - index)
        places = rng.choices(communes, weights, k=size)
        rows = [
            draw.draw(cohort - timedelta(days=rng.randrange(10, 60))) | {"commune": place}
            for place in places
        ]
        with transaction.atomic():
            for start in range(0, len(rows), BATCH):
                day = cohort + timedelta(days=rng.randrange(27))
                batch = rows[start : start + BATCH]
                # A drawn name close to a known one, born the same day, is another person
                # (the answer a user gives in the import's preview).
                probable: dict[int, int | None] = {
                    i: None for i, match in enumerate(people_match(rows=batch)) if match.probable
                }
                data = BulkReferrals(
                    rows=batch,
                    commune=communes[0],
                    referred_on=day,
                    source=ReferralSource.CSV,
                    choices=probable,
                )
                referrals_bulk_register(data=data, actor=None)
        made += size
        say(f"  files: {made:,}/{count:,} (cohort {cohort:%Y-%m})")
    _referrals_place_and_source(rng)


def _referrals_place_and_source(rng: random.Random) -> None:
    with transaction.atomic():
        person_commune = Pathway.objects.filter(pk=OuterRef("pathway_id")).values(
            "person__commune_id"
        )[:1]
        Referral.objects.update(commune_id=Subquery(person_commune))
        ids = list(Referral.objects.order_by("pk").values_list("pk", flat=True))
        by_source: dict[str, list[int]] = defaultdict(list)
        names, weights = [s for s, _w in SOURCES], [w for _s, w in SOURCES]
        for pk in ids:
            by_source[str(rng.choices(names, weights)[0])].append(pk)
        for source, chosen in sorted(by_source.items()):
            for start in range(0, len(chosen), BATCH):
                Referral.objects.filter(pk__in=chosen[start : start + BATCH]).update(source=source)


def _status_for(rng: random.Random, age_months: int) -> str:
    for limit, mix in STATUS_BY_AGE:
        if age_months < limit:
            return str(rng.choices([s for s, _w in mix], [w for _s, w in mix])[0])
    return Status.REFERRED  # pragma: no cover - the last band is open-ended


def _milestones(status: str, offset: int) -> dict[str, Any]:
    """The dates each status implies, as offsets from the referral (set-based)."""
    referred = F("referred_on")
    values: dict[str, Any] = {"status": status}
    if status != Status.REFERRED:
        values["invited_on"] = referred + timedelta(days=5 + offset // 4)
    if status in _PRESENTED or status in _AGREED:
        values["module_done_on"] = referred + timedelta(days=30 + offset)
    if status in _AGREED:
        values["agreed_on"] = referred + timedelta(days=45 + offset)
        values["next_evaluation_by"] = referred + timedelta(days=45 + offset + 180)
        values["agreement_ends_on"] = referred + timedelta(days=45 + offset + 540)
    if status == Status.COMPLETED:
        values["completed_on"] = referred + timedelta(days=300 + 4 * offset)
        values["ready_for_certificate"] = True
    if status in _CLOSED and status != Status.COMPLETED:
        values["closed_on"] = referred + timedelta(days=20 + 2 * offset)
    return values


def _states(rng: random.Random, agents: dict[int, list[User]]) -> None:
    """Each file gets a status by its age and a referent agent of its centre; then one UPDATE
    per (status, date offset) and per agent, in chunks of ids."""
    groups: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_agent: dict[int, list[int]] = defaultdict(list)
    rows = Pathway.objects.order_by("pk").values_list("pk", "referred_on", "centre_id")
    for pk, referred_on, centre_id in rows.iterator(chunk_size=20_000):
        age = (TODAY.year - referred_on.year) * 12 + TODAY.month - referred_on.month
        groups[(_status_for(rng, age), rng.randrange(0, 40, 5))].append(pk)
        team = agents[centre_id]
        by_agent[team[rng.randrange(len(team))].pk].append(pk)
    with transaction.atomic():
        for (status, offset), ids in sorted(groups.items()):
            values = _milestones(status, offset)
            for start in range(0, len(ids), BATCH):
                Pathway.objects.filter(pk__in=ids[start : start + BATCH]).update(**values)
        for agent, ids in sorted(by_agent.items()):
            for start in range(0, len(ids), BATCH):
                Pathway.objects.filter(pk__in=ids[start : start + BATCH]).update(agent_id=agent)


def _copy(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple[Any, ...]]
) -> int:
    """Rows into a model's table: COPY on PostgreSQL, `bulk_create` in batches elsewhere."""
    count = 0
    if connection.vendor == "postgresql":
        table = model._meta.db_table
        names = ", ".join(connection.ops.quote_name(c) for c in columns)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: COPY FROM STDIN
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        return count
    batch: list[models.Model] = []
    for row in rows:
        batch.append(model(**dict(zip(columns, row, strict=True))))
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)  # type: ignore[attr-defined]
            count, batch = count + len(batch), []
    model.objects.bulk_create(batch)  # type: ignore[attr-defined]
    return count + len(batch)


def _enrolments(rng: random.Random, offers: dict[tuple[int, str], Offer]) -> int:
    files = (
        Pathway.objects.filter(status__in=_AGREED, agreed_on__isnull=False)
        .order_by("pk")
        .values_list("pk", "centre_id", "agreed_on", "status")
    )
    # Read before the COPY (the connection is busy while it runs); the filter keeps dates.
    found = cast(list[tuple[int, int, date, str]], list(files))

    def rows() -> Iterable[tuple[Any, ...]]:
        for pk, centre_id, agreed_on, status in found:
            for track, share in TRACK_SHARES:
                if rng.random() >= share:
                    continue
                starts = agreed_on + timedelta(days=rng.randrange(7, 60))
                waiting = status == Status.IN_TRAINING and rng.random() < 0.06  # noqa: PLR2004
                answer = EnrolmentStatus.WAITING if waiting else EnrolmentStatus.ACCEPTED
                yield (
                    pk,
                    offers[(centre_id, str(track))].pk,
                    str(track),
                    str(answer),
                    agreed_on,
                    None if waiting else starts,
                    agreed_on if waiting else None,
                    "",
                    "",
                    "",
                    "",
                    "",
                )

    columns = (
        "pathway_id",
        "offer_id",
        "track",
        "status",
        "referred_on",
        "starts_on",
        "waiting_from",
        "message",
        "refusal_reason",
        "level_reached",
        "level_proof_kind",
        "level_proof",
    )
    return _copy(Enrolment, columns, rows())


def _attendance(rng: random.Random) -> int:
    """Weekly sessions from the start of each accepted enrolment to today (or to the end of
    the course), a few missed: several million rows at 500,000 people."""
    entered = datetime(2026, 11, 29, 18, tzinfo=UTC)
    enrolments = (
        Enrolment.objects.filter(status=EnrolmentStatus.ACCEPTED, starts_on__isnull=False)
        .order_by("pk")
        .values_list("pk", "starts_on", "track")
    )
    found = cast(list[tuple[int, date, str]], list(enrolments))  # read before the COPY
    sessions_by_track = {Track.FRENCH: 24, Track.CITIZENSHIP: 10, Track.JOB_ORIENTATION: 5}

    def rows() -> Iterable[tuple[Any, ...]]:
        for pk, starts_on, track in found:
            weeks = min(sessions_by_track[Track(track)], max(0, (TODAY - starts_on).days // 7))
            hours = rng.choice(SESSION_HOURS)
            for week in range(weeks):
                if rng.random() < 0.1:  # noqa: PLR2004 -- a missed session
                    continue
                day = starts_on + timedelta(days=7 * week)
                yield (
                    pk,
                    day,
                    hours,
                    AttendanceKind.SESSION.value,
                    AttendanceSource.GRID.value,
                    "",
                    entered,
                )

    columns = ("enrolment_id", "attended_on", "hours", "kind", "source", "note", "entered_at")
    return _copy(Attendance, columns, rows())


def _appointments(rng: random.Random, agents: dict[int, list[User]]) -> int:
    """The first welcome appointment of every invited file (attended, missed or to come) and
    an evaluation interview for files under agreement."""
    kinds = {k.code: k for k in AppointmentKind.objects.all()}
    offices = {o.centre_id: o for o in Office.objects.order_by("-is_demo", "pk")}
    files = (
        Pathway.objects.exclude(status=Status.REFERRED)
        .filter(invited_on__isnull=False)
        .order_by("pk")
        .values_list("pk", "person_id", "centre_id", "invited_on", "status", "agreed_on")
    )
    found = cast(list[tuple[int, int, int, date, str, date | None]], list(files))
    created = datetime(2026, 11, 1, 9, tzinfo=UTC)

    def slot(day: date) -> datetime:
        while day.weekday() >= 5:  # noqa: PLR2004 -- weekdays only
            day += timedelta(days=1)
        return datetime(day.year, day.month, day.day, 8 + rng.randrange(8), 0, tzinfo=UTC)

    def one(centre_id: int, person: int, kind: str, at: datetime, status: str) -> tuple[Any, ...]:
        team = agents[centre_id]
        minutes = kinds[kind].default_minutes
        return (
            centre_id,
            offices[centre_id].pk,
            kinds[kind].pk,
            team[rng.randrange(len(team))].pk,
            person,
            at,
            at + timedelta(minutes=minutes),
            status,
            "fr",
            "",
            "",
            created,
        )

    def rows() -> Iterable[tuple[Any, ...]]:
        for _pk, person, centre_id, invited_on, status, agreed_on in found:
            at = slot(invited_on + timedelta(days=rng.randrange(7, 21)))
            if at.date() >= TODAY:
                state = rng.choice((AppointmentStatus.PLANNED, AppointmentStatus.CONFIRMED))
            elif status in _PRESENTED:
                state = AppointmentStatus.ATTENDED
            else:
                state = rng.choices(
                    (AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED_BY_PERSON,
                     AppointmentStatus.ATTENDED), (0.6, 0.2, 0.2))[0]  # fmt: skip
            yield one(centre_id, person, "first_welcome", at, str(state))
            if agreed_on is not None:
                at = slot(agreed_on + timedelta(days=rng.randrange(150, 200)))
                missed = rng.random() < 0.08  # noqa: PLR2004
                state = (
                    AppointmentStatus.PLANNED
                    if at.date() >= TODAY
                    else AppointmentStatus.NO_SHOW
                    if missed
                    else AppointmentStatus.ATTENDED
                )
                yield one(centre_id, person, "evaluation", at, str(state))

    columns = (
        "centre_id",
        "office_id",
        "kind_id",
        "staff_id",
        "person_id",
        "starts_at",
        "ends_at",
        "status",
        "language",
        "note",
        "token_digest",
        "created_at",
    )
    return _copy(Appointment, columns, rows())


def region_seed(
    *, people: int, seed: int = SEED, say: Callable[[str], None] = lambda _line: None
) -> RegionReport:
    """Fill an empty database (reference data loaded) with a synthetic region."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible synthetic data, no secret
    report = RegionReport(people=people)
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        report.seconds[name] = now - clock
        say(f"{name}: {now - clock:.1f} s")
        clock = now

    kinds_ensure()
    demo_seed()
    agents = _agents()
    offers = _offers()
    lap("accounts, offices and offers")
    _people_and_files(rng, people, say)
    lap("people, files, referrals and decisions")
    _states(rng, agents)
    lap("statuses and agents")
    with transaction.atomic():
        report.enrolments = _enrolments(rng, offers)
    lap(f"{report.enrolments:,} enrolments")
    with transaction.atomic():
        report.attendance = _attendance(rng)
    lap(f"{report.attendance:,} attendance rows")
    with transaction.atomic():
        report.appointments = _appointments(rng, agents)
    lap(f"{report.appointments:,} appointments")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # what autovacuum does after a bulk load
        lap("analyze")
    return report
