import { createHmac } from 'node:crypto';
import { createTransport, Transporter } from 'nodemailer';
import type { OutboundPolicy } from '../outbound/address-policy.util';
import { isSuccess, safePost } from '../outbound/safe-http.driver';

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

/**
 * POSTs the JSON notice, signed, through the outbound policy (no private targets, no redirects). A 2xx is
 * delivered; anything else, a 3xx included, is retried.
 */
export async function postWebhook(
  url: string,
  secret: string,
  body: string,
  noticeId: string,
  now: Date,
  policy: OutboundPolicy,
): Promise<Outcome> {
  try {
    const res = await safePost(
      url,
      {
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhook(secret, body, Math.floor(now.getTime() / 1000)),
          'X-Breach-Desk-Notice-Id': noticeId,
        },
        body,
        timeoutMs: 10_000,
      },
      policy,
    );
    const redirect = res.status >= 300 && res.status < 400 ? ' (redirects are not followed)' : '';
    return { ok: isSuccess(res.status), detail: `HTTP ${res.status}${redirect}` };
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
