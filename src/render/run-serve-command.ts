import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { basename, extname, join, normalize, resolve, sep } from 'node:path';
import { describeError } from '../errors.ts';
import { CONTENT_SECURITY_POLICY } from './layout-view.ts';
import { ATOM_TYPE } from './render-feed.ts';

export interface ServeCommandOptions {
  siteDir: string;
  port: number;
  stderr: NodeJS.WritableStream;
  /** Resolves when the server should stop (tests); default: never (Ctrl+C ends the process). */
  until?: Promise<void>;
  /** Told the bound port (port 0 picks a free one). */
  onListening?: (port: number) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.jsonl': 'application/jsonl; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.ris': 'application/x-research-info-systems; charset=utf-8',
  '.bib': 'application/x-bibtex; charset=utf-8',
  '.nbib': 'application/nbib; charset=utf-8',
  '.bin': 'application/octet-stream',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
};

function contentType(file: string): string {
  if (basename(file) === 'feed.xml') return ATOM_TYPE;
  return TYPES[extname(file)] ?? 'application/octet-stream';
}

/**
 * `evidence-digest serve`: a static preview of a built site on 127.0.0.1 only, with the headers a good
 * host would send (CSP with frame-ancestors, nosniff). Directory URLs serve their index.html; unknown paths
 * get the site's 404 page. Never serves outside the site folder.
 */
export async function runServeCommand(options: ServeCommandOptions): Promise<number> {
  const root = resolve(options.siteDir);
  try {
    await stat(join(root, 'index.html'));
  } catch (error) {
    options.stderr.write(`serve: no built site at ${root} (run build first): ${describeError(error)}\n`);
    return 1;
  }
  const server = createServer(async (request, response) => {
    const headers = {
      'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      response.writeHead(400, headers).end();
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      response.writeHead(403, headers).end();
      return;
    }
    let status = 200;
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      await stat(file);
    } catch {
      status = 404;
      file = join(root, '404.html');
    }
    response.writeHead(status, {
      ...headers,
      'Content-Type': contentType(file),
    });
    if (request.method === 'HEAD') response.end();
    else
      createReadStream(file)
        .on('error', () => response.end())
        .pipe(response);
  });
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', () => resolveListen());
    });
  } catch (error) {
    options.stderr.write(`serve: cannot listen on 127.0.0.1:${options.port}: ${describeError(error)}\n`);
    return 1;
  }
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  options.onListening?.(port);
  options.stderr.write(`serve: ${root} at http://127.0.0.1:${port}/ (Ctrl+C to stop)\n`);
  await (options.until ?? new Promise<void>(() => {}));
  await new Promise<void>((done) => server.close(() => done()));
  server.closeAllConnections();
  return 0;
}
