"""A centre's document templates: letterhead and signatory, and the free paragraphs of one
document in one language."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from parcours.core.forms import GroupedForm
from parcours.pathways.models import DocumentKind
from parcours.pathways.services.templates import IMAGE_MAX_BYTES, PARAGRAPH_MAX

AREA = forms.Textarea(attrs={"rows": 4, "dir": "auto"})
IMAGE = forms.FileInput(attrs={"accept": "image/png,image/jpeg"})


class LetterheadForm(GroupedForm):
    logo = forms.FileField(
        label=_("Logo"), required=False, widget=IMAGE, help_text=_("PNG or JPEG, 512 KB at most.")
    )
    logo_remove = forms.BooleanField(label=_("Remove the logo"), required=False)
    address = forms.CharField(
        label=_("Address on the letterhead"),
        widget=AREA,
        required=False,
        max_length=500,
        help_text=_("Empty: the address of the centre's office is printed."),
    )
    colour = forms.CharField(
        label=_("Colour"),
        required=False,
        max_length=7,
        help_text=_("#RRGGBB, dark enough to read on white (contrast 4.5:1 at least)."),
    )
    signatory_name = forms.CharField(label=_("Signatory"), required=False, max_length=150)
    signatory_function = forms.CharField(
        label=_("Signatory's function"), required=False, max_length=150
    )
    signature = forms.FileField(
        label=_("Signature image"),
        required=False,
        widget=IMAGE,
        help_text=_("PNG or JPEG, 512 KB at most."),
    )
    signature_remove = forms.BooleanField(label=_("Remove the signature image"), required=False)
    fieldsets = (
        (_("Letterhead"), ("logo", "logo_remove", "address", "colour")),
        (_("Signatory"), ("signatory_name", "signatory_function", "signature", "signature_remove")),
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for name in ("logo", "signature"):
            upload = data.get(name)
            if upload is not None and upload.size > IMAGE_MAX_BYTES:
                self.add_error(name, _("The image is larger than 512 KB."))
            data[name] = upload.read() if upload and not self.errors else b""
        return data


def _languages() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.LANGUAGES]  # read on each form


class ParagraphsForm(forms.Form):
    # Chosen with the picker above the form (a GET), carried here unseen.
    document = forms.ChoiceField(
        label=_("Document"), choices=DocumentKind.choices, widget=forms.HiddenInput
    )
    language = forms.ChoiceField(label=_("Language"), choices=_languages, widget=forms.HiddenInput)
    intro = forms.CharField(
        label=_("Opening paragraph"),
        widget=AREA,
        required=False,
        max_length=PARAGRAPH_MAX,
        help_text=_("Plain text. Figures, dates and articles come from the file and the rules."),
    )
    closing = forms.CharField(
        label=_("Closing paragraph"), widget=AREA, required=False, max_length=PARAGRAPH_MAX
    )
