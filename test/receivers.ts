import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/**
 * The real servers our deliveries reach in the tests: an SMTP server and an HTTP server on 127.0.0.1, each on a
 * port of its own, recording what they receive. One place, so every test talks to the same kind of receiver.
 */

export interface MailReceiver {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message received, raw (RFC 5322), oldest first. Tests may empty it between cases. */
  mails: string[];
  /** Every envelope recipient (RCPT TO), in the order they came. */
  recipients: string[];
  /** Resolves with the next message to arrive. */
  next(): Promise<string>;
  close(): Promise<void>;
}

export interface MailReceiverOptions {
  /** Called with each message before the server answers. */
  onMail?: (raw: string) => void | Promise<void>;
  /** How long the server waits before it accepts a message (keeps sends under way). */
  answerAfterMs?: number;
  /** A client killed mid-conversation resets its connection: expected in crash tests, an error anywhere else. */
  toleratesResets?: boolean;
}

export async function startMailReceiver(options: MailReceiverOptions = {}): Promise<MailReceiver> {
  const mails: string[] = [];
  const recipients: string[] = [];
  let waiting: ((raw: string) => void)[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onRcptTo(address, _session, done) {
      recipients.push(address.address);
      done();
    },
    onData(stream, _session, done) {
      let data = '';
      stream.on('data', (c: Buffer) => (data += c.toString()));
      stream.on('end', () => {
        void Promise.resolve(options.onMail?.(data)).then(() => {
          mails.push(data);
          const arrived = waiting;
          waiting = [];
          for (const resolve of arrived) resolve(data);
          setTimeout(() => done(), options.answerAfterMs ?? 0);
        });
      });
    },
  });
  if (options.toleratesResets) {
    smtp.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') throw error;
    });
  }
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    mails,
    recipients,
    next: () => new Promise<string>((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => smtp.close(() => resolve())),
  };
}

export interface ReceivedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>`: the receiver answers on every path. */
  origin: string;
  /** Every request received, oldest first. Tests may empty it between cases. */
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

export interface WebhookReceiverOptions {
  /** The status to answer a request with (default 200): a test that fails deliveries says so here. */
  reply?: (request: ReceivedRequest) => number;
  /** How long the server waits before it answers. */
  answerAfterMs?: number;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions = {}): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const request = { url: req.url ?? '/', headers: req.headers, body };
      requests.push(request);
      const status = options.reply?.(request) ?? 200;
      setTimeout(() => res.writeHead(status).end(), options.answerAfterMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
