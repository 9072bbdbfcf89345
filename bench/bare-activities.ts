/** The bare workflow's one activity: does nothing, so only Temporal's own cost is measured. */
export const bareActivities = {
  async noop(): Promise<void> {},
};

export type BareActivities = typeof bareActivities;
