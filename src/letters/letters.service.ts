import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { AgreementVersion } from '../agreements/agreement-version.entity';
import { Authority } from '../authorities/authority.entity';
import { AppConfig } from '../config/config';
import type { GdprObligation } from '../obligations/obligation.util';
import { DataController } from '../data-controllers/data-controller.entity';
import { ourContact } from '../forms/contact-point.util';
import { FormsService } from '../forms/forms.service';
import { TEXT_LANGUAGES, type TextLanguage } from '../forms/render.util';
import { Incident } from '../incidents/incident.entity';
import {
  buildNoticeContext,
  fieldTexts,
  NoticeContext,
  NoticeKind,
  NoticePhase,
} from './notice-context.util';
import { buildNoticeJson } from './notice-json.util';
import { dataSubjectLanguage } from './notice-language.util';
import { PdfPool } from './pdf-pool';
import { TemplatesService } from './templates.service';

export const KIND_FOR_HOP: Record<string, NoticeKind> = {
  'processor-to-controller': 'controller-notice',
  'controller-to-authority': 'authority-notification',
  'controller-to-data-subjects': 'data-subject-notice',
};

export interface ComposedDocument {
  format: 'html' | 'txt' | 'pdf' | 'json';
  contentType: string;
  content: Buffer;
  sha256: string;
}

export interface Composed {
  context: NoticeContext;
  documents: ComposedDocument[];
  fieldTexts: Record<string, string>;
}

/** What a notice says, worked out from the facts (a few queries, no rendering): the input of every format. */
export interface NoticeDraft {
  context: NoticeContext;
  json: ReturnType<typeof buildNoticeJson>;
  issuedAt: Date;
}

/** Everything a notice is composed from: the facts as they stand, the phase, the language and the instant of issue. */
export interface NoticeFacts {
  noticeId: string;
  obligation: GdprObligation;
  incident: Incident;
  controller: DataController;
  phase: NoticePhase;
  language: TextLanguage;
  issuedAt: Date;
  previous: Record<string, string> | null;
  reasonsForDelay: string | null;
  /** Where the caller has read it already (see letterhead). */
  letterhead?: Letterhead;
}

export interface Letterhead {
  version: AgreementVersion;
  authority: Authority;
}

/** Everything needed to say which languages a notice may be written in. */
export interface LanguageChoice {
  allowed: TextLanguage[];
  default: TextLanguage;
}

@Injectable()
export class LettersService {
  constructor(
    private readonly templates: TemplatesService,
    private readonly forms: FormsService,
    private readonly config: AppConfig,
    private readonly pdfs: PdfPool,
  ) {}

  /**
   * - A controller notice: en and nb; de too where the agreement was signed in German or the controller's authority
   *   reads German. By default in the language the controller signed.
   * - An authority notification: in a language the authority declares, by default its first.
   * - A notice to the data subjects: in any of our languages, by default that of the controller's country.
   */
  async languages(
    em: EntityManager,
    obligation: GdprObligation,
    controller: DataController,
  ): Promise<LanguageChoice> {
    return this.languagesUnder(obligation, controller, await this.letterhead(em, obligation, controller));
  }

  /** The agreement version the obligation was made under and the controller's authority: what a notice is written under. */
  async letterhead(
    em: EntityManager,
    obligation: GdprObligation,
    controller: DataController,
  ): Promise<Letterhead> {
    const version = await em.findOneByOrFail(AgreementVersion, {
      agreementId: obligation.agreementId,
      version: obligation.agreementVersion,
    });
    const authority = await em.findOneByOrFail(Authority, { id: controller.authorityId });
    return { version, authority };
  }

  /**
   * The letterhead of each of these obligations, by obligation id, in two queries however many there are (a breach
   * across thousands of controllers has a handful of agreement versions and authorities among them).
   */
  async letterheads(
    em: EntityManager,
    obligations: readonly GdprObligation[],
    controllers: ReadonlyMap<string, DataController>,
  ): Promise<Map<string, Letterhead>> {
    if (obligations.length === 0) return new Map();
    const versionKey = (agreementId: string, version: number) => `${agreementId}@${version}`;
    const wanted = new Map(
      obligations.map((o) => [
        versionKey(o.agreementId, o.agreementVersion),
        { agreementId: o.agreementId, version: o.agreementVersion },
      ]),
    );
    const versions = new Map(
      (await em.find(AgreementVersion, { where: [...wanted.values()] })).map((v) => [
        versionKey(v.agreementId, v.version),
        v,
      ]),
    );
    const authorityIds = [...new Set([...controllers.values()].map((c) => c.authorityId))];
    const authorities = new Map((await em.findBy(Authority, { id: In(authorityIds) })).map((a) => [a.id, a]));
    return new Map(
      obligations.map((o) => [
        o.id,
        {
          version: versions.get(versionKey(o.agreementId, o.agreementVersion))!,
          authority: authorities.get(controllers.get(o.controllerId)!.authorityId)!,
        },
      ]),
    );
  }

  /** `languages`, with the letterhead read already. */
  languagesUnder(
    obligation: GdprObligation,
    controller: DataController,
    { version, authority }: Letterhead,
  ): LanguageChoice {
    const kind = KIND_FOR_HOP[obligation.hop];
    if (kind === 'authority-notification')
      return { allowed: authority.languages, default: authority.languages[0] };
    if (kind === 'data-subject-notice')
      return { allowed: [...TEXT_LANGUAGES], default: dataSubjectLanguage(controller.country) };
    const german = version.profile.languages.includes('de') || authority.languages.includes('de');
    const base: TextLanguage[] = german ? ['en', 'nb', 'de'] : ['en', 'nb'];
    return {
      allowed: base,
      default: base.includes(controller.language) ? controller.language : 'en',
    };
  }

  /** Renders a notice from the current facts into every format, each with its sha256. */
  async compose(em: EntityManager, input: NoticeFacts): Promise<Composed> {
    return this.render(await this.draft(em, input));
  }

  /**
   * What the notice says, from the facts as `em` sees them. Cheap beside rendering: a notice job drafts a notice
   * again under its locks to show that the rendering it made before them still says what the facts say (sameDraft).
   */
  async draft(em: EntityManager, input: NoticeFacts): Promise<NoticeDraft> {
    const { obligation, incident, controller } = input;
    const { version, authority } = input.letterhead ?? (await this.letterhead(em, obligation, controller));
    const profile = version.profile;
    const content = await this.forms.contentFor(em, incident, controller);
    const kind = KIND_FOR_HOP[obligation.hop];
    const zone = kind === 'authority-notification' ? authority.timeZone : controller.timeZone;
    const { layout, controllerAwareAt, risk } = await this.forms.authorityLayout(
      em,
      content,
      controller,
      authority,
      {
        zone,
        at: input.issuedAt,
        language: input.language,
        reasonsForDelay: kind === 'authority-notification' ? input.reasonsForDelay : null,
      },
    );
    const us = ourContact(this.config, {
      processorName: profile.processor.name,
      breachContact: profile.processor.breachContact,
    });
    const context = buildNoticeContext({
      kind,
      phase: input.phase,
      language: input.language,
      strings: this.templates.stringsFor(input.language, profile.id),
      reference: incident.reference,
      issuedAt: input.issuedAt,
      zone,
      processor: profile.processor,
      controllerName: controller.name,
      recipientName: kind === 'authority-notification' ? authority.name : controller.name,
      agreement: {
        title: profile.title,
        version: version.version,
        clauses: profile.clauses,
        breachTerms: obligation.terms,
      },
      obligation: {
        dueAt: obligation.dueAt,
        conservativeDueAt: obligation.conservativeDueAt,
        basis: obligation.basis,
        windowHours: obligation.windowHours,
        calendarCountry: obligation.calendarCountry,
      },
      discoveredAt: incident.discoveredAt,
      processorAwareAt: incident.processorAwareAt,
      controllerAwareAt,
      answers: content.answers,
      risk,
      ourContact: us,
      controllerDpo: controller.dpo,
      authorityGroups: layout.groups,
      previous: input.previous,
      reasonsForDelay: input.reasonsForDelay,
    });
    const json = buildNoticeJson(context, {
      noticeId: input.noticeId,
      issuedAt: input.issuedAt,
      incident: {
        reference: incident.reference,
        discoveredAt: incident.discoveredAt,
        processorAwareAt: incident.processorAwareAt,
        breachTypes: incident.breachTypes,
      },
      controllerAwareAt,
      processor: { ...profile.processor, breachContact: us.breach },
      controller: { id: controller.id, name: controller.name },
      agreement: {
        id: profile.id,
        version: version.version,
        breachNoticeClause: profile.clauses.breachNotice,
      },
      obligation: {
        id: obligation.id,
        hop: obligation.hop,
        basis: obligation.basis,
        windowHours: obligation.windowHours,
        dueAt: obligation.dueAt,
        conservativeDueAt: obligation.conservativeDueAt,
      },
    });
    return { context, json, issuedAt: input.issuedAt };
  }

  /** Every format of a drafted notice, each with its sha256; the PDF on the pool's threads. */
  async render(draft: NoticeDraft): Promise<Composed> {
    const { context, json } = draft;
    const pdf = this.pdfs.render(context, draft.issuedAt);
    const documents = [
      doc('html', 'text/html; charset=utf-8', Buffer.from(this.templates.renderHtml(context), 'utf8')),
      doc('txt', 'text/plain; charset=utf-8', Buffer.from(this.templates.renderText(context), 'utf8')),
      doc('pdf', 'application/pdf', await pdf),
      doc('json', 'application/json', Buffer.from(JSON.stringify(json, null, 2), 'utf8')),
    ];
    return { context, documents, fieldTexts: fieldTexts(context) };
  }
}

/** Whether two drafts say the same: a notice rendered from one is the notice the other would render. */
export function sameDraft(a: NoticeDraft, b: NoticeDraft): boolean {
  return (
    a.issuedAt.getTime() === b.issuedAt.getTime() &&
    JSON.stringify([a.context, a.json]) === JSON.stringify([b.context, b.json])
  );
}

function doc(format: ComposedDocument['format'], contentType: string, content: Buffer): ComposedDocument {
  return { format, contentType, content, sha256: createHash('sha256').update(content).digest('hex') };
}
