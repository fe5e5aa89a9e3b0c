"""Every form page: each checkbox and radio sits before a label tied to it by `for`, each
group of them is a fieldset with its legend, and the long forms come in sections."""

from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from parcours.accounts.models import User
from parcours.appointments.models import AppointmentKind
from parcours.pathways.models import Pathway
from parcours.training.models import Partner
from tests.factories.appointments import make_availability, make_office
from tests.types import ClientFor

pytestmark = pytest.mark.django_db
VOID = {"input", "br", "img", "meta", "link", "hr", "source", "col", "area", "base", "wbr"}


class Choices(HTMLParser):
    """The checkboxes and radios of a page, each with its id, name and the legend of the
    fieldset around it; the `for` of every label; the sections of the page's forms."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[list[object]] = []  # [tag, legend text or None]
        self.inputs: list[tuple[str, str, str, str | None]] = []
        self.label_for: set[str] = set()
        self.sections: list[str] = []
        self._legend: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("type") in ("checkbox", "radio"):
            legend = next((str(e[1]) for e in reversed(self.stack) if e[0] == "fieldset"), None)
            legend = legend if legend and legend != "None" else None
            self.inputs.append(
                (str(found.get("type")), found.get("id") or "", found.get("name") or "", legend)
            )
        if tag == "label" and found.get("for"):
            self.label_for.add(str(found["for"]))
        if tag == "legend":
            self._legend = []
        if tag == "fieldset" and "form-section" in (found.get("class") or ""):
            self.sections.append("")
        if tag not in VOID:
            self.stack.append([tag, None])

    def handle_data(self, data: str) -> None:
        if self._legend is not None:
            self._legend.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "legend" and self._legend is not None:
            text = " ".join("".join(self._legend).split())
            for element in reversed(self.stack):
                if element[0] == "fieldset":
                    element[1] = text
                    break
            if self.sections and not self.sections[-1]:
                self.sections[-1] = text
            self._legend = None
        while self.stack:
            if self.stack.pop()[0] == tag:
                break


def _read(html: str) -> Choices:
    page = Choices()
    page.feed(html)
    return page


def _problems(html: str) -> list[str]:
    page = _read(html)
    names = [name for _kind, _id, name, _legend in page.inputs]
    found = []
    for kind, ident, name, legend in page.inputs:
        if not ident or ident not in page.label_for:
            found.append(f"{kind} {name!r} has no label tied to its id")
        grouped = kind == "radio" or names.count(name) > 1
        if grouped and not legend:
            found.append(f"{kind} group {name!r} is not in a fieldset with a legend")
    return found


Page = Callable[[ClientFor, dict[str, object]], str]


@pytest.fixture
def world(
    file_mons: Pathway, agent_mons: User, coordinator_mons: User, partner_body: Partner
) -> dict[str, object]:
    office = make_office(file_mons.centre)
    make_availability(office, agent_mons)
    partner_body.centres.add(file_mons.centre)
    return {
        "file": file_mons,
        "agent": agent_mons,
        "coordinator": coordinator_mons,
        "partner": partner_body,
        "office": office,
    }


def _as(role: str, name: str, *args: str) -> Page:
    def page(client_for: ClientFor, world: dict[str, object]) -> str:
        values = [getattr(world[a.split(".")[0]], a.split(".")[1]) for a in args]
        return client_for(world[role]).get(reverse(name, args=values)).content.decode()  # type: ignore[arg-type]

    return page


def _booking(client_for: ClientFor, world: dict[str, object]) -> str:
    file, agent = world["file"], world["agent"]
    assert isinstance(file, Pathway) and isinstance(agent, User)
    kind = AppointmentKind.objects.order_by("pk").first()
    assert kind is not None
    query = {"office": world["office"].pk, "staff": agent.pk, "kind": kind.pk}  # type: ignore[attr-defined]
    url = reverse("appointments:new", args=[file.person_id])
    html = client_for(agent).get(url, query).content.decode()
    assert 'type="radio" name="slot"' in html  # the free slots are offered
    return html


# (page, the sections its form comes in: at least this many, or 0 for a short form)
PAGES: dict[str, tuple[Page, int]] = {
    "referral": (_as("agent", "staff:referral_new"), 5),
    "identity": (_as("agent", "staff:person_edit", "file.person_id"), 5),
    "assessment": (_as("agent", "staff:assessment", "file.pk"), 5),
    "health": (_as("agent", "staff:health", "file.pk"), 0),
    "agreement": (_as("agent", "staff:agreement_draft", "file.pk"), 0),
    "hours": (_as("agent", "staff:hours", "file.pk"), 2),
    "evaluation": (_as("agent", "staff:evaluation", "file.pk"), 4),
    "convocation": (_as("agent", "staff:convocation", "file.pk"), 2),
    "transfer": (_as("agent", "staff:transfer", "file.pk"), 2),
    "booking": (_booking, 0),
    "session": (_as("coordinator", "appointments:session_new"), 5),
    "calendar set-up": (_as("coordinator", "appointments:setup"), 2),
    "partner body": (_as("coordinator", "staff:partner_new"), 2),
    "offer": (_as("coordinator", "staff:offer_new", "partner.pk"), 4),
    "account": (_as("coordinator", "staff:account_invite"), 2),
    "rooms": (_as("coordinator", "staff:rooms"), 1),
    "presenters": (_as("coordinator", "staff:presenters"), 3),
    "documents": (_as("coordinator", "staff:templates"), 2),
    "worklist": (_as("agent", "staff:worklist"), 0),
}


@pytest.mark.parametrize("name", list(PAGES))
def test_every_checkbox_and_radio_has_its_label_and_every_group_its_legend(
    name: str, client_for: ClientFor, world: dict[str, object]
) -> None:
    page, sections = PAGES[name]
    html = page(client_for, world)
    assert _problems(html) == []
    found = _read(html).sections
    assert len(found) >= sections and all(found)  # each section named by its legend


def test_the_offer_weekdays_are_ticked_in_a_fieldset_named_by_their_legend(
    client_for: ClientFor, world: dict[str, object]
) -> None:
    html = PAGES["offer"][0](client_for, world)
    days = [i for i in _read(html).inputs if i[2] == "weekdays"]
    assert len(days) == 7 and {legend for *_rest, legend in days} == {"Jours de cours"}


def test_the_check_finds_a_box_without_its_label_and_a_group_without_a_legend() -> None:
    bare = '<label><input type="checkbox" name="a"> A</label>'
    loose = (
        '<input type="radio" name="r" id="r1"><label for="r1">1</label>'
        '<input type="radio" name="r" id="r2"><label for="r2">2</label>'
    )
    assert _problems(bare) == ["checkbox 'a' has no label tied to its id"]
    assert _problems(loose) == ["radio group 'r' is not in a fieldset with a legend"] * 2
    good = f"<fieldset><legend>R</legend>{loose}</fieldset>"
    assert _problems(good) == []


def test_a_partner_offer_form_comes_in_sections(client_for: ClientFor, partner_fle: User) -> None:
    html = client_for(partner_fle).get(reverse("partner:offer_new")).content.decode()
    assert _problems(html) == [] and len(_read(html).sections) == 4
