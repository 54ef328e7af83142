import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { MailOutbox } from '@ddp/core';
import { createActor, createTestApp, deliveredMails, parseEml, ParsedMail, TestActor, TestApp } from '@ddp/testing';

/** Strong enough: 12+ characters, not common, not the email. */
const GOOD_PASSWORD = 'Lente-in-Gent-2026';
const INVITATION_KEYS = ['acceptedAt', 'createdAt', 'email', 'expiresAt', 'id', 'organisationId', 'revokedAt', 'role', 'status'];
const LINK = /http:\/\/portal\.test\/invitations\/accept\?token=([^\s"<>]+)/;

const unique = (): string => randomBytes(4).toString('hex');

describe('invitations', () => {
  let t: TestApp;
  let authority: TestActor;
  let platform: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    authority = await createActor(t, 'contracting_authority', 'admin');
    platform = await createActor(t, 'platform', 'admin');
  });
  afterAll(() => t.close());

  const invite = (actor: TestActor, organisationId: string, email: string, role: 'admin' | 'member' = 'member') =>
    request(t.http).post(`/api/v1/organisations/${organisationId}/invitations`).set('authorization', actor.auth).send({ email, role });

  const accept = (token: string, password = GOOD_PASSWORD, name = 'Jan De Smet') =>
    request(t.http).post('/api/v1/invitations/accept').send({ token, name, password });

  const listInvitations = async (actor: TestActor, organisationId: string): Promise<Array<Record<string, unknown>>> =>
    (await request(t.http).get(`/api/v1/organisations/${organisationId}/invitations`).set('authorization', actor.auth).expect(200)).body;

  async function outboxRows(email: string) {
    const { rows } = await t.sql.query(
      `SELECT id, organisation_id, template, to_address, subject, text_body, html_body, message_id, status, attempts, sent_at, last_error
         FROM mail_outbox WHERE to_address = $1 ORDER BY created_at, id`,
      [email],
    );
    return rows;
  }

  /** Sends what is due (as the worker does) and reads the newest mail to `email` from MAIL_DIR. */
  async function deliveredMail(email: string): Promise<ParsedMail & { outboxId: string; token: string }> {
    const mails = await deliveredMails(t, email, LINK);
    expect(mails.length).toBeGreaterThan(0);
    return mails[mails.length - 1];
  }

  async function invitedWithToken(actor: TestActor, organisationId: string, role: 'admin' | 'member' = 'member') {
    const email = `invitee.${unique()}@gent.example`;
    const created = await invite(actor, organisationId, email, role).expect(201);
    const mail = await deliveredMail(email);
    return { email, invitation: created.body as Record<string, string>, token: mail.token, mail };
  }

  const userCount = async (email: string): Promise<number> =>
    Number((await t.sql.query('SELECT count(*) FROM users WHERE email = $1', [email])).rows[0].count);

  it('an authority admin invites: 201 pending without token, the mail queued in the same transaction', async () => {
    const email = `Jan.Desmet.${unique()}@Gent.example`;
    const res = await invite(authority, authority.organisation.id, email).expect(201);

    expect(Object.keys(res.body).sort()).toEqual(INVITATION_KEYS);
    expect(res.body).toMatchObject({ organisationId: authority.organisation.id, email: email.toLowerCase(), role: 'member', status: 'pending', acceptedAt: null, revokedAt: null });
    const ttl = Date.parse(res.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(7 * 86_400_000);

    const [invitation] = (await t.sql.query('SELECT token_hash, xmin::text AS xid FROM invitations WHERE id = $1', [res.body.id])).rows;
    expect(invitation.token_hash).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toContain(invitation.token_hash);

    const rows = await outboxRows(email.toLowerCase());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organisation_id: authority.organisation.id, template: 'invitation', status: 'pending', attempts: 0, sent_at: null });
    expect(rows[0].text_body).toMatch(LINK);
    // Written by the very transaction that created the invitation.
    const [mailRow] = (await t.sql.query('SELECT xmin::text AS xid FROM mail_outbox WHERE id = $1', [rows[0].id])).rows;
    expect(mailRow.xid).toBe(invitation.xid);

    // The token itself appears nowhere in the API answer, nor in the audit trail.
    const token = decodeURIComponent(LINK.exec(rows[0].text_body)![1]);
    expect(JSON.stringify(res.body)).not.toContain(token);
    const audit = await request(t.http).get('/api/v1/audit-events?limit=200').set('authorization', authority.auth).expect(200);
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'invitation.created', entityId: res.body.id, organisationId: authority.organisation.id, actorUserId: authority.user.id }));
    expect(JSON.stringify(audit.body)).not.toContain(token);
    expect(JSON.stringify(audit.body)).not.toContain(invitation.token_hash);
  });

  it('dispatch writes an .eml with recipient, subject, link and Message-ID, then erases the body from the outbox', async () => {
    const email = `mail.${unique()}@gent.example`;
    await invite(authority, authority.organisation.id, email).expect(201);
    const [queued] = await outboxRows(email);

    const result = await t.app.get(MailOutbox).dispatchDue();
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(result.failed).toBe(0);

    const raw = readFileSync(join(t.config.mailDir, `${queued.id}.eml`), 'utf8');
    const mail = parseEml(raw);
    expect(mail.headers.to).toContain(email);
    expect(mail.headers['message-id']).toBe(queued.message_id);
    expect(mail.headers['message-id']).toMatch(/^<[^@>]+@portal\.test>$/);
    expect(mail.headers['x-outbox-id']).toBe(queued.id);
    expect(mail.subject).toBe(`You are invited to join ${authority.organisation.name} on the Due-Diligence Portal`);
    expect(mail.text).toContain(`Test admin invites you to join ${authority.organisation.name}`);
    const link = LINK.exec(mail.text);
    expect(link).not.toBeNull();
    expect(decodeURIComponent(link![1]).length).toBeGreaterThanOrEqual(20);

    const [sent] = await outboxRows(email);
    expect(sent).toMatchObject({ id: queued.id, status: 'sent', text_body: null, html_body: null, attempts: 1, last_error: null });
    expect(sent.sent_at).toBeInstanceOf(Date);
  });

  it('accepting with the token from the mail creates the user, logs them in, and uses the invitation up', async () => {
    const { email, invitation, token } = await invitedWithToken(authority, authority.organisation.id);

    const res = await accept(token, GOOD_PASSWORD, '  Jan De Smet ').expect(201);
    expect(res.body.user).toEqual({ id: expect.any(String), email, name: 'Jan De Smet', role: 'member', status: 'active' });
    expect(res.body.tokens).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|password_hash/);

    const me = await request(t.http).get('/api/v1/me').set('authorization', `Bearer ${res.body.tokens.accessToken}`).expect(200);
    expect(me.body).toEqual({
      id: res.body.user.id,
      email,
      name: 'Jan De Smet',
      role: 'member',
      organisation: { id: authority.organisation.id, name: authority.organisation.name, kind: 'contracting_authority', preferredLanguage: authority.organisation.preferredLanguage },
    });

    const colleagues = await request(t.http).get(`/api/v1/organisations/${authority.organisation.id}/users`).set('authorization', authority.auth).expect(200);
    expect(colleagues.body.map((u: { id: string }) => u.id)).toContain(res.body.user.id);

    // The password chosen works for login.
    await request(t.http).post('/api/v1/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200);

    const listed = (await listInvitations(authority, authority.organisation.id)).find((i) => i.id === invitation.id);
    expect(listed).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String), revokedAt: null });

    const again = await accept(token, 'Another-Strong-Pass-77').expect(410);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toMatchObject({ status: 410, code: 'invitation_invalid' });
    expect(await userCount(email)).toBe(1);
  });

  it('two simultaneous accepts of one token make one user: 201 and 410', async () => {
    const { email, token } = await invitedWithToken(authority, authority.organisation.id);
    const answers = await Promise.all([accept(token, GOOD_PASSWORD, 'First'), accept(token, 'Another-Strong-Pass-77', 'Second')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 410]);
    expect(answers.find((a) => a.status === 410)!.body.code).toBe('invitation_invalid');
    expect(await userCount(email)).toBe(1);
  });

  it('an unknown token answers 410 invitation_invalid', async () => {
    const res = await accept(randomBytes(32).toString('base64url')).expect(410);
    expect(res.body.code).toBe('invitation_invalid');
  });

  it('an expired invitation cannot be accepted (410) and is listed as expired', async () => {
    const { email, invitation, token } = await invitedWithToken(authority, authority.organisation.id);
    await t.sql.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [invitation.id]);

    const res = await accept(token).expect(410);
    expect(res.body.code).toBe('invitation_invalid');
    expect(await userCount(email)).toBe(0);
    const listed = (await listInvitations(authority, authority.organisation.id)).find((i) => i.id === invitation.id);
    expect(listed?.status).toBe('expired');
    // An expired invitation is no longer revocable.
    const revoke = await request(t.http).delete(`/api/v1/organisations/${authority.organisation.id}/invitations/${invitation.id}`).set('authorization', authority.auth).expect(409);
    expect(revoke.body.code).toBe('conflict');
  });

  it('a revoked invitation cannot be accepted (410); revoking twice answers 409', async () => {
    const { email, invitation, token } = await invitedWithToken(authority, authority.organisation.id);
    const path = `/api/v1/organisations/${authority.organisation.id}/invitations/${invitation.id}`;

    const revoked = await request(t.http).delete(path).set('authorization', authority.auth).expect(200);
    expect(revoked.body).toMatchObject({ id: invitation.id, status: 'revoked', revokedAt: expect.any(String), acceptedAt: null });
    expect(Object.keys(revoked.body).sort()).toEqual(INVITATION_KEYS);

    const res = await accept(token).expect(410);
    expect(res.body.code).toBe('invitation_invalid');
    expect(await userCount(email)).toBe(0);

    const twice = await request(t.http).delete(path).set('authorization', authority.auth).expect(409);
    expect(twice.body).toMatchObject({ status: 409, code: 'conflict' });

    const unknown = await request(t.http).delete(`/api/v1/organisations/${authority.organisation.id}/invitations/${randomUUID()}`).set('authorization', authority.auth).expect(404);
    expect(unknown.body.code).toBe('not_found');
  });

  it('a weak password is refused (400 weak_password) and leaves the invitation pending', async () => {
    const { email, invitation, token } = await invitedWithToken(authority, authority.organisation.id);

    const short = await accept(token, 'Sh0rt-pw!').expect(400);
    expect(short.body).toMatchObject({ code: 'weak_password', errors: [{ field: 'password', message: expect.stringMatching(/12/) }] });
    const common = await accept(token, 'password1234').expect(400);
    expect(common.body).toMatchObject({ code: 'weak_password', errors: [{ field: 'password', message: expect.stringMatching(/common/) }] });
    const commonUpper = await accept(token, 'PASSWORD1234').expect(400);
    expect(commonUpper.body.code).toBe('weak_password');
    const ownEmail = await accept(token, `my-${email.split('@')[0]}-2026`).expect(400);
    expect(ownEmail.body.code).toBe('weak_password');

    expect(await userCount(email)).toBe(0);
    const listed = (await listInvitations(authority, authority.organisation.id)).find((i) => i.id === invitation.id);
    expect(listed).toMatchObject({ status: 'pending', acceptedAt: null });

    const ok = await accept(token).expect(201);
    expect(ok.body.user.email).toBe(email);
  });

  it('a member may not invite (403) nor list invitations, and nothing is queued', async () => {
    const member = await createActor(t, 'contracting_authority', 'member', authority.organisation);
    const email = `by-member.${unique()}@gent.example`;

    const res = await invite(member, authority.organisation.id, email).expect(403);
    expect(res.body.code).toBe('forbidden');
    await request(t.http).get(`/api/v1/organisations/${authority.organisation.id}/invitations`).set('authorization', member.auth).expect(403);
    expect((await t.sql.query('SELECT count(*) FROM invitations WHERE email = $1', [email])).rows[0].count).toBe('0');
    expect(await outboxRows(email)).toHaveLength(0);
  });

  it('inviting a member of the organisation answers 409 email_taken and queues no mail', async () => {
    const existing = authority.user.email;
    const res = await invite(authority, authority.organisation.id, existing.toUpperCase()).expect(409);
    expect(res.body).toMatchObject({ code: 'email_taken', errors: [{ field: 'email' }] });
    expect((await t.sql.query('SELECT count(*) FROM invitations WHERE email = $1', [existing])).rows[0].count).toBe('0');
    expect(await outboxRows(existing)).toHaveLength(0);
  });

  it('inviting an address with an account elsewhere answers like any other (no detection) and mails a notice without a link', async () => {
    const other = await createActor(t, 'supplier', 'admin');
    const fresh = `someone.${unique()}@gent.example`;
    const known = await invite(authority, authority.organisation.id, other.user.email).expect(201);
    const unknown = await invite(authority, authority.organisation.id, fresh).expect(201);
    expect(Object.keys(known.body).sort()).toEqual(Object.keys(unknown.body).sort());
    expect(known.body.status).toBe('pending');
    const [notice] = await outboxRows(other.user.email);
    expect(notice).toMatchObject({ template: 'invitation_existing_account' });
    await t.app.get(MailOutbox).dispatchDue();
    const files = readdirSync(t.config.mailDir).map((f) => readFileSync(join(t.config.mailDir, f), 'utf8'));
    const mail = files.find((f) => f.includes(other.user.email));
    expect(mail).toBeDefined();
    expect(mail).not.toMatch(/invitations\/accept|token=/);
  });

  it('simultaneous invitations of one address leave exactly one pending', async () => {
    const email = `race.${unique()}@gent.example`;
    const results = await Promise.all([1, 2, 3, 4].map(() => invite(authority, authority.organisation.id, email)));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM invitations WHERE email = $1 AND accepted_at IS NULL AND revoked_at IS NULL`, [email]);
    expect(rows[0].n).toBe(1);
  });

  it('a new invitation to the same address revokes the earlier pending one', async () => {
    const email = `twice.${unique()}@gent.example`;
    const first = (await invite(authority, authority.organisation.id, email).expect(201)).body;
    const firstMail = await deliveredMail(email);
    const second = (await invite(authority, authority.organisation.id, email, 'admin').expect(201)).body;
    const secondMail = await deliveredMail(email);
    expect(secondMail.outboxId).not.toBe(firstMail.outboxId);
    expect(secondMail.token).not.toBe(firstMail.token);

    const listed = await listInvitations(authority, authority.organisation.id);
    expect(listed.find((i) => i.id === first.id)).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    expect(listed.find((i) => i.id === second.id)).toMatchObject({ status: 'pending', role: 'admin' });

    expect((await accept(firstMail.token).expect(410)).body.code).toBe('invitation_invalid');
    const ok = await accept(secondMail.token).expect(201);
    expect(ok.body.user).toMatchObject({ email, role: 'admin' });

    const audit = await request(t.http).get('/api/v1/audit-events?limit=200').set('authorization', authority.auth).expect(200);
    expect(audit.body.items).toContainEqual(expect.objectContaining({ action: 'invitation.superseded', entityId: first.id, organisationId: authority.organisation.id }));
  });

  it('lists the invitations of the organisation, newest first, without tokens', async () => {
    const admin = await createActor(t, 'contracting_authority', 'admin');
    const a = (await invite(admin, admin.organisation.id, `a.${unique()}@gent.example`).expect(201)).body;
    const b = (await invite(admin, admin.organisation.id, `b.${unique()}@gent.example`, 'admin').expect(201)).body;
    await request(t.http).delete(`/api/v1/organisations/${admin.organisation.id}/invitations/${a.id}`).set('authorization', admin.auth).expect(200);

    const listed = await listInvitations(admin, admin.organisation.id);
    expect(listed.map((i) => i.id)).toEqual([b.id, a.id]);
    expect(listed[0]).toMatchObject({ email: b.email, role: 'admin', status: 'pending' });
    expect(listed[1]).toMatchObject({ email: a.email, role: 'member', status: 'revoked' });
    for (const item of listed) expect(Object.keys(item).sort()).toEqual(INVITATION_KEYS);

    // Another organisation's list does not contain them.
    const own = await listInvitations(authority, authority.organisation.id);
    expect(own.map((i) => i.id)).not.toEqual(expect.arrayContaining([a.id]));
    expect(own.map((i) => i.id)).not.toEqual(expect.arrayContaining([b.id]));
  });

  describe('organisations created by the platform admin', () => {
    const createOrganisation = (actor: TestActor, body: Record<string, unknown>) =>
      request(t.http).post('/api/v1/organisations').set('authorization', actor.auth).send(body);
    const organisationCount = async (): Promise<number> => Number((await t.sql.query('SELECT count(*) FROM organisations')).rows[0].count);

    it('normalises a valid Belgian enterprise number; a wrong check digit is 400, a duplicate 409', async () => {
      const created = await createOrganisation(platform, { name: ' Stad Gent ', kind: 'contracting_authority', country: 'be', registrationNumber: 'BE 0207045510' }).expect(201);
      expect(created.body).toMatchObject({ name: 'Stad Gent', kind: 'contracting_authority', country: 'BE', registrationNumber: '0207.045.510', preferredLanguage: 'en' });

      const fetched = await request(t.http).get(`/api/v1/organisations/${created.body.id}`).set('authorization', platform.auth).expect(200);
      expect(fetched.body).toEqual(created.body);

      const before = await organisationCount();
      const invalid = await createOrganisation(platform, { name: 'Typo', kind: 'supplier', country: 'BE', registrationNumber: '0207.045.511' }).expect(400);
      expect(invalid.body.code).toBe('validation_failed');
      expect(invalid.body.errors).toEqual([expect.objectContaining({ field: 'registrationNumber' })]);

      const duplicate = await createOrganisation(platform, { name: 'Gent again', kind: 'supplier', country: 'BE', registrationNumber: '0207.045.510' }).expect(409);
      expect(duplicate.body.code).toBe('registration_number_taken');
      expect(await organisationCount()).toBe(before);
    });

    it('is for the platform admin only (403 for an authority admin)', async () => {
      const before = await organisationCount();
      const res = await createOrganisation(authority, { name: 'Sneaky', kind: 'supplier', country: 'BE' }).expect(403);
      expect(res.body.code).toBe('forbidden');
      expect(await organisationCount()).toBe(before);
    });

    it('invites the first admin of a French-speaking organisation in French, who then manages it', async () => {
      const name = `Ville de Liège ${unique()}`;
      const organisation = (await createOrganisation(platform, { name, kind: 'contracting_authority', country: 'BE', preferredLanguage: 'fr' }).expect(201)).body;
      expect(organisation.preferredLanguage).toBe('fr');

      const email = `premiere.admin.${unique()}@liege.example`;
      const invitation = (await invite(platform, organisation.id, email, 'admin').expect(201)).body;
      expect(invitation).toMatchObject({ organisationId: organisation.id, role: 'admin', status: 'pending' });

      const mail = await deliveredMail(email);
      expect(mail.subject).toBe(`Invitation à rejoindre ${name} sur le portail de diligence raisonnable`);
      expect(mail.text).toContain(`vous invite à rejoindre ${name}`);
      expect(mail.text).toContain('Ouvrez ce lien pour choisir votre nom et votre mot de passe');
      expect(mail.text).not.toContain('You are invited');

      const accepted = await accept(mail.token, GOOD_PASSWORD, 'Première Admin').expect(201);
      expect(accepted.body.user).toMatchObject({ email, role: 'admin', name: 'Première Admin' });
      const auth = `Bearer ${accepted.body.tokens.accessToken}`;
      const me = await request(t.http).get('/api/v1/me').set('authorization', auth).expect(200);
      expect(me.body.organisation).toEqual({ id: organisation.id, name, kind: 'contracting_authority', preferredLanguage: 'fr' });
      const visible = await request(t.http).get('/api/v1/organisations').set('authorization', auth).expect(200);
      expect(visible.body.items.map((o: { id: string }) => o.id)).toEqual([organisation.id]);

      // As its admin, they invite a colleague in turn.
      await request(t.http).post(`/api/v1/organisations/${organisation.id}/invitations`).set('authorization', auth)
        .send({ email: `collegue.${unique()}@liege.example`, role: 'member' }).expect(201);
    });
  });
});
