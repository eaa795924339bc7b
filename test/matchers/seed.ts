import type { Tree } from "../../src/memory/index.js";

/** A small store most matcher tests start from. */
export const SEED: Tree = {
  "notes.txt": "hello\nworld\n",
  "reports/2023.json": { year: 2023, rows: [] },
  "reports/2024.json": { year: 2024, rows: [{ id: 1, total: 10 }] },
  "logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]),
  archive: null,
};
