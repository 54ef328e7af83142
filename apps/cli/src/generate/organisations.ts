import type { Faker } from '@faker-js/faker';
import { contentHash, questionCount, REFERENCE_TEMPLATES, TemplateDefinition, titleOf } from '@ddp/questionnaires';
import { addDaysTo, at, Plan } from './plan';
import { generatedId, randomFor } from './random';
import { AUDIT_BODIES, authorityProfile, AuthorityProfile, registrationNumber, slug, SUPPLIER_COUNTRIES, SupplierCountry, supplierName } from './realism';
import { TableRows } from './writer';

/** The fakers by locale, loaded lazily by the caller (faker is a dev dependency). */
export type Fakers = Record<'nl_BE' | 'fr_BE' | 'fr' | 'nl' | 'de' | 'en' | 'cs' | 'hu' | 'pl' | 'vi', Faker>;

export type OrgKind = 'authority' | 'supplier' | 'audit';

/** Users per organisation: the first is the admin. */
export const USERS_PER_ORGANISATION: Record<OrgKind, number> = { authority: 4, supplier: 2, audit: 2 };

/** The organisation's id and its users' ids, from indexes alone. */
export const orgId = (plan: Plan, kind: OrgKind, n: number): string => generatedId(plan.seed, `org:${kind}`, n);
export const userId = (plan: Plan, kind: OrgKind, n: number, k: number): string => generatedId(plan.seed, `user:${kind}`, `${n}:${k}`);
export const templateId = (plan: Plan, authority: number, family: number): string => generatedId(plan.seed, 'template', `${authority}:${family}`);

/** Days between the first authority's created_at and the data's "today" (how a resumed run finds its today). */
export const ANCHOR_DAYS = 1826;

export function authorityOf(plan: Plan, n: number): AuthorityProfile {
  return authorityProfile(n, randomFor(plan.seed, 'authority', n));
}

export function supplierCountry(plan: Plan, n: number): SupplierCountry {
  return randomFor(plan.seed, 'supplier-country', n).weighted(SUPPLIER_COUNTRIES);
}

/** The supplier's name: the faker seeded per supplier, so it is the same whenever it is asked for. */
export function supplierNameOf(plan: Plan, fakers: Fakers, n: number): string {
  const country = supplierCountry(plan, n);
  const faker = fakerFor(fakers, country, 'en');
  faker.seed(plan.seed * 1_000_003 + n);
  return supplierName(country, faker, randomFor(plan.seed, 'supplier-name', n));
}

export function fakerFor(fakers: Fakers, country: string, language: string): Faker {
  switch (country) {
    case 'BE':
      return language === 'fr' ? fakers.fr_BE : fakers.nl_BE;
    case 'FR':
      return fakers.fr;
    case 'NL':
      return fakers.nl;
    case 'DE':
      return fakers.de;
    case 'CZ':
      return fakers.cs;
    case 'HU':
      return fakers.hu;
    case 'PL':
      return fakers.pl;
    case 'VN':
      return fakers.vi;
    default:
      return fakers.en;
  }
}

export interface OrganisationTables {
  organisations: TableRows;
  users: TableRows;
  templates: TableRows;
}

export function organisationTables(): OrganisationTables {
  return {
    organisations: new TableRows('organisations', [
      ['id', 'uuid'], ['name', 'text'], ['kind', 'text'], ['country', 'text'], ['registration_number', 'text'], ['preferred_language', 'text'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    users: new TableRows('users', [
      ['id', 'uuid'], ['organisation_id', 'uuid'], ['email', 'text'], ['name', 'text'], ['role', 'text'], ['password_hash', 'text'], ['last_login_at', 'timestamptz'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
    ]),
    templates: new TableRows('questionnaire_templates', [
      ['id', 'uuid'], ['family_id', 'uuid'], ['version_number', 'int'], ['owner_id', 'uuid'], ['status', 'text'], ['title', 'text'], ['definition', 'jsonb'], ['question_count', 'int'],
      ['content_hash', 'text'], ['created_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['published_by', 'uuid'], ['published_at', 'timestamptz'],
    ]),
  };
}

/** An authority's copy of each reference template, titled with the authority's name. */
export function authorityDefinition(family: number, authorityName: string): TemplateDefinition {
  const reference = REFERENCE_TEMPLATES[family].definition as unknown as TemplateDefinition;
  const title = Object.fromEntries(Object.entries(reference.title).map(([lang, text]) => [lang, `${text} – ${authorityName}`.slice(0, 200)]));
  return { ...reference, title } as TemplateDefinition;
}

/** The template families of every authority (the reference quick scan and full assessment). */
export const TEMPLATE_FAMILIES = REFERENCE_TEMPLATES.length;

interface OrgIdentity {
  id: string;
  name: string;
  country: string;
  language: string;
}

/** The people of an organisation (first one is the admin) and their addresses, from the faker seeded per organisation. */
export function peopleOf(plan: Plan, fakers: Fakers, kind: OrgKind, n: number, org: OrgIdentity): { name: string; email: string }[] {
  const faker = fakerFor(fakers, org.country, org.language);
  faker.seed(plan.seed * 7_919 + n * 31 + kind.length);
  const domain = `${slug(org.name, 20) || kind}-${kind[0]}${n}.example`;
  const taken = new Set<string>();
  const people: { name: string; email: string }[] = [];
  for (let k = 0; k < USERS_PER_ORGANISATION[kind]; k++) {
    const first = faker.person.firstName();
    const last = faker.person.lastName();
    let local = `${slug(first, 20) || 'user'}.${slug(last, 30) || k}`.replace(/-/g, '.');
    if (taken.has(local)) local = `${local}${k}`;
    taken.add(local);
    people.push({ name: `${first} ${last}`.slice(0, 200), email: `${local}@${domain}` });
  }
  return people;
}

export function organisationIdentity(plan: Plan, fakers: Fakers, kind: OrgKind, n: number): OrgIdentity {
  switch (kind) {
    case 'authority': {
      const profile = authorityOf(plan, n);
      return { id: orgId(plan, kind, n), name: profile.name, country: profile.country, language: profile.language };
    }
    case 'supplier': {
      const country = supplierCountry(plan, n);
      return { id: orgId(plan, kind, n), name: supplierNameOf(plan, fakers, n), country, language: supplierLanguage(plan, n, country) };
    }
    case 'audit':
      return { id: orgId(plan, kind, n), name: auditBodyName(n), country: n % 3 === 2 ? 'NL' : 'BE', language: 'en' };
  }
}

function supplierLanguage(plan: Plan, n: number, country: string): string {
  if (country === 'BE') return randomFor(plan.seed, 'supplier-language', n).chance(0.55) ? 'nl' : 'fr';
  return country === 'FR' ? 'fr' : country === 'NL' ? 'nl' : country === 'DE' ? 'de' : 'en';
}

function auditBodyName(n: number): string {
  return `${AUDIT_BODIES[n % AUDIT_BODIES.length]}${n >= AUDIT_BODIES.length ? ` ${Math.floor(n / AUDIT_BODIES.length) + 1}` : ''}`;
}

function addUsers(plan: Plan, t: OrganisationTables, fakers: Fakers, kind: OrgKind, n: number, org: OrgIdentity, createdOn: string, passwordHash: string): void {
  peopleOf(plan, fakers, kind, n, org).forEach((person, k) => {
    const created = at(addDaysTo(createdOn, k * 3), 9 + k);
    const login = randomFor(plan.seed, `login:${kind}`, n * 10 + k);
    const lastLogin = login.chance(0.7) ? at(addDaysTo(plan.today, -login.int(0, 60)), 8 + k) : null;
    t.users.add(userId(plan, kind, n, k), org.id, person.email, person.name, k === 0 ? 'admin' : 'member', passwordHash, lastLogin, created, created);
  });
}

/** The admin's address of an organisation, cached for the chunk (mails go to it). */
export function addressBook(plan: Plan, fakers: Fakers): (kind: 'supplier' | 'authority', n: number) => string {
  const cache = new Map<string, string>();
  return (kind, n) => {
    const key = `${kind}:${n}`;
    let email = cache.get(key);
    if (!email) {
      email = peopleOf(plan, fakers, kind, n, organisationIdentity(plan, fakers, kind, n))[0].email;
      cache.set(key, email);
    }
    return email;
  };
}

export function authorityRows(plan: Plan, t: OrganisationTables, fakers: Fakers, n: number, passwordHash: string): void {
  const org = organisationIdentity(plan, fakers, 'authority', n);
  const createdOn = addDaysTo(plan.today, -ANCHOR_DAYS + (n === 0 ? 0 : randomFor(plan.seed, 'authority-created', n).int(1, 400)));
  t.organisations.add(org.id, org.name.slice(0, 200), 'contracting_authority', org.country, registrationNumber(org.country, n), org.language, at(createdOn, 8), at(createdOn, 8));
  addUsers(plan, t, fakers, 'authority', n, org, createdOn, passwordHash);
  const admin = userId(plan, 'authority', n, 0);
  for (let family = 0; family < TEMPLATE_FAMILIES; family++) {
    const definition = authorityDefinition(family, org.name);
    const published = at(addDaysTo(createdOn, 20 + family * 5), 10);
    t.templates.add(
      templateId(plan, n, family), generatedId(plan.seed, 'template-family', `${n}:${family}`), 1, org.id, 'published', titleOf(definition), JSON.stringify(definition), questionCount(definition),
      contentHash(definition), admin, published, published, admin, published,
    );
  }
}

export function supplierRows(plan: Plan, t: OrganisationTables, fakers: Fakers, n: number, passwordHash: string): void {
  const org = organisationIdentity(plan, fakers, 'supplier', n);
  const createdOn = addDaysTo(plan.today, -ANCHOR_DAYS + randomFor(plan.seed, 'supplier-created', n).int(30, 600));
  // Registration numbers share one number space with the authorities and audit bodies (unique per country).
  t.organisations.add(org.id, org.name.slice(0, 200), 'supplier', org.country, registrationNumber(org.country, plan.options.authorities + n), org.language, at(createdOn, 8), at(createdOn, 8));
  addUsers(plan, t, fakers, 'supplier', n, org, createdOn, passwordHash);
}

export function auditBodyRows(plan: Plan, t: OrganisationTables, fakers: Fakers, n: number, passwordHash: string): void {
  const org = organisationIdentity(plan, fakers, 'audit', n);
  const createdOn = addDaysTo(plan.today, -ANCHOR_DAYS + 10);
  t.organisations.add(org.id, org.name, 'audit_body', org.country, registrationNumber(org.country, plan.options.authorities + plan.options.suppliers + n), 'en', at(createdOn, 8), at(createdOn, 8));
  addUsers(plan, t, fakers, 'audit', n, org, createdOn, passwordHash);
}
