"""Uploaded pictures checked by content and re-encoded: a profile photo never reaches storage as sent.

``reencode_photo(upload, …)`` opens the bytes with Pillow (the extension and the declared
content type are never trusted), refuses anything that is not a JPEG, PNG or WebP picture, a
picture of more pixels than a phone camera takes (a decompression bomb) or a file over the byte
limit, turns it upright by its EXIF orientation, shrinks it to fit a bounded box and writes a
fresh JPEG without any metadata: no EXIF (camera, GPS position, time), no ICC profile, no
comments. What is stored is always a small, plain JPEG, whatever arrived.
"""

from __future__ import annotations

import io
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_SOURCE_PIXELS = 40_000_000  # a 48-megapixel phone photo is about this; more is refused
PHOTO_BOX = (600, 800)  # width, height: a 3:4 이력서 photo at about 200 dpi
MAX_OUTPUT_BYTES = 200 * 1024  # small enough for core.pdf's data: images (256 KiB)


def _not_an_image(field: str) -> ValidationError:
    return ValidationError(
        {field: _("Upload a photo in JPEG, PNG or WebP format. This file is not one.")},
        code="not_an_image",
    )


def reencode_photo(upload, *, field: str = "photo", name: str = "photo.jpg") -> ContentFile:
    """Check an uploaded picture by its bytes and return it re-encoded as a bounded, bare JPEG.

    Raises ``ValidationError`` (keyed by ``field``) for a file that is too large, not a picture
    of an accepted kind, damaged, or of implausibly many pixels; nothing is written anywhere.
    """
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError({field: _("The photo must be at most 5 MB.")}, code="photo_too_large")
    upload.seek(0)
    data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError({field: _("The photo must be at most 5 MB.")}, code="photo_too_large")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise _not_an_image(field)
                if probe.width * probe.height > MAX_SOURCE_PIXELS:
                    raise ValidationError(
                        {field: _("The photo has too many pixels. Send a smaller picture.")},
                        code="photo_too_many_pixels",
                    )
                probe.verify()  # a damaged or truncated file fails here
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                picture = ImageOps.exif_transpose(image)
                if picture.mode not in ("RGB", "L"):
                    background = Image.new("RGB", picture.size, "white")
                    rgba = picture.convert("RGBA")
                    background.paste(rgba, mask=rgba.getchannel("A"))
                    picture = background
                picture = picture.convert("RGB")
                picture.thumbnail(PHOTO_BOX, Image.Resampling.LANCZOS)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _not_an_image(field) from None
    except (OSError, SyntaxError, ValueError):  # Pillow's ways of saying "damaged"
        raise _not_an_image(field) from None
    for quality in (85, 75, 65, 55):
        out = io.BytesIO()
        # A new image object carries no EXIF, ICC or comments; save writes only the pixels.
        picture.save(out, format="JPEG", quality=quality, optimize=True)
        if out.tell() <= MAX_OUTPUT_BYTES:
            break
    return ContentFile(out.getvalue(), name=name)
