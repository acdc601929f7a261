import { createHmac } from 'node:crypto';
import { createTransport, Transporter } from 'nodemailer';

export const SIGNATURE_HEADER = 'X-Breach-Desk-Signature';

/**
 * The signature of a webhook delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the controller's
 * secret>`. The receiver recomputes it over the raw body and rejects an old timestamp (replay).
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}

export interface Outcome {
  ok: boolean;
  detail: string;
}

/** POSTs the JSON notice, signed. A 2xx is delivered; anything else is retried. */
export async function postWebhook(
  url: string,
  secret: string,
  body: string,
  noticeId: string,
  now: Date,
): Promise<Outcome> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(now.getTime() / 1000)),
        'X-Breach-Desk-Notice-Id': noticeId,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    return { ok: res.ok, detail: `HTTP ${res.status}` };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/** One transport per SMTP URL for the process: the notices and the deadline alerts share it. */
const transports = new Map<string, Transporter>();

export interface Mail {
  from: string;
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export async function sendMail(smtpUrl: string, mail: Mail): Promise<Outcome> {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = createTransport(smtpUrl);
    transports.set(smtpUrl, transport);
  }
  try {
    const info = (await transport.sendMail(mail)) as { response?: string };
    return { ok: true, detail: info.response ?? 'sent' };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
