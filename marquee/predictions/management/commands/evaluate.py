"""``marquee evaluate DATASET_DIR``: the engine's offline evaluation on a MovieLens folder."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

import recommend


class Command(BaseCommand):
    help = "Evaluate the default ranker (Recall, NDCG) and rating predictor (RMSE, MAE)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("dataset", type=Path, help="a MovieLens folder")
        parser.add_argument("--json", action="store_true")

    def handle(self, *args, **options) -> None:
        folder: Path = options["dataset"]
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        try:
            result = recommend.evaluate_folder(folder)
        except (ValueError, FileNotFoundError) as error:
            raise CommandError(f"{folder}: {error}") from error
        data = result.to_dict()
        if options["json"]:
            self.stdout.write(json.dumps(data, indent=2))
            return
        self.stdout.write(
            result.table() if hasattr(result, "table") else json.dumps(data, indent=2)
        )
