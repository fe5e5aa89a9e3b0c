"""The labels the letters and PDFs given to a person print beside their own text: track
names, the agreement's kind and signature, the ground of a reminder or formal notice, the
signatory's role, the French level, the objectives' headings, the social assessment's
structured answers and the rules parameters of an agreement's footnote.

They are defined in the domains' enums and models, whose other labels are staff-only; this
module only names them once more so that the portal catalogue
(`scripts/check_translations.py`, PUBLIC_SOURCES) extracts them and each language part of a
document prints them in its language. Nothing imports it: `tests/documents/test_letter_labels.py`
checks that it still lists every label the documents use."""

from django.utils.translation import gettext_noop, ngettext_lazy

LETTER_LABELS = (
    # training.enums.Track
    gettext_noop("French as a foreign language"),
    gettext_noop("Citizenship"),
    gettext_noop("Job orientation (ISP)"),
    # pathways.enums.AgreementKind
    gettext_noop("Initial agreement"),
    gettext_noop("Amendment"),
    gettext_noop("Extension"),
    # pathways.enums.SignatureMethod
    gettext_noop("On paper, scanned and attached"),
    gettext_noop("On screen"),
    # pathways.enums.ComplianceGround
    gettext_noop("Did not present within the deadline"),
    gettext_noop("Evaluation interview missed"),
    gettext_noop("Agreement not followed"),
    gettext_noop("Certificate deadline passed, obligations unmet"),
    # pathways.enums.Obligation, the outcome of a decision letter
    gettext_noop("Obliged"),
    gettext_noop("Waived"),
    gettext_noop("Not concerned"),
    gettext_noop("Out of scope"),
    gettext_noop("Not decided yet"),
    # casework.template_preview, the fictitious convocation of a preview
    gettext_noop("At the centre"),
    # accounts.enums.Role, the centre roles that sign
    gettext_noop("Centre agent"),
    gettext_noop("Centre coordinator"),
    # people.enums.CefrLevel (the others are the level's code)
    gettext_noop("Below A1"),
    # pathways.models.SocialAssessment, the objectives of an agreement
    gettext_noop("French and other languages"),
    gettext_noop("Training wishes"),
    gettext_noop("Professional experience"),
    gettext_noop("Administrative needs"),
    # pathways.models.SocialAssessment and pathways.assessment, the structured answers an
    # agreement prints (never the health needs)
    gettext_noop("schooling level"),
    gettext_noop("No schooling"),
    gettext_noop("Primary school"),
    gettext_noop("Lower secondary school"),
    gettext_noop("Upper secondary school"),
    gettext_noop("Higher education"),
    gettext_noop("diplomas and equivalence"),
    gettext_noop("No diploma"),
    gettext_noop("Diploma obtained abroad, no equivalence asked"),
    gettext_noop("Equivalence asked, awaiting the answer"),
    gettext_noop("Equivalence granted"),
    gettext_noop("Equivalence refused"),
    gettext_noop("Diploma obtained in Belgium"),
    gettext_noop("employment situation"),
    gettext_noop("Employed"),
    gettext_noop("Self-employed"),
    gettext_noop("Looking for a job"),
    gettext_noop("In training or studying"),
    gettext_noop("Not working, not looking for a job"),
    gettext_noop("housing situation"),
    gettext_noop("Rented or owned home"),
    gettext_noop("Social housing"),
    gettext_noop("Reception centre for asylum seekers"),
    gettext_noop("Hosted by family or friends"),
    gettext_noop("Precarious or no housing"),
    gettext_noop("family situation"),
    gettext_noop("Single, no child"),
    gettext_noop("Single parent"),
    gettext_noop("Couple, no child"),
    gettext_noop("Couple with children"),
    gettext_noop("number of children"),
    # staff.templatetags.deadlines.PARAMETER_LABELS, the parameters an agreement cites
    gettext_noop("Citizenship training, at least"),
    gettext_noop("French training, at least"),
    gettext_noop("Job orientation, at least"),
    gettext_noop("Citizenship training completed within"),
    gettext_noop("French training completed within"),
    gettext_noop("Agreement lasting at most"),
)
LETTER_UNITS = (
    ngettext_lazy("%(n)s hour", "%(n)s hours", "n"),
    ngettext_lazy("%(n)s month", "%(n)s months", "n"),
)
