import { createHmac } from 'node:crypto';
import type { Outcome } from '../mail/mail.driver';

export const SIGNATURE_HEADER = 'X-Breach-Desk-Signature';

/**
 * The signature of a webhook delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the controller's
 * secret>`. The receiver recomputes it over the raw body and rejects an old timestamp (replay).
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
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
