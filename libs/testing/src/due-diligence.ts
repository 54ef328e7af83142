import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { TestActor } from './factories';
import { TestApp } from './test-app';

const unique = (): string => randomBytes(4).toString('hex');

/** A small template in en/fr/nl exercising the colour rules: yes/no with a red flag, a number range, a condition, a file question. */
export function smallDefinition(scoring: Record<string, unknown> = { method: 'worst' }): Record<string, unknown> {
  const t = (en: string) => ({ en, fr: `${en} (fr)`, nl: `${en} (nl)` });
  const yesNo = (yes: string, no: string, redFlag = false) => [
    { value: 'yes', label: t('Yes'), colour: yes, ...(redFlag && yes === 'red' ? { redFlag: true } : {}) },
    { value: 'no', label: t('No'), colour: no },
  ];
  return {
    languages: ['en', 'fr', 'nl'],
    title: t(`Test template ${unique()}`),
    scoring,
    sections: [
      {
        code: 'FL',
        title: t('Forced labour'),
        questions: [
          { code: 'FL-01', theme: 'forced_labour', type: 'yes_no', required: true, text: t('Are identity documents retained?'), options: yesNo('red', 'green', true) },
          { code: 'FL-02', theme: 'forced_labour', type: 'yes_no', required: true, text: t('Do you employ migrant workers?'), options: yesNo('green', 'green') },
          {
            code: 'FL-03',
            theme: 'forced_labour',
            type: 'single_choice',
            required: true,
            text: t('Who pays recruitment fees?'),
            condition: { questionCode: 'FL-02', anyOf: ['yes'] },
            options: [
              { value: 'employer', label: t('The employer'), colour: 'green' },
              { value: 'shared', label: t('Shared'), colour: 'amber' },
              { value: 'worker', label: t('The worker'), colour: 'red', redFlag: true },
            ],
          },
        ],
      },
      {
        code: 'HW',
        title: t('Hours and wages'),
        questions: [
          {
            code: 'HW-01',
            theme: 'working_hours_wages',
            type: 'number',
            required: true,
            unit: 'h/week',
            min: 0,
            max: 168,
            text: t('Maximum weekly hours'),
            ranges: [
              { max: 60.01, colour: 'green' },
              { min: 60.01, max: 72, colour: 'amber' },
              { min: 72, colour: 'red' },
            ],
          },
          { code: 'HW-02', theme: 'working_hours_wages', type: 'text', required: false, text: t('Comments on wages') },
          { code: 'MS-01', theme: 'management_system', type: 'file', required: true, text: t('Upload your human-rights policy') },
        ],
      },
    ],
  };
}

/** A published template of the authority actor (must be an admin). */
export async function publishedTemplate(t: TestApp, admin: TestActor, definition = smallDefinition()): Promise<{ id: string; version: number }> {
  const created = await request(t.http).post('/api/v1/questionnaire-templates').set('authorization', admin.auth).send({ definition }).expect(201);
  const published = await request(t.http).post(`/api/v1/questionnaire-templates/${created.body.id}/publish`).set('authorization', admin.auth).expect(200);
  return { id: published.body.id as string, version: published.body.version as number };
}

/** A contract between the authority actor's organisation and an existing supplier organisation. */
export async function createContract(t: TestApp, buyer: TestActor, supplier: TestActor, overrides: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  // The supplier is named by its registration number, as a buyer would (it is matched, not created).
  const registration = await ensureRegistration(t, supplier);
  const response = await request(t.http)
    .post('/api/v1/contracts')
    .set('authorization', buyer.auth)
    .send({
      reference: `REF-${unique()}`,
      title: 'Laptops 2027-2030',
      supplier: { name: supplier.organisation.name, country: 'BE', registrationNumber: registration, contactEmail: `contact.${unique()}@supplier.test` },
      startDate: '2026-01-01',
      endDate: '2030-12-31',
      valueCents: 125_000_000,
      currency: 'EUR',
      ...overrides,
    })
    .expect(201);
  return { id: response.body.id as string, version: response.body.version as number };
}

/** Gives the actor's organisation a (valid, unique) Belgian enterprise number if it has none; returns it. */
export async function ensureRegistration(t: TestApp, actor: TestActor): Promise<string> {
  const { rows } = await t.sql.query<{ registration_number: string | null }>('SELECT registration_number FROM organisations WHERE id = $1', [actor.organisation.id]);
  if (rows[0].registration_number) return rows[0].registration_number;
  for (;;) {
    const number = belgianEnterpriseNumber();
    const taken = await t.sql.query('SELECT 1 FROM organisations WHERE country = $1 AND registration_number = $2', ['BE', number]);
    if (taken.rowCount === 0) {
      await t.sql.query('UPDATE organisations SET registration_number = $2 WHERE id = $1', [actor.organisation.id, number]);
      return number;
    }
  }
}

/** A random, valid Belgian enterprise number (mod-97 check digits), formatted 0123.456.789. */
export function belgianEnterpriseNumber(): string {
  const body = `0${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const digits = `${body}${String(97 - (Number(body) % 97)).padStart(2, '0')}`;
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}
