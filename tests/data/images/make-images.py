#!/usr/bin/env python3
"""Makes the image fixtures of tests/letters_wording.rs: a handwritten-looking signature (PNG with
transparency), a trader's logo (JPEG), and, in bad/, files a user might pick by mistake. Run from this
folder; the files are committed, this script says how they were made."""
import math, struct, zlib
from PIL import Image, ImageDraw

# A signature: a blue pen stroke on a transparent background, as a scan cleaned up in an editor.
signature = Image.new("RGBA", (900, 300), (0, 0, 0, 0))
pen = ImageDraw.Draw(signature)
points = [(60 + x, 170 + 60 * math.sin(x / 38.0) * math.exp(-x / 700.0)) for x in range(0, 760, 4)]
pen.line(points, fill=(20, 40, 140, 255), width=7, joint="curve")
pen.line([(120, 240), (760, 215)], fill=(20, 40, 140, 255), width=5)
signature.save("signature.png", optimize=True)

# A logo: a green square with a white plane and the name, saved as a photo would be (JPEG).
logo = Image.new("RGB", (600, 240), (255, 255, 255))
draw = ImageDraw.Draw(logo)
draw.rectangle([10, 10, 230, 230], fill=(40, 110, 60))
draw.polygon([(40, 170), (200, 60), (200, 90), (70, 180)], fill=(255, 255, 255))
draw.rectangle([250, 90, 590, 150], fill=(40, 110, 60))
logo.save("logo.jpg", quality=88)

# bad/: a scan saved as PDF, a GIF, a PNG cut short, an image too small to print, and a PNG whose header
# claims 9000 × 9000 pixels (refused before anything is decoded).
open("bad/signature-scannee.pdf", "wb").write(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
Image.new("RGB", (200, 80), (255, 255, 255)).save("bad/logo.gif")
whole = open("signature.png", "rb").read()
open("bad/signature-coupee.png", "wb").write(whole[: len(whole) // 3])
Image.new("RGB", (10, 6), (0, 0, 0)).save("bad/minuscule.png")
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
header = chunk(b"IHDR", struct.pack(">IIBBBBB", 9000, 9000, 8, 2, 0, 0, 0))
row = b"\x00" + b"\xff" * 3 * 9000
data = chunk(b"IDAT", zlib.compress(row * 16, 9))
open("bad/geante.png", "wb").write(b"\x89PNG\r\n\x1a\n" + header + data + chunk(b"IEND", b""))
