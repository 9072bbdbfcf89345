import type { Knex } from 'knex';

/**
 * Authorities and the permit services they handle, seeded with real Finnish permit types until the
 * catalogue issue fills the table from PTV. Business ids are left null where not verified.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('authorities', (t) => {
    t.text('id').primary();
    t.jsonb('names').notNullable();
    t.text('business_id').nullable();
    t.text('virtu_home_organization').unique().nullable();
    t.text('email').nullable();
    t.timestamps(true, true);
  });
  await knex.schema.createTable('permit_services', (t) => {
    t.text('id').primary();
    t.jsonb('names').notNullable();
    t.jsonb('descriptions').notNullable();
    t.text('authority_id').notNullable().references('id').inTable('authorities');
    t.text('handling_mode').notNullable().checkIn(['portal', 'xroad']);
    t.text('required_loa').notNullable().checkIn(['low', 'substantial', 'high']);
    t.jsonb('form_schema').notNullable();
    t.integer('handling_time_days').notNullable().checkPositive();
    t.integer('supplement_deadline_days').notNullable().checkPositive();
    t.integer('draft_expiry_days').notNullable().checkPositive();
    t.integer('acknowledgement_deadline_days').notNullable().checkPositive();
    t.integer('appeal_period_days').notNullable().checkPositive();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamps(true, true);
  });

  await knex('authorities').insert([
    {
      id: 'lvv',
      names: JSON.stringify({ fi: 'Lupa- ja valvontavirasto', sv: 'Tillstånds- och tillsynsverket', en: 'Permit and Supervision Agency' }),
      business_id: null,
      virtu_home_organization: 'lvv.fi',
      email: 'kirjaamo@lvv.fi',
    },
    {
      id: 'tukes',
      names: JSON.stringify({ fi: 'Turvallisuus- ja kemikaalivirasto', sv: 'Säkerhets- och kemikalieverket', en: 'Finnish Safety and Chemicals Agency' }),
      business_id: null,
      virtu_home_organization: 'tukes.fi',
      email: 'kirjaamo@tukes.fi',
    },
  ]);

  const portal = { handling_mode: 'portal', supplement_deadline_days: 30, draft_expiry_days: 90, acknowledgement_deadline_days: 14, appeal_period_days: 30, active: true };
  await knex('permit_services').insert([
    {
      ...portal,
      id: 'ymparistolupa',
      authority_id: 'lvv',
      required_loa: 'substantial',
      handling_time_days: 180,
      names: JSON.stringify({ fi: 'Ympäristölupa', sv: 'Miljötillstånd', en: 'Environmental permit' }),
      descriptions: JSON.stringify({
        fi: 'Ympäristönsuojelulain mukainen lupa toiminnalle, josta voi aiheutua ympäristön pilaantumista, kuten teollisuuslaitokselle, eläinsuojalle tai jätteenkäsittelylle.',
        sv: 'Tillstånd enligt miljöskyddslagen för verksamhet som kan medföra förorening av miljön, till exempel en industrianläggning, ett djurstall eller avfallshantering.',
        en: 'Permit under the Environmental Protection Act for activities that may pollute the environment, such as an industrial plant, an animal shelter or waste treatment.',
      }),
      form_schema: JSON.stringify(environmentalPermitForm),
    },
    {
      ...portal,
      id: 'vesitalouslupa',
      authority_id: 'lvv',
      required_loa: 'substantial',
      handling_time_days: 240,
      names: JSON.stringify({ fi: 'Vesitalouslupa', sv: 'Tillstånd enligt vattenlagen', en: 'Water resources permit' }),
      descriptions: JSON.stringify({
        fi: 'Vesilain mukainen lupa vesitaloushankkeelle, kuten vesistöön rakentamiselle, ruoppaukselle tai pohjaveden ottamiselle.',
        sv: 'Tillstånd enligt vattenlagen för ett vattenhushållningsprojekt, till exempel byggande i vattendrag, muddring eller uttag av grundvatten.',
        en: 'Permit under the Water Act for a water resources project, such as building in a water body, dredging or groundwater abstraction.',
      }),
      form_schema: JSON.stringify(waterPermitForm),
    },
    {
      ...portal,
      id: 'kemikaalilupa',
      authority_id: 'tukes',
      required_loa: 'high',
      handling_time_days: 180,
      names: JSON.stringify({
        fi: 'Lupa vaarallisten kemikaalien laajamittaiseen teolliseen käsittelyyn ja varastointiin',
        sv: 'Tillstånd för omfattande industriell hantering och upplagring av farliga kemikalier',
        en: 'Permit for large-scale industrial handling and storage of hazardous chemicals',
      }),
      descriptions: JSON.stringify({
        fi: 'Kemikaaliturvallisuuslain mukainen lupa tuotantolaitokselle, jossa käsitellään tai varastoidaan vaarallisia kemikaaleja laajamittaisesti.',
        sv: 'Tillstånd enligt lagen om kemikaliesäkerhet för en produktionsanläggning där farliga kemikalier hanteras eller upplagras i stor omfattning.',
        en: 'Permit under the Chemicals Safety Act for a production plant that handles or stores hazardous chemicals on a large scale.',
      }),
      form_schema: JSON.stringify(chemicalsPermitForm),
    },
  ]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('permit_services');
  await knex.schema.dropTableIfExists('authorities');
}

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

const siteAddress = {
  type: 'object',
  title: 'Toiminnan sijainti / Verksamhetens plats / Site',
  properties: {
    street: { type: 'string', title: 'Katuosoite / Gatuadress / Street address', minLength: 1, maxLength: 200 },
    postalCode: { type: 'string', title: 'Postinumero / Postnummer / Postal code', pattern: '^[0-9]{5}$' },
    municipality: { type: 'string', title: 'Kunta / Kommun / Municipality', minLength: 1, maxLength: 100 },
    propertyId: { type: 'string', title: 'Kiinteistötunnus / Fastighetsbeteckning / Property identifier', pattern: '^[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,4}-[0-9]{1,4}$' },
  },
  required: ['street', 'postalCode', 'municipality'],
  additionalProperties: false,
};

const contactPerson = {
  type: 'object',
  title: 'Yhteyshenkilö / Kontaktperson / Contact person',
  properties: {
    name: { type: 'string', title: 'Nimi / Namn / Name', minLength: 1, maxLength: 200 },
    email: { type: 'string', title: 'Sähköposti / E-post / Email', format: 'email' },
    phone: { type: 'string', title: 'Puhelin / Telefon / Phone', pattern: '^\\+?[0-9 ]{6,20}$' },
  },
  required: ['name', 'email'],
  additionalProperties: false,
};

const environmentalPermitForm = {
  $schema: DRAFT_2020_12,
  title: 'Ympäristölupahakemus / Ansökan om miljötillstånd / Environmental permit application',
  type: 'object',
  properties: {
    operatorName: { type: 'string', title: 'Toiminnanharjoittaja / Verksamhetsutövare / Operator', minLength: 1, maxLength: 200 },
    activityType: {
      type: 'string',
      title: 'Toiminnan laji / Typ av verksamhet / Type of activity',
      enum: ['industrial_plant', 'animal_shelter', 'waste_treatment', 'energy_production', 'mining', 'other'],
    },
    site: siteAddress,
    activityDescription: { type: 'string', title: 'Toiminnan kuvaus / Beskrivning av verksamheten / Description of the activity', minLength: 1, maxLength: 20000 },
    emissions: { type: 'string', title: 'Päästöt ja niiden rajoittaminen / Utsläpp och deras begränsning / Emissions and their limitation', maxLength: 20000 },
    plannedStart: { type: 'string', title: 'Suunniteltu aloituspäivä / Planerat startdatum / Planned start date', format: 'date' },
    contact: contactPerson,
  },
  required: ['operatorName', 'activityType', 'site', 'activityDescription', 'contact'],
  additionalProperties: false,
};

const waterPermitForm = {
  $schema: DRAFT_2020_12,
  title: 'Vesitalouslupahakemus / Ansökan om tillstånd enligt vattenlagen / Water resources permit application',
  type: 'object',
  properties: {
    projectName: { type: 'string', title: 'Hankkeen nimi / Projektets namn / Project name', minLength: 1, maxLength: 200 },
    projectType: {
      type: 'string',
      title: 'Hankkeen laji / Typ av projekt / Type of project',
      enum: ['construction_in_water', 'dredging', 'groundwater_abstraction', 'water_regulation', 'drainage', 'other'],
    },
    waterBody: { type: 'string', title: 'Vesistö tai pohjavesialue / Vattendrag eller grundvattenområde / Water body or groundwater area', minLength: 1, maxLength: 200 },
    site: siteAddress,
    description: { type: 'string', title: 'Hankkeen kuvaus / Beskrivning av projektet / Description of the project', minLength: 1, maxLength: 20000 },
    abstractionM3PerDay: { type: 'number', title: 'Vedenotto m³/vrk / Vattenuttag m³/dygn / Abstraction m³/day', minimum: 0 },
    affectedParties: { type: 'string', title: 'Asianosaiset / Sakägare / Affected parties', maxLength: 20000 },
    contact: contactPerson,
  },
  required: ['projectName', 'projectType', 'waterBody', 'site', 'description', 'contact'],
  additionalProperties: false,
};

const chemicalsPermitForm = {
  $schema: DRAFT_2020_12,
  title: 'Kemikaalilupahakemus / Ansökan om kemikalietillstånd / Hazardous chemicals permit application',
  type: 'object',
  properties: {
    companyName: { type: 'string', title: 'Yritys / Företag / Company', minLength: 1, maxLength: 200 },
    plantName: { type: 'string', title: 'Tuotantolaitos / Produktionsanläggning / Production plant', minLength: 1, maxLength: 200 },
    site: siteAddress,
    seveso: { type: 'string', title: 'Seveso-luokka / Seveso-klass / Seveso tier', enum: ['none', 'lower', 'upper'] },
    chemicals: {
      type: 'array',
      title: 'Vaaralliset kemikaalit / Farliga kemikalier / Hazardous chemicals',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', title: 'Kemikaali / Kemikalie / Chemical', minLength: 1, maxLength: 200 },
          casNumber: { type: 'string', title: 'CAS-numero / CAS-nummer / CAS number', pattern: '^[0-9]{2,7}-[0-9]{2}-[0-9]$' },
          hazardClass: { type: 'string', title: 'Vaaraluokka / Faroklass / Hazard class', maxLength: 100 },
          maxQuantityTonnes: { type: 'number', title: 'Enimmäismäärä (t) / Största mängd (t) / Maximum quantity (t)', exclusiveMinimum: 0 },
        },
        required: ['name', 'maxQuantityTonnes'],
        additionalProperties: false,
      },
    },
    safetyReportAttached: { type: 'boolean', title: 'Turvallisuusselvitys liitetty / Säkerhetsrapport bifogad / Safety report attached' },
    description: { type: 'string', title: 'Toiminnan kuvaus / Beskrivning av verksamheten / Description of the activity', minLength: 1, maxLength: 20000 },
    contact: contactPerson,
  },
  required: ['companyName', 'plantName', 'site', 'seveso', 'chemicals', 'description', 'contact'],
  additionalProperties: false,
};
