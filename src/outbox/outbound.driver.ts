import { sendMail, type Mail, type Outcome } from '../mail/mail.driver';

/** What one outbox message is, ready to send: a JSON POST, or an e-mail. */
export type Outbound =
  | { channel: 'webhook'; url: string; headers: Record<string, string>; body: string }
  | { channel: 'email'; smtpUrl: string; mail: Mail };

export const DELIVERY_ID_HEADER = 'X-Breach-Desk-Delivery-Id';

/**
 * Sends one message. A webhook is delivered on a 2xx only; a redirect is not followed (a 3xx is a failed attempt:
 * a receiver that moved must be configured anew, not found by following wherever a response points).
 */
export async function send(outbound: Outbound, deliveryId: string): Promise<Outcome> {
  if (outbound.channel === 'email') {
    return sendMail(outbound.smtpUrl, { ...outbound.mail, messageId: `<${deliveryId}@breach-desk>` });
  }
  try {
    const res = await fetch(outbound.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...outbound.headers, [DELIVERY_ID_HEADER]: deliveryId },
      body: outbound.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(10_000),
    });
    await res.body?.cancel();
    return { ok: res.status >= 200 && res.status < 300, detail: `HTTP ${res.status}` };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
