"""The test data set of the real-server harness (tools/servers/_phas_setup.py), rebuilt in memory.

Same project, labelset, tasks, slides, users and training samples, created in the same order, so ids match
a freshly provisioned real server: slides S2_B1_HE_01=1, S1_B1_HE_01=2, S1_B1_NISSL_02=3; tasks annot=1,
dltrain=2, sampling=3, cli-annot=4; labelset synth_labels=1 with labels 1-3; samples 1-4; users admin=1, reader=2,
outsider=3.
"""

from __future__ import annotations

from dataclasses import dataclass

PROJECT = "synth"
PROJECT_NAME = "Synthetic slides"
PROJECT_DESC = "Generated test slides with a predictable pixel pattern"
LABELSET = "synth_labels"
LABELS = [
    ("gray matter", "#ff0000", "Cortical gray matter"),
    ("white matter", "#00ff00", "Subcortical white matter"),
    ("background", "#0000ff", "Glass, no tissue"),
]
DISPLAY_PATCH_SIZE = 256


@dataclass(frozen=True)
class SlideSpec:
    name: str
    specimen: str
    block: str
    stain: str
    section: int
    slide_number: int
    tags: tuple[str, ...]


# In the order `flask refresh-slides` finds them (specimen folders S2 before S1 in the harness's glob).
SLIDES = [
    SlideSpec("S2_B1_HE_01", "S2", "B1", "HE", 1, 1, ("he", "qc-fail")),
    SlideSpec("S1_B1_HE_01", "S1", "B1", "HE", 1, 1, ("he", "qc-pass")),
    SlideSpec("S1_B1_NISSL_02", "S1", "B1", "NISSL", 2, 1, ("qc-pass",)),
]
# (name, description, mode)
TASKS = [
    ("annot", "Free-form annotation", "annot"),
    ("dltrain", "Classifier training samples", "dltrain"),
    ("sampling", "Sampling ROI placement", "sampling"),
    ("cli-annot", "Annotation by the command-line tests", "annot"),
]
# username -> access code on the project and its tasks (None: no access); admin is also site admin
USERS: dict[str, str | None] = {"admin": "A11", "reader": "R01", "outsider": None}
# (slide name, label name, x and y as fractions of the slide size); boxes are size/16 wide
SAMPLES = [
    ("S1_B1_HE_01", "gray matter", 0.25, 0.25),
    ("S1_B1_HE_01", "white matter", 0.6, 0.3),
    ("S2_B1_HE_01", "gray matter", 0.4, 0.6),
    ("S2_B1_HE_01", "background", 0.1, 0.8),
]
