"""The emulator's starting data: the seed's algorithm (`corads-ai`) and archive (`radboudcovid`), a value-only
algorithm, a reader study with questions and display sets, an educational one with ground truth, and a few
small synthetic images. Fixed pks, so tests and examples can name them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from medannot.testing.data import nifti_bytes, synthetic_volume
from medannot.testing.grandchallenge._records import (
    Algorithm,
    AlgorithmImage,
    Answer,
    Archive,
    ArchiveItem,
    DisplaySet,
    Interface,
    Question,
    ReaderStudy,
    Socket,
)

if TYPE_CHECKING:
    from medannot.testing.grandchallenge.backend import GrandChallengeBackend

CREATED = "2024-01-01T00:00:00Z"

SOCKETS = [
    Socket(1, "generic-medical-image", "Generic Medical Image", "Image", "Image", "images/generic-medical-image"),
    Socket(2, "generic-overlay", "Generic Overlay", "Heat Map", "Image", "images/generic-overlay"),
    Socket(3, "lung-volume", "Lung Volume", "Float", "Value", "lung-volume.json"),
    Socket(4, "nodules", "Nodules", "Multiple Points", "Value", "nodules.json"),
    Socket(5, "covid-19-probability", "Covid-19 Probability", "Float", "Value", "probability-covid-19.json"),
    Socket(6, "metrics-json-file", "Metrics JSON File", "Anything", "File", "metrics.json"),
    Socket(7, "results", "Results", "Anything", "Value", "results.json"),
    Socket(8, "pdf-report", "PDF Report", "PDF file", "File", "report.pdf"),
    Socket(9, "is-referable", "Is Referable", "Bool", "Value", "is-referable.json"),
]

# pks fixed for tests and examples
CORADS = "5ee5d1f4-7a4d-4d6e-9d2b-000000000001"
LUNG = "5ee5d1f4-7a4d-4d6e-9d2b-000000000002"
FAILING = "5ee5d1f4-7a4d-4d6e-9d2b-000000000003"
RADBOUDCOVID = "a7c1e0b2-3f0e-4c8e-8e55-000000000001"
EMPTY_ARCHIVE = "a7c1e0b2-3f0e-4c8e-8e55-000000000002"
READER_STUDY = "c0ffee00-1b2c-4d5e-8f90-000000000001"
TEACHING = "c0ffee00-1b2c-4d5e-8f90-000000000002"


def load(backend: GrandChallengeBackend) -> None:
    backend.sockets.update({s.slug: s for s in SOCKETS})
    for pk, slug, title, interfaces, fail in [
        (
            CORADS,
            "corads-ai",
            "CORADS-AI",
            [Interface(["generic-medical-image"], ["covid-19-probability", "generic-overlay"])],
            False,
        ),
        (
            LUNG,
            "some-algorithm",
            "Some Algorithm",
            [
                Interface(["lung-volume", "nodules"], ["results", "metrics-json-file"]),
                Interface(["generic-medical-image", "lung-volume"], ["results", "pdf-report"]),
            ],
            False,
        ),
        (FAILING, "always-fails", "Always Fails", [Interface(["lung-volume"], ["results"])], True),
    ]:
        image_pk = pk[:-12] + "0000000000a" + pk[-1]
        backend.algorithm_images[image_pk] = AlgorithmImage(image_pk, pk, CREATED)
        backend.algorithms[pk] = Algorithm(pk, slug, title, f"{title} (emulated)", interfaces, image_pk, 1.5, fail)

    images = [
        backend.add_image_bytes(f"case-{n}.nii.gz", nifti_bytes(synthetic_volume((8, 8, 4), n))) for n in range(3)
    ]
    backend.archives[RADBOUDCOVID] = Archive(RADBOUDCOVID, "radboudcovid", "Radboud COVID")
    backend.archives[EMPTY_ARCHIVE] = Archive(EMPTY_ARCHIVE, "empty-archive", "Empty Archive")
    for n, image in enumerate(images[:2]):
        item = ArchiveItem(f"1e0a0000-0000-4000-8000-00000000000{n + 1}", RADBOUDCOVID, title=f"case {n}")
        item.values["generic-medical-image"] = backend.new_value("generic-medical-image", image=image.pk).pk
        backend.archive_items[item.pk] = item

    backend.reader_studies[READER_STUDY] = ReaderStudy(READER_STUDY, "reader-study", "Reader Study")
    backend.reader_studies[TEACHING] = ReaderStudy(TEACHING, "teaching-study", "Teaching Study", is_educational=True)
    questions = [
        Question("9e5d0000-0000-4000-8000-000000000001", READER_STUDY, "Is there a nodule?", "Bool", 1),
        Question("9e5d0000-0000-4000-8000-000000000002", READER_STUDY, "Comment", "Single line text", 2, False),
        Question("9e5d0000-0000-4000-8000-000000000003", READER_STUDY, "Score", "Number", 3),
        Question(
            "9e5d0000-0000-4000-8000-000000000004",
            TEACHING,
            "Severity",
            "Choice",
            1,
            options=[(1, "mild"), (2, "severe")],
        ),
    ]
    backend.questions.update({q.pk: q for q in questions})
    for n, image in enumerate(images):
        study = READER_STUDY if n < 2 else TEACHING
        display_set = DisplaySet(f"d15e0000-0000-4000-8000-00000000000{n + 1}", study, order=(n + 1) * 10)
        display_set.values["generic-medical-image"] = backend.new_value("generic-medical-image", image=image.pk).pk
        backend.display_sets[display_set.pk] = display_set
    truth = Answer(
        "a5e00000-0000-4000-8000-000000000001",
        questions[3].pk,
        "d15e0000-0000-4000-8000-000000000003",
        "teacher",
        2,
        CREATED,
        CREATED,
        is_ground_truth=True,
        explanation="Consolidation in both lungs.",
    )
    backend.answers[truth.pk] = truth
