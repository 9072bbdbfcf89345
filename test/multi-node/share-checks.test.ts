import { countRequests } from '../../scripts/multi-node/api-share';
import { checkShare } from '../../scripts/multi-node/share-checks';
import { countWorkShare } from '../../scripts/multi-node/work-share';

const at = (ms: number) => ({ seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 });
const workflowTask = (identity: string, ms: number) => ({ eventTime: at(ms), workflowTaskCompletedEventAttributes: { identity } });
const activity = (identity: string, ms: number) => ({ eventTime: at(ms), activityTaskStartedEventAttributes: { identity } });
const workers = [{ name: 'worker-1', pid: 101 }, { name: 'worker-2', pid: 202 }];

describe('[#7] The multi-node run\'s proof that the work was shared', () => {
  it('counts each worker\'s workflow and activity tasks from the history identities, before and after the cut', () => {
    const share = countWorkShare([
      { events: [workflowTask('101@host', 1_000), activity('202@host', 2_000), workflowTask('202@host', 3_000)] },
      { events: [{ eventTime: at(1_500) }, activity('101@host', 2_500), workflowTask('999@elsewhere', 4_000)] },
    ], workers, 2_600);
    expect(share).toEqual({
      cases: 2,
      perWorker: { 'worker-1': { workflowTasks: 1, activityTasks: 1, afterCut: 0 }, 'worker-2': { workflowTasks: 1, activityTasks: 1, afterCut: 1 } },
      unattributed: { workflowTasks: 1, activityTasks: 0, afterCut: 1 },
    });
  });

  it('fails a worker that ran nothing, an API that served nothing, and a task by an unknown worker', () => {
    const share = countWorkShare([{ events: [workflowTask('101@host', 1), activity('101@host', 2), activity('999@x', 3)] }], workers);
    const failed = checkShare({ work: share, requests: { 'api-1': 12, 'api-2': 0 }, xroadConnections: { 'api-1': 3, 'api-2': 0 } }).filter((c) => !c.pass).map((c) => c.check);
    expect(failed).toEqual([
      'worker-2 ran workflow and activity tasks', 'api-2 served requests', 'api-2\'s X-Road provider listener took messages', 'every task ran on one of these workers',
    ]);
  });

  it('fails when the stopped worker ran tasks after it exited or nobody took over', () => {
    const share = countWorkShare([{ events: [workflowTask('101@host', 1_000), activity('101@host', 1_100), workflowTask('202@host', 1_200), activity('202@host', 5_000)] }], workers, 4_000);
    const failed = checkShare({ work: share, requests: { 'api-1': 1 }, xroadConnections: { 'api-1': 0 }, stoppedWorker: 'worker-2' }).filter((c) => !c.pass).map((c) => c.check);
    expect(failed).toEqual(['worker-2 ran nothing after its SIGTERM', 'the other workers took over']);
  });

  it('counts the requests an API served from its /metrics, leaving out the probes', () => {
    const text = [
      '# TYPE http_request_duration_seconds histogram',
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v1/applications/:id",status="200"} 3',
      'http_request_duration_seconds_count{method="GET",route="/api/v1/applications/:id",status="200"} 7',
      'http_request_duration_seconds_count{method="POST",route="/api/v1/applications",status="201"} 5',
      'http_request_duration_seconds_count{method="GET",route="/health",status="200"} 40',
      'http_request_duration_seconds_count{method="GET",route="/metrics",status="200"} 2',
    ].join('\n');
    expect(countRequests(text)).toBe(12);
  });
});
