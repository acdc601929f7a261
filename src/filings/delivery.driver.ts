import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Breach-Desk-Signature';

/**
 * The signature of a webhook delivery: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the controller's
 * secret>`. The receiver recomputes it over the raw body and rejects an old timestamp (replay).
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex');
  return `t=${unixSeconds},v1=${v1}`;
}
