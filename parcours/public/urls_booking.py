from django.urls import path

from parcours.public.views import booking

app_name = "booking"
urlpatterns = [
    path("", booking.choose_office, name="offices"),
    path("office/<int:office_id>/", booking.book, name="book"),
    path("done/", booking.done, name="done"),
    path("manage/<str:token>/", booking.manage, name="manage"),
]
