"""Every URL pattern of the project × every persona → the expected status, in one table.

The test walks the URL resolver: a pattern without a row fails, so a new URL comes with its
row. Object URLs name objects of the CIMB, of the partner body of `partner_fle` and of Mons
(tests/matrix_world.py): `agent_liege` (another centre), `partner_other` (another partner
body) and `commune_liege` (another commune) are the "object of another …" cases.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

from parcours.accounts.admin_site import admin_site
from parcours.accounts.enums import Role, TokenScope
from parcours.accounts.models import User
from parcours.accounts.tokens import api_token_issue
from parcours.territory.models import Centre, Commune
from tests.factories.accounts import make_user
from tests.factories.training import make_partner, make_partner_user
from tests.matrix_world import World, build_world, make_enrolled
from tests.types import ClientFor

pytestmark = pytest.mark.django_db

PERSONAS = (
    "anonymous",
    "agent_mons",
    "coordinator_mons",
    "agent_liege",
    "partner_fle",
    "partner_other",
    "commune_mons",
    "commune_liege",
    "region",
    "admin_user",
)

# One row per URL pattern (its route name), then the status of each persona, in the order of
# PERSONAS. 302 for `anonymous` = sent to the login page.
#   GET       a page.
#   GET POST  a form: a POST from a persona refused on GET (302 to the login, 401, 403, 404)
#             is refused the same way and changes nothing.
#   POST      an action: the statuses are those of a POST ("ok" = allowed, not tried here);
#             a GET gets 405, or the same refusal as the POST.
# API rows: the personas with an API token (partner_fle, partner_other, commune_mons) send it.
# Public rows under i18n_patterns are tried without a prefix and under /en/.
MATRIX: dict[str, tuple[str, str]] = {
    # route                                 methods      an  agM coM agL paF paO coM coL reg adm
    "healthz": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "set_language": ("POST", "302 302 302 302 302 302 302 302 302 302"),
    "verify:verify": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "verify:form": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    # accounts
    "accounts:login": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "accounts:otp_verify": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    "accounts:otp_setup": ("GET", "302 200 200 200 200 200 200 200 200 200"),
    "accounts:otp_enrol": ("GET", "302 400 400 400 400 400 400 400 400 400"),
    "accounts:invitation": ("GET POST", "400 400 400 400 400 400 400 400 400 400"),
    "accounts:logout": ("POST", "302 302 302 302 302 302 302 302 302 302"),
    # public pages (i18n)
    "public:home": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:finder": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:about_data": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:privacy": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:information": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:languages": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:self_check": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:booking:offices": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:booking:book": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:booking:done": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    "public:booking:manage_current": ("GET", "404 404 404 404 404 404 404 404 404 404"),
    "public:booking:manage": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    "public:booking:sessions": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:booking:centre_sessions": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:booking:session_register": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:booking:session_done": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    "public:booking:seat_manage_current": ("GET", "404 404 404 404 404 404 404 404 404 404"),
    "public:booking:seat_manage": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    # the personal space: a staff login opens nothing (302 = back to the door for a code)
    "public:space:enter": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "public:space:code": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    "public:space:home": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    "public:space:manage_appointment": ("POST", "302 302 302 302 302 302 302 302 302 302"),
    "public:space:agreement_pdf": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    "public:space:certificate_pdf": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    "public:space:data_json": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    "public:space:data_pdf": ("GET", "302 302 302 302 302 302 302 302 302 302"),
    # leaving ends the whole session (a staff login too): not tried here, see test_space.py
    "public:space:privacy_read": ("POST", "302 302 302 302 302 302 302 302 302 302"),
    "public:space:leave": ("POST", "ok  ok  ok  ok  ok  ok  ok  ok  ok  ok "),
    # API
    "api:openapi-json": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "api:openapi-view": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "api:api-root": ("GET", "404 404 404 404 404 404 404 404 404 404"),
    "api:lookup": ("GET", "400 400 400 400 400 400 400 400 400 400"),
    "api:office_slots": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "api:decide": ("POST", "ok  ok  ok  ok  ok  ok  ok  ok  ok  ok "),
    "api:clock": ("POST", "ok  ok  ok  ok  ok  ok  ok  ok  ok  ok "),
    "api:refer": ("POST", "401 401 401 401 401 401 ok  401 401 401"),
    "api:enrolments": ("GET", "401 401 401 401 200 200 401 401 401 401"),
    "api:enrolment": ("GET", "401 401 401 401 200 404 401 401 401 401"),
    "api:answer": ("POST", "401 401 401 401 ok  404 401 401 401 401"),
    "api:attendance": ("GET", "401 401 401 401 200 404 401 401 401 401"),
    "api:attendance_batch": ("POST", "401 401 401 401 ok  ok  401 401 401 401"),
    # staff: casework
    "staff:home": ("GET", "302 200 200 200 200 200 200 200 200 200"),
    "staff:office_detail": ("GET", "302 200 200 404 403 403 403 403 200 200"),
    "staff:worklist": ("GET", "302 200 200 200 403 403 403 403 403 403"),
    "staff:commune_people": ("GET", "302 403 403 403 403 403 200 200 403 403"),
    "staff:commune_inbox": ("GET", "302 403 403 403 403 403 200 200 403 403"),
    "staff:search": ("GET POST", "302 200 200 200 403 403 403 403 403 403"),
    "staff:referral_new": ("GET POST", "302 200 200 200 403 403 200 200 403 403"),
    "staff:referral_import": ("GET POST", "302 200 200 200 403 403 200 200 403 403"),
    # An import belongs to the user who uploaded it, even within the centre.
    "staff:referral_import_preview": ("GET POST", "302 200 404 404 403 403 404 404 403 403"),
    "staff:referral_import_job": ("GET", "302 200 404 404 403 403 404 404 403 403"),
    "staff:referral_import_rest": ("GET", "302 200 404 404 403 403 404 404 403 403"),
    "staff:referral_import_done": ("GET", "302 200 404 404 403 403 404 404 403 403"),
    "staff:person": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:person_edit": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:person_merge": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:access_log": ("GET", "302 403 200 403 403 403 403 403 403 403"),
    "staff:merges": ("GET", "302 403 403 403 403 403 403 403 403 200"),
    "staff:merge_undo": ("GET POST", "302 403 403 403 403 403 403 403 403 200"),
    "staff:transfers": ("GET", "302 200 200 200 403 403 403 403 403 403"),
    # A transfer's confirmation and a request's answer belong to the centre that held the file.
    "staff:transfer_done": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "staff:transfer_request": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:tokens": ("GET POST", "302 403 200 403 403 403 403 403 403 200"),
    "staff:token_issue": ("GET POST", "302 403 200 403 403 403 403 403 403 200"),
    "staff:token_revoke": ("GET POST", "302 403 200 403 403 403 403 403 403 200"),
    "staff:space_link": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "staff:privacy_given": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "staff:subject_json": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "staff:subject_pdf": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "staff:region_sanctions": ("GET", "302 403 403 403 403 403 403 403 200 403"),
    "staff:statistics": ("GET", "302 403 200 403 403 403 403 403 200 403"),
    "staff:statistics_export": ("GET", "302 403 200 403 403 403 403 403 200 403"),
    "staff:statistics_dataset": ("GET", "302 403 403 403 403 403 403 403 200 403"),
    "staff:region_sanction_pdf": ("GET", "302 403 403 403 403 403 403 403 200 403"),
    "staff:region_sanction_decide": ("GET POST", "302 403 403 403 403 403 403 403 200 403"),
    "staff:agent_assign": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:waiver_new": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:waiver_withdraw": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:adjustment_new": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:assessment": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:health": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:rights": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:french_test": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:administrative_help": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:welcome_complete": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:welcome_task_state": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "staff:agreement_draft": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:agreement_sign": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:agreement_pdf": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    # The world's agreement was signed on screen: no scan, so 404 even for its centre.
    "staff:agreement_scan": ("GET", "302 404 404 404 403 403 403 403 403 403"),
    "staff:hours": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:evaluation": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:convocation": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:convocation_pdf": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "staff:evaluation_pdf": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "staff:certificate_new": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:certificate_pdf": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "staff:certificate_revoke": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:transition": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:transfer": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:close_left_region": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:notify": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:case_open": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:case_remind": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:case_notice": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:case_answer": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:case_report": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "staff:case_not_sanctionable": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:case_letter": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    # staff: a coordinator's management pages (the world's partner body works with the CIMB)
    "staff:partners": ("GET", "302 403 200 403 403 403 403 403 200 200"),
    "staff:partner_new": ("GET POST", "302 403 200 403 403 403 403 403 403 200"),
    "staff:partner_join": ("POST", "302 403 ok  403 403 403 403 403 403 403"),
    "staff:partner_edit": ("GET POST", "302 403 200 403 403 403 403 403 403 200"),
    "staff:offer_new": ("GET POST", "302 403 200 403 403 403 403 403 403 200"),
    "staff:offer_edit": ("GET POST", "302 403 200 403 403 403 403 403 403 200"),
    "staff:accounts": ("GET", "302 403 200 403 403 403 403 403 403 403"),
    "staff:account_invite": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "staff:account_edit": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "staff:account_active": ("POST", "302 403 ok  403 403 403 403 403 403 403"),
    "staff:rooms": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "staff:room_edit": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "staff:presenters": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "staff:presenter_edit": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "staff:decision_letter": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "staff:templates": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "staff:template_paragraphs": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "staff:template_preview": ("GET", "302 403 200 403 403 403 403 403 403 403"),
    # staff: training tracks of a file
    "staff:centre_refer": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "staff:centre_refer_to": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "staff:centre_ledger": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:centre_withdraw": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "staff:centre_attestation_file": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "staff:centre_level_proof": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    # staff: appointments
    "appointments:home": ("GET", "302 302 302 302 403 403 403 403 403 403"),
    "appointments:staff_week": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "appointments:staff_day": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "appointments:office_week": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "appointments:office_day": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "appointments:feed": ("GET POST", "302 200 200 200 403 403 403 403 403 403"),
    "appointments:feed_ics": ("GET", "200 200 200 200 200 200 200 200 200 200"),
    "appointments:new": ("GET POST", "302 200 200 404 403 403 403 403 403 403"),
    "appointments:detail": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "appointments:set_status": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "appointments:move": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "appointments:interpreter_add": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "appointments:sessions": ("GET", "302 200 200 200 403 403 403 403 403 403"),
    "appointments:session_new": ("GET POST", "302 403 200 403 403 403 403 403 403 403"),
    "appointments:session": ("GET", "302 200 200 404 403 403 403 403 403 403"),
    "appointments:session_register": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "appointments:seat_cancel": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "appointments:attendance": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "appointments:interpreters": ("GET", "302 200 200 200 403 403 403 403 403 403"),
    "appointments:interpreters_csv": ("POST", "302 403 ok  403 403 403 403 403 403 403"),
    "appointments:interpreters_email": ("POST", "302 403 ok  403 403 403 403 403 403 403"),
    "appointments:interpreter_update": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "appointments:intakes": ("GET", "302 200 200 200 403 403 403 403 403 403"),
    "appointments:intake_link": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "appointments:intake_dismiss": ("POST", "302 ok  ok  404 403 403 403 403 403 403"),
    "appointments:invite": ("GET", "302 200 200 200 403 403 403 403 403 403"),
    "appointments:letters_pdf": ("POST", "302 ok  ok  ok  403 403 403 403 403 403"),
    "appointments:setup": ("GET", "302 403 200 403 403 403 403 403 403 403"),
    "appointments:closing_add": ("POST", "302 403 ok  403 403 403 403 403 403 403"),
    "appointments:closing_remove": ("POST", "302 403 ok  403 403 403 403 403 403 403"),
    "appointments:availability_add": ("POST", "302 403 ok  403 403 403 403 403 403 403"),
    "appointments:availability_remove": ("POST", "302 403 ok  403 403 403 403 403 403 403"),
    "appointments:room_add": ("POST", "302 403 ok  403 403 403 403 403 403 403"),
    # partner portal
    "partner:inbox": ("GET", "302 403 403 403 200 200 403 403 403 403"),
    "partner:enrolment": ("GET", "302 403 403 403 200 404 403 403 403 403"),
    "partner:answer": ("POST", "302 403 403 403 ok  404 403 403 403 403"),
    "partner:hours": ("POST", "302 403 403 403 ok  404 403 403 403 403"),
    "partner:attestation": ("POST", "302 403 403 403 ok  404 403 403 403 403"),
    "partner:attestation_file": ("GET", "302 403 403 403 200 404 403 403 403 403"),
    "partner:level": ("POST", "302 403 403 403 ok  404 403 403 403 403"),
    "partner:level_proof": ("GET", "302 403 403 403 200 404 403 403 403 403"),
    "partner:offers": ("GET", "302 403 403 403 200 200 403 403 403 403"),
    "partner:offer_new": ("GET POST", "302 403 403 403 200 200 403 403 403 403"),
    "partner:offer_edit": ("GET POST", "302 403 403 403 200 404 403 403 403 403"),
    "partner:grid": ("GET POST", "302 403 403 403 200 404 403 403 403 403"),
    "partner:import": ("GET POST", "302 403 403 403 200 200 403 403 403 403"),
    "partner:import_preview": ("GET POST", "302 403 403 403 200 404 403 403 403 403"),
    "partner:tokens": ("GET POST", "302 403 403 403 200 200 403 403 403 403"),
    "partner:token_revoke": ("POST", "302 403 403 403 ok  404 403 403 403 403"),
    # Django admin: the site-wide pages; the model pages follow ADMIN_MODELS below.
    "admin:index": ("GET", "302 302 200 302 302 302 302 302 302 200"),
    "admin:login": ("GET", "302 403 302 403 403 403 403 403 403 302"),
    "admin:logout": ("GET", "302 302 405 302 302 302 302 302 302 405"),
    "admin:password_change": ("GET", "302 302 200 302 302 302 302 302 302 200"),
    "admin:password_change_done": ("GET", "302 302 200 302 302 302 302 302 302 200"),
    "admin:autocomplete": ("GET", "302 302 403 302 302 302 302 302 302 403"),
    "admin:jsi18n": ("GET", "302 302 200 302 302 302 302 302 302 200"),
    "admin:view_on_site": ("GET", "302 302 404 302 302 302 302 302 302 404"),
    "admin:app_list": ("GET", "302 302 200 302 302 302 302 302 302 200"),
    "admin:(?P<url>.*)$": ("GET", "302 302 404 302 302 302 302 302 302 404"),
}

# The model pages of the admin (admin/<app>/<model>/…): what the coordinator and the
# administrator may do there — v view (list, page, history), a add, d delete. Everyone else is
# sent to the login page; `<object_id>/` alone redirects to the change page.
ADMIN_MODELS: dict[str, tuple[str, str]] = {
    # model                              coordinator_mons  admin_user
    "accounts.user": ("", "vad"),
    "territory.commune": ("v", "v"),
    "territory.office": ("", "vad"),
    "territory.centre": ("v", "vad"),
    "territory.postallocality": ("", "vad"),
    "territory.referencedataset": ("v", "v"),
    "accounts.apitoken": ("", "v"),
    "appointments.appointmentkind": ("v", "v"),
    "appointments.interpreterprovider": ("vad", "vad"),
    "appointments.interpreter": ("vad", "vad"),
    "training.partner": ("vad", "vad"),
    "training.offer": ("vad", "vad"),
    "audit.accessevent": ("", "v"),
    "audit.statisticsexport": ("", "v"),
}
ADMIN_PAGE = {"changelist": "v", "history": "v", "change": "v", "add": "a", "delete": "d"}
ADMIN_ROLES = {"coordinator_mons": 0, "admin_user": 1}
REFUSED = {302, 401, 403, 404}
PDF = b"%PDF-1.4\n%%EOF\n"
# One body for every form: each takes what it knows and refuses the rest.
BODY = {"reason": "x", "to": "completed", "on": "2026-06-01", "summary": "x", "q": "x"}
BODY |= {"answer": "refused", "attended_on": "2026-05-04", "hours": "3", "level": "A2"}
BODY |= {"reached_on": "2026-05-04", "proof_kind": "test", "note": "x", "name": "x"}


@dataclass(frozen=True)
class Route:
    """One URL pattern of the resolver: its name, its route, whether i18n_patterns prefix it."""

    name: str
    route: str
    i18n: bool


def _walk(
    resolver: URLResolver, prefix: str = "", namespace: str = "", i18n: bool = False
) -> Iterator[Route]:
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, (namespace, pattern.namespace)))
            locale = isinstance(pattern.pattern, LocalePrefixPattern)
            route = prefix if locale else prefix + str(pattern.pattern)
            yield from _walk(pattern, route, inner, i18n or locale)
        else:
            assert isinstance(pattern, URLPattern)
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name or str(pattern.pattern)}".lstrip(":")
            yield Route(name=name, route=route, i18n=i18n)


def project_routes() -> list[Route]:
    return list(_walk(get_resolver()))


def _admin_model(route: Route) -> str | None:
    """`app.model` when the route is one of a registered model's admin pages."""
    for model in admin_site._registry:
        if route.route.startswith(f"admin/{model._meta.app_label}/{model._meta.model_name}/"):
            return model._meta.label_lower
    return None


def _admin_page(route: Route) -> str:
    if route.name.endswith("password_change"):
        return "change"
    return route.name.rsplit("_", 1)[-1] if route.name.endswith(tuple(ADMIN_PAGE)) else ""


def expected_admin(route: Route, model: str, persona: str) -> int:
    if persona not in ADMIN_ROLES:
        return 302
    page = _admin_page(route)
    if not page:
        return 302  # admin/<app>/<model>/<id>/ redirects to the change page
    allowed = ADMIN_MODELS[model][ADMIN_ROLES[persona]]
    return 200 if ADMIN_PAGE[page] in allowed else 403


def _statuses(text: str) -> list[int | None]:
    return [None if word == "ok" else int(word) for word in text.split()]


def test_every_url_pattern_has_a_row_and_every_row_a_pattern() -> None:
    routes = project_routes()
    names = {route.name for route in routes if _admin_model(route) is None}
    models = {model for route in routes if (model := _admin_model(route))}
    assert sorted(names - MATRIX.keys()) == [], "URL patterns without a row in MATRIX"
    assert sorted(MATRIX.keys() - names) == [], "rows of MATRIX without a URL pattern"
    assert sorted(models ^ ADMIN_MODELS.keys()) == [], "admin models without a row or pattern"
    for methods, statuses in MATRIX.values():
        assert methods in {"GET", "GET POST", "POST"} and len(_statuses(statuses)) == len(PERSONAS)


def _fill(route: Route, world: World) -> str:
    def argument(match: re.Match[str]) -> str:
        key = match.group(1)
        return str(world.kwargs.get(f"{route.name}.{key}", world.kwargs.get(key)))

    path = re.sub(r"<(?:\w+:)?(\w+)>", argument, route.route)
    if route.name == "admin:app_list":
        return "/admin/territory/"
    if route.name == "admin:(?P<url>.*)$":
        return "/admin/no-such-page/"
    return "/" + path


def _object_id(route: Route, model: str) -> str:
    found = apps.get_model(model)._default_manager.order_by("pk").first()
    assert found is not None, f"the world has no {model}"
    return re.sub(r"<(?:\w+:)?(object_id|id)>", str(found.pk), route.route)


@dataclass
class Visit:
    client: Client
    persona: str
    world: World
    token: str

    def headers(self, route: Route) -> dict[str, str]:
        return (
            {"Authorization": f"Bearer {self.token}"}
            if self.token and route.name.startswith("api:")
            else {}
        )

    def urls(self, route: Route) -> list[str]:
        url = _fill(route, self.world)
        return [url, "/en" + url] if route.i18n else [url]

    def get(self, url: str, route: Route) -> int:
        return self.client.get(url, headers=self.headers(route)).status_code

    def post(self, url: str, route: Route) -> int:
        if route.name.startswith("api:"):
            body = _api_body(route, self.world)
            return self.client.post(
                url, body, content_type="application/json", headers=self.headers(route)
            ).status_code
        files = {
            "file": SimpleUploadedFile("a.pdf", PDF),
            "proof": SimpleUploadedFile("b.pdf", PDF),
        }
        return self.client.post(url, BODY | files).status_code


def _api_body(route: Route, world: World) -> object:
    enrolment = world.kwargs["enrolment_id"]
    if route.name == "api:attendance_batch":
        return [{"enrolment": enrolment, "date": "2026-05-04", "hours": "3"}]
    return {"answer": "refused", "reason": "x", "family_name": "X", "given_names": "Y"}


def _state() -> dict[str, list[tuple[object, ...]]]:
    """Every row of every Parcours model (the reference data aside): what a POST might change."""
    skip = {"territory.commune", "territory.postallocality"}
    return {
        model._meta.label_lower: list(model._default_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model.__module__.startswith("parcours.") and model._meta.label_lower not in skip
    }


@pytest.fixture(autouse=True)
def _quiet_outboxes(settings: object) -> Iterator[None]:
    """SMS to the local outbox; no rate-limit counter from another test."""
    settings.PARCOURS_SMS_BACKEND = "parcours.notifications.sms.LocmemBackend"  # type: ignore[attr-defined]
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def personas(
    request: pytest.FixtureRequest, territory: None, partner_fle: User, agent_mons: User
) -> dict[str, User | None]:
    found: dict[str, User | None] = {"anonymous": None}
    for name in PERSONAS[1:]:
        if name == "partner_other":
            other = make_partner(name="Beta Citoyenneté")
            found[name] = make_partner_user(other, email="staff@beta.example.org")
        elif name == "commune_liege":
            liege = Commune.objects.get(nis_code="62063")
            found[name] = make_user(
                email="commune.liege@example.org", role=Role.COMMUNE, commune=liege
            )
        else:
            found[name] = request.getfixturevalue(name)
    return found


@pytest.fixture
def world(personas: dict[str, User | None]) -> World:
    def user(name: str) -> User:
        found = personas[name]
        assert found is not None
        return found

    agent = user("agent_mons")
    return build_world(
        Centre.objects.get(code="CIMB"),
        agent,
        user("coordinator_mons"),
        user("partner_fle"),
        user("commune_mons"),
        make_enrolled(agent, user("partner_fle")),
    )


def _token(persona: str, user: User | None, world: World) -> str:
    if persona == "partner_fle":
        return world.partner_token
    if persona == "commune_mons":
        return world.referral_token
    if persona == "partner_other" and user is not None:
        return api_token_issue(user=user, scope=TokenScope.PARTNER_HOURS, actor=user)
    return ""


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_url_answers_each_persona_as_the_matrix_says(
    persona: str, personas: dict[str, User | None], world: World, client_for: ClientFor
) -> None:
    user = personas[persona]
    visit = Visit(client_for(user), persona, world, _token(persona, user, world))
    column = PERSONAS.index(persona)
    wrong, posts = [], []
    for route in project_routes():
        model = _admin_model(route)
        if model is not None:
            url = "/" + _object_id(route, model)
            if (status := visit.get(url, route)) != expected_admin(route, model, persona):
                wrong.append(
                    f"GET {url}: {status}, expected {expected_admin(route, model, persona)}"
                )
            if expected_admin(route, model, persona) in REFUSED and _admin_page(route) in (
                "add",
                "delete",
                "change",
            ):
                posts.append((url, route, expected_admin(route, model, persona)))
            continue
        methods, statuses = MATRIX[route.name]
        expected = _statuses(statuses)[column]
        for url in visit.urls(route):
            status = visit.get(url, route)
            if methods == "POST":
                if status not in {405, expected}:
                    wrong.append(f"GET {url}: {status}, expected 405 or {expected}")
                if expected is not None:
                    posts.append((url, route, expected))
                continue
            if status != expected:
                wrong.append(f"GET {url}: {status}, expected {expected}")
            if methods == "GET POST" and expected in REFUSED:
                posts.append((url, route, expected))
    before = _state()
    posts.sort(key=lambda post: post[1].name == "accounts:logout")  # logging out comes last
    for url, route, expected in posts:
        if (status := visit.post(url, route)) != expected:
            wrong.append(f"POST {url}: {status}, expected {expected}")
    after = _state()
    changed = [f"{model} changed" for model in before if before[model] != after[model]]
    assert wrong + changed == []
