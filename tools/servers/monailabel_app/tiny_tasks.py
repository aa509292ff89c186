"""The tiny app's tasks. Deterministic so tests can predict results:

- infer `threshold`: label = (volume > mean(volume)) as uint8, same affine, written as .nii.gz;
  params = {"threshold": mean, "foreground": number of label voxels}.
- train `threshold`: sleeps `sleep` seconds (request param, default 1.0, so tests can catch it running
  and stop it), then returns a summary dict of the datastore.
"""

from __future__ import annotations

import os
import tempfile
import time
from typing import Any

import nibabel as nib
import numpy as np
from monailabel.interfaces.datastore import Datastore
from monailabel.interfaces.tasks.infer_v2 import InferTask, InferType
from monailabel.interfaces.tasks.train import TrainTask


class ThresholdInfer(InferTask):
    def __init__(self) -> None:
        super().__init__(
            type=InferType.SEGMENTATION,
            labels={"foreground": 1},
            dimension=3,
            description="Voxels above the volume mean are foreground",
        )

    def is_valid(self) -> bool:
        return True

    def __call__(self, request: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        image = nib.load(request["image"])
        data = np.asanyarray(image.dataobj, dtype=np.float64)
        threshold = float(data.mean())
        label = (data > threshold).astype(np.uint8)
        fd, path = tempfile.mkstemp(suffix=".nii.gz", prefix="threshold-")
        os.close(fd)
        nib.save(nib.Nifti1Image(label, image.affine), path)
        return path, {"threshold": threshold, "foreground": int(label.sum())}


class ThresholdTrain(TrainTask):
    def __init__(self) -> None:
        super().__init__("Pretends to train: waits `sleep` seconds, then summarises the datastore")

    def config(self) -> dict[str, Any]:
        return {"sleep": 1.0}

    def __call__(self, request: dict[str, Any], datastore: Datastore) -> dict[str, Any]:
        seconds = float(request.get("sleep", 1.0))
        time.sleep(seconds)
        return {
            "model": request.get("model"),
            "slept": seconds,
            "images": len(datastore.list_images()),
            "labeled": len(datastore.get_labeled_images()),
        }
