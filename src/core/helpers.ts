import { normalizePath } from "./paths.js";
import { locate, samePlace } from "./same-store.js";
import type { Backend, Reader, ReaderOptions, WriterOptions } from "./types.js";

/**
 * Reads a reader to the end and closes it.
 * @param reader - an open reader
 * @returns every remaining byte, in one buffer
 * @public
 */
export async function readAll(reader: Reader): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); chunk !== null; chunk = await reader.read()) {
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    await reader.close();
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/**
 * A whole file's bytes.
 * @param backend - any backend
 * @param path - the file
 * @param options - offset, limit, signal
 * @public
 */
export async function readFile(
  backend: Backend,
  path: string,
  options?: ReaderOptions,
): Promise<Uint8Array> {
  return readAll(await backend.newReader(path, options));
}

const decoder = new TextDecoder();

/**
 * A whole file as UTF-8 text.
 * @param backend - any backend
 * @param path - the file
 * @param options - offset, limit, signal
 * @public
 */
export async function readText(
  backend: Backend,
  path: string,
  options?: ReaderOptions,
): Promise<string> {
  return decoder.decode(await readFile(backend, path, options));
}

/**
 * A whole file parsed as JSON.
 * @param backend - any backend
 * @param path - the file
 * @param options - signal
 * @public
 */
export async function readJSON<T = unknown>(
  backend: Backend,
  path: string,
  options?: ReaderOptions,
): Promise<T> {
  return JSON.parse(await readText(backend, path, options)) as T;
}

/**
 * Writes a whole file in one go (strings are UTF-8), committing atomically.
 * @param backend - any backend
 * @param path - the file
 * @param data - the content
 * @param options - contentType, metadata, modTime, signal
 * @public
 */
export async function writeFile(
  backend: Backend,
  path: string,
  data: Uint8Array | string,
  options?: WriterOptions,
): Promise<void> {
  const writer = await backend.newWriter(path, options);
  try {
    await writer.write(data);
  } catch (err) {
    await writer.abort(err);
    throw err;
  }
  await writer.close();
}

/**
 * Streams one file from a backend to another (or the same one), committing atomically.
 * Onto the same file of the same backend, however spelled (`a.txt`, `/a.txt`, `./a.txt`), it
 * is a no-op, like `copy(p, p)`: the source must still be a readable file.
 * @param src - where to read
 * @param srcPath - the file to read
 * @param dst - where to write
 * @param dstPath - the file to write
 * @param options - writer options for the destination
 * @public
 */
export async function copyPath(
  src: Backend,
  srcPath: string,
  dst: Backend,
  dstPath: string,
  options?: WriterOptions,
): Promise<void> {
  if (isSameFile("copyPath", src, srcPath, dst, dstPath)) {
    return checkReadable(src, srcPath, options);
  }
  const reader = await src.newReader(srcPath, { signal: options?.signal });
  let writer: Awaited<ReturnType<Backend["newWriter"]>>;
  try {
    writer = await dst.newWriter(dstPath, options);
  } catch (err) {
    await reader.close();
    throw err;
  }
  try {
    for await (const chunk of reader) await writer.write(chunk);
  } catch (err) {
    await writer.abort(err);
    await reader.close();
    throw err;
  }
  await writer.close();
}

/**
 * {@link copyPath}, then deletes the source. Onto the same file of the same backend, however
 * spelled, it is a no-op, like `move(p, p)` (it never deletes the file it would have written).
 * @param src - where to read
 * @param srcPath - the file to move
 * @param dst - where to write
 * @param dstPath - the new path
 * @param options - writer options for the destination
 * @public
 */
export async function movePath(
  src: Backend,
  srcPath: string,
  dst: Backend,
  dstPath: string,
  options?: WriterOptions,
): Promise<void> {
  if (isSameFile("movePath", src, srcPath, dst, dstPath)) {
    return checkReadable(src, srcPath, options);
  }
  await copyPath(src, srcPath, dst, dstPath, options);
  await src.delete(srcPath, { signal: options?.signal });
}

/**
 * True when both paths name one file of one store: the paths are compared normalised, so
 * `a.txt`, `/a.txt` and `./a.txt` are one file (a bad path rejects here, naming `op`).
 */
function isSameFile(
  op: string,
  src: Backend,
  srcPath: string,
  dst: Backend,
  dstPath: string,
): boolean {
  const from = normalizePath(op, srcPath);
  const to = normalizePath(op, dstPath);
  return samePlace(locate(src, from), locate(dst, to));
}

/** The no-op still fails like the copy would on a missing file or a directory. */
async function checkReadable(src: Backend, path: string, options?: WriterOptions): Promise<void> {
  const reader = await src.newReader(path, { signal: options?.signal });
  await reader.close();
}
