import { FieldError } from '../common/error-body';

export interface IncidentFacts {
  discoveredAt: Date;
  processorAwareAt: Date;
  occurredFrom: Date | null;
  occurredTo: Date | null;
  subprocessorNotifiedAt: Date | null;
  breachConfirmedAt?: Date | null;
}

/** What the facts cannot be, against each other and against `now`. Every problem is named, not only the first. */
export function factProblems(f: IncidentFacts, now: Date): FieldError[] {
  const problems: FieldError[] = [];
  const future = (d: Date | null) => d !== null && d.getTime() > now.getTime();
  const add = (field: string, message: string) => problems.push({ field, messages: [message] });

  if (future(f.discoveredAt)) add('discoveredAt', 'the breach cannot have been discovered in the future');
  if (future(f.processorAwareAt)) add('processorAwareAt', 'we cannot have become aware in the future');
  if (f.processorAwareAt.getTime() < f.discoveredAt.getTime()) {
    add('processorAwareAt', 'we cannot have become aware of the breach before it was discovered');
  }
  if (future(f.occurredFrom)) add('occurredFrom', 'the breach cannot have started in the future');
  if (future(f.occurredTo)) add('occurredTo', 'the breach cannot have ended in the future');
  if (f.occurredFrom && f.occurredTo && f.occurredFrom.getTime() > f.occurredTo.getTime()) {
    add('occurredTo', 'the breach cannot have ended before it started');
  }
  if (f.occurredFrom && f.occurredFrom.getTime() > f.discoveredAt.getTime()) {
    add('occurredFrom', 'the breach cannot have started after it was discovered');
  }
  if (future(f.subprocessorNotifiedAt))
    add('subprocessorNotifiedAt', 'the sub-processor cannot have notified us in the future');
  if (f.subprocessorNotifiedAt && f.subprocessorNotifiedAt.getTime() < f.discoveredAt.getTime()) {
    add(
      'subprocessorNotifiedAt',
      'the sub-processor cannot have notified us before the breach was discovered',
    );
  }
  if (f.subprocessorNotifiedAt && f.processorAwareAt.getTime() > f.subprocessorNotifiedAt.getTime()) {
    // The sub-processor's notice made us aware at the latest then.
    const message = 'we were aware at the latest when the sub-processor notified us';
    add('processorAwareAt', `${message}: processorAwareAt cannot be later than subprocessorNotifiedAt`);
    add('subprocessorNotifiedAt', `${message}: processorAwareAt cannot be later than subprocessorNotifiedAt`);
  }
  if (future(f.breachConfirmedAt ?? null))
    add('breachConfirmedAt', 'the breach cannot have been confirmed in the future');
  if (f.breachConfirmedAt && f.breachConfirmedAt.getTime() < f.processorAwareAt.getTime()) {
    // Confirming a breach is being aware of it.
    add(
      'breachConfirmedAt',
      'the breach cannot have been confirmed before we became aware of it (processorAwareAt)',
    );
  }
  return problems;
}
