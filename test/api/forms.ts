/** Forms of the seeded environmental permit service (ymparistolupa, handled by the authority `lvv`). */

export const SERVICE_ID = 'ymparistolupa';

export const completeForm = {
  operatorName: 'Testilän Saha Oy',
  activityType: 'industrial_plant',
  site: { street: 'Sahatie 1', postalCode: '33100', municipality: 'Tampere' },
  activityDescription: 'Sahalaitos, jonka kapasiteetti on 50 000 m³ sahatavaraa vuodessa.',
  contact: { name: 'Tessa Testilä', email: 'tessa.testila@example.fi' },
};

/** A draft as it is while being filled in: some fields only. */
export const partialForm = { operatorName: 'Testilän Saha Oy', site: { municipality: 'Tampere' } };
