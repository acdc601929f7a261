import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Actor } from '../../access/roles';
import { Clock } from '../../clock/clock';
import { FormsService } from '../../forms/forms.service';
import { IncidentsService } from '../../incidents/incidents.service';
import {
  buildDoraReport,
  DORA_MAJOR,
  DORA_RECLASSIFICATION_CONTENT,
  type DoraReclassification,
  type DoraSubmission,
  doraProblems,
  doraReclassification,
  isDoraStage,
} from './dora-report.util';
import { buildLetterContext } from './report-letter.util';
import { ReportStages } from './report-stage';
import { ReportTemplatesService } from './report-templates.service';
import { ReportException, ReportExceptionCode } from './reports.exception';
import { buildStageReport, StageReport } from './stage-report.util';

export const REPORT_FORMATS = ['html', 'txt', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How each regime's reports are written: NIS2's as letters to a CSIRT, DORA's as the template's JSON. */
const FORMATS_OF: Record<string, ReportFormat[]> = { nis2: ['html', 'txt'], dora: ['json'] };

export interface ReportDocument {
  contentType: string;
  content: Buffer;
  sha256: string;
}

/** Each stage's report from the incident's walk-through: nothing stored, rendered from the answers as they are now. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly incidents: IncidentsService,
    private readonly forms: FormsService,
    private readonly stages: ReportStages,
    private readonly templates: ReportTemplatesService,
  ) {}

  async report(actor: Actor, incidentId: string, regime: string, stageId: string): Promise<StageReport> {
    return (await this.load(actor, incidentId, regime, stageId)).report;
  }

  async document(
    actor: Actor,
    incidentId: string,
    regime: string,
    stageId: string,
    format: ReportFormat,
  ): Promise<ReportDocument> {
    const offered = FORMATS_OF[regime] ?? [];
    if (!offered.includes(format)) {
      throw new ReportException(
        ReportExceptionCode.FORMAT_NOT_OFFERED,
        `A ${regime} report is not written as ${format}; it is ${offered.join(' or ') || 'not rendered'}`,
      );
    }
    const { report, answers, reclassification } = await this.load(actor, incidentId, regime, stageId);
    if (format === 'json') return this.doraJson(report, answers, reclassification);
    const context = buildLetterContext(report, this.templates.stringsFor, this.clock.now());
    return format === 'html'
      ? doc('text/html; charset=utf-8', this.templates.renderHtml(context))
      : doc('text/plain; charset=utf-8', this.templates.renderText(context));
  }

  private async load(actor: Actor, incidentId: string, regime: string, stageId: string) {
    const em = this.dataSource.manager;
    const incident = await this.incidents.findVisible(em, actor, incidentId, false);
    const reclassifying = regime === 'dora' && stageId === 'reclassification';
    // DORA's reclassification is no stage of the regime: it goes where the initial notification went.
    const stage = await this.stages.find(regime, reclassifying ? 'initial-notification' : stageId);
    if (!stage)
      throw new ReportException(ReportExceptionCode.NO_SUCH_STAGE, `No stage ${stageId} in regime ${regime}`);
    const { answers, decisions } = await this.forms.content(em, incident);
    if (!reclassifying) return { report: buildStageReport(stage, answers, incident), answers };
    const reclassification = doraReclassification(decisions);
    if (!reclassification) {
      throw new ReportException(
        ReportExceptionCode.NOT_RECLASSIFIED,
        `The incident is not reclassified as non-major: the ${DORA_MAJOR} decision in force is not a "no" after a "yes"`,
      );
    }
    const reclassified = {
      ...stage,
      id: stageId,
      title: 'Major incident reclassified as non-major',
      content: DORA_RECLASSIFICATION_CONTENT,
    };
    return { report: buildStageReport(reclassified, answers, incident), answers, reclassification };
  }

  /** DORA's JSON is given only when it meets its template: otherwise 422, naming each missing or bad field. */
  private doraJson(
    report: StageReport,
    answers: Parameters<typeof buildDoraReport>[1],
    reclassification?: DoraReclassification,
  ): ReportDocument {
    const submission: DoraSubmission | null = reclassification
      ? 'reclassification'
      : isDoraStage(report.stage)
        ? report.stage
        : null;
    if (!submission)
      throw new ReportException(
        ReportExceptionCode.FORMAT_NOT_OFFERED,
        `DORA has no template for ${report.stage}`,
      );
    const built = report.missing.length ? null : buildDoraReport(submission, answers, reclassification);
    const problems = [
      ...report.missing.map((key) => ({ field: `fields.${key}`, messages: ['not answered'] })),
      ...(built ? doraProblems(built) : []),
    ];
    if (problems.length) {
      throw new ReportException(
        ReportExceptionCode.NOT_READY,
        `The DORA ${report.stage} report is not ready: ${problems.map((p) => p.field).join(', ')}`,
        problems,
      );
    }
    return doc('application/json', JSON.stringify(built, null, 2));
  }
}

function doc(contentType: string, text: string): ReportDocument {
  const content = Buffer.from(text, 'utf8');
  return { contentType, content, sha256: createHash('sha256').update(content).digest('hex') };
}
