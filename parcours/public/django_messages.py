"""Django's own form messages that the public forms show, repeated here so that they are in the
portal catalogue: Django has no Pashto catalogue, and the portal's plain words apply to them."""

from django.utils.translation import gettext_noop

DJANGO_FORM_MESSAGES = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
)
