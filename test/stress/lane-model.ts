/**
 * The reference model of one stress lane: a folder `L` whose files live at `L/fN` and
 * `L/d/fN`, and whose one directory is `L/d`. Paths never change kind, so the rules that
 * matter are few: writes create `L/d` implicitly, `rmdir L/d` (recursive) drops what is below,
 * copy and move need their source and create `L/d` when they land in it.
 */
export class LaneModel {
  readonly files = new Map<string, Uint8Array>();
  dirExists = false;

  constructor(readonly lane: string) {}

  get dir(): string {
    return `${this.lane}/d`;
  }

  /** The file paths this lane uses. */
  paths(): string[] {
    const out: string[] = [];
    for (let i = 0; i < 3; i++) out.push(`${this.lane}/f${i}`, `${this.lane}/d/f${i}`);
    return out;
  }

  write(path: string, bytes: Uint8Array): void {
    this.files.set(path, bytes);
    if (path.startsWith(`${this.dir}/`)) this.dirExists = true;
  }

  delete(path: string): void {
    this.files.delete(path);
  }

  exists(path: string): boolean {
    return path === this.dir ? this.dirExists : this.files.has(path);
  }

  /** `true` when the copy or move works, `false` when its source is missing. */
  transfer(op: "copy" | "move", src: string, dst: string): boolean {
    const bytes = this.files.get(src);
    if (bytes === undefined) return false;
    if (src === dst) return true;
    this.write(dst, bytes);
    if (op === "move") this.files.delete(src);
    return true;
  }

  mkdir(): void {
    this.dirExists = true;
  }

  /** `false` when there is no directory to remove. */
  rmdir(): boolean {
    if (!this.dirExists) return false;
    for (const path of [...this.files.keys()]) {
      if (path.startsWith(`${this.dir}/`)) this.files.delete(path);
    }
    this.dirExists = false;
    return true;
  }

  list(): string[] {
    return [...this.files.keys()].sort();
  }
}

/** A small, fast, seedable PRNG (mulberry32), so every lane replays the same choices. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
