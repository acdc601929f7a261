import { sendMail, type Mail, type Outcome } from '../mail/mail.driver';
import type { OutboundPolicy } from '../outbound/address-policy.util';
import { isSuccess, safePost } from '../outbound/safe-http.driver';

/** What one outbox message is, ready to send: a JSON POST, or an e-mail. */
export type Outbound =
  | { channel: 'webhook'; url: string; headers: Record<string, string>; body: string }
  | { channel: 'email'; smtpUrl: string; mail: Mail };

export const DELIVERY_ID_HEADER = 'X-Breach-Desk-Delivery-Id';

/**
 * Sends one message. A webhook goes through the outbound policy, checked again on the address it resolves to now,
 * which the request then uses; it is delivered on a 2xx only, and a redirect is not followed (a 3xx is a failed
 * attempt: a receiver that moved is configured anew, not found by following wherever a response points).
 */
export async function send(outbound: Outbound, deliveryId: string, policy: OutboundPolicy): Promise<Outcome> {
  if (outbound.channel === 'email') {
    return sendMail(outbound.smtpUrl, { ...outbound.mail, messageId: `<${deliveryId}@breach-desk>` });
  }
  try {
    const res = await safePost(
      outbound.url,
      {
        headers: {
          'content-type': 'application/json',
          ...outbound.headers,
          [DELIVERY_ID_HEADER]: deliveryId,
        },
        body: outbound.body,
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
