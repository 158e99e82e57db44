"""In production the static files' URLs are the hashed names of the manifest, each worked out
once per process; a name the manifest lacks is refused every time."""

from __future__ import annotations

import json

import pytest

from pitf.storage import KeptManifestStaticFilesStorage


@pytest.fixture
def storage(tmp_path, settings):
    settings.DEBUG = False
    manifest = {"paths": {"css/site.css": "css/site.5e1f0a.css"}, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return KeptManifestStaticFilesStorage(location=tmp_path, base_url="/static/")


def test_a_files_url_is_its_hashed_name_found_once(storage):
    assert storage.url("css/site.css") == "/static/css/site.5e1f0a.css"
    storage.hashed_files.clear()  # the manifest is not read again for a name already found
    assert storage.url("css/site.css") == "/static/css/site.5e1f0a.css"


def test_a_name_the_manifest_lacks_is_refused_every_time(storage):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            storage.url("css/missing.css")
