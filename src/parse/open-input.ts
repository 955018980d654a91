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
  let gzip: boolean;
  try {
    const handle = await open(path, 'r');
    try {
      const magic = Buffer.alloc(2);
      const { bytesRead } = await handle.read(magic, 0, 2, 0);
      gzip = bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw unreadable(path, error);
  }
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

function unreadable(path: string, error: unknown): DigestError {
  const reason = error instanceof Error ? error.message : String(error);
  return new DigestError('PARSE_UNREADABLE_FILE', `cannot read ${path}: ${reason}`, {
    cause: error,
    context: { file: path },
  });
}
