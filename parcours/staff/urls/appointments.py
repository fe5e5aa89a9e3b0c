from django.urls import path

from parcours.staff.views import (
    appointments,
    calendar,
    intakes,
    interpreters,
    sessions,
    setup,
)

app_name = "appointments"
A = "<int:appointment_id>/"
S = "sessions/<int:session_id>/"
urlpatterns = [
    path("", calendar.home, name="home"),
    path("staff/<int:staff_id>/", calendar.staff_week, name="staff_week"),
    path("staff/<int:staff_id>/day/", calendar.staff_day, name="staff_day"),
    path("offices/<int:office_id>/", calendar.office_week, name="office_week"),
    path("offices/<int:office_id>/day/", calendar.office_day, name="office_day"),
    path("feed/", calendar.feed, name="feed"),
    path("feed/<str:token>.ics", calendar.feed_ics, name="feed_ics"),
    path("new/<int:person_id>/", appointments.new, name="new"),
    path(A, appointments.detail, name="detail"),
    path(A + "status/<str:status>/", appointments.set_status, name="set_status"),
    path(A + "move/", appointments.move, name="move"),
    path(A + "interpreter/", appointments.interpreter_add, name="interpreter_add"),
    path("sessions/", sessions.session_list, name="sessions"),
    path("sessions/new/", sessions.session_new, name="session_new"),
    path(S, sessions.session_detail, name="session"),
    path(S + "register/", sessions.session_register, name="session_register"),
    path(S + "seats/<int:seat_id>/cancel/", sessions.seat_cancel_view, name="seat_cancel"),
    path(S + "attendance/", sessions.attendance, name="attendance"),
    path("interpreters/", interpreters.request_list, name="interpreters"),
    path("interpreters/export.csv", interpreters.export_csv, name="interpreters_csv"),
    path(
        "interpreters/email/<int:provider_id>/",
        interpreters.email_provider,
        name="interpreters_email",
    ),
    path("interpreters/<int:request_id>/", interpreters.update, name="interpreter_update"),
    path("online/", intakes.intake_list, name="intakes"),
    path("online/<int:intake_id>/link/", intakes.intake_link_view, name="intake_link"),
    path("online/<int:intake_id>/dismiss/", intakes.intake_dismiss_view, name="intake_dismiss"),
    path("invite/", intakes.invite, name="invite"),
    path("invite/letters.pdf", intakes.letters_pdf, name="letters_pdf"),
    path("setup/", setup.setup, name="setup"),
    path("setup/closing/", setup.closing_add, name="closing_add"),
    path("setup/closing/<int:closing_id>/remove/", setup.closing_remove, name="closing_remove"),
    path("setup/availability/", setup.availability_new, name="availability_add"),
    path(
        "setup/availability/<int:availability_id>/remove/",
        setup.availability_delete,
        name="availability_remove",
    ),
    path("setup/rooms/", setup.room_new, name="room_add"),
]
