#!/usr/bin/env python3
"""gzbomb.py SIZE_MB [BYTE]: writes to stdout a single-member gzip stream that
decompresses to SIZE_MB MiB of BYTE (default 0), for the gzip-bomb test.

How it works: one MiB of the byte is deflated once and the stream flushed
with Z_FULL_FLUSH, which resets the compressor's history, so the same
compressed bytes are valid again for every following MiB: they are written
SIZE_MB times, then a final empty block and the gzip trailer (CRC-32 and
size). That takes well under a second for 1 GiB, where gzip(1) takes
seconds."""
import struct
import sys
import zlib

mb = int(sys.argv[1])
byte = int(sys.argv[2]) if len(sys.argv) > 2 else 0
chunk = bytes([byte]) * (1 << 20)
c = zlib.compressobj(9, zlib.DEFLATED, -15)
block = c.compress(chunk) + c.flush(zlib.Z_FULL_FLUSH)
crc = 0
for _ in range(mb):
    crc = zlib.crc32(chunk, crc)
out = sys.stdout.buffer
out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")
for _ in range(mb):
    out.write(block)
out.write(zlib.compressobj(9, zlib.DEFLATED, -15).flush())
out.write(struct.pack("<II", crc & 0xFFFFFFFF, (mb << 20) & 0xFFFFFFFF))
