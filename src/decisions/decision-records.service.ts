import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { Decision } from './decision.entity';

/**
 * Reads of the decision history, for the modules whose rules depend on it (the obligations, forms, letters, the
 * register). It depends on nothing, so the obligations module can ask it without a cycle; DecisionsService writes.
 */
@Injectable()
export class DecisionRecords {
  /** One incident's decisions, oldest first. */
  async history(em: EntityManager, incidentId: string): Promise<Decision[]> {
    return em.find(Decision, { where: { incidentId }, order: { seq: 'ASC' } });
  }

  /** Several incidents' decisions, oldest first, by incident. */
  async histories(em: EntityManager, incidentIds: readonly string[]): Promise<Map<string, Decision[]>> {
    const byIncident = new Map<string, Decision[]>(incidentIds.map((id) => [id, []]));
    if (incidentIds.length === 0) return byIncident;
    for (const d of await em.find(Decision, {
      where: { incidentId: In([...incidentIds]) },
      order: { seq: 'ASC' },
    }))
      byIncident.get(d.incidentId)!.push(d);
    return byIncident;
  }
}
