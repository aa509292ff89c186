"""A weightless MONAI Label app for tests: the sample apps download model weights, which cannot work offline.

Loaded by the server from this directory (`--app`), so it imports only what the server's venv has.
The harness copies this directory into a temporary workdir first, because the server creates
`model/`, `lib/`, `logs/` and `bin/` inside the app directory.
"""

from __future__ import annotations

import monailabel
from monailabel.interfaces.app import MONAILabelApp
from monailabel.interfaces.tasks.infer_v2 import InferTask
from monailabel.interfaces.tasks.scoring import ScoringMethod
from monailabel.interfaces.tasks.strategy import Strategy
from monailabel.interfaces.tasks.train import TrainTask
from monailabel.tasks.activelearning.first import First
from monailabel.tasks.activelearning.random import Random
from monailabel.tasks.scoring.dice import Dice
from monailabel.tasks.scoring.sum import Sum
from tiny_tasks import ThresholdInfer, ThresholdTrain


class TinyApp(MONAILabelApp):
    def __init__(self, app_dir: str, studies: str, conf: dict[str, str]) -> None:
        super().__init__(
            app_dir=app_dir,
            studies=studies,
            conf=conf,
            name="medannot-tiny",
            description="Threshold-at-mean segmentation for tests (no weights)",
            version=monailabel.__version__,  # as MONAI Label's sample apps: `info().version` is the release
        )

    def init_infers(self) -> dict[str, InferTask]:
        return {"threshold": ThresholdInfer()}

    def init_trainers(self) -> dict[str, TrainTask]:
        return {"threshold": ThresholdTrain()}

    def init_strategies(self) -> dict[str, Strategy]:
        return {"first": First(), "random": Random()}

    def init_scoring_methods(self) -> dict[str, ScoringMethod]:
        # Both only read labels with nibabel (via monai LoadImage): cheap on tiny volumes.
        return {"sum": Sum(), "dice": Dice()}
