from typing import Literal

AffineMode = Literal["affine", "raw"]

AFFINE_MODE_VALUES: set[AffineMode] = {
    "affine",
    "raw",
}


def check_affine_mode(value: str) -> AffineMode:
    if value in AFFINE_MODE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {AFFINE_MODE_VALUES!r}")
