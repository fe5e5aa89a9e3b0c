from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from parcours.accounts.access import request_user, staff_view
from parcours.accounts.enums import CENTRE_ROLES, Role
from parcours.accounts.models import User
from parcours.core.dates import today
from parcours.core.errors import DomainError, NotFoundError
from parcours.pathways.referral_rows import ImportReport, import_check
from parcours.pathways.selectors import import_job_get_for_staff, people_visible_to
from parcours.pathways.services.referral_import import (
    import_commit,
    import_commune_of,
    import_has_rest,
    import_load,
    import_needs_background,
    import_rest,
    import_stage,
)
from parcours.pathways.services.referral_import_queue import import_job_start
from parcours.staff.forms.casework import ImportForm
from parcours.territory.models import Commune

PREVIEW_ROWS = 50
MAX_UPLOAD = 10 * 1024 * 1024


# A commune imports the people who live in it; the centre's staff, those of its communes.
referrers = staff_view(roles=(*CENTRE_ROLES, Role.COMMUNE))


def _communes(user: User) -> QuerySet[Commune]:
    if user.role == Role.COMMUNE:
        return Commune.objects.filter(pk=user.commune_id or 0)
    return Commune.objects.filter(centre=user.centre, valid_until__isnull=True)


def _form(request: HttpRequest) -> ImportForm:
    form = ImportForm(request.POST or None, request.FILES or None)
    field = form.fields["referring_commune"]
    field.queryset = _communes(request_user(request))  # type: ignore[attr-defined]
    return form


@referrers
def import_upload(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("The file is larger than 10 MB: split it."))
        else:
            token = import_stage(content=upload.read(), user=request_user(request))
            commune = form.cleaned_data["referring_commune"].pk
            url = reverse("staff:referral_import_preview", args=[token])
            return redirect(f"{url}?commune={commune}")
    return render(request, "staff/import_upload.html", {"form": form})


@referrers
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    user = request_user(request)
    try:
        content = import_load(token=token, user=user)
        report = import_check(content, centre=user.centre, lives_in=import_commune_of(user))
    except NotFoundError:
        raise Http404 from None
    commune = _commune(request, user)
    choices = _choices(request, report)
    if request.method == "POST" and commune is not None and report.valid:
        valid_only = request.POST.get("mode") == "valid"
        if report.ok or valid_only:
            return _commit(request, token, commune, choices, valid_only=valid_only)
    visible = set(
        people_visible_to(user=user)
        .filter(pk__in=[p.pk for row in report.to_confirm for p in row.matches])
        .values_list("pk", flat=True)
    )
    context = {
        "report": report,
        "token": token,
        "commune": commune,
        "preview": report.valid[:PREVIEW_ROWS],
        "errors": report.errors[:500],
        "to_confirm": report.to_confirm[:500],
        "visible": visible,
        "choices": choices,
    }
    return render(request, "staff/import_preview.html", context)


def _choices(request: HttpRequest, report: ImportReport) -> dict[int, int | None]:
    """The user's answer for each row that probably is a known person: `match_<line>` is
    "new" or the primary key of one of the row's matches; anything else is no answer."""
    answers: dict[int, int | None] = {}
    for row in report.to_confirm:
        raw = str(request.POST.get(f"match_{row.line}", ""))
        if raw == "new":
            answers[row.line] = None
        elif raw.isdecimal() and int(raw) in {p.pk for p in row.matches}:
            answers[row.line] = int(raw)
    return answers


@referrers
def import_rest_csv(request: HttpRequest, token: str) -> HttpResponse:
    """The rows a partial import left out, to correct and import again."""
    try:
        content = import_rest(token=token, user=request_user(request))
    except NotFoundError:
        raise Http404 from None
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lignes-a-corriger.csv"'
    response["Cache-Control"] = "no-store"
    return response


def _commune(request: HttpRequest, user: User) -> Commune | None:
    """The referring commune chosen at upload, among the user's own (a bad value: none)."""
    raw = str(request.POST.get("commune") or request.GET.get("commune") or "")
    if not raw.isdecimal() or len(raw) > 9:  # noqa: PLR2004 - beyond any primary key
        return None
    return _communes(user).filter(pk=int(raw)).first()


def _commit(
    request: HttpRequest,
    token: str,
    commune: Commune,
    choices: dict[int, int | None],
    *,
    valid_only: bool,
) -> HttpResponse:
    user = request_user(request)
    try:
        if not valid_only and not choices and import_needs_background(token=token, user=user):
            import_job_start(
                token=token, referring_commune=commune, referred_on=today(), actor=user
            )
            return redirect("staff:referral_import_job", token)
        count = import_commit(
            token=token,
            referring_commune=commune,
            referred_on=today(),
            actor=user,
            choices=choices,
            valid_only=valid_only,
        )
    except NotFoundError:
        raise Http404 from None
    except DomainError as error:
        messages.error(request, str(error.message))
        return redirect(request.get_full_path())
    messages.success(
        request,
        ngettext("%(n)s referral imported.", "%(n)s referrals imported.", count) % {"n": count},
    )
    if valid_only and import_has_rest(token=token, user=user):
        done = reverse("staff:referral_import_done", args=[token])
        return redirect(f"{done}?n={count}")
    return redirect("staff:commune_people" if user.role == Role.COMMUNE else "staff:worklist")


@referrers
def import_done(request: HttpRequest, token: str) -> HttpResponse:
    """After a partial import (Post/Redirect/Get: a reload shows the page again): the count
    imported and the rows left out to download. Only the user who imported has them."""
    user = request_user(request)
    if not import_has_rest(token=token, user=user):
        raise Http404
    raw = str(request.GET.get("n", ""))
    count = int(raw) if raw.isdecimal() and len(raw) < 7 else 0  # noqa: PLR2004 - a row count
    context = {"token": token, "count": count, "commune": user.role == Role.COMMUNE}
    return render(request, "staff/import_rest.html", context)


@referrers
def import_job(request: HttpRequest, token: str) -> HttpResponse:
    """The progress of a long import: HTMX polls the progress row; without JavaScript, the
    page has a refresh link."""
    job = import_job_get_for_staff(user=request_user(request), token=token)
    template = "staff/_import_progress.html" if request.htmx else "staff/import_job.html"  # type: ignore[attr-defined]
    return render(request, template, {"job": job})
