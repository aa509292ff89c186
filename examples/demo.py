"""`make demo`: a realistic MONAI Label annotation round against the embedded emulator (no account needed).

Upload synthetic CT-like volumes, ask the active-learning strategy what to annotate next, run inference,
correct and save the label, train, and download the result: the loop a labelling script runs every day.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from medannot.monailabel import Client
from medannot.testing.data import write_nifti_volumes
from medannot.testing.monailabel import MonaiLabelEmulator


def step(text: str) -> None:
    print(f"\n== {text}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, MonaiLabelEmulator() as server:
        work = Path(tmp)
        print(f"MONAI Label emulator at {server.url}")
        with Client(server.url, tmpdir=work) as ml:
            step("server")
            info = ml.info()
            print(
                f"app {info.name!r}: models {sorted(info.models.additional_properties)}, "
                f"strategies {sorted(info.strategies.additional_properties)}"
            )

            step("upload 6 synthetic volumes (64x64x32, streamed)")
            volumes = write_nifti_volumes(work / "scans", 6, shape=(64, 64, 32))
            added = ml.upload_images(volumes, image_ids=[f"case-{i:03d}" for i in range(6)], progress=True)
            print("uploaded:", ", ".join(a.image for a in added))

            step("active learning: what should be annotated next?")
            sample = ml.next_sample("first", {})
            assert sample is not None and isinstance(sample.id, str)
            print(f"next sample: {sample.id}")

            step(f"inference on {sample.id}")
            result = ml.infer("threshold", sample.id, {}, output_dir=work / "predictions")
            voxels = result.label_array()
            print(
                f"label saved to {result.label.name if result.label else '-'}: shape {voxels.shape}, "
                f"{int(voxels.sum())} foreground voxels, params {result.params}"
            )

            step("save the (reviewed) label as final")
            assert result.label is not None
            saved = ml.save_label(sample.id, result.label, tag="final")
            print(f"label {saved.label!r} saved for image {saved.image!r}")

            step("train")
            task = ml.train_start("threshold", {"max_epochs": 1})
            print(f"training task {task.id if not isinstance(task, dict) else task} submitted")
            status = ml.train_status()
            while status is not None and status.status in ("SUBMITTED", "RUNNING"):
                time.sleep(0.2)
                status = ml.train_status()
            print(f"training finished: {status.status if status else 'no task'}")

            step("download the final label and list the datastore")
            path = ml.download_label(sample.id, "final", work)
            print(f"downloaded {path.name} ({path.stat().st_size} bytes)")
            for image in ml.list_images():
                print(f"  {image.id:10s} labels: {', '.join(image.label_tags) or '-'}")
    print("\ndemo finished")


if __name__ == "__main__":
    main()
