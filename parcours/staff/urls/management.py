"""A coordinator's management pages, under /staff/manage/ (names in `staff:`)."""

from django.urls import path

from parcours.staff.views import accounts, partners, rooms

P = "partners/<int:partner_id>/"
A = "accounts/<int:account_id>/"
urlpatterns = [
    path("partners/", partners.partner_list, name="partners"),
    path("partners/new/", partners.partner_new, name="partner_new"),
    path("partners/join/", partners.partner_join_view, name="partner_join"),
    path(P, partners.partner_edit, name="partner_edit"),
    path(P + "offers/new/", partners.offer_new, name="offer_new"),
    path(P + "offers/<int:offer_id>/", partners.offer_edit, name="offer_edit"),
    path("accounts/", accounts.account_list, name="accounts"),
    path("accounts/invite/", accounts.account_invite_view, name="account_invite"),
    path(A, accounts.account_edit, name="account_edit"),
    path(A + "active/", accounts.account_active, name="account_active"),
    path("rooms/", rooms.room_list, name="rooms"),
    path("rooms/<int:room_id>/", rooms.room_edit, name="room_edit"),
    path("presenters/", rooms.presenter_list, name="presenters"),
    path("presenters/<int:presenter_id>/", rooms.presenter_edit, name="presenter_edit"),
]
