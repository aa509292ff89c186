"""A first look at a PHAS server with `medannot.phas`: projects, tasks, slides, a patch, annotations.

    python examples/phas_quickstart.py http://127.0.0.1:8888 ~/phas_api_key.json [--out DIR]

Only reads from the server (the annotation export goes to --out, default: a temporary directory).
Start a local test server with `python -m tools.servers.phas serve`, which prints the key files.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from medannot.errors import MedannotError
from medannot.phas import AnnotationTask, Client, Slide, Task, as_records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="server URL with scheme, e.g. http://127.0.0.1:8888")
    parser.add_argument("key_file", help="the API key JSON file downloaded from the PHAS web interface")
    parser.add_argument("--out", type=Path, help="where to write the annotation export (default: a temp dir)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="phas-quickstart-"))
    out.mkdir(parents=True, exist_ok=True)

    with Client(args.url, args.key_file) as phas:
        for project in phas.project_listing():
            private = phas.get_project_private_access(project.id)
            print(f"project {project.id!r}: {project.nslides} slides, private names visible: {private}")
            for summary in phas.task_listing(project.id):
                print(f"  task {summary.id} {summary.name!r} ({summary.mode})")
                task = Task(phas, summary.id)
                rows = task.slide_manifest()
                if task.labelset is not None:
                    print("    labels:", ", ".join(label.name for label in task.labelset.label_listing()))
                if not rows:
                    continue
                slide = Slide(task, rows[0].id)
                levels = slide.level_downsamples
                print(f"    slide {slide.slide_id}: {slide.stain}, {slide.dimensions} px, downsamples {levels}")
                width, height = slide.dimensions
                patch = slide.get_patch((width // 2, height // 2), 0, (512, 512), tile_size=256)
                print(f"    patch at the centre: {patch.mode} {patch.size}")
                if summary.mode == "annot":
                    annotated = AnnotationTask(phas, summary.id)
                    count = annotated.export_task_annots(out / f"task_{summary.id}_annots.json", progress=True)
                    print(f"    exported {count} annotations to {out}")
                    print("    as a table:", list(as_records(rows)[0])[:6], "...")


if __name__ == "__main__":
    try:
        main()
    except MedannotError as exc:
        raise SystemExit(f"error: {exc}") from None
