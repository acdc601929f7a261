import { AgreementListQueryDto } from '../../agreements/dto/agreement-response.dto';
import { Controller, Get, Param, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import {
  ASSISTANCE_TERMS,
  BASES,
  LANGUAGES,
  STANDARDS,
  THIRD_PARTY_DISCLOSURES,
  TRIGGERS,
} from '../../agreements/agreement-terms';
import { AgreementsService } from '../../agreements/agreements.service';
import { READER_LANGUAGES } from '../../agreements/drafts/dpa-language.util';
import type { AgreementTermsBodyDto, ClausesDto } from '../../agreements/dto/agreement-profile.dto';
import type { AgreementResponseDto } from '../../agreements/dto/agreement-response.dto';
import { Page, WebPages } from '../page';

export class AgreementVersionQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) version?: number;
}

/** Each breach term, the clause key that sets it (ClausesDto) and the path of its quote in `sources`. */
const TERM_CLAUSES: readonly [term: string, clause: keyof ClausesDto][] = [
  ['standard', 'breachNotice'],
  ['hours', 'breachNotice'],
  ['basis', 'breachNotice'],
  ['trigger', 'breachNotice'],
  ['coversSubprocessors', 'breachNotice'],
  ['writtenForm', 'breachNotice'],
  ['requiredContent', 'noticeContent'],
  ['phased', 'phases'],
  ['thirdPartyDisclosure', 'thirdParties'],
  ['actsForControllerOnlyOnInstruction', 'thirdParties'],
  ['assistance', 'assistance'],
];

/** The deadline terms real agreements use (issue 15), shown where a profile has them. */
const OPTIONAL_TERM_CLAUSES: readonly [term: string, clause: keyof ClausesDto][] = [
  ['businessDays', 'breachNotice'],
  ['backstopHours', 'breachNotice'],
  ['confirmationHours', 'breachNotice'],
  ['firm', 'breachNotice'],
];

export interface TermRow {
  term: string;
  value: string;
  clause: string | null;
  source: string | null;
}

/** A profile's breach terms as rows a reader checks against the agreement: value, clause, and the words quoted. */
export function termRows(profile: AgreementTermsBodyDto): TermRow[] {
  const terms = profile.breachTerms as unknown as Record<string, unknown>;
  const sources = profile.sources ?? {};
  const present = OPTIONAL_TERM_CLAUSES.filter(([term]) => terms[term] !== undefined && terms[term] !== null);
  return [...TERM_CLAUSES.slice(0, 3), ...present, ...TERM_CLAUSES.slice(3)].map(([term, clauseKey]) => ({
    term,
    value: shown(terms[term]),
    clause: profile.clauses[clauseKey] ?? null,
    source: sources[`breachTerms.${term}`] ?? null,
  }));
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  // requiredContent: [{ item: 'a', when: 'always' }, ...] reads as "a: always, ..."
  if (Array.isArray(value))
    return value
      .map((v: unknown) =>
        typeof v === 'object' && v !== null ? Object.values(v).map(String).join(': ') : JSON.stringify(v),
      )
      .join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const options = (values: readonly string[], selected: string | undefined) =>
  values.map((value) => ({ value, selected: value === selected }));
const pretty = (value: unknown) => JSON.stringify(value ?? null, null, 2);

/** What the agreement form shows, from a profile (a new version starts from the one shown) or from nothing. */
export function agreementForm(profile: AgreementTermsBodyDto | null): Record<string, unknown> {
  const t = profile?.breachTerms;
  return {
    title: profile?.title ?? '',
    law: profile?.law ?? '',
    languages: LANGUAGES.map((value) => ({ value, checked: profile?.languages.includes(value) ?? false })),
    clauses: profile?.clauses ?? {},
    standard: options(STANDARDS, t?.standard),
    hours: t?.hours ?? '',
    businessDays: t?.businessDays ?? '',
    backstopHours: t?.backstopHours ?? '',
    confirmationHours: t?.confirmationHours ?? '',
    firm: [
      { value: '', label: 'firm', selected: t?.firm !== false },
      { value: 'false', label: 'if-possible', selected: t?.firm === false },
    ],
    basis: options(BASES, t?.basis),
    trigger: options(TRIGGERS, t?.trigger),
    thirdPartyDisclosure: options(THIRD_PARTY_DISCLOSURES, t?.thirdPartyDisclosure),
    assistance: options(ASSISTANCE_TERMS, t?.assistance),
    coversSubprocessors: t?.coversSubprocessors ?? false,
    phased: t?.phased ?? false,
    writtenForm: t?.writtenForm ?? false,
    actsForControllerOnlyOnInstruction: t?.actsForControllerOnlyOnInstruction ?? false,
    processorJson: pretty(profile?.processor ?? { name: '' }),
    requiredContentJson: pretty(t?.requiredContent ?? []),
    subprocessorsJson: pretty(profile?.subprocessors ?? []),
    sourcesJson: pretty(profile?.sources ?? {}),
  };
}

/** Agreements: read through AgreementsService; new profiles and versions are sent to POST/PUT /agreements. */
@WebPages()
@Controller('ui/agreements')
export class AgreementsPage {
  constructor(private readonly agreements: AgreementsService) {}

  @Get()
  @Access('admin', 'dpo', 'responder')
  async list(): Promise<Page> {
    return {
      view: 'agreements',
      title: 'agreements.title',
      model: { agreements: (await this.agreements.list(new AgreementListQueryDto())).items },
    };
  }

  @Get('new')
  @Access('admin')
  newProfile(): Page {
    return { view: 'agreement-new', title: 'agreements.new.title', model: { form: agreementForm(null) } };
  }

  @Get('drafts')
  @Access('admin', 'dpo')
  async drafts(@CurrentActor() actor: Actor): Promise<Page> {
    const canSave = actor.role === 'admin';
    // Save as a new agreement, or as a new version of one of these (PUT /agreements/:id).
    const existing = canSave
      ? (await this.agreements.list(new AgreementListQueryDto())).items.map((a) => ({
          id: a.id,
          title: a.title,
        }))
      : [];
    return {
      view: 'agreement-draft',
      title: 'agreements.draft.title',
      model: { languages: READER_LANGUAGES, form: agreementForm(null), canSave, existing },
    };
  }

  @Get(':id')
  @Access('admin', 'dpo', 'responder')
  async profile(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: AgreementVersionQueryDto,
  ): Promise<Page> {
    const current = await this.agreements.get(id);
    const shownVersion: AgreementResponseDto =
      query.version && query.version !== current.version
        ? await this.agreements.getVersion(id, query.version)
        : current;
    const isCurrent = shownVersion.version === current.currentVersion;
    return {
      view: 'agreement',
      title: 'agreements.profile.title',
      titleVars: { title: shownVersion.title, version: String(shownVersion.version) },
      model: {
        agreement: shownVersion,
        isCurrent,
        terms: termRows(shownVersion),
        otherSources: Object.entries(shownVersion.sources ?? {})
          .filter(([field]) => !field.startsWith('breachTerms.'))
          .map(([field, source]) => ({ field, source })),
        lint: isCurrent ? (await this.agreements.lint(id)).warnings : null,
        versions: Array.from({ length: current.currentVersion }, (_, i) => current.currentVersion - i).map(
          (version) => ({ version, shown: version === shownVersion.version }),
        ),
        canEdit: actor.role === 'admin',
        form: agreementForm(current),
      },
    };
  }
}
