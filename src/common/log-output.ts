import type { DestinationStream } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { AppConfig, logFormat } from '../config/config';

/** Only what the request serializers keep (app.module.ts), shown on one line. */
function requestLine(log: Record<string, unknown>, messageKey: string): string {
  const req = log.req as { method?: string; url?: string } | undefined;
  const res = log.res as { statusCode?: number } | undefined;
  const message = log[messageKey];
  const parts = [
    typeof log.context === 'string' ? `[${log.context}]` : '',
    typeof message === 'string' ? message : JSON.stringify(message ?? ''),
  ];
  if (req?.method) {
    parts.push(`${req.method} ${req.url}`);
    if (res?.statusCode !== undefined) parts.push(`→ ${res.statusCode}`);
    if (typeof log.responseTime === 'number') parts.push(`${log.responseTime} ms`);
    if (typeof log.requestId === 'string') parts.push(`(${log.requestId})`);
  }
  return parts.filter(Boolean).join(' ');
}

/**
 * Where pino writes: JSON lines as they are, or made readable for a person (LOG_FORMAT, else pretty on a terminal).
 * pino-pretty runs in this thread, synchronously, rather than as a transport in a worker: it is for a terminal, where
 * throughput does not matter, a line is never lost at exit, and the tests can hand it their own stream.
 */
export function logOutput(config: AppConfig, stream?: DestinationStream): DestinationStream {
  const out = stream ?? process.stdout;
  const toTerminal = out === process.stdout && Boolean(process.stdout.isTTY);
  if (logFormat(config, toTerminal) === 'json') return out;
  const prettify = prettyFactory({
    colorize: toTerminal,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,context,req,res,responseTime,requestId',
    messageFormat: requestLine,
  });
  return { write: (line: string) => void out.write(prettify(line)) };
}
