"""The objects of the permission matrix: one of each kind a URL names, all of the CIMB (Mons),
of the partner body of `partner_fle` and of the commune of Mons — so that `agent_liege`
(another centre), `partner_other` (another partner body) and `commune_liege` (another commune)
always ask for an object that is not theirs."""

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from parcours.accounts.enums import TokenScope
from parcours.accounts.models import ApiToken, User
from parcours.accounts.tokens import api_token_issue
from parcours.appointments.enums import InterpreterMode
from parcours.appointments.models import Availability, ClosingDay, Interpreter, Presenter, Room
from parcours.appointments.services.interpreters import InterpreterNeed, interpreter_request_create
from parcours.appointments.services.online import Applicant, OnlineBooking, online_book
from parcours.appointments.services.online_sessions import OnlineRegistration, online_register
from parcours.appointments.services.sessions import seat_register
from parcours.appointments.services.setup import closing_day_add, feed_renew
from parcours.audit.enums import AccessKind
from parcours.audit.services import access_record, statistics_export_record
from parcours.certificates.services import certificate_issue
from parcours.pathways.enums import ComplianceGround, ReferralSource
from parcours.pathways.models import ImportJob, TransferRequest
from parcours.pathways.services.compliance import noncompliance_open
from parcours.pathways.services.followup import (
    EvaluationInput,
    convocation_send,
    evaluation_record,
)
from parcours.pathways.services.intake import ReferralInput, referral_register
from parcours.pathways.services.merge import people_merge
from parcours.pathways.services.referral_import import import_stage
from parcours.pathways.services.transfer_answers import pathway_move
from parcours.pathways.services.waivers import waiver_record
from parcours.territory.models import Centre, Commune, Office
from parcours.training.enums import ProofKind
from parcours.training.models import Enrolment
from parcours.training.services.documents import attestation_upload, level_record
from tests.clock import FROZEN_AT, FROZEN_ON
from tests.factories.appointments import (
    at,
    book,
    make_availability,
    make_office,
    make_session,
    next_weekday,
)
from tests.factories.people import make_pathway, person_fields
from tests.factories.training import make_enrolment, make_offer
from tests.pathways.journey import do_agreement, do_training, do_welcome
from tests.staff.conftest import reported_case

PDF = b"%PDF-1.4\n%%EOF\n"
DAY = next_weekday(FROZEN_ON, 1)


@dataclass(frozen=True)
class World:
    """`kwargs[name]` fills a URL argument `name`; `kwargs["route:name"]` wins for that route."""

    kwargs: dict[str, object]
    partner_token: str
    referral_token: str


def _appointments(cimb: Centre, agent: User, coordinator: User) -> dict[str, object]:
    now = timezone.localtime(FROZEN_AT)
    office = make_office(cimb)
    make_availability(office, agent)
    make_availability(office, coordinator, start=time(13), end=time(16))
    pathway = make_pathway(actor=agent, national_number="", family_name="Booked")
    appointment = book(
        office=office, staff=agent, person=pathway.person, starts_at=at(DAY, 9), now=now
    )
    session = make_session(office, coordinator, starts_at=at(DAY + timedelta(days=7), 9), now=now)
    seat = seat_register(session=session, actor=coordinator, now=now, person=pathway.person)
    applicant = Applicant(
        "Online", "Olga", date(1990, 1, 1), "0470 00 00 01", "o@example.org", "fr"
    )
    _seat, seat_token = online_register(
        registration=OnlineRegistration(session, applicant), now=now
    )
    booked = OnlineBooking(
        office,
        at(DAY, 10),
        "Web",
        "Wanda",
        date(1991, 2, 2),
        "0470 00 00 02",
        "w@example.org",
        "fr",
    )
    online, manage_token = online_book(booking=booked, now=now)
    need = InterpreterNeed(language="ar", mode=InterpreterMode.ON_SITE)
    interpreter = interpreter_request_create(need=need, actor=agent, appointment=appointment)
    closing = closing_day_add(
        office=office, whole_centre=False, on=DAY + timedelta(days=21), reason="x", actor=agent
    )
    Interpreter.objects.create(provider_id=interpreter.provider_id, name="Nadia", languages=["ar"])
    availability = Availability.objects.filter(office=office, staff=agent).first()
    room = Room.objects.create(office=office, name="Salle 1", seats=12)
    presenter = Presenter.objects.create(centre=cimb, full_name="Me Dubois")
    assert availability is not None and isinstance(closing, ClosingDay)
    return {
        "office_id": office.pk,
        "staff_id": agent.pk,
        "appointment_id": appointment.pk,
        "status": "attended",
        "session_id": session.pk,
        "seat_id": seat.pk,
        "provider_id": interpreter.provider_id,
        "request_id": interpreter.pk,
        "intake_id": online.intake_id,
        "closing_id": closing.pk,
        "availability_id": availability.pk,
        "room_id": room.pk,
        "presenter_id": presenter.pk,
        "account_id": agent.pk,
        "centre_id": cimb.pk,
        "content_type_id": ContentType.objects.get_for_model(Office).pk,
        "object_id": office.pk,
        "appointments:new.person_id": pathway.person_id,
        "appointments:feed_ics.token": feed_renew(user=agent),
        "public:booking:manage.token": manage_token,
        "public:booking:seat_manage.token": seat_token,
    }


def _training(enrolment: Enrolment, partner_user: User, agent: User) -> dict[str, object]:
    commune = enrolment.pathway.person.commune
    enrolment.offer.partner.centres.add(enrolment.pathway.centre_id)
    attestation = attestation_upload(
        enrolment=enrolment, upload=SimpleUploadedFile("a.pdf", PDF), actor=partner_user
    )
    level_record(
        enrolment=enrolment,
        level="A2",
        reached_on=date(2026, 5, 20),
        proof_kind=ProofKind.TEST,
        proof=SimpleUploadedFile("t.pdf", PDF),
        actor=partner_user,
    )
    return {
        "enrolment_id": enrolment.pk,
        "attestation_id": attestation.pk,
        "offer_id": enrolment.offer_id,
        "partner_id": enrolment.offer.partner_id,
        "partner:import_preview.token": import_stage(
            content=b"enrolment;date;hours\n", user=partner_user
        ),
        "staff:referral_import_preview.token": import_stage(content=b"x\n", user=agent),
        "staff:referral_import_job.token": ImportJob.objects.create(
            token="job-token", user=agent, referring_commune=commune, referred_on=FROZEN_ON
        ).token,
    }


def _moves(agent: User) -> dict[str, object]:
    """A transfer CIMB made, a request for a CIMB file, a merge, a partial import's rest."""
    liege = Commune.objects.get(nis_code="62063")
    moved = make_pathway(actor=agent, national_number="", family_name="Moved")
    done = pathway_move(
        pathway=moved,
        commune=liege,
        street="Rue Léopold 3",
        postal_code="4000",
        moved_on=date(2026, 6, 1),
        reason="Moved",
        actor=agent,
    )
    held = make_pathway(actor=agent, national_number="", family_name="Held")
    fields = person_fields(
        national_number="", family_name="Held", commune=liege, street="Rue Léopold 3"
    )
    asked = referral_register(
        data=ReferralInput(
            person=fields, commune=liege, referred_on=FROZEN_ON, source=ReferralSource.API
        ),
        actor=None,
    )
    assert isinstance(asked, TransferRequest) and asked.pathway == held
    twin = make_pathway(actor=agent, national_number="", family_name="Twin")
    other = make_pathway(actor=agent, national_number="", family_name="Twin", new_person=True)
    merge = people_merge(keep=twin.person, duplicate=other.person, actor=agent, reason="Same")
    rest = import_stage(content=b"x\n", user=agent)
    default_storage.save(f"imports/{agent.pk}-{rest}-rest.csv", ContentFile(b"x\n"))
    return {
        "transfer_id": done.pk,
        "staff:transfer_request.request_id": asked.pk,
        "merge_id": merge.pk,
        "staff:referral_import_rest.token": rest,
        "staff:referral_import_done.token": rest,
    }


def build_world(  # noqa: PLR0917 -- the personas the objects belong to
    cimb: Centre,
    agent: User,
    coordinator: User,
    partner_user: User,
    commune_user: User,
    enrolment: Enrolment,
) -> World:
    """Every object belongs to the CIMB, the partner body of `partner_user`, Mons."""
    pathway = enrolment.pathway
    convocation = convocation_send(
        pathway=pathway, meeting_at=at(DAY, 11), place="Mons", actor=agent
    )
    evaluation = evaluation_record(
        pathway=pathway,
        actor=agent,
        data=EvaluationInput(held_on=date(2026, 4, 1), access_to_training="Good", attendance="Ok"),
    )
    case = noncompliance_open(
        pathway=pathway,
        ground=ComplianceGround.EVALUATION_MISSED,
        on=date(2026, 4, 2),
        reason="No show",
        actor=agent,
    )
    waiver = waiver_record(pathway=pathway, ground="student", evidence="Card", actor=agent)
    referral_token = api_token_issue(
        user=commune_user, scope=TokenScope.REFERRALS, actor=coordinator
    )
    complete = make_pathway(actor=agent, national_number="", family_name="Kamaldeen")
    do_welcome(complete, agent)
    do_agreement(complete, agent)
    do_training(complete, agent)
    certificate = certificate_issue(pathway=complete, on=date(2026, 11, 2), actor=agent)
    kwargs: dict[str, object] = {
        "pathway_id": pathway.pk,
        "person_id": pathway.person_id,
        "case_id": case.pk,
        "waiver_id": waiver.pk,
        "user_id": commune_user.pk,
        "token_id": ApiToken.objects.get(user=commune_user).pk,
        "version": 1,
        "convocation_id": convocation.pk,
        "decision_id": pathway.decisions.get(rule="obligation", is_current=True).pk,
        "evaluation_id": evaluation.pk,
        "staff:certificate_pdf.pathway_id": complete.pk,
        "staff:certificate_revoke.pathway_id": complete.pk,
        "certificate_id": certificate.pk,
        "code": certificate.code,
        "accounts:otp_enrol.token": "not-a-valid-link",
        "accounts:invitation.token": "not-a-valid-link",
        "figure": "funnel",
        "file_format": "csv",
        "part": "administrative_help",
        "staff:statistics_dataset.year": 2026,
        "staff:region_sanction_pdf.case_id": reported_case(agent, coordinator).pk,
        "staff:region_sanction_decide.case_id": reported_case(agent, coordinator).pk,
        **_appointments(cimb, agent, coordinator),
        **_training(enrolment, partner_user, agent),
        **_moves(agent),
    }
    access_record(user=agent, person=pathway.person, what=AccessKind.FILE)
    statistics_export_record(user=coordinator, figure="funnel", file_format="csv", filters={})
    partner_token = api_token_issue(
        user=partner_user, scope=TokenScope.PARTNER_HOURS, actor=partner_user
    )
    kwargs["partner:token_revoke.token_id"] = ApiToken.objects.get(user=partner_user).pk
    return World(kwargs=kwargs, partner_token=partner_token, referral_token=referral_token)


def make_enrolled(agent: User, partner_user: User) -> Enrolment:
    """A file of the CIMB with a signed agreement, enrolled with the partner of `partner_user`."""
    pathway = make_pathway(actor=agent)
    do_welcome(pathway, agent)
    do_agreement(pathway, agent)
    assert partner_user.partner is not None
    offer = make_offer(partner_user.partner, title="FLE Mons A1")
    return make_enrolment(pathway, offer, agent=agent, partner_user=partner_user)
