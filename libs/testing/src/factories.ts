import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { Database, OrganisationKind, RequestContext, UserRole } from '@ddp/core';
import { BootstrapService, Organisation, OrganisationsService, PasswordService, User } from '@ddp/identity';
import { TestApp } from './test-app';

export const TEST_PASSWORD = 'Correct-Horse-Battery-42';

export interface TestActor {
  organisation: Organisation;
  user: User;
  password: string;
  accessToken: string;
  refreshToken: string;
  /** `Authorization` header value. */
  auth: string;
}

const unique = (): string => randomBytes(4).toString('hex');

/** A new organisation; for `platform`, the one operator organisation (created at start with the reference templates). */
export async function createOrganisation(t: TestApp, kind: OrganisationKind, name = `${kind} ${unique()}`): Promise<Organisation> {
  if (kind === 'platform') return t.app.get(BootstrapService).ensurePlatformOrganisation(RequestContext.system());
  return t.app.get(OrganisationsService).create(RequestContext.system(), { name, kind, country: 'BE', preferredLanguage: 'en' });
}

export async function createUser(t: TestApp, organisation: Organisation, role: UserRole, password = TEST_PASSWORD): Promise<User> {
  const db = t.app.get(Database);
  const repo = db.repo(RequestContext.system(), User);
  const user = repo.create({
    organisationId: organisation.id,
    email: `${role}.${unique()}@${organisation.kind.replace(/_/g, '-')}.test`,
    name: `Test ${role}`,
    role,
    passwordHash: await t.app.get(PasswordService).hash(password),
    status: 'active',
    lastLoginAt: null,
  });
  return repo.save(user);
}

export async function login(t: TestApp, email: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
  const response = await request(t.http).post('/api/v1/auth/login').send({ email, password }).expect(200);
  return response.body as { accessToken: string; refreshToken: string };
}

/** An organisation of `kind` with a logged-in user of `role` (a new organisation unless one is given). */
export async function createActor(t: TestApp, kind: OrganisationKind, role: UserRole = 'admin', organisation?: Organisation): Promise<TestActor> {
  const org = organisation ?? (await createOrganisation(t, kind));
  const user = await createUser(t, org, role);
  const tokens = await login(t, user.email, TEST_PASSWORD);
  return { organisation: org, user, password: TEST_PASSWORD, ...tokens, auth: `Bearer ${tokens.accessToken}` };
}
