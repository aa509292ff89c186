"""Grand Challenge on the command line: `ls` of archives, algorithms and reader studies; `run-job` (an algorithm
job from a JSON file of inputs, waited for). Credentials: GRAND_CHALLENGE_AUTHORIZATION, --api-key-file or the
config; `--ca-bundle` for a server with its own CA (the emulator).

As a copy source (`medannot copy grandchallenge+https://host/archive/<slug> DST`): one case per archive item (its
pk is the case id, stable), the image from its first image socket that is not a segmentation, and, as the label
(under the copy's tag), the image of a socket of kind "Segmentation" (or whose slug says segmentation, mask or
label). Images come as the archive stores them (MHA on Grand Challenge; the converters turn MHA into NIfTI for a
destination that takes NIfTI only); label names from the segmentation socket's `overlay_segments` when it has
them. Every other socket value (values, files, heat maps, further images) is not copied: each is counted and
listed in the summary's notes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from medannot.cli._copy import Case, Part
from medannot.cli._platforms._base import Adapter, Verb
from medannot.cli._platforms.local import _format, split_name

SEGMENTATION_WORDS = ("segmentation", "mask", "label")


def _is_segmentation(socket: Any) -> bool:
    kind = str(getattr(socket, "kind", "") or "").casefold()
    slug = str(getattr(socket, "slug", "") or "").casefold()
    return kind == "segmentation" or any(word in slug for word in SEGMENTATION_WORDS)


def _type(file: Any) -> str:
    kind = getattr(file, "image_type", None)
    return str(getattr(kind, "value", kind) or "").upper()


class ArchiveCaseSource:
    """A Grand Challenge archive as a copy source (see the module doc)."""

    def __init__(self, client: Any, slug: str, tag: str) -> None:
        self.client, self.slug, self.tag = client, slug, tag
        self.skipped: dict[str, int] = {}
        self.names: dict[int, str] | None = None

    def cases(self) -> Iterator[Case]:
        archive = self.client.archives.detail(slug=self.slug)
        self.skipped = {}
        for item in self.client.archive_items.iterate_all(params={"archive": str(archive.pk)}):
            image = label = None
            for value in item.values:
                socket = value.interface
                if str(socket.super_kind).casefold() == "image" and value.image:
                    if _is_segmentation(socket) and label is None:
                        label = value
                        self._segments(socket)
                        continue
                    if not _is_segmentation(socket) and image is None and str(socket.kind) != "Heat Map":
                        image = value
                        continue
                key = f"{socket.slug} ({socket.super_kind}, {socket.kind})"
                self.skipped[key] = self.skipped.get(key, 0) + 1
            if image is None:
                self.skipped["archive items without an image"] = self.skipped.get("archive items without an image",
                                                                                   0) + 1  # fmt: skip
                continue
            parts = [self._part("image", image)]
            if label is not None:
                parts.append(self._part(f"label:{self.tag}", label))
            yield Case(str(item.pk), tuple(parts), {"title": getattr(item, "title", None)})

    def _segments(self, socket: Any) -> None:
        segments = getattr(socket, "overlay_segments", None)
        if self.names is None and isinstance(segments, list) and segments:
            names = {int(s["voxel_value"]): str(s["name"]) for s in segments
                     if isinstance(s, dict) and "voxel_value" in s and "name" in s}  # fmt: skip
            self.names = {0: "background", **names} if names else None

    def _part(self, kind: str, value: Any) -> Part:
        image = self.client.images.detail(api_url=value.image)
        files = [f for f in image.files if _type(f) in ("MHD", "")] or list(image.files)
        main = next((f for f in files if not str(f.file).lower().endswith((".raw", ".zraw"))), files[0])
        name = Path(str(main.file).split("?", 1)[0]).name
        ext = split_name(name)[1]
        return Part(kind, str(value.image), f"{image.pk}{ext}", _format(name))

    def fetch(self, part: Part, path: Path) -> Path:
        stem = split_name(part.name)[0]
        paths = self.client.images.download(url=part.ref, output_directory=path.parent, filename=stem,
                                            overwrite=True)  # fmt: skip
        wanted = split_name(part.name)[1].lower()
        return Path(next((p for p in paths if p.name.lower().endswith(wanted)), paths[0]))

    def label_names(self) -> dict[int, str] | None:
        return self.names

    def notes(self) -> list[str]:
        return [f"not copied (no place for it at the destination): {key}: {n}"
                for key, n in sorted(self.skipped.items())]  # fmt: skip


def _run_job(adapter: Adapter, *, algorithm: str, inputs: str, wait: bool, as_json: bool, dry_run: bool,
             **_: Any) -> int:  # fmt: skip
    from medannot.core.tables import record
    from medannot.errors import BadInput

    try:
        values = json.loads(Path(inputs).expanduser().read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BadInput(f"--inputs {inputs!r} is not a readable JSON file: {exc}") from None
    if dry_run:
        print(json.dumps({"algorithm": algorithm, "inputs": values}))
        return 0
    with adapter.client() as client:
        job = client.start_algorithm_job(algorithm_slug=algorithm, inputs=values)
        if wait:
            job = client.wait(job)
    print(json.dumps(record(job), default=str, indent=2) if as_json else f"job {getattr(job, 'pk', job)}")
    return 0


class GrandChallengeAdapter(Adapter):
    name = "grandchallenge"
    default_url = "https://grand-challenge.org"
    listings = ("archives", "algorithms", "reader-studies")
    verbs = (
        Verb("run-job", "Start an algorithm job with inputs from a JSON file ({socket slug: value}), and wait.",
             _run_job, {"algorithm": (str, ..., "the algorithm's slug"),
                        "inputs": (str, ..., "JSON file of the job's inputs"),
                        "wait": (bool, True, "wait until the job ends")}),
    )  # fmt: skip

    @contextmanager
    def client(self) -> Iterator[Any]:
        from medannot.grandchallenge import Client

        creds = self.target.credentials
        base = self.target.url if "/api/" in self.target.url else self.target.url.rstrip("/") + "/api/v1/"
        with Client(creds.api_key, base_url=base, verify=creds.ca_bundle or True,
                    timeout=self.target.timeout or 60.0) as client:  # fmt: skip
            yield client

    def ls(self, client: Any, what: str) -> Any:
        apis = {"archives": client.archives, "algorithms": client.algorithms, "reader-studies": client.reader_studies}
        if what not in apis:
            return super().ls(client, what)
        return apis[what].iterate_all()

    def case_source(self, client: Any, *, tag: str) -> ArchiveCaseSource:
        return ArchiveCaseSource(client, self.require_container("archive"), tag)


ADAPTER = GrandChallengeAdapter
