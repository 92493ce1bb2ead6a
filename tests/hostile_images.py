"""Hostile and awkward images, made here (by hand or by Pillow) rather than kept as files.

Each :class:`ImageCase` is a file an editor or an attacker could put in ``practices/images/`` and
what the site must do with it: ``refused`` (the validator names the file, the field ``image`` and
the fix; a build writes nothing) or ``harmless`` (published re-encoded: at most 2,000 px a side,
one frame, no metadata). ``tests/test_image_safety.py`` drives them through the validator, a real
build and Chromium; ``scripts/bench_images.py`` counts and times them.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

from PIL import Image, ImageDraw, PngImagePlugin

NAME = "Jane Roe"
PHONE = "+47 912 34 567"
GPS = "59.9139 N 10.7522 E"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


@dataclass(frozen=True)
class ImageCase:
    group: str         # the class of attack or slip
    name: str          # the file's name in practices/images/
    data: bytes
    verdict: str       # "refused" or "harmless"
    says: str          # what the refusal's fix or the build's notice says (a fragment)
    tries: str


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_with_header(width: int, height: int, *, idat_rows: int = 4) -> bytes:
    """A PNG of a few hundred bytes whose IHDR declares ``width`` x ``height`` RGB pixels; only the
    first rows' data is there (a browser still reserves the whole canvas)."""
    rows = zlib.compress(b"\x00" * (1 + 3 * min(width, 4096)) * idat_rows)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + _chunk(b"IDAT", rows) + _chunk(b"IEND", b""))


def webp_of_one_colour(width: int, height: int) -> bytes:
    """A lossless WebP (VP8L) of any size in 28 bytes: five one-symbol prefix codes, so that every
    pixel takes no bits at all. libwebp decodes it whole: this is the 34-byte gigabyte of issue 15."""
    header = b"\x2f" + struct.pack("<I", (width - 1) | ((height - 1) << 14))
    bits = [0, 0, 0] + [1, 0, 0, 0] * 5  # no transform, no colour cache, no meta codes; 5 simple codes
    data = header + sum(bit << at for at, bit in enumerate(bits)).to_bytes(3, "little")
    chunk = b"VP8L" + struct.pack("<I", len(data)) + data
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


def _saved(image: Image.Image, kind: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def flashing(kind: str, *, frames: int = 2, duration: int = 20) -> bytes:
    """White and black frames of ``duration`` ms, looping: 25 flashes a second at 20 ms."""
    images = [Image.new("RGB", (40, 30), "white" if at % 2 == 0 else "black") for at in range(frames)]
    return _saved(images[0], kind, save_all=True, append_images=images[1:], duration=duration, loop=0)


def png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", NAME)
    info.add_itxt("Location", GPS)
    info.add_text("Comment", f"call {PHONE}", zip=True)
    info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta><dc:creator>{NAME}</dc:creator></x:xmpmeta>")
    return _saved(Image.new("RGB", (12, 8), (30, 120, 200)), "PNG", pnginfo=info)


def phone_photo(kind: str = "JPEG") -> bytes:
    """A 300 x 100 photo whose EXIF says 'rotate 90 degrees clockwise' (orientation 6), names its
    owner and holds a GPS position, as a phone writes it. Its left 50 columns are red."""
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x013B] = NAME  # Artist
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (59.0, 54.0, 50.0), 3: "E", 4: (10.0, 45.0, 8.0)})
    photo = Image.new("RGB", (300, 100), "white")
    photo.paste((255, 0, 0), (0, 0, 50, 100))
    options = {"exif": exif, "comment": f"call {PHONE}".encode()} if kind == "JPEG" else {"exif": exif}
    return _saved(photo, kind, **options)


def wide(kind: str = "PNG", size: tuple[int, int] = (3000, 1000), spacing: int = 40) -> bytes:
    image = Image.new("RGB", size, (240, 240, 230))
    draw = ImageDraw.Draw(image)
    for x in range(0, size[0], spacing):
        draw.line((x, 0, size[0] - x, size[1]), fill=(x % 256, 60, 140), width=3)
    return _saved(image, kind)


def largest_allowed_png() -> bytes:
    """As many pixels as an image may have (7,300 x 5,470: 39.9 megapixels) in under 2 MB."""
    return wide("PNG", (7300, 5470), spacing=120)


def truncated_jpeg() -> bytes:
    whole = _saved(Image.effect_noise((400, 300), 60).convert("RGB"), "JPEG", quality=90)
    return whole[: len(whole) // 2]


def scan_bomb(copies: int = 500, size: tuple[int, int] = (1000, 1000), mode: str = "L") -> bytes:
    """A progressive JPEG whose last scan is repeated ``copies`` times: each is decoded over the
    whole image (libjpeg only warns), so a few hundred kilobytes take minutes."""
    out = io.BytesIO()
    Image.new(mode, size, 128).save(out, "JPEG", progressive=True, quality=50)
    whole = out.getvalue()
    last = whole.rfind(b"\xff\xda")
    table = whole.rfind(b"\xff\xc4", 0, last)
    start = table if table > whole.rfind(b"\xff\xda", 0, last) else last
    return whole[:-2] + whole[start:-2] * copies + b"\xff\xd9"


def odd_colours() -> bytes:
    """A 16-bit grey PNG with a broken ICC profile and a palette GIF-like transparency elsewhere."""
    grey = Image.linear_gradient("L").resize((64, 64)).convert("I").point(lambda value: value * 256)
    return _saved(grey.convert("I;16"), "PNG", icc_profile=b"not a profile at all")


def cmyk_with_broken_profile() -> bytes:
    """A print shop's CMYK JPEG whose ICC profile is 200 KB of zeros."""
    return _saved(Image.new("CMYK", (50, 40), (0, 255, 0, 0)), "JPEG", icc_profile=b"\0" * 200_000)


CASES = (
    ImageCase("pixel bomb", "bomb.webp", webp_of_one_colour(16_384, 16_384), "refused", "268,435,456 pixels",
              "a 28-byte WebP of 16,384 x 16,384 pixels (a gigabyte in the reader's tab)"),
    ImageCase("pixel bomb", "bomb.png", png_with_header(16_000, 16_000), "refused", "256,000,000 pixels",
              "a PNG header of 16,000 x 16,000 pixels in a few hundred bytes"),
    ImageCase("pixel bomb", "too-many-pixels.png", png_with_header(8_000, 6_000), "refused", "8,000 x 6,000 pixels",
              "48 megapixels: over the limit, under Pillow's own bomb limit"),
    ImageCase("pixel bomb", "too-many-pixels.webp", webp_of_one_colour(9_000, 5_000), "refused", "9,000 x 5,000 pixels",
              "45 megapixels in 28 bytes"),
    ImageCase("pixel bomb", "scan-bomb.jpg", scan_bomb(), "refused",
              "save it again as a JPEG (baseline, not progressive)",
              "a progressive JPEG of 506 scans (a 40-megapixel one of 2 MB would take many minutes to decode)"),
    ImageCase("corrupt", "cut-short.jpg", truncated_jpeg(), "refused", "cannot be read as a JPEG image",
              "a JPEG cut in half"),
    ImageCase("corrupt", "cut-short.png", png_with_header(100, 100), "refused", "cannot be read as a PNG image",
              "a PNG whose image data stops after 4 of its 100 rows"),
    ImageCase("not what its name says", "notes.png", b"\x89PNG\r\n\x1a\nPhone the mayor on " + PHONE.encode(),
              "refused",
              "cannot be read as a PNG image", "a text file renamed .png, behind a PNG signature"),
    ImageCase("not what its name says", "letter.png", f"Dear {NAME}, call me on {PHONE}\n".encode(), "refused",
              "is not a PNG image (its first bytes do not match)", "a text file renamed .png"),
    ImageCase("not what its name says", "photo.png", phone_photo("JPEG"), "refused", "rename it to 'photo.jpg'",
              "a JPEG renamed .png"),
    ImageCase("unsupported format", "notes.txt", b"just text\n", "refused", "save it as PNG, JPEG, GIF or WebP",
              "a .txt file among the images"),
    ImageCase("unsupported format", "logo.svg", SVG, "refused", "an SVG image can carry scripts",
              "an SVG with a script"),
    ImageCase("animation", "flash.gif", flashing("GIF"), "harmless", "only its first frame is published",
              "two frames of 20 ms: 25 flashes a second (WCAG 2.3.1)"),
    ImageCase("animation", "flash.webp", flashing("WEBP"), "harmless", "only its first frame is published",
              "an animated WebP of 20 ms frames"),
    ImageCase("animation", "flash-apng.png", flashing("PNG"), "harmless", "only its first frame is published",
              "an animated PNG (APNG) of 20 ms frames"),
    ImageCase("metadata", "private-text.png", png_with_text(), "harmless",
              "text chunks ('Author', 'Location', 'Comment')",
              "tEXt, zTXt and iTXt chunks with a name, a GPS position and a phone number, and XMP"),
    ImageCase("metadata", "phone-photo.jpg", phone_photo("JPEG"), "harmless", "EXIF data (with a GPS position)",
              "a phone photo: EXIF GPS, artist, comment, orientation 6"),
    ImageCase("metadata", "phone-photo.webp", phone_photo("WEBP"), "harmless", "EXIF data (with a GPS position)",
              "a WebP with EXIF GPS and orientation 6"),
    ImageCase("oversized, allowed", "wide.png", wide("PNG"), "harmless", "scaled from 3,000 x 1,000 to 2,000 x 667 px",
              "3,000 x 1,000: allowed, scaled down"),
    ImageCase("oversized, allowed", "wide.jpg", wide("JPEG"), "harmless", "scaled from 3,000 x 1,000 to 2,000 x 667 px",
              "3,000 x 1,000 JPEG: allowed, scaled down"),
    ImageCase("odd colours", "grey-16-bit.png", odd_colours(), "harmless", "",
              "16-bit grey with an ICC profile that is not one"),
    ImageCase("odd colours", "print-shop.jpg", cmyk_with_broken_profile(), "harmless", "",
              "CMYK with a 200 KB ICC profile of zeros"),
)
