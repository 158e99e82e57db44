"""The storage of the static files in production: WhiteNoise's compressed, hashed files, each
file's URL worked out once per process."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class KeptManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Django's manifest storage looks each name up in the manifest and joins it to
    STATIC_URL on every `{% static %}`: some 30 µs each, a hundred times on an admin list (its
    yes/no icons) and a dozen on every page. The manifest does not change while a process runs
    (a deployment starts new processes), so each name's URL is kept once found; a name the
    manifest lacks still raises, every time."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = self._urls[name] = super().url(name)
        return url
