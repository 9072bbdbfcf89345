/**
 * Ctrl-C or SIGTERM for a tool that owns processes and a data dir (the bench, the multi-node run): say
 * so, run the cleanup once (a relayed Ctrl-C can arrive twice), then exit 130.
 */
export function onInterrupt(cleanup: () => Promise<void>, say: (line: string) => void, what: string): void {
  let interrupted = false;
  const handler = (signal: NodeJS.Signals) => {
    if (interrupted) return;
    interrupted = true;
    say(`${signal}: ${what}…`);
    void cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
