"""A minimal PDF writer for tests: Chinese text in a real text layer, no font files needed.

The font is the standard CJK font STSong-Light (Adobe-GB1) with the predefined
UniGB-UCS2-H encoding, which every PDF viewer supplies itself; each line is
shown as UTF-16BE hex.  Good for testing text extraction; not a layout tool.
"""

from __future__ import annotations


def make_pdf(pages: list[list[str]]) -> bytes:
    """Return PDF bytes with one page per list of lines (empty lists give pages with no text)."""
    objects: list[bytes] = []

    def add(body: str | bytes) -> int:
        objects.append(body.encode("latin-1") if isinstance(body, str) else body)
        return len(objects)

    font = add("<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H "
               "/DescendantFonts [4 0 R] >>")
    add("<< /Type /Catalog /Pages 3 0 R >>")  # 2
    pages_index = add("")  # 3, filled below
    add("<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 5 0 R >>")  # 4
    add("<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")  # 5
    kids = []
    for lines in pages:
        ops = ["BT", "/F1 12 Tf", "14 TL", "40 800 Td"]
        for line in lines:
            ops.append(f"<{line.encode('utf-16-be').hex().upper()}> Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(f"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 595 842] "
                        f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"))
    objects[pages_index - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                                f"/Count {len(kids)} >>").encode("latin-1")
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 2 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
