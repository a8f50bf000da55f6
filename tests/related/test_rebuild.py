"""Rebuilding the neighbour tables: idempotent, all-or-nothing, queued in the background."""

import pytest

from marquee.related import services
from marquee.related.models import PossibleInfluence, SimilarFilm, SimilarityBuild


def table() -> list[tuple]:
    return list(
        SimilarFilm.objects.order_by("film", "rank").values_list(
            "film", "other", "rank", "score", "why"
        )
    )


def test_rebuilding_twice_gives_the_same_tables(stories):
    services.similar_rebuild()
    first = table(), list(PossibleInfluence.objects.values_list("film", "earlier", "rank"))
    build = services.similar_rebuild()
    assert (table(), list(PossibleInfluence.objects.values_list("film", "earlier", "rank"))) == (
        first
    )
    assert SimilarityBuild.objects.get() == build
    assert build.films == 6 and build.films_with_story == 5
    assert build.similar_rows == len(first[0])


def test_a_failed_rebuild_leaves_the_previous_tables(stories, monkeypatch):
    services.similar_rebuild()
    before = table()
    real_insert = services.insert_new

    def insert_then_fail(model, fields, rows):
        real_insert(model, fields, rows)
        if model is PossibleInfluence:
            raise RuntimeError("disk full")

    monkeypatch.setattr(services, "insert_new", insert_then_fail)
    stories["bakery"].synopsis = "Clones escape a facility that harvests their organs."
    stories["bakery"].save()  # so the failed build would have differed
    with pytest.raises(RuntimeError):
        services.similar_rebuild()
    assert table() == before and before


def test_an_empty_catalog_rebuilds_to_empty_tables(db):
    build = services.similar_rebuild()
    assert build.films == 0 and not SimilarFilm.objects.exists()


def test_progress_is_reported_by_stage(stories):
    stages = []
    services.similar_rebuild(progress=lambda stage, done, total: stages.append(stage))
    assert stages[0] == "Reading" and "Neighbours" in stages and stages[-1] == "Saving"


def test_a_queued_rebuild_runs_after_the_commit_once(stories, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert services.similar_queue_rebuild()
        assert not services.similar_queue_rebuild()  # one queued at a time
    assert len(callbacks) >= 1
    assert SimilarFilm.objects.exists()
    # the lock is released when the job starts, so the next change queues again
    with django_capture_on_commit_callbacks(execute=False):
        assert services.similar_queue_rebuild()
