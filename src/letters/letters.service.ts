import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
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
import { renderPdf } from './pdf.renderer';
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
    const version = await em.findOneByOrFail(AgreementVersion, {
      agreementId: obligation.agreementId,
      version: obligation.agreementVersion,
    });
    const authority = await em.findOneByOrFail(Authority, { id: controller.authorityId });
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
  async compose(
    em: EntityManager,
    input: {
      noticeId: string;
      obligation: GdprObligation;
      incident: Incident;
      controller: DataController;
      phase: NoticePhase;
      language: TextLanguage;
      issuedAt: Date;
      previous: Record<string, string> | null;
      reasonsForDelay: string | null;
    },
  ): Promise<Composed> {
    const { obligation, incident, controller } = input;
    const version = await em.findOneByOrFail(AgreementVersion, {
      agreementId: obligation.agreementId,
      version: obligation.agreementVersion,
    });
    const profile = version.profile;
    const authority = await em.findOneByOrFail(Authority, { id: controller.authorityId });
    const content = await this.forms.content(em, incident);
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
    const documents = [
      doc('html', 'text/html; charset=utf-8', Buffer.from(this.templates.renderHtml(context), 'utf8')),
      doc('txt', 'text/plain; charset=utf-8', Buffer.from(this.templates.renderText(context), 'utf8')),
      doc('pdf', 'application/pdf', await renderPdf(context, input.issuedAt)),
      doc('json', 'application/json', Buffer.from(JSON.stringify(json, null, 2), 'utf8')),
    ];
    return { context, documents, fieldTexts: fieldTexts(context) };
  }
}

function doc(format: ComposedDocument['format'], contentType: string, content: Buffer): ComposedDocument {
  return { format, contentType, content, sha256: createHash('sha256').update(content).digest('hex') };
}
