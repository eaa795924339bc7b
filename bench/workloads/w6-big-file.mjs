// W6: one 64 MiB file written in 64 KiB chunks and read back, against the cost of the copies.
import { createReadStream } from "node:fs";
import * as fsp from "node:fs/promises";
import { join } from "node:path";
import { Volume } from "memfs";
import { createStorage } from "unstorage";
import memoryDriver from "unstorage/drivers/memory";
import { MemoryBackend } from "../../dist/esm/memory.js";
import { TMPFS } from "../lib/contenders.mjs";
import { MapBaseline } from "../lib/map-baseline.mjs";
import { measure } from "../lib/measure.mjs";
import { emit, progress, times } from "../lib/report.mjs";

const MIB = 1 << 20;
const SIZE = 64 * MIB;
const CHUNK = 64 * 1024;
const source = new Uint8Array(SIZE);
for (let i = 0; i < SIZE; i += 4096) source.fill(i & 0xff, i, i + 4096);
const chunks = [];
for (let at = 0; at < SIZE; at += CHUNK) chunks.push(source.subarray(at, at + CHUNK));

const ours = new MemoryBackend();
const vol = new Volume();
const storage = createStorage({ driver: memoryDriver() });
const map = new MapBaseline();
const dir = await fsp.mkdtemp(join(TMPFS, "omnistorage-bench-"));
const onDisk = join(dir, "big.bin");
const target = new Uint8Array(SIZE); // memcpy's destination, reused: the bare cost of the copy
let sink = 0;

/** Writes the chunks through a backend-shaped writer (ours and the Map baseline). */
async function writeChunks(backend) {
  const w = await backend.newWriter("big.bin");
  for (const c of chunks) await w.write(c);
  await w.close();
}

/** Consumes an async iterable of chunks. */
async function drain(iterable) {
  for await (const c of iterable) sink += c.length;
}

const writers = {
  "omnistorage-ts": () => writeChunks(ours),
  memfs: async () => {
    const fh = await vol.promises.open("/big.bin", "w");
    for (const c of chunks) await fh.write(c);
    await fh.close();
  },
  // No streaming writes in unstorage: the caller joins the chunks (one copy) and sets them.
  unstorage: async () => {
    const all = new Uint8Array(SIZE);
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.length;
    }
    await storage.setItemRaw("big.bin", all);
  },
  Map: () => writeChunks(map),
  tmpfs: async () => {
    const fh = await fsp.open(onDisk, "w");
    for (const c of chunks) await fh.write(c);
    await fh.close();
  },
  "alloc+copy": () => {
    sink += chunks.map((c) => c.slice()).length;
  },
};

const readers = {
  "omnistorage-ts": async () => {
    const r = await ours.newReader("big.bin");
    for (let c = await r.read(); c !== null; c = await r.read()) sink += c.length;
    await r.close();
  },
  "omnistorage Readable": async () => drain((await ours.newReader("big.bin")).toReadable()),
  "omnistorage ReadableStream": async () =>
    drain((await ours.newReader("big.bin")).toReadableStream()),
  memfs: () => drain(vol.createReadStream("/big.bin", { highWaterMark: CHUNK })),
  // The memory driver hands back the stored object itself: no copy at all.
  unstorage: async () => {
    sink += (await storage.getItemRaw("big.bin")).length;
  },
  Map: async () => {
    const r = await map.newReader("big.bin");
    for (let c = await r.read(); c !== null; c = await r.read()) sink += c.length;
    await r.close();
  },
  tmpfs: () => drain(createReadStream(onDisk, { highWaterMark: CHUNK })),
  memcpy: () => {
    let at = 0;
    for (const c of chunks) {
      target.set(c, at);
      at += c.length;
    }
    sink += at;
  },
  // What a reader that hands out its own chunks must at least do: a fresh buffer per chunk
  // (not zero-filled, as omnistorage's reader does for large chunks) and the copy.
  "alloc+copy": () => {
    for (const c of chunks) {
      const own = new Uint8Array(Buffer.allocUnsafeSlow(c.length).buffer, 0, c.length);
      own.set(c);
      sink += own.length;
    }
  },
};

const asTasks = (fns) =>
  Object.entries(fns).map(([name, fn]) => ({ name, batch: 1, fn: async () => fn() }));
const opts = { rounds: 3, time: 150, iterations: 2 };
progress("W6 write 64 MiB");
const w = await measure(asTasks(writers), opts);
progress("W6 read 64 MiB");
const r = await measure(asTasks(readers), opts);
await storage.dispose();
await fsp.rm(dir, { recursive: true, force: true });
if (sink === 0) throw new Error("W6 moved no bytes");

const mibps = (m, name) => (m.get(name)?.opsPerSec ?? Number.NaN) * (SIZE / MIB);
const columns = ["omnistorage-ts", "memfs", "unstorage", "Map", "tmpfs"];
const row = (m) => Object.fromEntries(columns.map((c) => [c, mibps(m, c)]));
const wr = row(w);
const rd = row(r);
const allocCopy = mibps(w, "alloc+copy");
const memcpy = mibps(r, "memcpy");
const readable = mibps(r, "omnistorage Readable");
const webStream = mibps(r, "omnistorage ReadableStream");
const only = (v) => ({ "omnistorage-ts": v, memfs: null, unstorage: null, Map: null, tmpfs: null });
emit({
  id: "W6",
  title: "64 MiB file in 64 KiB chunks",
  rows: [
    {
      id: "W6",
      metric: "write 64 MiB in 64 KiB chunks (MiB/s)",
      unit: "MiB/s",
      values: wr,
      baseline: { name: "alloc+copy", value: allocCopy },
    },
    {
      id: "W6",
      metric: "read it back (MiB/s)",
      unit: "MiB/s",
      values: rd,
      baseline: [
        { name: "memcpy", value: memcpy },
        { name: "alloc+copy", value: mibps(r, "alloc+copy") },
      ],
    },
    {
      id: "W6",
      metric: "read via reader.toReadable() (MiB/s)",
      unit: "MiB/s",
      values: only(readable),
    },
    {
      id: "W6",
      metric: "read via reader.toReadableStream() (MiB/s)",
      unit: "MiB/s",
      values: only(webStream),
    },
  ],
  bars: [
    {
      id: "W6",
      text: "read ≥ 70% of memcpy",
      measured: `${times(rd["omnistorage-ts"] / memcpy)} (${rd["omnistorage-ts"].toFixed(0)} vs ${memcpy.toFixed(0)} MiB/s)`,
      pass: rd["omnistorage-ts"] / memcpy >= 0.7,
    },
    {
      id: "W6",
      text: "write ≥ 50% of allocate-and-copy",
      measured: `${times(wr["omnistorage-ts"] / allocCopy)} (${wr["omnistorage-ts"].toFixed(0)} vs ${allocCopy.toFixed(0)} MiB/s)`,
      pass: wr["omnistorage-ts"] / allocCopy >= 0.5,
    },
    {
      id: "W6",
      text: "Readable within 1.5× of the plain reader",
      measured: `${times(rd["omnistorage-ts"] / readable)} the time`,
      pass: rd["omnistorage-ts"] / readable <= 1.5,
    },
    {
      id: "W6",
      text: "ReadableStream within 1.5× of the plain reader",
      measured: `${times(rd["omnistorage-ts"] / webStream)} the time`,
      pass: rd["omnistorage-ts"] / webStream <= 1.5,
    },
  ],
  notes: [
    "W6: the 64 MiB source is one buffer cut into 1,024 views of 64 KiB. memcpy = copying the chunks into one preallocated, reused 64 MiB buffer (`set`); allocate-and-copy for writes = `slice()` of every chunk (what a store that copies at write must at least do), for reads = a fresh unfilled buffer per chunk plus the copy (what a reader that hands out chunks of their own must at least do). omnistorage and Map write through a writer (one awaited `write` per chunk) and read with `read()` until null; memfs and tmpfs write through a file handle and read through a 64 KiB-chunk read stream; unstorage, which has no streams, is given the joined 64 MiB (the join is timed) and hands the stored object back without a copy.",
  ],
});
