import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { DigestError } from '../errors.ts';

/** Read size: big enough that a typical record arrives whole, small enough to keep memory flat. */
export const READ_CHUNK_BYTES = 1024 * 1024;

/**
 * The bytes of a file, decompressed when it is gzip (recognised by its magic number, not its name), as
 * an async iterable of chunks. A file that cannot be opened throws PARSE_UNREADABLE_FILE; so does a
 * gzip stream that breaks off, at the point where it breaks.
 */
export async function* openInput(path: string): AsyncGenerator<Buffer> {
  const { gzip } = await inspectInput(path, 2);
  const file = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
  const stream = gzip ? file.pipe(createGunzip({ chunkSize: READ_CHUNK_BYTES })) : file;
  if (gzip) file.on('error', (error) => stream.destroy(error));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    throw unreadable(path, error);
  } finally {
    file.destroy();
    stream.destroy();
  }
}

export interface InputInfo {
  gzip: boolean;
  /** A regular file (not a pipe or device): its size is known and any byte range can be read. */
  regular: boolean;
  /** Bytes of the file as stored (compressed, for gzip). */
  size: number;
  /** Its first bytes (up to `headBytes`), as stored. */
  head: Buffer;
}

/** Whether a file is gzip, its size and its first bytes; PARSE_UNREADABLE_FILE when it cannot be read. */
export async function inspectInput(path: string, headBytes: number): Promise<InputInfo> {
  try {
    const handle = await open(path, 'r');
    try {
      const stats = await handle.stat();
      const regular = stats.isFile();
      const head = Buffer.alloc(regular ? Math.min(headBytes, stats.size) : headBytes);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      const gzip = bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b;
      return { gzip, regular, size: stats.size, head: head.subarray(0, bytesRead) };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(path, error);
  }
}

function unreadable(path: string, error: unknown): DigestError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DigestError('PARSE_UNREADABLE_FILE', `cannot read ${path}: ${reason}`, {
    cause: error,
    context: { file: path },
  });
}
