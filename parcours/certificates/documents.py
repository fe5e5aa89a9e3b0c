"""The certificate as an official A4 page (CWASS art. 152/7 § 2): the centre's letterhead,
the holder, what was completed (the welcome module, each track's hours against its minimum
or the waiver and its ground, the French level reached), the legal basis, place and date,
the signatory, and the QR code to the public check. The holder's language follows on the
back page when a translation exists. Archived as PDF/A-2b."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import segno
from django.utils.functional import Promise, lazy

from parcours.certificates.models import Certificate
from parcours.pathways.documents import render_pdf
from parcours.pathways.explain import reason_text
from parcours.pathways.facts import french_level
from parcours.pathways.loading import reload
from parcours.pathways.models import DocumentKind
from parcours.pathways.services.templates import document_template_context
from parcours.people.enums import CefrLevel
from parcours.people.identifiers import format_national_number
from parcours.territory.selectors import centre_address
from parcours.training.enums import Track
from parcours.training.selectors import pathway_ledger

# Labels stay lazy so that each language part of the document names them in its language.
_reason_text = lazy(reason_text, str)


@dataclass(frozen=True)
class CompletedTrack:
    label: Promise | str
    done: Decimal
    minimum: int | None
    met: bool
    ended_by_level: bool


def certificate_context(certificate: Certificate, verify_url: str) -> dict[str, Any]:
    pathway = reload(certificate.pathway)
    lines = pathway_ledger(pathway=pathway, today=certificate.issued_on)
    tracks = [
        CompletedTrack(
            Track(line.track).label, line.done, line.minimum, line.met, line.ended_by_level
        )
        for line in lines
    ]
    level = french_level(pathway)
    return {
        "certificate": certificate,
        "national_number": format_national_number(certificate.holder_national_number),
        "person": pathway.person,
        "pathway": pathway,
        "centre": certificate.centre,
        "address": centre_address(certificate.centre),
        "tracks": tracks,
        "waivers": [_reason_text(w.ground) for w in pathway.waivers.all()],
        "french_level": CefrLevel(level).label if level else None,
        "signatory": certificate.issued_by,
        "verify_url": verify_url,
        **verify_lines(verify_url),
        "qr": verify_qr(verify_url),
    }


def verify_lines(url: str) -> dict[str, str]:
    """The check's address on two lines that never break inside: the site's part, then the
    code. A break inside the code (where it has a hyphen) lost that hyphen when the text was
    copied, so a code typed by hand failed."""
    base, _, code = url.rstrip("/").rpartition("/")
    return {"verify_base": f"{base}/", "verify_code": f"{code}/"}


def verify_qr(url: str) -> str:
    return str(segno.make(url, error="m").svg_data_uri(scale=4))


def certificate_render(
    context: dict[str, Any], language: str, *, reference: str, specimen: bool = False
) -> bytes:
    """The one layout of the certificate, for an issued one and for a template's preview."""
    return render_pdf(
        "documents/certificate.html",
        context,
        language,
        title="Attestation de fréquentation du parcours d'intégration",
        reference=reference,
        archival=True,
        specimen=specimen,
    )


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    kind, number = DocumentKind.CERTIFICATE, certificate.number
    context = document_template_context(kind=kind, reference=number, centre=certificate.centre)
    context |= certificate_context(certificate, verify_url)
    return certificate_render(context, context["person"].letter_language, reference=number)
