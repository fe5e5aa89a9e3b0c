"""A centre's document templates: each save writes the next version (who, when, what
changed); an issued document keeps the version it was issued with.

Images are checked by their content, not their name, and re-encoded as PNG, so that nothing
but pixels reaches the PDF; SVG is refused (it can carry scripts and links to other files).
The free paragraphs are plain text: the document templates print them escaped."""

import copy
import io
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from parcours.accounts.enums import Role
from parcours.accounts.models import User
from parcours.core.colours import HEX, MINIMUM_CONTRAST, contrast_with_white
from parcours.core.errors import DomainError
from parcours.pathways.documents import template_context
from parcours.pathways.models import DocumentKind, DocumentTemplate, IssuedDocument
from parcours.territory.models import Centre

IMAGE_MAX_BYTES = 512 * 1024
IMAGE_MAX_SIDE = 2400
PARAGRAPH_MAX = 2000
SLOTS = ("intro", "closing")
_FORMATS = {"PNG", "JPEG"}
_FIELDS = (
    "address",
    "colour",
    "signatory_name",
    "signatory_function",
    "logo",
    "signature",
)


def template_current(centre: Centre) -> DocumentTemplate | None:
    """The version saved last (version 0, "before versioning", is only for the past)."""
    saved = centre.document_templates.filter(before_versioning=False)
    return saved.order_by("-version").first()


def image_clean(data: bytes) -> bytes:
    """PNG or JPEG, 512 KB and 2400 px a side at most, returned re-encoded as PNG."""
    if len(data) > IMAGE_MAX_BYTES:
        raise DomainError(_("The image is larger than 512 KB."))
    if data.lstrip()[:1] == b"<":
        raise DomainError(_("SVG images are refused: send a PNG or a JPEG."))
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in _FORMATS:
                raise DomainError(_("Send a PNG or a JPEG image."))
            if max(image.size) > IMAGE_MAX_SIDE:
                raise DomainError(_("The image is larger than 2400 pixels on a side."))
            image.load()
            out = io.BytesIO()
            image.convert("RGBA").save(out, format="PNG")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise DomainError(_("Send a PNG or a JPEG image.")) from None
    return out.getvalue()


def colour_clean(colour: str) -> str:
    colour = colour.strip()
    if not colour:
        return ""
    if not HEX.match(colour):
        raise DomainError(_("A colour is written #RRGGBB, for example #1d4f7a."))
    if contrast_with_white(colour) < MINIMUM_CONTRAST:
        raise DomainError(
            _(
                "This colour is too light: its contrast with white is %(ratio).1f:1, "
                "at least 4.5:1 is needed to be read."
            )
            % {"ratio": contrast_with_white(colour)}
        )
    return colour.lower()


def _paragraphs_clean(paragraphs: dict[str, Any]) -> dict[str, Any]:
    kinds = set(DocumentKind.values)
    cleaned: dict[str, Any] = {}
    for kind, languages in paragraphs.items():
        if kind not in kinds:
            raise DomainError(_("Unknown document."))
        for language, slots in languages.items():
            for slot, text in slots.items():
                if slot not in SLOTS or len(str(text)) > PARAGRAPH_MAX:
                    raise DomainError(_("A paragraph has at most 2000 characters."))
                if str(text).strip():
                    cleaned.setdefault(kind, {}).setdefault(language, {})[slot] = str(text).strip()
    return cleaned


def _require_coordinator(centre: Centre, actor: User) -> None:
    if actor.role != Role.COORDINATOR or actor.centre_id != centre.pk:
        raise DomainError(_("Only a coordinator of the centre changes its documents."))


def _fields(current: DocumentTemplate | None, values: dict[str, Any]) -> dict[str, Any]:
    """The current version's fields with the values given in their place, each checked."""
    fields: dict[str, Any] = {name: getattr(current, name) for name in _FIELDS} if current else {}
    fields["paragraphs"] = copy.deepcopy(current.paragraphs) if current else {}
    for name in ("logo", "signature"):
        if values.get(name):
            fields[name] = image_clean(bytes(values[name]))
        elif values.get(f"{name}_remove"):
            fields[name] = b""
    for name in ("address", "signatory_name", "signatory_function"):
        if name in values:
            fields[name] = str(values[name]).strip()
    if "colour" in values:
        fields["colour"] = colour_clean(str(values["colour"]))
    for kind, languages in _paragraphs_clean(values.get("paragraphs", {})).items():
        for language, slots in languages.items():
            fields["paragraphs"].setdefault(kind, {})[language] = slots
    for kind, language in values.get("paragraphs_cleared", ()):
        fields["paragraphs"].get(kind, {}).pop(language, None)
    return fields


def _types(fields: dict[str, Any]) -> dict[str, str]:
    images = {n: bytes(fields.get(n) or b"") for n in ("logo", "signature")}
    return {f"{n}_type": "image/png" if data else "" for n, data in images.items()}


def template_draft(*, centre: Centre, actor: User, **values: Any) -> DocumentTemplate:
    """What `template_save` would save with these values, checked the same way but kept in
    memory: the preview of edits not saved yet."""
    _require_coordinator(centre, actor)
    fields = _fields(template_current(centre), values)
    # No version number (a field without a default starts as None): a draft claims none.
    return DocumentTemplate(centre=centre, created_by=actor, **_types(fields), **fields)


@transaction.atomic
def template_save(*, centre: Centre, actor: User, **values: Any) -> DocumentTemplate:
    """The next version: the values given replace those of the current version, the others
    are carried over; `changes` lists what differs."""
    _require_coordinator(centre, actor)
    Centre.objects.select_for_update().filter(pk=centre.pk).first()
    current = template_current(centre)
    fields = _fields(current, values)
    changes = _changes(current, fields)
    if not changes:
        raise DomainError(_("Nothing changed: no new version was saved."))
    return DocumentTemplate.objects.create(
        centre=centre,
        version=(current.version if current else 0) + 1,
        changes=changes,
        created_by=actor,
        **_types(fields),
        **fields,
    )


def _changes(current: DocumentTemplate | None, fields: dict[str, Any]) -> list[str]:
    def previous(name: str) -> Any:
        return bytes_or_str(getattr(current, name)) if current else type(fields.get(name, ""))()

    changed = [n for n in _FIELDS if previous(n) != bytes_or_str(fields.get(n, previous(n)))]
    old, new = (current.paragraphs if current else {}), fields["paragraphs"]
    for kind in sorted(set(old) | set(new)):
        was, now = old.get(kind, {}), new.get(kind, {})
        languages = sorted(set(was) | set(now))
        changed += [f"{kind}/{lang}" for lang in languages if was.get(lang) != now.get(lang)]
    return changed


def bytes_or_str(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview | bytes) else value


def template_defaults(centre: Centre) -> DocumentTemplate:
    """The version a document is issued with when the centre has saved none: version 1, the
    defaults (no letterhead, no paragraph), written once by the system. Two issues at once
    wait on the centre's row (as `template_save` does), and the unique (centre, version)
    makes a second writer read the first one's version instead."""
    with transaction.atomic():
        Centre.objects.select_for_update().filter(pk=centre.pk).first()
        current = template_current(centre)
        if current is not None:
            return current
        version, _created = DocumentTemplate.objects.get_or_create(
            centre=centre,
            version=1,
            defaults={"defaults": True, "changes": ["defaults"], "created_by": None},
        )
        return version


def document_issue(
    *, kind: DocumentKind, reference: str, centre: Centre, actor: User | None
) -> IssuedDocument:
    """Record that a document left with the centre's current template version (the defaults
    version when it has saved none); issuing the same document again keeps the first
    record."""
    found = IssuedDocument.objects.filter(kind=kind, reference=reference).first()
    if found is not None:
        return found
    template = template_current(centre) or template_defaults(centre)
    issued, _created = IssuedDocument.objects.get_or_create(
        kind=kind,
        reference=reference,
        defaults={"centre": centre, "template": template, "issued_by": actor},
    )
    return issued


def template_of(*, kind: DocumentKind, reference: str, centre: Centre) -> DocumentTemplate | None:
    """The version an issued document was issued with; the current one for a draft."""
    issued = IssuedDocument.objects.filter(kind=kind, reference=reference).first()
    if issued is not None:
        return issued.template
    return template_current(centre)


def document_template_context(
    *, kind: DocumentKind, reference: str, centre: Centre
) -> dict[str, Any]:
    """What to add to a document's context: the template version it was (or will be)
    issued with."""
    return template_context(template_of(kind=kind, reference=reference, centre=centre), kind)
