import segno

from parcours.certificates.models import Certificate
from parcours.pathways.documents import render_pdf


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    qr = segno.make(verify_url, error="m").svg_data_uri(scale=4)
    context = {"certificate": certificate, "verify_url": verify_url, "qr": qr}
    language = certificate.pathway.person.letter_language
    return render_pdf("documents/certificate.html", context, language)
