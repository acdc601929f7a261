import { AgreementProfileDto } from '../src/agreements/dto/agreement-profile.dto';
import { CreateDataControllerDto } from '../src/data-controllers/dto/data-controller.dto';

let n = 0;
const unique = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

export function agreementBody(overrides: Partial<AgreementProfileDto> = {}): AgreementProfileDto {
  return {
    id: `acme-dpa-${unique()}`,
    title: 'Acme Hosting DPA',
    processor: {
      name: 'Acme Hosting AS',
      address: 'Storgata 1, 0155 Oslo',
      breachContact: { email: 'soc@acme.example' },
    },
    languages: ['en', 'nb'],
    law: 'Norwegian law',
    clauses: {
      breachNotice: '9.1',
      noticeContent: '9.2',
      phases: null,
      thirdParties: null,
      assistance: '10',
    },
    breachTerms: {
      standard: 'within-hours',
      hours: 36,
      basis: 'contractual',
      trigger: 'any-breach',
      coversSubprocessors: false,
      requiredContent: [
        { item: 'a', when: 'always' },
        { item: 'c', when: 'if-risk' },
      ],
      phased: true,
      writtenForm: true,
      thirdPartyDisclosure: 'allowed',
      actsForControllerOnlyOnInstruction: false,
      assistance: 'none',
    },
    sources: { 'breachTerms.hours': '9.1: "within 36 hours"' },
    ...overrides,
  };
}

export function controllerBody(overrides: Partial<CreateDataControllerDto> = {}): CreateDataControllerDto {
  return {
    name: `Fjord Kommune ${unique()}`,
    organisationNumber: '964 999 999',
    country: 'NO',
    authorityId: 'no-datatilsynet',
    agreementId: 'videonor',
    language: 'nb',
    breachContact: { name: 'Kari Vakt', email: 'vakt@fjord.example', phone: '+47 22 00 00 00' },
    dpo: { name: 'Ola Personvern', email: 'personvern@fjord.example' },
    ...overrides,
  };
}

/** The terms of an agreement as GET returns them, ready to PUT back (without the response's own fields). */
export function termsOf(response: Record<string, unknown>): Record<string, unknown> {
  const {
    id: _id,
    version: _v,
    currentVersion: _c,
    source: _s,
    builtin: _b,
    versionCreatedAt: _vc,
    createdAt: _ca,
    ...terms
  } = response;
  return terms;
}

export function incidentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Mail relay forwarded customer exports to an outside address',
    description: 'A misconfigured relay rule forwarded nightly export files to an external mailbox.',
    discoveredAt: '2026-11-22T09:00:00+01:00',
    processorAwareAt: '2026-11-22T09:12:00+01:00',
    breachTypes: ['confidentiality'],
    ...overrides,
  };
}
