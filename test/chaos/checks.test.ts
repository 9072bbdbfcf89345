import { runChecks, type ChaosSnapshot } from '../../chaos/checks';

/**
 * The chaos run's checks must be able to fail: a consistent end state passes every check, and each kind
 * of damage the run looks for (a lost decision, a duplicated event, an application the authority holds
 * twice, a message re-sent under a new id, an undelivered message, a failed workflow, a stuck case) is
 * reported by its check with the offending application id.
 */
const PORTAL = 'LV-2026-000001';
const XROAD = 'LV-2026-000002';

function consistent(): ChaosSnapshot {
  const event = (applicationId: string, seq: number, type: string, data: unknown = {}) => ({ applicationId, seq, type, data });
  const lifecycle = (id: string) => ['STARTED', 'DRAFT_OPENED', 'DRAFT_SAVED', 'SUBMITTED', 'ACKNOWLEDGED', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENTED', 'DECIDED']
    .map((type, i) => event(id, i + 1, type, { n: i }));
  return {
    applications: [
      { index: 1, mode: 'portal', applicationId: PORTAL, decisionText: 'portal decision', decisionMessageId: null, stuck: null },
      { index: 1, mode: 'xroad', applicationId: XROAD, decisionText: 'xroad decision', decisionMessageId: `${XROAD}-dec`, stuck: null },
    ],
    workflows: {
      [PORTAL]: { status: 'DECIDED', decisionText: 'portal decision', decisionMessageId: null },
      [XROAD]: { status: 'DECIDED', decisionText: 'xroad decision', decisionMessageId: `${XROAD}-dec` },
    },
    readModel: {
      [PORTAL]: { status: 'DECIDED', lastSeq: 8, decisionText: 'portal decision' },
      [XROAD]: { status: 'DECIDED', lastSeq: 8, decisionText: 'xroad decision' },
    },
    events: [...lifecycle(PORTAL), ...lifecycle(XROAD)],
    exchange: [
      { id: 'out-1', applicationId: XROAD, direction: 'outbound', type: 'application', status: 'delivered' },
      { id: 'out-2', applicationId: XROAD, direction: 'outbound', type: 'supplement', status: 'delivered' },
      { id: `${XROAD}-dec`, applicationId: XROAD, direction: 'inbound', type: 'decision', status: 'applied' },
    ],
    decisionDocuments: [{ messageId: `${XROAD}-dec`, applicationId: XROAD }],
    authority: [{ applicationId: XROAD, messageIds: ['out-1', 'out-2'], deliveries: 3, supplements: 1 }],
    temporalProblems: [],
  };
}

const failing = (snapshot: ChaosSnapshot) => runChecks(snapshot).filter((c) => !c.pass).map((c) => ({ name: c.name, offending: c.offending }));

describe('chaos checks', () => {
  it('pass a consistent end state, duplicate deliveries the authority absorbed included', () => {
    expect(failing(consistent())).toEqual([]);
  });

  it('report a duplicated event in a case log', () => {
    const s = consistent();
    s.events.push({ applicationId: PORTAL, seq: 9, type: 'DECIDED', data: { n: 7 } });
    s.readModel[PORTAL].lastSeq = 9;
    expect(failing(s)).toEqual([{ name: 'no duplicate event in any case log', offending: [expect.stringMatching(new RegExp(`^${PORTAL}: DECIDED seq 8 and 9 are the same event; DECIDED 2 times`))] }]);
  });

  it('report a gap in a case log and a read model behind it', () => {
    const s = consistent();
    s.events = s.events.filter((e) => !(e.applicationId === XROAD && e.seq === 4));
    expect(failing(s)[0].offending[0]).toMatch(new RegExp(`^${XROAD}: seq not 1..7.*read model at seq 8, log has 7`));
  });

  it('report a decision missing from the case or from the read model', () => {
    const s = consistent();
    s.readModel[PORTAL] = { status: 'IN_HANDLING', lastSeq: 8, decisionText: null };
    s.workflows[XROAD] = { status: 'IN_HANDLING', decisionText: null, decisionMessageId: null };
    s.decisionDocuments = [];
    const result = failing(s);
    expect(result.map((r) => r.name)).toEqual(['every application reached DECIDED', 'no decision lost (case and read model)']);
    expect(result[0].offending).toEqual([`${XROAD}: IN_HANDLING`]);
    expect(result[1].offending).toEqual([
      `${PORTAL}: the read model has IN_HANDLING, decision null`,
      `${XROAD}: the case does not have the decision given; the case's decision document is not message ${XROAD}-dec; no stored decision document`,
    ]);
  });

  it('report an application or supplement answer the authority holds twice, and a message re-sent under a new id', () => {
    const s = consistent();
    s.authority[0] = { ...s.authority[0], messageIds: ['out-1', 'out-2', 'out-3'], supplements: 2 };
    s.exchange.push({ id: 'out-3', applicationId: XROAD, direction: 'outbound', type: 'supplement', status: 'delivered' });
    expect(failing(s)).toEqual([
      { name: 'the authority holds each xroad application and supplement answer exactly once', offending: [`${XROAD}: 2 supplement answers`] },
      { name: 'outbox and inbox: every message delivered or applied once', offending: [`${XROAD}: 2 supplement messages`] },
    ]);
    s.authority.push({ ...s.authority[0] });
    expect(failing(s)[0].offending[0]).toBe(`${XROAD}: held 2 times`);
  });

  it('report a message the authority holds that the platform never recorded, and one sent but never held', () => {
    const s = consistent();
    s.authority[0].messageIds = ['out-1', 'stray'];
    expect(failing(s)[0].offending).toEqual([`${XROAD}: messages the platform never recorded sending: stray; sent but not held: out-2`]);
  });

  it('report an undelivered outbound message and an inbound one never applied', () => {
    const s = consistent();
    s.exchange[1].status = 'pending';
    s.exchange[2].status = 'received';
    expect(failing(s)).toEqual([{ name: 'outbox and inbox: every message delivered or applied once', offending: [`${XROAD}: outbound supplement out-2 pending; inbound decision ${XROAD}-dec received`] }]);
  });

  it('report failed workflows and stuck applications', () => {
    const s = consistent();
    s.temporalProblems = [{ workflowId: PORTAL, status: 'FAILED' }];
    s.applications.push({ index: 2, mode: 'portal', applicationId: null, decisionText: 'x', decisionMessageId: null, stuck: 'portal #2 start did not succeed in time' });
    expect(failing(s)).toEqual([
      { name: 'every application reached DECIDED', offending: ['portal #2 (never started): stuck at portal #2 start did not succeed in time'] },
      { name: 'Temporal: no workflow failed, terminated or timed out', offending: [`${PORTAL}: FAILED`] },
    ]);
  });
});
