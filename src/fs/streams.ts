import { Readable, Writable } from "node:stream";
import { bytesOf } from "./data.js";
import type { FsPath } from "./fs-paths.js";
import type { Io, Runner, Step } from "./io.js";
import { checkStreamRange } from "./ranges.js";
import { readBytes } from "./read-ops.js";
import { concat, type OpenMode, openFile, openMode } from "./write-ops.js";

/** Options of `createReadStream` the facade honours. */
export interface ReadStreamOptions {
  start?: number;
  end?: number;
  encoding?: BufferEncoding;
  highWaterMark?: number;
  signal?: AbortSignal;
}

/** Options of `createWriteStream` the facade honours. */
export interface WriteStreamOptions {
  flags?: string;
  encoding?: BufferEncoding;
  signal?: AbortSignal;
}

type Fail = (err: unknown, syscall: string) => unknown;

/**
 * `createReadStream`: the file as of open, in `highWaterMark` chunks, `start`/`end`
 * inclusive as in Node. Errors (ENOENT …) are emitted as `error`, as Node does.
 */
export function createReadStream(
  io: Io,
  run: Runner,
  path: FsPath,
  options: ReadStreamOptions,
  fail: Fail,
) {
  checkStreamRange(options.start, options.end);
  const size = options.highWaterMark ?? 64 * 1024;
  let bytes: Uint8Array | undefined;
  let at = 0;
  const stream = new Readable({
    highWaterMark: size,
    signal: options.signal,
    construct(callback) {
      run(readBytes(io, path)).then(
        (content) => {
          const start = options.start ?? 0;
          const end = options.end === undefined ? content.length : options.end + 1;
          bytes = content.subarray(start, Math.max(start, end));
          stream.emit("open", 0);
          stream.emit("ready");
          callback();
        },
        (err: unknown) => callback(fail(err, "open") as Error),
      );
    },
    read() {
      const all = bytes as Uint8Array;
      if (at >= all.length) {
        this.push(null);
        return;
      }
      const chunk = Buffer.from(all.subarray(at, at + size));
      at += chunk.length;
      Object.assign(stream, { bytesRead: at });
      this.push(chunk);
    },
  });
  if (options.encoding) stream.setEncoding(options.encoding);
  return Object.assign(stream, { path: path.given, bytesRead: 0 });
}

/**
 * `createWriteStream`: the file is opened (created or truncated) when the stream starts, and
 * everything written is stored at once when it finishes. A stream destroyed before it
 * finishes leaves the file as it was opened (Node would leave the chunks written so far).
 */
export function createWriteStream(
  io: Io,
  run: Runner,
  path: FsPath,
  options: WriteStreamOptions,
  fail: Fail,
) {
  const mode = openMode(options.flags, "w");
  const chunks: Uint8Array[] = [];
  let before: Uint8Array = new Uint8Array(0);
  const stream = new Writable({
    signal: options.signal,
    decodeStrings: false,
    construct(callback) {
      run(openForStream(io, path, mode)).then(
        (content) => {
          before = content;
          stream.emit("open", 0);
          stream.emit("ready");
          callback();
        },
        (err: unknown) => callback(fail(err, "open") as Error),
      );
    },
    write(chunk: unknown, encoding, callback) {
      try {
        const bytes = bytesOf(
          chunk,
          encoding === ("buffer" as BufferEncoding) ? undefined : encoding,
        );
        chunks.push(bytes.slice());
        Object.assign(stream, {
          bytesWritten: (stream as unknown as { bytesWritten: number }).bytesWritten + bytes.length,
        });
        callback();
      } catch (err) {
        callback(err as Error);
      }
    },
    final(callback) {
      const all = chunks.reduce(concat, before);
      run(io.write(path.key, all)).then(
        () => callback(),
        (err: unknown) => callback(fail(err, "write") as Error),
      );
    },
  });
  if (options.encoding) stream.setDefaultEncoding(options.encoding);
  return Object.assign(stream, { path: path.given, bytesWritten: 0 });
}

/** Opens for a write stream as `open(2)` would: the file exists (created or truncated) at once. */
function* openForStream(io: Io, path: FsPath, mode: OpenMode): Step<Uint8Array> {
  const existed = (yield* io.stat(path.key)) !== undefined;
  const content = yield* openFile(io, path, mode);
  if (mode.truncate || !existed) yield* io.write(path.key, content);
  return content;
}
