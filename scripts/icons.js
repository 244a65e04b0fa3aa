#!/usr/bin/env node
// Writes the add-in icons (assets/icon-<size>.png): a teal coin with a lighter
// ring on a transparent background, no lettering. Plain Node (zlib for the
// PNG's deflate stream), so the icons can be rebuilt without image tools.
// Usage: node scripts/icons.js
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const COIN = [0x0f, 0x76, 0x6e]; // teal
const RING = [0x99, 0xf6, 0xe4]; // pale teal
const SAMPLES = 4; // per axis: 16 sub-pixels smooth the edges

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Colour at a point in unit coordinates (0..1): ring, coin face, or nothing. */
function paint(x, y) {
  const r = Math.hypot(x - 0.5, y - 0.5);
  if (r > 0.47) return null;
  if (r > 0.3 && r < 0.36) return RING;
  return COIN;
}

function icon(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    const rowStart = py * (size * 4 + 1);
    raw[rowStart] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const colour = paint((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size);
          if (!colour) continue;
          hits++;
          for (let i = 0; i < 3; i++) sum[i] += colour[i];
        }
      }
      const at = rowStart + 1 + px * 4;
      for (let i = 0; i < 3; i++) raw[at + i] = hits ? Math.round(sum[i] / hits) : 0;
      raw[at + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const dir = path.join(__dirname, "..", "assets");
fs.mkdirSync(dir, { recursive: true });
for (const size of SIZES) {
  const file = path.join(dir, `icon-${size}.png`);
  fs.writeFileSync(file, icon(size));
  console.log(`${path.relative(process.cwd(), file)} (${size}x${size})`);
}
