import { Controller, Get, Param } from '@nestjs/common';
import { Access, CurrentActor } from '../../access/access.decorator';
import type { Actor } from '../../access/roles';
import { Clock } from '../../clock/clock';
import { DataControllersService } from '../../data-controllers/data-controllers.service';
import { CHANNELS } from '../../filings/filing.entity';
import { FilingsService } from '../../filings/filings.service';
import { IncidentsService } from '../../incidents/incidents.service';
import { NOTICE_KINDS, NOTICE_PHASES } from '../../letters/notice-context.util';
import { NoticeJobsService } from '../../notice-jobs/notice-jobs.service';
import { Page, WebPages } from '../page';
import { incidentTabs, obligationsByController } from './incident-view.util';

/**
 * Letters and filings: for every notice an obligation calls for, a preview as it would be sent now (the API's preview
 * route, shown in a sandboxed frame), the downloads, a form that files it (POST …/filings: e-mail, webhook or a manual
 * record), and each filing with its delivery attempts and acknowledgement. Above them, the notice of a phase to every
 * controller at once (POST …/notices), with the job's progress followed live (GET …/notices/:jobId).
 */
@WebPages()
@Controller('ui/incidents/:id/letters')
export class LettersPage {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly filings: FilingsService,
    private readonly controllers: DataControllersService,
    private readonly jobs: NoticeJobsService,
    private readonly clock: Clock,
  ) {}

  @Get()
  @Access('admin', 'dpo')
  async show(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<Page> {
    const incident = await this.incidents.get(actor, id);
    const [filings, choices, all, jobs] = await Promise.all([
      this.filings.forIncidents(actor, [id]),
      this.filings.languageChoices(actor, id),
      this.controllers.all(actor),
      this.jobs.list(actor, id),
    ]);
    const byId = new Map(all.map((c) => [c.id, c]));
    const choiceOf = new Map(choices.map((c) => [c.obligationId, c]));
    // Letters are GDPR's notices: another regime's stages have their own reports.
    const groups = obligationsByController(incident, byId, actor.role, this.clock.now())
      .filter((g) => !g.ours)
      .map((g) => ({
        ...g,
        notices: g.rows
          .filter((r) => r.o.hop !== null)
          .map((r) => {
            const choice = choiceOf.get(r.o.id)!;
            const mine = filings.filter((f) => f.obligationId === r.o.id);
            // The phase to offer first: initial until one was delivered, then a follow-up.
            const phase = mine.some((f) => f.status === 'delivered') ? 'follow-up' : 'initial';
            const base = `/incidents/${id}/obligations/${r.o.id}/preview`;
            const query = `?phase=${phase}&language=${choice.default}`;
            return {
              ...r,
              languages: choice.allowed.map((l) => ({ value: l, selected: l === choice.default })),
              phases: NOTICE_PHASES.map((p) => ({ value: p, selected: p === phase })),
              previewSrc: `${base}.html${query}`,
              downloads: ['html', 'txt', 'pdf', 'json'].map((f) => ({
                format: f,
                href: `${base}.${f}${query}`,
              })),
              previewAction: `${base}.html`,
              filings: [...mine].reverse(),
            };
          }),
      }));
    return {
      view: 'letters',
      title: 'letters.title',
      titleVars: { reference: incident.reference },
      model: {
        incident,
        tabs: incidentTabs(id, actor.role, 'tabs.letters'),
        groups,
        channels: CHANNELS,
        // The notice to every controller at once: the latest job's progress is shown (and followed while it runs).
        noticeJob: {
          kinds: NOTICE_KINDS,
          phases: NOTICE_PHASES,
          latestId: jobs.at(-1)?.id ?? '',
          percentDone: jobs.at(-1)?.percentDone ?? 0,
          names: JSON.stringify(
            Object.fromEntries(incident.controllerIds.map((c) => [c, byId.get(c)?.name ?? c])),
          ),
        },
      },
    };
  }
}
