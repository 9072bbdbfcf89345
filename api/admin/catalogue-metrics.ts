import type { Knex } from 'knex';
import { Gauge, type Registry } from 'prom-client';

/**
 * The catalogue's freshness for operators: when each linked PTV organisation's services were last
 * synchronised (its least recently synchronised service; 0 while one never was). Deliberately not a
 * /health component: applications go on from the last synchronised catalogue while PTV is down, but a
 * sync that has not succeeded for a few intervals needs an operator (alert on `time() - value`).
 */
export function registerCatalogueMetrics(registry: Registry, db: Knex): void {
  new Gauge({
    name: 'lupaflow_ptv_catalogue_synced_timestamp_seconds',
    help: 'Unix time of the last synchronisation from PTV of the least recently synchronised service, by PTV organisation.',
    labelNames: ['organisation'],
    registers: [registry],
    async collect() {
      let rows: { organisation: string; synced: Date | null; never: boolean }[];
      try {
        rows = await db('permit_services')
          .select('ptv_organisation_id as organisation')
          .min('synced_at as synced')
          .select(db.raw('bool_or(synced_at is null) as never'))
          .whereNotNull('ptv_service_id').whereNotNull('ptv_organisation_id')
          .groupBy('ptv_organisation_id');
      } catch {
        return; // The database's own probe (/health) reports it; the other metrics must still be served.
      }
      this.reset();
      for (const r of rows) this.set({ organisation: r.organisation }, r.never || !r.synced ? 0 : Math.floor(new Date(r.synced).getTime() / 1000));
    },
  });
}
