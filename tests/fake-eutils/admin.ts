import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultPlan } from './fault-plan.ts';
import { readRequestBody } from './read-params.ts';
import type { RequestLogEntry } from './types.ts';
import { validateFaultRules } from './validate-fault-rules.ts';

export interface AdminState {
  faults: FaultPlan;
  requests: RequestLogEntry[];
}

/**
 * The admin API, so a spawned CLI process can be tested and `npm run fake-eutils` driven by hand:
 * POST /__admin/faults (JSON array of FaultRule), GET and DELETE /__admin/faults,
 * GET and DELETE /__admin/requests. Never rate limited, never faulted. Returns the status sent.
 */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  state: AdminState,
): Promise<number> {
  const route = `${req.method} ${path.replace(/\/+$/, '')}`;
  try {
    switch (route) {
      case 'POST /__admin/faults': {
        const body = await readRequestBody(req);
        state.faults.add(validateFaultRules(parseJson(body)));
        return sendJson(res, 200, { faults: state.faults.list() });
      }
      case 'GET /__admin/faults':
        return sendJson(res, 200, { faults: state.faults.list() });
      case 'DELETE /__admin/faults':
        state.faults.clear();
        return sendJson(res, 200, { faults: [] });
      case 'GET /__admin/requests':
        return sendJson(res, 200, state.requests);
      case 'DELETE /__admin/requests':
        state.requests.length = 0;
        return sendJson(res, 200, []);
      default:
        req.resume();
        return sendJson(res, 404, { error: `no admin route ${route}` });
    }
  } catch (error) {
    return sendJson(res, 400, { error: error instanceof Error ? error.message : String(error) });
  }
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error('body is not JSON: expected an array of fault rules');
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): number {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=UTF-8',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
  return status;
}
