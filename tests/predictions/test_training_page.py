"""The staff's models page: what is in use, "Train now", and the training's progress."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marquee.predictions import services, store
from marquee.predictions.models import TrainingRun
from marquee.predictions.selectors import TRAINING_STEPS

pytestmark = pytest.mark.django_db
PAGE = reverse("training:models")
STATUS = reverse("training:status")


def train_now(client, django_capture_on_commit_callbacks):
    """Press "Train now"; the queued job runs as the commit lets it (tasks run inline here)."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(PAGE)


def test_staff_train_the_models_from_the_page(
    client, staff, taste_site, models_folder, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    assert "No models yet" in client.get(PAGE).content.decode()
    response = train_now(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response.url == PAGE
    run = TrainingRun.objects.get()
    assert run.status == TrainingRun.Status.DONE and run.requested_by == staff
    assert run.steps_done == len(TRAINING_STEPS) and run.finished_at >= run.started_at
    assert run.version == store.current().version
    page = client.get(PAGE).content.decode()
    assert "Done" in page and 'value="100"' in page
    assert f"{store.current().ratings_count} from 24 readers" in page
    assert "hx-get" not in page  # nothing left to poll


def test_a_training_that_cannot_run_says_why(
    client, staff, reader, film, models_folder, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    train_now(client, django_capture_on_commit_callbacks)
    run = TrainingRun.objects.get()
    assert run.status == TrainingRun.Status.FAILED
    assert "at least 20 needed" in run.error
    assert "at least 20 needed" in client.get(PAGE).content.decode()
    assert store.current() is None


def test_one_training_at_a_time(client, staff, django_capture_on_commit_callbacks):
    waiting = TrainingRun.objects.create()
    client.force_login(staff)
    train_now(client, django_capture_on_commit_callbacks)
    assert list(TrainingRun.objects.all()) == [waiting]
    page = client.get(PAGE).content.decode()
    assert "disabled" in page and f'hx-get="{STATUS}"' in page  # polled while under way
    assert f'hx-get="{STATUS}"' in client.get(STATUS).content.decode()


def test_a_training_whose_worker_died_no_longer_blocks_a_new_one(
    client, staff, models_folder, django_capture_on_commit_callbacks
):
    dead = TrainingRun.objects.create(status=TrainingRun.Status.RUNNING, step="Saving")
    TrainingRun.objects.filter(pk=dead.pk).update(queued_at=timezone.now() - timedelta(hours=3))
    client.force_login(staff)
    train_now(client, django_capture_on_commit_callbacks)
    assert TrainingRun.objects.count() == 2


def test_the_progress_fragment_names_the_step_under_way(client, staff):
    TrainingRun.objects.create(
        status=TrainingRun.Status.RUNNING, step=TRAINING_STEPS[2], steps_done=2
    )
    client.force_login(staff)
    fragment = client.get(STATUS).content.decode()
    assert "Training</strong>: fitting the rating predictor" in fragment
    assert f'value="{int(100 * 2 / len(TRAINING_STEPS))}"' in fragment


def test_ratings_that_queue_a_training_show_on_the_page(
    client, staff, taste_site, models_folder, settings, django_capture_on_commit_callbacks
):
    settings.MARQUEE_RETRAIN_AFTER_RATINGS = 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.training_queue_if_due()
    run = TrainingRun.objects.get()
    assert run.status == TrainingRun.Status.DONE and run.requested_by is None
    client.force_login(staff)
    assert "Started by new ratings" in client.get(PAGE).content.decode()


def test_a_job_queued_before_runs_were_recorded_still_trains(taste_site, models_folder):
    services.train_in_background.call()
    assert TrainingRun.objects.get().status == TrainingRun.Status.DONE
