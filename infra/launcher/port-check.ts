import { isListening } from './ports';

/** Fails with one line per port already taken, naming the variable that moves it. */
export async function assertPortsFree(ports: { port: number; variable: string }[]): Promise<void> {
  const taken = [];
  for (const entry of ports) if (await isListening(entry.port)) taken.push(entry);
  if (taken.length === 0) return;
  throw new Error(
    taken.map(({ port, variable }) =>
      `Port ${port} (${variable}) is already in use: is another \`npm start\` (or a process it left behind) running? ` +
      `Stop it, or set ${variable} to a free port.`).join('\n'),
  );
}
