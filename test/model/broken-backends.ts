/**
 * Deliberately broken backends, each a small twist on MemoryBackend, to prove the harnesses
 * catch real mistakes rather than pass everything.
 */
import { WriterClosedError } from "../../src/core/errors.js";
import { normalizePath } from "../../src/core/paths.js";
import type { SignalOptions, Writer, WriterOptions } from "../../src/core/types.js";
import { MemoryBackend } from "../../src/memory/index.js";

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `list` returns the right files in reverse order. */
export class UnsortedListBackend extends MemoryBackend {
  override async list(prefix?: string, options?: SignalOptions): Promise<string[]> {
    return (await super.list(prefix, options)).reverse();
  }
}

/** Moving a directory copies it and leaves the source behind. */
export class LeakyDirectoryMoveBackend extends MemoryBackend {
  override async move(src: string, dst: string, options?: SignalOptions): Promise<void> {
    if (src !== dst && (await this.stat(src).catch(() => undefined))?.isDir) {
      return this.copy(src, dst, options);
    }
    return super.move(src, dst, options);
  }
}

/**
 * Correct one call at a time, racy together: a directory `move` copies the tree, moves the
 * files over one by one, waits a macrotask, then removes the source tree, so a call landing in
 * between sees both trees or loses a write.
 */
export class NonAtomicMoveBackend extends MemoryBackend {
  override async move(src: string, dst: string, options?: SignalOptions): Promise<void> {
    const info = await this.stat(src).catch(() => undefined);
    // Racy, but otherwise a correct move: a path moved onto itself (however spelled) is a no-op.
    const same = info !== undefined && normalizePath("move", src) === normalizePath("move", dst);
    if (!info?.isDir || same) return super.move(src, dst, options);
    await this.copy(src, dst, options);
    const from = normalizePath("move", src);
    const to = normalizePath("move", dst);
    // Moving each file over the copy keeps its modification time, as a move must.
    for (const file of await this.list(`${from}/`))
      await super.move(file, to + file.slice(from.length));
    await macrotask();
    await this.rmdir(src, { recursive: true });
  }
}

/**
 * Correct one call at a time, racy together: a writer's close deletes the old file, waits a
 * macrotask, then writes the new one, so a reader opened in between finds nothing.
 */
export class DeleteThenWriteBackend extends MemoryBackend {
  override async newWriter(path: string, options?: WriterOptions): Promise<Writer> {
    // The real writer of the final store; opened at close, after the gap.
    const { signal, ...rest } = options ?? {};
    const store = (data: Uint8Array) =>
      super.newWriter(path, rest).then(async (w) => {
        await w.write(data);
        await w.close();
      });
    const inner = await super.newWriter(path, options);
    await inner.abort();
    const chunks: (Uint8Array | string)[] = [];
    const backend = this;
    let closed = false;
    let aborted = false;
    signal?.addEventListener("abort", () => {
      aborted = true;
    });
    return {
      path: inner.path,
      async write(chunk) {
        chunks.push(typeof chunk === "string" ? chunk : chunk.slice());
      },
      async close() {
        if (aborted) throw new WriterClosedError("close", path);
        if (closed) return;
        closed = true;
        if ((await backend.stat(path).catch(() => undefined))?.isDir === false) {
          await backend.delete(path);
          await macrotask();
        }
        await store(Buffer.concat(chunks.map((c) => Buffer.from(c))));
      },
      async abort() {
        aborted = true;
      },
      toWritable: () => inner.toWritable(),
      toWritableStream: () => inner.toWritableStream(),
    };
  }
}

/**
 * Not atomic at all: every `write()` stores everything written so far, so readers see
 * partial files while the writer is still open.
 */
export class WriteThroughBackend extends MemoryBackend {
  override async newWriter(path: string, options?: WriterOptions): Promise<Writer> {
    const { signal, ...rest } = options ?? {};
    const store = async (data: Uint8Array) => {
      const w = await super.newWriter(path, rest);
      await w.write(data);
      await w.close();
    };
    const inner = await super.newWriter(path, options);
    await inner.abort();
    let written = Buffer.alloc(0);
    let aborted = false;
    signal?.addEventListener("abort", () => {
      aborted = true;
    });
    return {
      path: inner.path,
      async write(chunk) {
        written = Buffer.concat([written, Buffer.from(chunk)]);
        await store(written);
      },
      async close() {
        if (aborted) throw new WriterClosedError("close", path);
        await store(written);
      },
      async abort() {
        aborted = true;
      },
      toWritable: () => inner.toWritable(),
      toWritableStream: () => inner.toWritableStream(),
    };
  }
}
