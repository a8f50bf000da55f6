"""A reader uploads a Letterboxd export; the page polls the job until it shows the report.

The import is queued for the background worker as in production (not run inline), so the job
page really has to poll. The worker runs here, in the test, while the browser's next poll is
held back: the live server shares this thread's database connection.
"""

import csv
import io
import re
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from playwright.sync_api import expect

from marquee.catalog.services import film_create
from marquee.imports.jobs import import_job_start
from marquee.imports.models import ImportJob
from marquee.readers.models import DiaryEntry, FilmList, Rating, WatchlistEntry

DIARY = [
    {"Date": "2024-03-10", "Name": "Alien", "Year": "1979", "Letterboxd URI": "https://boxd.it/a1", "Rating": "4.5", "Rewatch": "Yes", "Tags": "space, horror", "Watched Date": "2024-03-09"},
    {"Date": "2024-04-02", "Name": "Paddington 2", "Year": "2017", "Letterboxd URI": "https://boxd.it/p2", "Rating": "5", "Rewatch": "", "Tags": "", "Watched Date": "2024-04-01"},
]  # fmt: skip
RATINGS = [
    {"Date": "2024-03-10", "Name": "Alien", "Year": "1979", "Letterboxd URI": "https://boxd.it/a0", "Rating": "4.5"},
    {"Date": "2024-04-02", "Name": "Paddington 2", "Year": "2017", "Letterboxd URI": "https://boxd.it/p0", "Rating": "5"},
]  # fmt: skip
WATCHLIST = [
    {"Date": "2024-05-01", "Name": "Stalker", "Year": "1979", "Letterboxd URI": "https://boxd.it/s0"},
]  # fmt: skip
LIST = """Letterboxd list export v7
Date,Name,Tags,URL,Description
2023-11-02,Comfort films,,https://letterboxd.com/rita/list/comfort-films/,For grey days

Position,Name,Year,URL,Description
1,Paddington 2,2017,https://letterboxd.com/film/paddington-2/,
2,Alien,1979,https://letterboxd.com/film/alien/,Comfort of a kind
"""
SUMMARY = "Created 6, updated 0, 0 unchanged; added 1 films to the catalog."


def csv_text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def letterboxd_zip(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("diary.csv", csv_text(DIARY))
        archive.writestr("ratings.csv", csv_text(RATINGS))
        archive.writestr("watchlist.csv", csv_text(WATCHLIST))
        archive.writestr("lists/comfort-films.csv", LIST)
    return path


def assert_imported(reader) -> None:
    assert Rating.objects.filter(user=reader).count() == 2
    assert DiaryEntry.objects.filter(user=reader).count() == 2
    assert WatchlistEntry.objects.get(user=reader).film.title == "Stalker"
    assert [item.film.title for item in FilmList.objects.get(user=reader).items.all()] == [
        "Paddington 2",
        "Alien",
    ]


def test_a_reader_uploads_a_letterboxd_export_and_sees_the_report(
    page, context, log_in, reader, film, tmp_path
):
    film_create(title="Stalker", year=1979)  # Paddington 2 is not in the catalog yet
    export = letterboxd_zip(tmp_path / "letterboxd-rita-2024-05-01-12-00-utc.zip")
    log_in(context, reader)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    expect(page).to_have_url("/imports/")

    page.get_by_label("Where is it from?").select_option("letterboxd")
    page.get_by_label("Export file").set_input_files(export)
    page.get_by_label("Add films this journal's catalog does not have yet").check()
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Import").click()

    # Regression: the CSRF check once read the upload before its size-limited handlers were
    # installed, and every upload from a browser answered 500 (the test client skips CSRF).
    assert posted.value.status == 302, f"HTTP {posted.value.status}"
    # Tests run tasks inline: the import ran in the live server before it redirected here.
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Importing {export.name}")
    expect(page.locator("#import-status")).to_contain_text("Finished")
    expect(page.locator("#import-status")).to_contain_text(SUMMARY)
    assert_imported(reader)

    page.get_by_role("link", name="Import another file").click()
    expect(page.get_by_role("listitem").filter(has_text=export.name)).to_contain_text("Finished")


def test_the_job_page_polls_until_the_background_import_ends(
    page, context, log_in, reader, film, tmp_path, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}  # queued
    film_create(title="Stalker", year=1979)
    export = letterboxd_zip(tmp_path / "letterboxd-rita-2024-05-01-12-00-utc.zip")
    job = import_job_start(
        user=reader,
        export_format="letterboxd",
        upload=SimpleUploadedFile(export.name, export.read_bytes()),
        create_missing=True,
    )
    log_in(context, reader)
    page.goto(job.get_absolute_url())
    status = page.locator("#import-status")
    expect(status).to_contain_text("Waiting to start")
    expect(status).to_have_attribute("hx-trigger", "every 1s")

    # Let one poll through, then hold the next ones while the worker runs here: the live
    # server shares this thread's database connection, so the two must take turns.
    status_url = f"**/imports/{job.pk}/status/"
    page.route(status_url, lambda route: route.continue_())
    with page.expect_response(status_url) as poll:
        pass
    poll.value.finished()
    call_command("worker", "--batch", verbosity=0)

    expect(status).to_contain_text("Finished")
    expect(status).to_contain_text(SUMMARY)
    expect(status.get_by_role("progressbar", name="Import progress")).to_have_attribute(
        "value", "100"
    )
    expect(status).not_to_have_attribute("hx-get", re.compile(".*"))  # polling has stopped
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.DONE
    assert_imported(reader)
