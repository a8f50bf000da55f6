"""An uploaded file keeps its owner's name: lists and reports are named as the command names them.

Django stores an upload under a cleaned name of its own (spaces become underscores, a random
suffix is added when the name is taken); the importer must not see that one.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from marquee.catalog.services import film_create
from marquee.imports.files import MAX_FILE_NAME_CHARS, clean_file_name
from marquee.imports.models import ImportJob
from marquee.readers.models import FilmList

from .imdb.rows import LIST_HEADER, export

pytestmark = pytest.mark.django_db

NAME = "My Favourite Films.csv"
LIST_CSV = export(
    LIST_HEADER,
    {"Position": 1},
    {"Position": 2, "Title Type": "TV Series", "Title": "Chernobyl"},
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def alien():
    return film_create(title="Alien", year=1979, imdb_id="tt0078748")


def upload_imdb(client, name: str, content: str, capture) -> ImportJob:
    data = {"format": "imdb", "export_file": SimpleUploadedFile(name, content.encode())}
    with capture(execute=True):
        client.post("/imports/", data)
    job = ImportJob.objects.latest("pk")
    assert job.status == ImportJob.Status.DONE, job.error
    return job


def test_an_uploaded_imdb_list_is_named_after_the_file_as_uploaded(
    client, reader, alien, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    job = upload_imdb(client, NAME, LIST_CSV, django_capture_on_commit_callbacks)
    assert job.original_name == NAME
    (film_list,) = FilmList.objects.filter(user=reader)
    assert film_list.name == "My Favourite Films"
    assert [item.film for item in film_list.items.all()] == [alien]
    assert [row["file"] for row in job.report["skipped"]] == [NAME]
    page = client.get(job.get_absolute_url()).content.decode()
    assert f"<td>{NAME}</td><td>3</td>" in page


def test_the_web_and_the_command_name_the_list_alike(
    client, reader, alien, tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / NAME
    path.write_text(LIST_CSV)
    call_command("import", "imdb", str(path), "--user", reader.username, "--json", verbosity=0)
    from_command = list(FilmList.objects.values_list("name", flat=True))
    FilmList.objects.all().delete()
    client.force_login(reader)
    upload_imdb(client, NAME, LIST_CSV, django_capture_on_commit_callbacks)
    assert list(FilmList.objects.values_list("name", flat=True)) == from_command


def test_a_second_upload_of_the_same_name_adds_to_the_same_list(
    client, reader, alien, django_capture_on_commit_callbacks
):
    """Django stores the second file as My_Favourite_Films_<random>.csv; the list stays one."""
    client.force_login(reader)
    upload_imdb(client, NAME, LIST_CSV, django_capture_on_commit_callbacks)
    job = upload_imdb(client, NAME, LIST_CSV, django_capture_on_commit_callbacks)
    assert list(FilmList.objects.values_list("name", flat=True)) == ["My Favourite Films"]
    assert job.report["created"] == 0


def test_a_failed_upload_names_the_file_as_uploaded(
    client, reader, django_capture_on_commit_callbacks
):
    client.force_login(reader)
    data = {"format": "journal", "export_file": SimpleUploadedFile("my journal.zip", b"not a zip")}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/imports/", data)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert job.error.startswith("my journal.zip: ")


def test_the_api_keeps_the_uploaded_name_too(reader, alien, django_capture_on_commit_callbacks):
    from marquee.imports.jobs import import_job_start

    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_start(
            user=reader,
            export_format="imdb",
            upload=SimpleUploadedFile("Road trip, 2024.csv", LIST_CSV.encode()),
        )
    job.refresh_from_db()
    assert json.dumps(job.report["skipped"]).count("Road trip, 2024.csv") == 1
    assert FilmList.objects.get(user=reader).name == "Road trip, 2024"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("My Favourite Films.csv", "My Favourite Films.csv"),
        ("C:\\Users\\me\\Downloads\\ratings.csv", "ratings.csv"),
        ("../../etc/watchlist.csv", "watchlist.csv"),
        ("  odd\u00a0 spaces\u200b\x07.csv ", "odd spaces.csv"),
        ("", "upload"),
        (None, "upload"),
        ("..", "upload"),
    ],
)
def test_an_uploaded_name_is_cleaned(given, kept):
    assert clean_file_name(given) == kept


def test_a_long_uploaded_name_is_cut_before_its_extension():
    cleaned = clean_file_name("x" * 400 + ".csv")
    assert len(cleaned) == MAX_FILE_NAME_CHARS and cleaned.endswith("x.csv")


def test_a_long_list_name_fits_the_list(client, reader, alien, django_capture_on_commit_callbacks):
    client.force_login(reader)
    upload_imdb(client, "y" * 300 + ".csv", LIST_CSV, django_capture_on_commit_callbacks)
    assert FilmList.objects.get(user=reader).name == "y" * 200
