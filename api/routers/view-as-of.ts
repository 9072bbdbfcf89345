import type { ApplicationView } from '../../workflows/application/messages';

/**
 * A case view from the read model, brought forward to `now`. The workflow stores its view as of each
 * event (`updatedAt`); between events only a running handling clock moves, so only that is advanced.
 */
export function viewAsOf(view: ApplicationView, now: number): ApplicationView {
  const clock = view.handlingClock;
  if (!clock.running) return view;
  // A clock behind the workflow's (another host) must not make the counted time go backwards.
  const since = Math.max(0, now - Date.parse(view.updatedAt));
  return { ...view, handlingClock: { ...clock, elapsedMs: clock.elapsedMs + since } };
}
