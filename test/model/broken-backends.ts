/**
 * Deliberately broken backends, each a small twist on MemoryBackend, to prove the harnesses
 * catch real mistakes rather than pass everything.
 */
import { writeFile } from "../../src/core/helpers.js";
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
 * Correct one call at a time, racy together: `move` copies, waits a macrotask, then removes
 * the source, so a call landing in between sees both or loses a write.
 */
export class NonAtomicMoveBackend extends MemoryBackend {
  override async move(src: string, dst: string, options?: SignalOptions): Promise<void> {
    await this.copy(src, dst, options);
    if ((await this.stat(src)).isDir && src !== dst) {
      await macrotask();
      await this.rmdir(src, { recursive: true });
    } else if (src !== dst) {
      await macrotask();
      await this.delete(src);
    }
  }
}

/**
 * Correct one call at a time, racy together: a writer's close deletes the old file, waits a
 * macrotask, then writes the new one, so a reader opened in between finds nothing.
 */
export class DeleteThenWriteBackend extends MemoryBackend {
  override async newWriter(path: string, options?: WriterOptions): Promise<Writer> {
    const inner = await super.newWriter(path, options);
    await inner.abort();
    const chunks: (Uint8Array | string)[] = [];
    const backend = this;
    let closed = false;
    return {
      path: inner.path,
      async write(chunk) {
        chunks.push(typeof chunk === "string" ? chunk : chunk.slice());
      },
      async close() {
        if (closed) return;
        closed = true;
        if ((await backend.stat(path).catch(() => undefined))?.isDir === false) {
          await backend.delete(path);
          await macrotask();
        }
        await writeFile(backend, path, Buffer.concat(chunks.map((c) => Buffer.from(c))));
      },
      async abort() {
        closed = true;
      },
      toWritable: () => inner.toWritable(),
      toWritableStream: () => inner.toWritableStream(),
    };
  }
}
