from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from parcours.core.http import HtmxHttpRequest
from parcours.territory.models import Centre, ReferenceDataset
from parcours.territory.selectors import office_finder


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "public/home.html")


@require_GET
def finder(request: HtmxHttpRequest) -> HttpResponse:
    query = request.GET.get("q")
    result = office_finder(query) if query is not None else None
    template = "public/_finder_results.html" if request.htmx else "public/finder.html"
    return render(request, template, {"result": result, "query": (query or "")[:100]})


@require_GET
def about_data(request: HttpRequest) -> HttpResponse:
    context = {
        "datasets": ReferenceDataset.objects.all(),
        "centres": Centre.objects.order_by("code"),
    }
    return render(request, "public/about_data.html", context)
