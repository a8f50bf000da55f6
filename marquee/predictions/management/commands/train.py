"""``marquee train``: fit the recommendation models on every rating and make them current."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from marquee.errors import InputError
from marquee.predictions.selectors import TRAINING_STEPS
from marquee.predictions.services import models_train


class Command(BaseCommand):
    help = "Train the rating predictor and the ranker on the site's ratings."

    def handle(self, *args, **options) -> None:
        steps = len(TRAINING_STEPS)
        with tqdm(total=steps, desc="Training", disable=not sys.stderr.isatty()) as bar:

            def progress(step: str) -> None:
                # The bar counts finished steps: the one starting now is named beside it.
                bar.n = TRAINING_STEPS.index(step)
                bar.set_postfix_str(step)

            try:
                models = models_train(progress=progress)
            except InputError as error:
                raise CommandError(error.describe()) from error
            bar.n = steps
            bar.refresh()
        self.stdout.write(
            self.style.SUCCESS(
                f"Trained version {models.version} on {models.ratings_count:,} ratings from "
                f"{models.readers_count:,} readers over {len(models.film_ids):,} films "
                f"(held-out RMSE {models.rmse:.3f})."
            )
        )
