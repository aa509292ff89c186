"""Images the server sends (slide tiles, training sample patches), decoded; a body that is not an image is the
server breaking its contract: `ResponseSchemaError`, never a PIL error."""

from __future__ import annotations

from typing import TYPE_CHECKING

from medannot.core.images import to_pil
from medannot.errors import ResponseSchemaError

if TYPE_CHECKING:
    from PIL.Image import Image

    from medannot_api.phas.types import File


def decode_image(file: File, what: str) -> Image:
    """The PIL image in a generated operation's `File` answer (fully loaded)."""
    from PIL import Image as PILImage

    try:
        return to_pil(file.payload.read())
    except (OSError, ValueError, SyntaxError, EOFError, PILImage.DecompressionBombError) as exc:
        # UnidentifiedImageError and "image file is truncated" are OSErrors
        raise ResponseSchemaError(f"{what} is not a readable image: {type(exc).__name__}: {exc}") from exc
