import type { BreachTermsDto } from '../agreements/dto/agreement-profile.dto';
import type { FieldError } from '../common/error-body';
import type { Hop } from '../obligations/obligation.util';
import type { InstructionScope } from './controller-instruction.entity';
import type { Channel } from './filing.entity';

/**
 * Pure rules of filing a notice: which channel can carry it, whether it meets its obligation, and whether the
 * controller's instruction is needed first. No I/O; the service gathers the facts and asks here.
 */

/** What a request to file says about its channel, and what the service knows of the controller and the config. */
export interface ChannelFacts {
  channel: Channel;
  sentBy?: string;
  via?: string;
  /** manual: when it was given; with the facts it must fit. */
  sentAt?: Date;
  now: Date;
  discoveredAt: Date;
  smtpConfigured: boolean;
  webhookUrl: string | null;
  hasWebhookSecret: boolean;
}

/** Every reason the channel cannot carry this notice, each naming its field. */
export function channelProblems(f: ChannelFacts): FieldError[] {
  switch (f.channel) {
    case 'email':
      return [
        ...(f.smtpConfigured ? [] : [{ field: 'channel', messages: ['e-mail needs SMTP_URL configured'] }]),
        ...(f.sentAt ? [{ field: 'sentAt', messages: ['only a manual filing is dated by hand'] }] : []),
      ];
    case 'webhook':
      return [
        ...(f.sentAt ? [{ field: 'sentAt', messages: ['only a manual filing is dated by hand'] }] : []),
        ...(f.webhookUrl ? [] : [{ field: 'channel', messages: ['the controller has no webhookUrl'] }]),
        ...(f.hasWebhookSecret
          ? []
          : [
              {
                field: 'channel',
                messages: ['the controller has no webhook secret: POST /controllers/:id/webhook-secret'],
              },
            ]),
      ];
    case 'manual':
      return [
        ...(f.sentAt && f.sentAt.getTime() > f.now.getTime()
          ? [{ field: 'sentAt', messages: ['a notice cannot have been given in the future'] }]
          : []),
        ...(f.sentAt && f.sentAt.getTime() < f.discoveredAt.getTime()
          ? [
              {
                field: 'sentAt',
                messages: ['a notice cannot have been given before the breach was discovered'],
              },
            ]
          : []),
        ...(f.sentBy ? [] : [{ field: 'sentBy', messages: ['a manual filing names who sent it'] }]),
        ...(f.via ? [] : [{ field: 'via', messages: ['a manual filing names how: phone, post, portal …'] }]),
      ];
  }
}

/**
 * The channel a controller is configured for, when no one chooses one (a notice job): its webhook where it has set
 * one (a system that reads it at once), else its breach contact's e-mail.
 */
export function ownChannel(controller: { webhookUrl: string | null }): Extract<Channel, 'email' | 'webhook'> {
  return controller.webhookUrl ? 'webhook' : 'email';
}

/**
 * The forms that are writing, named as people record them (English, Norwegian, German). A closed list: anything
 * else (a call, a voicemail, a video meeting, a chat we cannot name) is not taken for writing, because a notice
 * wrongly counted as written is a legal failure, and one wrongly refused only asks for a second, written notice.
 */
const WRITTEN =
  /\b(e-?mail|e-?post|webhook|post(al)?|letter|brev|per brief|briefpost|schriftlich|registered (mail|letter)|rekommandert|einschreiben|portal|altinn|fax|telefax|courier|bud)\b/i;

export function isWritten(via: string): boolean {
  return WRITTEN.test(via);
}

export type Meets = { meets: true } | { meets: false; why: string };

/**
 * Whether a notice, once it reaches its recipient, meets its obligation.
 * - Our notice to the controller meets ours, however it went, except that an agreement asking for it in writing
 *   (Dotnet Internals 8.1) is not met by a phone call or a meeting: that is recorded, and the obligation stays open.
 *   E-mail, webhook, post, letter and portal are writing.
 * - A notice to the authority or the data subjects is given by the controller (or by us on its instruction) through
 *   the authority's portal, by post …: recorded by hand, it meets that obligation. E-mail and webhook on those
 *   obligations carry the text to the controller, which files it itself: they do not meet it.
 */
export function meetsObligation(input: {
  hop: Hop;
  channel: Channel;
  via: string | null;
  terms: Pick<BreachTermsDto, 'writtenForm'>;
  clause: string;
}): Meets {
  if (input.hop === 'processor-to-controller') {
    if (input.channel === 'manual' && input.terms.writtenForm && !isWritten(input.via ?? '')) {
      return {
        meets: false,
        why: `Clause ${input.clause}: the agreement requires the notice in writing; given by "${input.via}" it is recorded but does not meet the obligation. Send it by e-mail, webhook, post, letter or portal (and say so in "via").`,
      };
    }
    return { meets: true };
  }
  if (input.channel === 'manual') return { meets: true };
  return {
    meets: false,
    why: `Sent to the controller by ${input.channel} for it to file: the obligation is met when the notice given to the recipient is recorded (channel manual)`,
  };
}

/**
 * Dotnet Internals 8.4 and alfaview Clause 5: we communicate a breach to a third party on the controller's behalf
 * only on its recorded instruction. The scope needed, or null when none is.
 */
export function instructionNeeded(input: {
  hop: Hop;
  byController: boolean;
  terms: Pick<BreachTermsDto, 'thirdPartyDisclosure' | 'actsForControllerOnlyOnInstruction'>;
}): InstructionScope | null {
  if (input.byController || input.hop === 'processor-to-controller') return null;
  const restricted =
    input.terms.thirdPartyDisclosure === 'forbidden-without-instruction' ||
    input.terms.actsForControllerOnlyOnInstruction;
  if (!restricted) return null;
  return input.hop === 'controller-to-authority' ? 'authority-notification' : 'data-subject-notice';
}
