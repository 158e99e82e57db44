"""URLs of pitf.directory; each has a rule in pitf/directory/permissions.py."""

app_name = "directory"
urlpatterns = []
