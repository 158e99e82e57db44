"""URLs of pitf.people; each has a rule in pitf/people/permissions.py."""

app_name = "people"
urlpatterns = []
