"""The case images, made safe before they are published: the site never serves an editor's bytes.

An image in ``practices/images/`` that passed the folder's checks (``icp.read.inventory``: its name, its
size on disk, its first bytes) is decoded here by Pillow and published re-encoded:

- its size is read from the header and refused over ``MAX_PIXELS`` before any pixel is decoded
  (a 34-byte WebP can declare 16,384 x 16,384 pixels, a gigabyte in the reader's tab); Pillow's own
  decompression-bomb limit, a truncated or corrupt file, or content that is not what the name says
  are refused too, each with the fix;
- an animation (GIF, APNG, animated WebP) is reduced to its first frame: nothing on the site moves
  or flashes (WCAG 2.2.2, 2.3.1);
- EXIF orientation is applied, then the image is scaled to at most ``MAX_SIDE`` pixels a side;
- colours with an ICC profile are converted to sRGB and the profile dropped (an unreadable profile is
  ignored and the pixels taken as sRGB);
- the pixels are copied into a new image and encoded again in the same format, so no EXIF (a phone
  photo's GPS position), XMP, text chunk, comment or profile can reach the site.

Whatever was removed or changed is a notice (the build goes on), never a refusal: see CONTRIBUTING.md.
Results are kept by the file's content, so a preview's rebuild decodes only an image that changed.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import warnings
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms

from icp import timing
from icp.read.casefile import CaseFileError, read_project_file
from icp.read.characters import excerpt
from icp.read.inventory import MAX_IMAGE_BYTES, image_format, local_images

MAX_PIXELS = 40_000_000
MAX_SIDE = 2_000
# A progressive JPEG is decoded once per scan: encoders write about 10, while 500 copies of a 82-byte
# scan make a 180 KB file take a minute. Scans are counted from their markers (0xFFDA never occurs
# inside a JPEG's compressed data) before anything is decoded.
MAX_JPEG_SCANS = 32
_KEPT = 256  # results a long preview keeps, newest last
_PILLOW = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WebP": "WEBP"}
_SAVE_OPTIONS = {"PNG": {}, "JPEG": {"quality": 85}, "GIF": {}, "WebP": {"quality": 85}}
_ORIENTATION = 0x0112
_GPS = 0x8825
_TRANSPOSE = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
              5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
              8: Image.Transpose.ROTATE_90}
_SCALE_FIX = f"scale it to at most {MAX_SIDE:,} px a side (the largest the site shows) and save it again"
_PIXELS_IN_MESSAGE = re.compile(r"\((\d+) pixels\)")
_PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}  # by colour type: grey, RGB, palette, grey + alpha, RGBA
_ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class PreparedImage:
    """One image as the site publishes it: its bytes, or why it is refused; and what was changed."""

    problem: str | None = None
    notices: tuple[str, ...] = ()
    data: bytes = b""
    size: tuple[int, int] = (0, 0)


_prepared: OrderedDict[tuple[bytes, str], PreparedImage] = OrderedDict()


def prepared_images(practices_dir: Path) -> dict[Path, PreparedImage]:
    """Every image of ``practices/images/`` that the folder allows, made safe (or refused)."""
    return {path: prepare(path) for path in local_images(practices_dir)}


def prepare(path: Path) -> PreparedImage:
    """``path`` decoded, checked and encoded again; the same bytes are never decoded twice in a process."""
    expected = image_format(path.name)
    if expected is None:
        return PreparedImage(f"'{path.name}' is not a PNG, JPEG, GIF or WebP image; save it as one of them")
    try:
        data = read_project_file(path, limit=MAX_IMAGE_BYTES, kind="image file")
    except CaseFileError as error:
        return PreparedImage(f"'{path.name}': {error.message}")
    key = (hashlib.blake2b(data, digest_size=16).digest(), expected)
    if key in _prepared:
        _prepared.move_to_end(key)
        return _prepared[key]
    with timing.step("images"):
        result = _prepare_bytes(data, expected, path.name)
    _prepared[key] = result
    while len(_prepared) > _KEPT:
        _prepared.popitem(last=False)
    return result


def _prepare_bytes(data: bytes, expected: str, name: str) -> PreparedImage:
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=[_PILLOW[expected]])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            return PreparedImage(_bomb_message(name, error))
        except Image.UnidentifiedImageError:
            return PreparedImage(_unreadable(name, expected, f"its content is not a {expected} image"))
        except Exception as error:  # noqa: BLE001 - a hostile file may trip any check of any decoder
            return PreparedImage(_unreadable(name, expected, error))
        with image:
            too_large = _too_large(name, image.size)
            if too_large:
                return PreparedImage(too_large)
            declared = image.size
            scans = data.count(b"\xff\xda") if image.format in ("JPEG", "MPO") else 0
            if scans > MAX_JPEG_SCANS:
                return PreparedImage(f"'{name}' is a JPEG of {scans:,} scans, each decoded over the whole image; a "
                                     f"JPEG may have at most {MAX_JPEG_SCANS}: save it again as a JPEG (baseline, "
                                     "not progressive)")
            try:
                if image.format in ("JPEG", "MPO"):
                    image.draft(None, (MAX_SIDE, MAX_SIDE))  # libjpeg decodes at 1/2, 1/4 or 1/8 when it can
                image.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
                return PreparedImage(_bomb_message(name, error))
            except Exception as error:  # noqa: BLE001 - a truncated or corrupt file, whatever the decoder says
                return PreparedImage(_unreadable(name, expected, error))
            if expected == "PNG" and _png_data_short(data):
                return PreparedImage(_unreadable(name, expected, "its image data ends before its last row"))
            try:
                return _publish(image, expected, declared)
            except Exception as error:  # noqa: BLE001 - a pixel format this code does not foresee
                return PreparedImage(f"'{name}' could not be made safe to publish ({excerpt(str(error), 120)}); "
                                     f"open it in an image editor and save it again as an 8-bit {expected}")


def _too_large(name: str, size: tuple[int, int]) -> str | None:
    width, height = size
    if width * height <= MAX_PIXELS:
        return None
    return (f"'{name}' is {width:,} x {height:,} pixels ({width * height / 1e6:,.0f} megapixels); an image may have "
            f"at most {MAX_PIXELS // 1_000_000} megapixels: {_SCALE_FIX}")


def _bomb_message(name: str, error: Exception) -> str:
    found = _PIXELS_IN_MESSAGE.search(str(error))
    declared = f"declares {int(found.group(1)):,} pixels" if found else "declares far too many pixels"
    return (f"'{name}' {declared} (a small file that would fill the reader's memory); an image may have at "
            f"most {MAX_PIXELS // 1_000_000} megapixels: {_SCALE_FIX}")


def _unreadable(name: str, expected: str, error: Exception | str) -> str:
    reason = excerpt(str(error) or type(error).__name__, 120)
    return (f"'{name}' cannot be read as a {expected} image ({reason}): it is cut short, damaged or not a "
            f"{expected} at all; open it in an image editor, check that it shows whole, and save it again as "
            f"{expected}")


def _png_data_short(data: bytes) -> bool:
    """Whether a PNG's image data (IDAT) inflates to fewer bytes than its header's rows need: Pillow
    fills the missing rows with black without a word, as a browser does."""
    header, parts, at = b"", [], 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind == b"IHDR":
            header = data[at + 8:at + 8 + length]
        elif kind == b"IDAT":
            parts.append(data[at + 8:at + 8 + length])
        elif kind == b"IEND":
            break
        at += 12 + length
    if len(header) < 13 or header[9] not in _PNG_CHANNELS:
        return False  # Pillow decoded it: nothing this check knows how to measure
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header[:13])
    passes = _ADAM7 if interlace else ((0, 0, 1, 1),)
    needed = 0
    for x0, y0, dx, dy in passes:
        columns, rows = -(-(width - x0) // dx), -(-(height - y0) // dy)
        if columns > 0 and rows > 0:
            needed += rows * (1 + (columns * _PNG_CHANNELS[colour] * depth + 7) // 8)
    inflater, produced, pending = zlib.decompressobj(), 0, b"".join(parts)
    while pending and produced < needed and not inflater.eof:
        try:
            produced += len(inflater.decompress(pending, 1 << 20))
        except zlib.error:
            return True
        pending = inflater.unconsumed_tail
    return produced < needed


def _publish(image: Image.Image, expected: str, declared: tuple[int, int]) -> PreparedImage:
    removed = _metadata(image)
    animated = bool(getattr(image, "is_animated", False)) and image.format != "MPO"  # MPO: a phone's extra views
    orientation = _exif(image).get(_ORIENTATION)
    original = _oriented_size(declared, orientation)  # a JPEG may already be decoded smaller (draft)
    icc = image.info.get("icc_profile")
    frame = _normalised(image)
    # Averaged down by a whole factor first, then Lanczos over the last 1.5x at most: a 40-megapixel
    # image in a fraction of the time of Lanczos alone, with no visible difference at this size.
    frame.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS, reducing_gap=1.5)
    frame = _in_srgb(frame, icc)
    if orientation in _TRANSPOSE:
        frame = frame.transpose(_TRANSPOSE[orientation])
    clean = Image.frombytes(frame.mode, frame.size, frame.tobytes())  # a new image: no info, no EXIF, no profile
    out = io.BytesIO()
    clean.save(out, _PILLOW[expected], **_SAVE_OPTIONS[expected])
    notices = []
    if removed:
        notices.append(f"published without its {_listed(removed)}")
    if animated:
        notices.append("an animation: only its first frame is published (nothing on the site moves or flashes)")
    if clean.size != original:
        notices.append(f"scaled from {original[0]:,} x {original[1]:,} to {clean.width:,} x {clean.height:,} px "
                       f"(the site shows at most {MAX_SIDE:,} px a side)")
    return PreparedImage(None, tuple(notices), out.getvalue(), clean.size)


def _oriented_size(size: tuple[int, int], orientation: object) -> tuple[int, int]:
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def _exif(image: Image.Image) -> Image.Exif:
    try:
        return image.getexif()
    except Exception:  # noqa: BLE001 - damaged EXIF: no orientation to apply, and it is dropped anyway
        return Image.Exif()


def _metadata(image: Image.Image) -> list[str]:
    """What the file carries besides its pixels, as a notice names it."""
    info = image.info
    found = []
    exif = _exif(image)
    if exif or "exif" in info:
        found.append("EXIF data (with a GPS position)" if _GPS in exif else "EXIF data")
    texts = [key for key in getattr(image, "text", {}) if key != "XML:com.adobe.xmp"]
    if texts:
        names = ", ".join(f"'{excerpt(key, 30)}'" for key in texts[:5]) + (", ..." if len(texts) > 5 else "")
        found.append(f"text chunks ({names})")
    if "xmp" in info or "XML:com.adobe.xmp" in info:
        found.append("XMP data")
    if info.get("comment"):
        found.append("comment")
    if "photoshop" in info:
        found.append("IPTC (Photoshop) data")
    return found


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _normalised(image: Image.Image) -> Image.Image:
    """The first frame in 8-bit RGB, RGBA, L or CMYK (resized well, and each format can hold it)."""
    mode = image.mode
    if mode in ("RGB", "RGBA", "L", "CMYK"):
        return image  # already decoded from a buffer of its own: resized in place
    if mode.startswith("I") or mode == "F":  # 16-bit grey: scaled, not clipped to white
        return image.convert("I").point(lambda value: value * (1 / 256)).convert("L")
    has_alpha = "A" in mode or "a" in mode or "transparency" in image.info
    return image.convert("RGBA" if has_alpha else "RGB")


def _in_srgb(frame: Image.Image, icc: object) -> Image.Image:
    target = "RGBA" if frame.mode == "RGBA" else ("L" if frame.mode == "L" else "RGB")
    if isinstance(icc, bytes) and icc and frame.mode != "L":
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(frame, source, _SRGB, outputMode=target)
        except Exception:  # noqa: BLE001 - a profile LittleCMS cannot use: the pixels are taken as sRGB
            pass
    return frame if frame.mode == target else frame.convert(target)
