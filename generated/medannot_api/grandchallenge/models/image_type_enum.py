from typing import Literal

ImageTypeEnum = Literal["DZI", "MHD", "TIFF"]

IMAGE_TYPE_ENUM_VALUES: set[ImageTypeEnum] = {
    "DZI",
    "MHD",
    "TIFF",
}


def check_image_type_enum(value: str) -> ImageTypeEnum:
    if value in IMAGE_TYPE_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {IMAGE_TYPE_ENUM_VALUES!r}")
