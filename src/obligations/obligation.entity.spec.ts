import { Obligation } from './obligation.entity';
import { ObligationException, ObligationExceptionCode } from './obligations.exception';

const AWARE = new Date('2026-11-22T08:12:00Z');
const HOUR = 3_600_000;
const at = (hours: number, ms = 0) => new Date(AWARE.getTime() + hours * HOUR + ms);

/** An obligation as the lifecycle makes one; the overrides set the state under test. */
function givenObligation(overrides: Partial<Obligation> = {}): Obligation {
  return Object.assign(new Obligation(), {
    id: 'o-1',
    incidentId: 'i-1',
    hop: 'processor-to-controller',
    controllerId: 'c-1',
    authorityId: null,
    anchorAt: AWARE,
    anchorReason: 'Our awareness of the breach',
    anchorSource: 'processor-awareness' as const,
    noticeReachedAt: null,
    noticeFilingId: null,
    dueAt: at(24),
    conservativeDueAt: null,
    effectiveDueAt: at(24),
    windowHours: 24,
    basis: 'target' as const,
    status: 'open',
    metAt: null,
    reasonsForDelay: null,
    notRequiredReasoning: null,
    decidedByKeyId: null,
    decidedByRole: null,
    decidedAt: null,
    closedByDecisionId: null,
    agreementId: 'videonor',
    agreementVersion: 1,
    nextAlertAt: at(12),
    ...overrides,
  });
}

function givenAuthorityObligation(overrides: Partial<Obligation> = {}): Obligation {
  return givenObligation({
    hop: 'controller-to-authority',
    anchorAt: null,
    anchorReason: null,
    anchorSource: null,
    dueAt: null,
    conservativeDueAt: at(72),
    effectiveDueAt: at(72),
    windowHours: 72,
    basis: 'statutory',
    status: 'awaiting-anchor',
    nextAlertAt: null,
    ...overrides,
  });
}

function codeOf(fn: () => unknown): ObligationExceptionCode | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ObligationException) return error.code;
    throw error;
  }
  return undefined;
}

describe(Obligation.name, () => {
  describe('meet', () => {
    it('is on time at the due instant exactly', () => {
      const sut = givenObligation();
      const event = sut.meet({ at: at(24) });
      expect(sut).toMatchObject({ status: 'met', metAt: at(24), reasonsForDelay: null, nextAlertAt: null });
      expect(event).toEqual({
        kind: 'obligation-met',
        data: {
          hop: 'processor-to-controller',
          status: 'met',
          metAt: at(24).toISOString(),
          reasonsForDelay: null,
        },
      });
    });

    it('a millisecond after, is late, and only with the reasons for the delay', () => {
      expect(codeOf(() => givenObligation().meet({ at: at(24, 1) }))).toBe(
        ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED,
      );
      const sut = givenObligation();
      sut.meet({ at: at(24, 1), reasonsForDelay: ' Scope unclear ' });
      expect(sut).toMatchObject({ status: 'met-late', reasonsForDelay: 'Scope unclear' });
    });

    it('refuses what is met or closed already, and an unanchored hop other than the authority', () => {
      const met = givenObligation();
      met.meet({ at: at(1) });
      expect(codeOf(() => met.meet({ at: at(2) }))).toBe(ObligationExceptionCode.WRONG_STATE);
      const ds = givenObligation({
        hop: 'controller-to-data-subjects',
        anchorAt: null,
        dueAt: null,
        status: 'awaiting-anchor',
      });
      expect(codeOf(() => ds.meet({ at: at(1) }))).toBe(ObligationExceptionCode.WRONG_STATE);
    });

    it('meets an authority obligation before its anchor, judged against the conservative due time', () => {
      const onTime = givenAuthorityObligation();
      onTime.meet({ at: at(72) });
      expect(onTime).toMatchObject({ status: 'met', anchorAt: null });
      const afterConservative = givenAuthorityObligation();
      expect(codeOf(() => afterConservative.meet({ at: at(72, 1) }))).toBe(
        ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED,
      );
    });
  });

  describe('anchor', () => {
    it('opens an obligation waiting for its anchor, with its due time and next alert', () => {
      const sut = givenAuthorityObligation();
      const event = sut.anchor({ at: at(2), reason: 'Our notice delivered', source: 'delivery' }, []);
      expect(sut).toMatchObject({
        status: 'open',
        anchorAt: at(2),
        anchorSource: 'delivery',
        dueAt: at(74),
        effectiveDueAt: at(74),
        nextAlertAt: at(2 + 36),
      });
      expect(event).toMatchObject({
        kind: 'anchor-set',
        data: { previousAnchorAt: null, dueAt: at(74).toISOString() },
      });
    });

    it('moves the due time of an open obligation, keeping the stages already fired', () => {
      const sut = givenObligation();
      sut.anchor({ at: at(-4), reason: 'Corrected', source: 'processor-awareness' }, [50]);
      expect(sut).toMatchObject({ status: 'open', dueAt: at(20), nextAlertAt: at(-4 + 19.2) });
    });

    it('judges a met obligation whose anchor moves earlier again: late only with reasons', () => {
      const sut = givenObligation();
      sut.meet({ at: at(20) });
      expect(
        codeOf(() => sut.anchor({ at: at(-5), reason: 'Corrected', source: 'processor-awareness' }, [])),
      ).toBe(ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED);
      expect(sut).toMatchObject({ status: 'met', anchorAt: AWARE, dueAt: at(24) });
      sut.anchor(
        {
          at: at(-5),
          reason: 'Corrected',
          source: 'processor-awareness',
          reasonsForDelay: 'Logs found late',
        },
        [],
      );
      expect(sut).toMatchObject({ status: 'met-late', dueAt: at(19), reasonsForDelay: 'Logs found late' });
    });

    it('a met-late obligation whose anchor moves later becomes on time at the due instant exactly', () => {
      const sut = givenObligation();
      sut.meet({ at: at(30), reasonsForDelay: 'Slow' });
      sut.anchor({ at: at(6), reason: 'Corrected', source: 'processor-awareness' }, []);
      expect(sut).toMatchObject({ status: 'met', dueAt: at(30), reasonsForDelay: null, nextAlertAt: null });
    });

    it('keeps the anchor on a closed obligation, for a decision that re-opens it', () => {
      const sut = givenAuthorityObligation();
      sut.closeNotRequired({
        reasoning: 'No risk',
        decidedAt: at(1),
        decidedByKeyId: null,
        decidedByRole: 'dpo',
        decisionId: 'd-1',
      });
      sut.anchor({ at: at(2), reason: 'Our notice delivered', source: 'delivery' }, []);
      expect(sut).toMatchObject({ status: 'not-required', anchorAt: at(2), nextAlertAt: null });
      sut.reopen('d-2', []);
      expect(sut).toMatchObject({ status: 'open', anchorAt: at(2), dueAt: at(74), nextAlertAt: at(38) });
    });
  });

  describe('closeNotRequired and reopen', () => {
    const closure = {
      reasoning: 'Encrypted at rest',
      decidedAt: at(1),
      decidedByKeyId: 'k-1',
      decidedByRole: 'dpo',
      decisionId: 'd-1',
    };

    it('closes a pending obligation with who decided and why', () => {
      const sut = givenObligation();
      const event = sut.closeNotRequired(closure);
      expect(sut).toMatchObject({
        status: 'not-required',
        notRequiredReasoning: 'Encrypted at rest',
        closedByDecisionId: 'd-1',
        nextAlertAt: null,
      });
      expect(event).toEqual({
        kind: 'obligation-not-required',
        data: { hop: 'processor-to-controller', reasoning: 'Encrypted at rest', decisionId: 'd-1' },
      });
    });

    it('does not close what was met', () => {
      const sut = givenObligation();
      sut.meet({ at: at(1) });
      expect(codeOf(() => sut.closeNotRequired(closure))).toBe(ObligationExceptionCode.WRONG_STATE);
    });

    it('re-opens only what a decision closed; without an anchor it waits for one', () => {
      const byHand = givenObligation();
      byHand.closeNotRequired({ ...closure, decisionId: null });
      expect(codeOf(() => byHand.reopen('d-2', []))).toBe(ObligationExceptionCode.WRONG_STATE);
      const sut = givenAuthorityObligation();
      sut.closeNotRequired(closure);
      expect(sut.reopen('d-2', [])).toEqual({
        kind: 'obligation-reopened',
        data: { hop: 'controller-to-authority', status: 'awaiting-anchor', decisionId: 'd-2' },
      });
      expect(sut).toMatchObject({
        status: 'awaiting-anchor',
        notRequiredReasoning: null,
        closedByDecisionId: null,
      });
    });
  });
  describe('the authority obligation before and after its anchor', () => {
    it('met before its anchor, is judged when the anchor arrives: on time at the due instant, late a millisecond after', () => {
      const onTime = givenAuthorityObligation();
      onTime.meet({ at: at(50) });
      onTime.anchor({ at: at(-22), reason: 'Knew before us', source: 'manual' }, []);
      expect(onTime).toMatchObject({ status: 'met', dueAt: at(50), reasonsForDelay: null });
      const late = givenAuthorityObligation();
      late.meet({ at: at(50) });
      expect(
        codeOf(() => late.anchor({ at: at(-22, -1), reason: 'Knew before us', source: 'manual' }, [])),
      ).toBe(ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED);
      late.anchor(
        { at: at(-22, -1), reason: 'Knew before us', source: 'manual', reasonsForDelay: 'Slow' },
        [],
      );
      expect(late).toMatchObject({ status: 'met-late', reasonsForDelay: 'Slow' });
    });

    it('moves its conservative due time with our awareness, and its alerts with it once open', () => {
      const sut = givenAuthorityObligation();
      sut.moveConservativeDue(at(70), []);
      expect(sut).toMatchObject({ conservativeDueAt: at(70), effectiveDueAt: at(70), nextAlertAt: null });
      sut.anchor({ at: at(1), reason: 'Delivered', source: 'delivery' }, []);
      sut.moveConservativeDue(at(68), [50]);
      expect(sut).toMatchObject({
        conservativeDueAt: at(68),
        effectiveDueAt: at(73),
        nextAlertAt: at(1 + 57.6),
      });
    });

    it('judges a notice met before its anchor again when the conservative due time moves', () => {
      const laterDue = givenAuthorityObligation();
      laterDue.meet({ at: at(75), reasonsForDelay: 'Slow' });
      expect(laterDue.status).toBe('met-late');
      expect(laterDue.moveConservativeDue(at(75), [])).toEqual({
        kind: 'obligation-met',
        data: { hop: 'controller-to-authority', status: 'met' },
      });
      expect(laterDue).toMatchObject({ status: 'met', reasonsForDelay: null });
      const earlierDue = givenAuthorityObligation();
      earlierDue.meet({ at: at(70) });
      expect(codeOf(() => earlierDue.moveConservativeDue(at(70, -1), []))).toBe(
        ObligationExceptionCode.REASONS_FOR_DELAY_REQUIRED,
      );
      expect(earlierDue).toMatchObject({ status: 'met', conservativeDueAt: at(72) });
      earlierDue.moveConservativeDue(at(70, -1), [], 'Found late');
      expect(earlierDue).toMatchObject({ status: 'met-late', reasonsForDelay: 'Found late' });
    });

    it('keeps the reasons a late notice gave when its anchor moves again', () => {
      const sut = givenObligation();
      sut.meet({ at: at(30), reasonsForDelay: 'What the letter said' });
      sut.anchor(
        { at: at(-1), reason: 'Corrected', source: 'processor-awareness', reasonsForDelay: 'Another reason' },
        [],
      );
      expect(sut).toMatchObject({ status: 'met-late', reasonsForDelay: 'What the letter said' });
    });

    it('a notice given although a decision closed the obligation is recorded: it is met', () => {
      const sut = givenAuthorityObligation();
      sut.closeNotRequired({
        reasoning: 'No risk',
        decidedAt: at(1),
        decidedByKeyId: null,
        decidedByRole: 'dpo',
        decisionId: 'd-1',
      });
      sut.meet({ at: at(5) });
      expect(sut).toMatchObject({
        status: 'met',
        metAt: at(5),
        closedByDecisionId: null,
        notRequiredReasoning: null,
      });
    });
  });
});
