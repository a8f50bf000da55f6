"""Exports through the API: the caller's whole history as a file to download."""

import io
import json
import zipfile

import pytest

from tests.api.conftest import fields_of

pytestmark = pytest.mark.django_db


def test_the_journal_export_downloads_as_a_zip(api, history):
    response = api.as_user(history, scope="read").get("/me/exports/journal")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="marquee-rita_reader-')
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["user"]["username"] == "rita_reader"
    assert manifest["files"]["ratings.csv"] == 2


def test_the_letterboxd_export_downloads_as_csv(api, history):
    response = api.as_user(history).get("/me/exports/letterboxd")
    assert response["Content-Type"] == "text/csv"
    text = b"".join(response.streaming_content).decode()
    assert text.startswith("Title,Year,imdbID") and "Alien" in text


def test_only_known_formats_and_only_your_own_history(api, history, other_reader):
    assert fields_of(api.as_user(history).get("/me/exports/netflix")) == {"export_format"}
    assert api.get("/me/exports/journal").status_code == 401
    theirs = api.as_user(other_reader).get("/me/exports/journal")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(theirs.streaming_content)))
    assert json.loads(archive.read("manifest.json"))["files"]["ratings.csv"] == 0
