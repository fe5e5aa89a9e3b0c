"""People in the admin: read-only records (corrections go through the staff pages, which keep
the history); every view of a person here is audited like in the back-office."""

from typing import Any

from django.http import HttpRequest, HttpResponse

from parcours.accounts.models import User
from parcours.audit.services import access_record
from parcours.backoffice.admin_site import ReadOnlyRecordAdmin, admin_site
from parcours.people.models import Person, PersonChange


class PersonAdmin(ReadOnlyRecordAdmin):
    list_display = ["family_name", "given_names", "birth_date", "commune", "merged_into"]
    search_fields = ["search_text", "national_number"]
    list_select_related = ["commune", "merged_into"]
    exclude = ["search_text", "name_key"]

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        person = self.get_object(request, object_id)
        if person is not None and isinstance(request.user, User):
            access_record(user=request.user, person=person, what="admin")
        return super().change_view(request, object_id, form_url, extra_context)


class PersonChangeAdmin(ReadOnlyRecordAdmin):
    list_display = ["person", "field", "old_value", "new_value", "changed_by", "changed_at"]
    list_select_related = ["person", "changed_by"]
    list_filter = ["field"]


admin_site.register(Person, PersonAdmin)
admin_site.register(PersonChange, PersonChangeAdmin)
