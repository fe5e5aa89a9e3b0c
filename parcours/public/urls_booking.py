from django.urls import path

from parcours.public.views import booking, sessions

app_name = "booking"
urlpatterns = [
    path("", booking.choose_office, name="offices"),
    path("office/<int:office_id>/", booking.book, name="book"),
    path("done/", booking.done, name="done"),
    path("manage/", booking.manage, name="manage_current"),
    path("manage/<str:token>/", booking.manage_link, name="manage"),
    path("sessions/", sessions.centres, name="sessions"),
    path("sessions/centre/<int:centre_id>/", sessions.centre_sessions, name="centre_sessions"),
    path("sessions/<int:session_id>/", sessions.register, name="session_register"),
    path("sessions/registered/", sessions.registered, name="session_done"),
    path("sessions/registration/", sessions.manage, name="seat_manage_current"),
    path("sessions/registration/<str:token>/", sessions.manage_link, name="seat_manage"),
]
