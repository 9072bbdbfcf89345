import type { Knex } from 'knex';

/** The next application number, `LV-<year>-<6 digits>`, from a sequence that never hands out one twice. */
export async function nextApplicationNumber(db: Knex, now = new Date()): Promise<string> {
  const { rows } = await db.raw<{ rows: { n: string }[] }>("select nextval('application_number_seq') as n");
  return `LV-${now.getUTCFullYear()}-${String(rows[0].n).padStart(6, '0')}`;
}
