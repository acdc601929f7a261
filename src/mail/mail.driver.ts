import { createTransport, Transporter } from 'nodemailer';

/** What one attempt at sending came to. */
export interface Outcome {
  ok: boolean;
  detail: string;
}

/**
 * The one mail driver: notices and deadline alerts both send through it. One transport per SMTP URL for the process.
 */
const transports = new Map<string, Transporter>();

export interface Mail {
  from: string;
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
  /** `<id@host>`: the same on every try, so that a receiver can drop duplicates. */
  messageId?: string;
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
