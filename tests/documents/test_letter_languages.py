"""Every letter and PDF given to a person carries the French text, then the
person's letter language from the portal catalogue (an invitation "in Arabic" came out in
French only). The proofs (PNG pages) are under var/documents/ for a human to look at."""

import re
import subprocess
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.appointments.services.invitations import (
    invitation_letters_issue,
    invitation_letters_pdf,
    people_invite,
)
from parcours.casework import letter_labels
from parcours.casework.documents import agreement_context, agreement_pdf
from parcours.certificates.documents import certificate_pdf
from parcours.certificates.services import certificate_issue
from parcours.core.dates import today
from parcours.pathways.assessment import STRUCTURED
from parcours.pathways.documents import has_translation, letter_languages, render_html
from parcours.pathways.enums import AgreementKind, ComplianceGround, SignatureMethod
from parcours.pathways.models import SocialAssessment
from parcours.pathways.services.agreement import agreement_draft
from parcours.pathways.services.compliance import (
    noncompliance_notice,
    noncompliance_open,
    noncompliance_remind,
)
from parcours.pathways.services.followup import convocation_pdf, convocation_send
from parcours.people.enums import CefrLevel
from parcours.staff.templatetags.deadlines import PARAMETER_LABELS
from parcours.territory.models import Centre, Office
from parcours.training.enums import Track
from tests.certificates.test_certificates import _complete
from tests.clock import FROZEN_AT
from tests.documents.proof import OUT, Proof, proof
from tests.documents.test_agreement_document import TODAY, _welcomed
from tests.documents.test_letters import BRUSSELS, _followed, _window_text
from tests.factories.appointments import kind, make_availability, make_office
from tests.factories.people import make_person
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
URL = "https://parcours.example/verify/abc/"
ARABIC = re.compile(r"[\u0600-\u06ff]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# pdftotext wraps right-to-left runs in bidi embedding marks (U+202A to U+202E).
_MARKS = re.compile(r"[\u202a-\u202e]")


def _pages(seen: Proof) -> list[str]:
    return [_MARKS.sub("", text) for text in seen.page_texts]


def _boxes(seen: Proof, name: str) -> list[tuple[int, float, float, str]]:
    """(page, x min, x max, word) of every word of the text layer (pdftotext -bbox)."""
    source = OUT / name / f"{name}.pdf"
    html = subprocess.run(  # noqa: S603 - fixed arguments, poppler-utils
        ["/usr/bin/pdftotext", "-bbox", str(source), "-"], check=True, capture_output=True
    ).stdout.decode()
    words, page = [], 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)".*>(.*)</word>', line)
        if found:
            words.append((page, float(found.group(1)), float(found.group(2)), found.group(3)))
    return words


def _french_then_arabic(seen: Proof, name: str, french: str, arabic: str) -> int:
    """The French part first, the Arabic part after it on pages of its own, set right to
    left: its lines end on the right margin. Returns the first Arabic page (1-based)."""
    pages = _pages(seen)
    first = next(i for i, text in enumerate(pages) if ARABIC.search(text))
    assert first >= 1, "the French part comes first"
    assert french in " ".join(pages[:first])
    assert not ARABIC.search(" ".join(pages[:first]))
    arabic_text = " ".join(pages[first:])
    assert all(word in arabic_text for word in arabic.split()), arabic
    assert "النص الفرنسي هو المعتمد" in arabic_text  # the French text prevails
    words = [w for w in _boxes(seen, name) if w[0] > first and ARABIC.search(w[3])]
    # A4 is 595 pt wide, margins 2 cm (57 pt): right-aligned Arabic reaches the right margin
    # and starts there, the French text starts on the left one.
    assert max(x_max for _p, _x, x_max, _w in words) > 595 - 57 - 10
    french_words = [w for w in _boxes(seen, name) if w[0] <= first]
    assert min(x for _p, x, _m, _w in french_words) < 57 + 10
    return first + 1


def test_the_portal_catalogue_translates_the_documents_in_every_letter_language() -> None:
    for code in ("nl", "de", "en", "ar", "fa", "ps", "uk", "es", "tr"):
        assert has_translation(code), code
        assert letter_languages(code) == ["fr", code]
    assert letter_languages("fr") == ["fr"]


def test_an_arabic_part_is_a_right_to_left_section_of_the_page(agent_mons: User) -> None:
    pathway = _welcomed(agent_mons, letter_language="ar")
    with time_machine.travel(TODAY, tick=False):
        agreement = agreement_draft(pathway=pathway, on=TODAY, actor=agent_mons)
    html = render_html("documents/agreement.html", agreement_context(agreement), "ar")
    assert '<section class="part" lang="fr" dir="ltr">' in html
    assert '<section class="part" lang="ar" dir="rtl">' in html
    assert html.index('lang="fr"', html.index("<body")) < html.index('lang="ar" dir="rtl"')
    arabic = html[html.index('lang="ar" dir="rtl"') :]
    # The labels the letter prints beside its own text are in Arabic too.
    assert "التوجيه المهني" in arabic or "الفرنسية كلغة أجنبية" in arabic
    assert "رغبات التكوين" in arabic  # the objective's heading
    assert "French as a foreign language" not in arabic and "Training wishes" not in arabic


def test_an_invitation_in_arabic_has_the_french_letter_then_the_arabic_one(
    cimb: Centre, agent_mons: User
) -> None:
    office: Office = make_office(cimb)
    make_availability(office, agent_mons)
    now = timezone.localtime(FROZEN_AT)
    person = make_person(national_number="", family_name="Haddad", email="", letter_language="ar")
    result = people_invite(
        people=[person], office=office, kind=kind(), first=now, days=14, actor=agent_mons, now=now
    )
    appointments = [a for a, _link in result.letters]
    letters = invitation_letters_issue(appointments=appointments, actor=agent_mons, now=now)
    seen = proof(invitation_letters_pdf(letters, now), "invitation-fr-ar")
    assert len(seen.pages) == 2
    first = _french_then_arabic(
        seen, "invitation-fr-ar", "Invitation", "يدعوك مركز الاندماج إلى موعد"
    )
    assert first == 2
    assert "HADDAD" in _pages(seen)[1]  # the Latin name stays as written


def test_an_agreement_in_arabic_has_the_french_text_then_the_arabic_one(
    agent_mons: User,
) -> None:
    pathway = _welcomed(agent_mons, letter_language="ar")
    with time_machine.travel(TODAY, tick=False):
        agreement = agreement_draft(pathway=pathway, on=TODAY, actor=agent_mons)
        seen = proof(agreement_pdf(agreement), "agreement-fr-ar")
    first = _french_then_arabic(seen, "agreement-fr-ar", "Convention", "اتفاقية مسار الاندماج")
    # Two pages in French, two in Arabic: the same content in each language.
    assert (first, len(seen.pages)) == (3, 4)
    arabic = " ".join(_pages(seen)[first - 1 :])
    assert "حقوقك" in arabic and "التزاماتك" in arabic


def test_a_certificate_in_arabic_has_the_french_page_then_the_arabic_one(
    agent_mons: User,
) -> None:
    pathway = _complete(agent_mons, letter_language="ar")
    with time_machine.travel(date(2027, 3, 1), tick=False):
        certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
        seen = proof(certificate_pdf(certificate, URL), "certificate-fr-ar")
    assert len(seen.pages) == 2
    _french_then_arabic(
        seen, "certificate-fr-ar", "Attestation", "شهادة حضور مسار الاندماج للقادمين الجدد"
    )
    arabic = _pages(seen)[1]
    assert "CIMB-2027-00001" in arabic  # the link reads left to right, its code whole
    assert "https://parcours.example/verify/" in arabic and "abc/" in arabic.split()
    assert "065 61 18 53" in arabic  # and so does the centre's phone


def test_a_certificate_in_ukrainian_has_the_french_page_then_the_ukrainian_one(
    agent_mons: User,
) -> None:
    pathway = _complete(agent_mons, letter_language="uk")
    with time_machine.travel(date(2027, 3, 1), tick=False):
        certificate = certificate_issue(pathway=pathway, on=date(2027, 2, 1), actor=agent_mons)
        seen = proof(certificate_pdf(certificate, URL), "certificate-fr-uk")
    assert len(seen.pages) == 2
    assert "Attestation" in seen.page_texts[0] and not CYRILLIC.search(seen.page_texts[0])
    ukrainian = seen.page_texts[1]
    for expected in ("Сертифікат про проходження програми інтеграції", "Громадянознавство"):
        assert expected in ukrainian, expected
    assert "Переважну силу має французький текст" in ukrainian
    assert "Citizenship" not in ukrainian


def test_the_letter_labels_list_every_label_the_documents_print() -> None:
    """The labels come from the domains' enums and models: the portal catalogue only has
    them through parcours.casework.letter_labels, which must follow the enums."""
    listed = set(letter_labels.LETTER_LABELS)
    printed: list[object] = [label for _value, label in Track.choices]
    printed += [label for _value, label in AgreementKind.choices]
    printed += [label for _value, label in SignatureMethod.choices]
    printed += [label for _value, label in ComplianceGround.choices]
    printed += [dict(Role.choices)[role] for role in (Role.AGENT, Role.COORDINATOR)]
    printed += [CefrLevel.BELOW_A1.label]
    printed += [
        getattr(SocialAssessment._meta.get_field(name), "verbose_name", name)
        for name in ("languages", "training_wishes", "experience", "administrative_needs")
    ]
    for name in [*STRUCTURED, "children_count"]:
        printed.append(getattr(SocialAssessment._meta.get_field(name), "verbose_name", name))
    printed += [label for choices in STRUCTURED.values() for label in choices.labels]
    printed += [
        PARAMETER_LABELS[name][0]
        for name in (
            "citizenship_minimum_hours", "french_minimum_hours", "job_orientation_minimum_hours",
            "citizenship_time_limit", "french_time_limit", "agreement_maximum_length",
        )
    ]  # fmt: skip
    with translation.override("en"):  # the message ids
        missing = [str(label) for label in printed if str(label) not in listed]
    assert not missing


def test_a_convocation_in_arabic_keeps_the_address_in_the_envelope_window(
    agent_mons: User,
) -> None:
    pathway = _followed(agent_mons, letter_language="ar")
    meeting = datetime(2026, 12, 14, 10, 0, tzinfo=BRUSSELS)
    convocation = convocation_send(
        pathway=pathway, meeting_at=meeting, place="Rue du Onze Novembre 7, Saint-Ghislain",
        actor=agent_mons,
    )  # fmt: skip
    seen = proof(convocation_pdf(convocation), "convocation-fr-ar")
    assert len(seen.pages) == 2  # one page in each language
    _french_then_arabic(seen, "convocation-fr-ar", "Convocation", "استدعاء إلى مقابلة تقييم")
    arabic = _pages(seen)[1]
    assert "14/12/2026 10:00" in arabic  # the date and hour read left to right
    # The Belgian post reads the address in the window left to right: "7000 MONS".
    assert "7000 MONS" in _window_text("convocation-fr-ar")
    assert "7000 MONS" in arabic


def test_a_formal_notice_in_arabic_names_the_ground_and_the_deadline_in_arabic(
    agent_mons: User, client_for: ClientFor
) -> None:
    pathway = _followed(agent_mons, letter_language="ar")
    case = noncompliance_open(pathway=pathway, ground=ComplianceGround.EVALUATION_MISSED,
                              on=today(), reason="x", actor=agent_mons)  # fmt: skip
    noncompliance_remind(case=case, on=today(), actor=agent_mons)
    noncompliance_notice(case=case, on=today(), explain_by=today() + timedelta(days=15),
                         actor=agent_mons)  # fmt: skip
    url = reverse("staff:case_letter", args=[pathway.pk, case.pk])
    seen = proof(client_for(agent_mons).get(url).content, "formal-notice-fr-ar")
    assert len(seen.pages) == 2
    _french_then_arabic(seen, "formal-notice-fr-ar", "Mise en demeure", "إنذار رسمي")
    arabic = _pages(seen)[1]
    assert "فاتته مقابلة التقييم" in arabic and "15/12/2026" in arabic  # ground, deadline
    assert "7000 MONS" in _window_text("formal-notice-fr-ar")
