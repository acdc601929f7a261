import type { Answer } from './form.util';
import type { TextLanguage } from './render.util';

export interface ContactDetails {
  name?: string;
  email?: string;
  phone?: string;
}

/**
 * Art. 33(3)(b) in a controller's notification to its authority and in its notice to the data subjects: the
 * controller's own DPO or contact point. A person who answered `contactPoint` in the walk-through knew better than
 * the record (a named incident lead, a DPO who changed), so a known answer wins; anything short of known (unknown,
 * not applicable, unanswered) gives way to the DPO on the controller's record, which is never unknown to us.
 */
export function controllerContactPoint(
  answer: Answer | undefined,
  dpo: ContactDetails | null,
): Answer | undefined {
  if (answer?.state === 'known') return answer;
  const known = dpo && dpo.name && (dpo.email || dpo.phone);
  return known ? { state: 'known', value: pick(dpo) } : answer;
}

/** Who we are to a controller: our organisation, our DPO, and the channel for breach matters. */
export interface OurContact {
  organisation: string;
  dpo: ContactDetails;
  breach: ContactDetails;
}

/**
 * Art. 33(3)(b) in our notice to a controller: always us, whatever the walk-through says (its `contactPoint` is the
 * controller's). The agreement's own channel for breach matters (e.g. Dotnet Internals Appendix C.8) comes before
 * the one configured for the organisation, field by field.
 */
export function ourContact(
  config: {
    ORG_NAME?: string;
    ORG_DPO_NAME?: string;
    ORG_DPO_EMAIL?: string;
    ORG_DPO_PHONE?: string;
    ORG_BREACH_EMAIL?: string;
    ORG_BREACH_PHONE?: string;
  },
  agreement: { processorName: string; breachContact?: ContactDetails },
): OurContact {
  const channel = agreement.breachContact ?? {};
  return {
    organisation: config.ORG_NAME ?? agreement.processorName,
    dpo: pick({ name: config.ORG_DPO_NAME, email: config.ORG_DPO_EMAIL, phone: config.ORG_DPO_PHONE }),
    breach: pick({
      name: channel.name,
      email: channel.email ?? config.ORG_BREACH_EMAIL,
      phone: channel.phone ?? config.ORG_BREACH_PHONE,
    }),
  };
}

/** Known when there is a way to reach us (an e-mail address or a phone number); else it is to follow. */
export function ourContactAnswer(us: OurContact): Answer {
  const reachable = [us.dpo, us.breach].some((c) => c.email || c.phone);
  return reachable
    ? {
        state: 'known',
        value: {
          organisation: us.organisation,
          ...(Object.keys(us.dpo).length ? { dpo: us.dpo } : {}),
          ...(Object.keys(us.breach).length ? { breachContact: us.breach } : {}),
        },
      }
    : { state: 'unknown' };
}

const DPO: Record<TextLanguage, string> = {
  en: 'data protection officer',
  nb: 'personvernombud',
  de: 'Datenschutzbeauftragte/r',
  da: 'databeskyttelsesrådgiver',
  sv: 'dataskyddsombud',
};
const BREACH: Record<TextLanguage, string> = {
  en: 'breach contact',
  nb: 'kontakt for avvik',
  de: 'Kontakt bei Datenschutzverletzungen',
  da: 'kontakt ved sikkerhedsbrud',
  sv: 'kontakt vid personuppgiftsincidenter',
};

/** "Videonor AS – data protection officer: Per Ombud, dpo@…; breach contact: soc@…, +47 …". */
export function renderOurContact(
  value: { organisation: string; dpo?: ContactDetails; breachContact?: ContactDetails },
  lang: TextLanguage,
): string {
  const line = (c: ContactDetails) => [c.name, c.email, c.phone].filter(Boolean).join(', ');
  const parts = [
    ...(value.dpo ? [`${DPO[lang]}: ${line(value.dpo)}`] : []),
    ...(value.breachContact ? [`${BREACH[lang]}: ${line(value.breachContact)}`] : []),
  ];
  return `${value.organisation} – ${parts.join('; ')}`;
}

function pick(c: ContactDetails): ContactDetails {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
}
