"""Draws the Ardoise icon (a slate with a chalk tick) as RGBA PNGs and a Windows icon.ico, with no image
library.

Run from the repository root: python3 scripts/make-icons.py
"""
import struct
import zlib


def png(width, height, pixel):
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y, width)) for x in range(width)) for y in range(height)
    )

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def ico(sizes, pixel):
    """A Windows icon holding every size: 32-bit BMP images (what every Windows tool, windres and makensis
    included, reads), and PNG for the 256 px one, as Windows itself ships its icons."""
    images = []
    for size in sizes:
        if size >= 256:
            images.append(png(size, size, pixel))
            continue
        # BITMAPINFOHEADER with twice the height (colour then AND mask), rows bottom-up in BGRA.
        header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
        colour = b"".join(
            b"".join(bytes((b, g, r, a)) for r, g, b, a in (pixel(x, y, size) for x in range(size)))
            for y in reversed(range(size))
        )
        mask_row = ((size + 31) // 32) * 4
        images.append(header + colour + b"\x00" * mask_row * size)
    directory = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    for size, data in zip(sizes, images):
        side = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return directory + b"".join(images)


def slate(x, y, size):
    u, v = (x + 0.5) / size, (y + 0.5) / size
    margin, radius = 0.06, 0.16
    # Rounded square: distance to the inner rectangle.
    dx = max(margin + radius - u, 0, u - (1 - margin - radius))
    dy = max(margin + radius - v, 0, v - (1 - margin - radius))
    if (dx * dx + dy * dy) ** 0.5 > radius:
        return (0, 0, 0, 0)
    frame = 0.12
    if u < frame or u > 1 - frame or v < frame or v > 1 - frame:
        return (176, 128, 80, 255)  # wooden frame
    # Chalk tick: two strokes.
    def near(ax, ay, bx, by, width):
        px, py = bx - ax, by - ay
        t = max(0.0, min(1.0, ((u - ax) * px + (v - ay) * py) / (px * px + py * py)))
        cx, cy = ax + t * px, ay + t * py
        return ((u - cx) ** 2 + (v - cy) ** 2) ** 0.5 < width

    if near(0.28, 0.52, 0.43, 0.68, 0.045) or near(0.43, 0.68, 0.73, 0.32, 0.045):
        return (240, 240, 232, 255)
    return (38, 52, 56, 255)  # slate


for name, size in [("icon.png", 512), ("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256)]:
    with open("icons/" + name, "wb") as out:
        out.write(png(size, size, slate))

# The Windows build (tauri-build's resource file) and the NSIS installer take this one.
with open("icons/icon.ico", "wb") as out:
    out.write(ico([16, 24, 32, 48, 64, 128, 256], slate))
