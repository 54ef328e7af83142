import { Injectable } from '@nestjs/common';
import {
  AuditService,
  Database,
  DomainException,
  ErrorCode,
  FieldError,
  isCalendarDate,
  isTimeZone,
  Language,
  MailOutbox,
  NewestFirst,
  Page,
  RequestContext,
} from '@ddp/core';
import { InvitationsService, normaliseRegistrationNumber, OrganisationsService } from '@ddp/identity';
import { contractRoleSql, contractVisibilityBranchesSql } from './contract-sql';
import {
  AuditorAssignment,
  Contract,
  ContractDetail,
  ContractFilter,
  ContractRole,
  CreateContractInput,
  CreateLabelInput,
  CreateSiteInput,
  Lot,
  NewSupplier,
  Participant,
  ProductionSite,
  ProductLabel,
  RegisteredOrganisation,
  UpdateContractInput,
} from './contract.types';

interface ContractRow {
  id: string;
  reference: string;
  title: string;
  authority_id: string;
  authority_name: string;
  supplier_id: string;
  supplier_name: string;
  is_framework: boolean;
  lots: Lot[];
  start_date: string;
  end_date: string;
  value_cents: string;
  currency: string;
  time_zone: string;
  status: Contract['status'];
  version: number;
  created_at: Date;
  updated_at: Date;
  role: ContractRole | null;
  cursor_at?: string;
}

const CONTRACT_COLUMNS = `c.id, c.reference, c.title, c.authority_id, a.name AS authority_name, c.supplier_id, s.name AS supplier_name,
  c.is_framework, to_char(c.start_date, 'YYYY-MM-DD') AS start_date, to_char(c.end_date, 'YYYY-MM-DD') AS end_date,
  c.value_cents, c.currency, c.time_zone, c.status, c.version, c.created_at, c.updated_at,
  COALESCE((SELECT json_agg(json_build_object('name', l.name, 'description', l.description) ORDER BY l.position) FROM contract_lots l WHERE l.contract_id = c.id), '[]') AS lots`;

const CONTRACT_FROM = `contracts c JOIN organisations a ON a.id = c.authority_id JOIN organisations s ON s.id = c.supplier_id`;

/** The result of registering a contract: what happened to the supplier too. */
export interface CreatedContract {
  contract: ContractDetail;
  /** `invited`: the supplier was new, created and its contact invited; `existing`: already on the platform. */
  supplierOnboarding: 'invited' | 'existing';
}

@Injectable()
export class ContractsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly mail: MailOutbox,
    private readonly organisations: OrganisationsService,
    private readonly invitations: InvitationsService,
  ) {}

  /**
   * Registers a contract awarded by the actor's authority. A supplier new to the platform is
   * created (matched by registration number when it exists) and its contact invited.
   */
  async create(ctx: RequestContext, input: CreateContractInput): Promise<CreatedContract> {
    const actor = ctx.requiredActor;
    if (actor.organisationKind !== 'contracting_authority') throw new DomainException(ErrorCode.Forbidden, 'Only a contracting authority registers contracts');
    const errors = [...datesErrors(input), ...(input.timeZone !== undefined && !isTimeZone(input.timeZone) ? [{ field: 'timeZone', message: 'timeZone must be an IANA time zone such as Europe/Brussels' }] : [])];
    if ((input.supplierId == null) === (input.supplier == null)) errors.push({ field: 'supplier', message: 'supplier: give either supplierId or supplier' });
    if (errors.length > 0) throw DomainException.validation(errors);

    return this.db.transaction(ctx, async (tx) => {
      // Registrations of one reference are serialised before anything else is locked (the audit chain last).
      await this.db.query(tx, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`contract-reference:${actor.organisationId}:${input.reference}`]);
      const taken = await this.db.query(tx, 'SELECT 1 FROM contracts WHERE authority_id = $1 AND reference = $2', [actor.organisationId, input.reference]);
      if (taken.length > 0) throw new DomainException(ErrorCode.ContractReferenceTaken, `Your organisation has a contract ${input.reference} already`, [{ field: 'reference', message: 'reference is taken' }]);
      const { supplierId, onboarding } = input.supplierId != null ? { supplierId: await this.knownSupplier(tx, input.supplierId), onboarding: 'existing' as const } : await this.onboardSupplier(tx, input.supplier!);

      const [{ id }] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO contracts (authority_id, supplier_id, reference, title, is_framework, start_date, end_date, value_cents, currency, time_zone, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
        [actor.organisationId, supplierId, input.reference, input.title, input.isFramework ?? false, input.startDate, input.endDate, input.valueCents, input.currency.toUpperCase(), input.timeZone ?? 'Europe/Brussels', actor.userId],
      );
      const lots = input.lots ?? [];
      if (lots.length > 0) {
        await this.db.query(
          tx,
          `INSERT INTO contract_lots (contract_id, position, name, description) SELECT $1, p, n, d FROM unnest($2::int[], $3::text[], $4::text[]) AS t(p, n, d)`,
          [id, lots.map((_, i) => i + 1), lots.map((l) => l.name), lots.map((l) => l.description ?? null)],
        );
      }
      const contract = await this.detail(tx, id);
      await this.audit.record(tx, { action: 'contract.created', entityType: 'contract', entityId: id, organisationId: actor.organisationId, after: auditView(contract) });
      await this.audit.record(tx, { action: 'contract.created', entityType: 'contract', entityId: id, organisationId: supplierId, after: auditView(contract) });
      return { contract, supplierOnboarding: onboarding };
    });
  }

  /**
   * The contracts the actor has a part in, newest first. Each role is its own branch, paged on an
   * index in the list's order with the same filters and cursor, and the branches are merged: a page
   * reads about `limit` rows per branch however long the portfolio, and its columns for its rows only.
   */
  async list(ctx: RequestContext, filter: ContractFilter): Promise<Page<Contract>> {
    const q = filter.q && `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const branches: string[] = [];
    let params: unknown[] = [ctx.requiredActor.organisationId];
    for (const { role, condition } of contractVisibilityBranchesSql('c', '$1')) {
      const branch = new NewestFirst('c.created_at', 'c.id', params)
        .where(condition)
        .filter('c.status = ?', filter.status)
        .filter('(c.reference ILIKE ? OR c.title ILIKE ?)', q);
      branches.push(`(SELECT c.id, c.created_at, '${role}' AS role FROM contracts c ${branch.tail(filter.after, filter.limit)})`);
      params = branch.params;
    }
    const page = new NewestFirst('c.created_at', 'c.id', params);
    const rows = await this.db.query<ContractRow & { cursor_at: string }>(
      ctx,
      `SELECT ${CONTRACT_COLUMNS}, p.role, ${page.cursorColumn}
         FROM (${branches.join(' UNION ALL ')} ORDER BY created_at DESC, id DESC LIMIT ${page.param(filter.limit + 1)}) p
         JOIN contracts c ON c.id = p.id JOIN organisations a ON a.id = c.authority_id JOIN organisations s ON s.id = c.supplier_id
        ORDER BY c.created_at DESC, c.id DESC`,
      page.params,
    );
    return page.page(rows, filter.limit, toContract);
  }

  /** The contract with its parties, sites and labels; 404 unless the actor has a part in it. */
  async get(ctx: RequestContext, id: string): Promise<ContractDetail> {
    return this.detail(ctx, id);
  }

  /** The contract and the actor's role on it; 404 for missing and not-yours alike. */
  async getWithRole(ctx: RequestContext, id: string, forUpdate = false): Promise<Contract> {
    const org = ctx.requiredActor.organisationId;
    const [row] = await this.db.query<ContractRow>(
      ctx,
      `SELECT ${CONTRACT_COLUMNS}, ${contractRoleSql('c', '$2')} AS role FROM ${CONTRACT_FROM} WHERE c.id = $1 ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
      [id, org],
    );
    if (!row || !row.role) throw DomainException.notFound();
    return toContract(row);
  }

  /** The contract if the actor has one of `roles` on it: 404 if it has none, 403 if another. */
  async requireRole(ctx: RequestContext, id: string, roles: ContractRole[], forUpdate = false): Promise<Contract> {
    const contract = await this.getWithRole(ctx, id, forUpdate);
    if (!roles.includes(contract.role)) throw new DomainException(ErrorCode.Forbidden, `Only the contract's ${roles.join(' or ')} may do this`);
    return contract;
  }

  async update(ctx: RequestContext, id: string, input: UpdateContractInput, expectedVersion?: number): Promise<ContractDetail> {
    return this.db.transaction(ctx, async (tx) => {
      const before = await this.requireRole(tx, id, ['authority'], true);
      if (expectedVersion !== undefined && before.version !== expectedVersion) throw new DomainException(ErrorCode.PreconditionFailed);
      const merged = { ...before, ...definedOnly(input) };
      const errors = datesErrors(merged);
      if (input.timeZone !== undefined && !isTimeZone(input.timeZone)) errors.push({ field: 'timeZone', message: 'timeZone must be an IANA time zone such as Europe/Brussels' });
      if (errors.length > 0) throw DomainException.validation(errors);
      await this.db.query(
        tx,
        `UPDATE contracts SET title = $2, start_date = $3, end_date = $4, value_cents = $5, currency = $6, time_zone = $7, status = $8, version = version + 1, updated_at = now()
         WHERE id = $1`,
        [id, merged.title, merged.startDate, merged.endDate, merged.valueCents, merged.currency.toUpperCase(), merged.timeZone, merged.status],
      );
      const after = await this.detail(tx, id);
      await this.audit.record(tx, { action: 'contract.updated', entityType: 'contract', entityId: id, organisationId: after.authority.id, before: auditView(before), after: auditView(after) });
      return after;
    });
  }

  /** A framework agreement's awarding body lets another contracting authority buy under it. */
  async addParticipant(ctx: RequestContext, id: string, input: RegisteredOrganisation): Promise<ContractDetail> {
    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.requireRole(tx, id, ['authority'], true);
      if (!contract.isFramework) throw new DomainException(ErrorCode.InvalidState, 'Only a framework agreement has participants');
      const participant = await this.findRegistered(tx, input, 'contracting_authority');
      if (participant.id === contract.authority.id) throw DomainException.validation([{ field: 'registrationNumber', message: 'registrationNumber is the awarding authority itself' }]);
      const added = await this.db.query(tx, `INSERT INTO contract_participants (contract_id, organisation_id, added_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING contract_id`, [
        id,
        participant.id,
        ctx.requiredActor.userId,
      ]);
      if (added.length > 0) {
        const entry = { action: 'contract.participant_added', entityType: 'contract', entityId: id, after: { participant } };
        await this.audit.record(tx, { ...entry, organisationId: contract.authority.id });
        await this.audit.record(tx, { ...entry, organisationId: participant.id });
      }
      return this.detail(tx, id);
    });
  }

  async assignAuditor(ctx: RequestContext, id: string, input: RegisteredOrganisation): Promise<ContractDetail> {
    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.requireRole(tx, id, ['authority'], true);
      const body = await this.findRegistered(tx, input, 'audit_body');
      const added = await this.db.query(tx, `INSERT INTO contract_auditors (contract_id, audit_body_id, assigned_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`, [
        id,
        body.id,
        ctx.requiredActor.userId,
      ]);
      if (added.length > 0) {
        const entry = { action: 'contract.auditor_assigned', entityType: 'contract', entityId: id, after: { auditBody: body } };
        await this.audit.record(tx, { ...entry, organisationId: contract.authority.id });
        await this.audit.record(tx, { ...entry, organisationId: body.id });
      }
      return this.detail(tx, id);
    });
  }

  async revokeAuditor(ctx: RequestContext, id: string, auditBodyId: string): Promise<ContractDetail> {
    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.requireRole(tx, id, ['authority'], true);
      const revoked = await this.db.query(
        tx,
        `WITH r AS (UPDATE contract_auditors SET revoked_at = now(), revoked_by = $3 WHERE contract_id = $1 AND audit_body_id = $2 AND revoked_at IS NULL RETURNING id) SELECT id FROM r`,
        [id, auditBodyId, ctx.requiredActor.userId],
      );
      if (revoked.length === 0) throw DomainException.notFound('The auditor assignment');
      const entry = { action: 'contract.auditor_revoked', entityType: 'contract', entityId: id, before: { auditBodyId } };
      await this.audit.record(tx, { ...entry, organisationId: contract.authority.id });
      await this.audit.record(tx, { ...entry, organisationId: auditBodyId });
      return this.detail(tx, id);
    });
  }

  /** Production sites are disclosed by the contract's supplier. */
  async addSite(ctx: RequestContext, id: string, input: CreateSiteInput): Promise<ProductionSite> {
    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.requireRole(tx, id, ['supplier']);
      const [row] = await this.db.query<SiteRow>(
        tx,
        `INSERT INTO production_sites (contract_id, supplier_id, name, address, country, tier, products, workforce, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${SITE_COLUMNS}`,
        [id, contract.supplier.id, input.name, input.address, input.country.toUpperCase(), input.tier, input.products ?? [], input.workforce ?? null, ctx.requiredActor.userId],
      );
      const site = toSite(row);
      await this.audit.record(tx, { action: 'contract.site_disclosed', entityType: 'production_site', entityId: site.id, organisationId: contract.supplier.id, after: site });
      return site;
    });
  }

  async listSites(ctx: RequestContext, id: string): Promise<ProductionSite[]> {
    await this.getWithRole(ctx, id);
    return this.sitesOf(ctx, id);
  }

  /** Labels are declared by the supplier (or recorded by the buyer from the tender). */
  async addLabel(ctx: RequestContext, id: string, input: CreateLabelInput): Promise<ProductLabel> {
    if ((input.label === 'other') !== (input.otherLabel !== undefined)) {
      throw DomainException.validation([{ field: 'otherLabel', message: 'otherLabel is required for label "other" and only for it' }]);
    }
    if (!isCalendarDate(input.validUntil)) throw DomainException.validation([{ field: 'validUntil', message: 'validUntil must be a date YYYY-MM-DD' }]);
    return this.db.transaction(ctx, async (tx) => {
      const contract = await this.requireRole(tx, id, ['supplier', 'authority']);
      const [row] = await this.db.query<LabelRow>(
        tx,
        `WITH l AS (INSERT INTO product_labels (contract_id, label, other_label, product, certificate_number, valid_until, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *)
         SELECT ${LABEL_COLUMNS} FROM l JOIN contracts c ON c.id = l.contract_id`,
        [id, input.label, input.otherLabel ?? null, input.product, input.certificateNumber, input.validUntil, ctx.requiredActor.userId],
      );
      const label = toLabel(row);
      for (const organisationId of [contract.supplier.id, contract.authority.id]) {
        await this.audit.record(tx, { action: 'contract.label_added', entityType: 'product_label', entityId: label.id, organisationId, after: label });
      }
      return label;
    });
  }

  async listLabels(ctx: RequestContext, id: string): Promise<ProductLabel[]> {
    await this.getWithRole(ctx, id);
    return this.labelsOf(ctx, id);
  }

  /** The sites of a contract the caller has checked access to. */
  private async sitesOf(ctx: RequestContext, id: string): Promise<ProductionSite[]> {
    return (await this.db.query<SiteRow>(ctx, `SELECT ${SITE_COLUMNS} FROM production_sites WHERE contract_id = $1 ORDER BY tier, name, id`, [id])).map(toSite);
  }

  /** The labels of a contract the caller has checked access to. */
  private async labelsOf(ctx: RequestContext, id: string): Promise<ProductLabel[]> {
    return (await this.db.query<LabelRow>(ctx, `SELECT ${LABEL_COLUMNS} FROM product_labels l JOIN contracts c ON c.id = l.contract_id WHERE l.contract_id = $1 ORDER BY l.valid_until, l.id`, [id])).map(toLabel);
  }

  private async detail(ctx: RequestContext, id: string): Promise<ContractDetail> {
    const contract = await this.getWithRole(ctx, id);
    const [participants, auditors, sites, labels] = [
      await this.db.query<{ id: string; name: string; joined_at: Date }>(
        ctx,
        `SELECT o.id, o.name, p.created_at AS joined_at FROM contract_participants p JOIN organisations o ON o.id = p.organisation_id WHERE p.contract_id = $1 ORDER BY o.name, o.id`,
        [id],
      ),
      await this.db.query<{ id: string; name: string; assigned_at: Date }>(
        ctx,
        `SELECT o.id, o.name, x.assigned_at FROM contract_auditors x JOIN organisations o ON o.id = x.audit_body_id WHERE x.contract_id = $1 AND x.revoked_at IS NULL ORDER BY o.name, o.id`,
        [id],
      ),
      await this.sitesOf(ctx, id),
      await this.labelsOf(ctx, id),
    ];
    return {
      ...contract,
      participants: participants.map((p): Participant => ({ id: p.id, name: p.name, joinedAt: p.joined_at })),
      auditors: auditors.map((a): AuditorAssignment => ({ id: a.id, name: a.name, assignedAt: a.assigned_at })),
      sites,
      labels,
    };
  }

  /** A supplier the authority already works with (one of its contracts): another id answers like a missing one. */
  private async knownSupplier(ctx: RequestContext, supplierId: string): Promise<string> {
    const rows = await this.db.query(ctx, `SELECT 1 FROM contracts WHERE authority_id = $1 AND supplier_id = $2 LIMIT 1`, [ctx.requiredActor.organisationId, supplierId]);
    if (rows.length === 0) throw DomainException.validation([{ field: 'supplierId', message: 'supplierId is not a supplier of your contracts; name it by its registration instead' }]);
    return supplierId;
  }

  private async onboardSupplier(tx: RequestContext, supplier: NewSupplier): Promise<{ supplierId: string; onboarding: 'invited' | 'existing' }> {
    const country = supplier.country.toUpperCase();
    if (supplier.registrationNumber !== undefined) {
      const normalised = normaliseRegistrationNumber(country, supplier.registrationNumber);
      if (normalised.error) throw DomainException.validation([{ field: 'supplier.registrationNumber', message: `registrationNumber ${normalised.error}` }]);
      const [existing] = await this.db.query<{ id: string; kind: string }>(tx, `SELECT id, kind FROM organisations WHERE country = $1 AND registration_number = $2`, [country, normalised.value]);
      if (existing) {
        if (existing.kind !== 'supplier') throw DomainException.validation([{ field: 'supplier.registrationNumber', message: 'registrationNumber belongs to an organisation that is not a supplier' }]);
        return { supplierId: existing.id, onboarding: 'existing' };
      }
    }
    const organisation = await this.organisations.create(tx, { name: supplier.name, kind: 'supplier', country, registrationNumber: supplier.registrationNumber, preferredLanguage: supplier.preferredLanguage });
    await this.invitations.inviteIntoNewOrganisation(tx, organisation.id, { email: supplier.contactEmail, role: 'admin' });
    return { supplierId: organisation.id, onboarding: 'invited' };
  }

  private async findRegistered(ctx: RequestContext, input: RegisteredOrganisation, kind: string): Promise<{ id: string; name: string }> {
    const country = input.country.toUpperCase();
    const normalised = normaliseRegistrationNumber(country, input.registrationNumber);
    const [row] = normalised.error
      ? []
      : await this.db.query<{ id: string; name: string }>(ctx, `SELECT id, name FROM organisations WHERE country = $1 AND registration_number = $2 AND kind = $3`, [country, normalised.value, kind]);
    if (!row) throw DomainException.validation([{ field: 'registrationNumber', message: `registrationNumber names no ${kind.replace('_', ' ')} on the platform` }]);
    return row;
  }

  /** Mail helper for other libraries: queue a mail to the active admins of an organisation. */
  /**
   * Mails an organisation's active users (or only its admins) in the organisation's language;
   * `compose` writes the mail for that language. Answers how many mails were queued.
   */
  async mailOrganisation(
    tx: RequestContext,
    organisationId: string,
    compose: (language: Language) => { template: string; subject: string; text: string },
    recipients: 'admins' | 'everyone' = 'admins',
  ): Promise<number> {
    const users = await this.db.query<{ email: string; language: Language }>(
      tx,
      `SELECT u.email, o.preferred_language AS language FROM users u JOIN organisations o ON o.id = u.organisation_id
        WHERE u.organisation_id = $1 AND u.status = 'active' AND ($2 OR u.role = 'admin') ORDER BY u.email`,
      [organisationId, recipients === 'everyone'],
    );
    if (users.length === 0) return 0;
    const mail = compose(users[0].language);
    for (const user of users) await this.mail.enqueue(tx, { organisationId, to: user.email, ...mail });
    return users.length;
  }

  async mailAdmins(tx: RequestContext, organisationId: string, mail: { template: string; subject: string; text: string }): Promise<void> {
    const admins = await this.db.query<{ email: string }>(tx, `SELECT email FROM users WHERE organisation_id = $1 AND role = 'admin' AND status = 'active' ORDER BY email`, [organisationId]);
    for (const admin of admins) await this.mail.enqueue(tx, { organisationId, to: admin.email, ...mail });
  }
}

interface SiteRow {
  id: string;
  contract_id: string;
  name: string;
  address: string;
  country: string;
  tier: number;
  products: string[];
  workforce: number | null;
  created_at: Date;
}

const SITE_COLUMNS = 'id, contract_id, name, address, country, tier, products, workforce, created_at';

interface LabelRow {
  id: string;
  contract_id: string;
  label: ProductLabel['label'];
  other_label: string | null;
  product: string;
  certificate_number: string;
  valid_until: string;
  expires_before_end: boolean;
  created_at: Date;
}

const LABEL_COLUMNS = `l.id, l.contract_id, l.label, l.other_label, l.product, l.certificate_number, to_char(l.valid_until, 'YYYY-MM-DD') AS valid_until,
  l.valid_until < c.end_date AS expires_before_end, l.created_at`;

function toSite(r: SiteRow): ProductionSite {
  return { id: r.id, contractId: r.contract_id, name: r.name, address: r.address, country: r.country, tier: r.tier, products: r.products, workforce: r.workforce, createdAt: r.created_at };
}

function toLabel(r: LabelRow): ProductLabel {
  return {
    id: r.id,
    contractId: r.contract_id,
    label: r.label,
    otherLabel: r.other_label,
    product: r.product,
    certificateNumber: r.certificate_number,
    validUntil: r.valid_until,
    expiresBeforeContractEnd: r.expires_before_end,
    createdAt: r.created_at,
  };
}

function toContract(r: ContractRow): Contract {
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    authority: { id: r.authority_id, name: r.authority_name },
    supplier: { id: r.supplier_id, name: r.supplier_name },
    isFramework: r.is_framework,
    lots: r.lots,
    startDate: r.start_date,
    endDate: r.end_date,
    valueCents: Number(r.value_cents),
    currency: r.currency,
    timeZone: r.time_zone,
    status: r.status,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    role: r.role as ContractRole,
  };
}

function datesErrors(input: { startDate?: string; endDate?: string }): FieldError[] {
  const errors: FieldError[] = [];
  if (!isCalendarDate(input.startDate)) errors.push({ field: 'startDate', message: 'startDate must be a date YYYY-MM-DD' });
  if (!isCalendarDate(input.endDate)) errors.push({ field: 'endDate', message: 'endDate must be a date YYYY-MM-DD' });
  if (errors.length === 0 && input.endDate! < input.startDate!) errors.push({ field: 'endDate', message: 'endDate must not be before startDate' });
  return errors;
}

function definedOnly<T extends object>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function auditView(c: Contract) {
  return {
    reference: c.reference,
    title: c.title,
    supplierId: c.supplier.id,
    isFramework: c.isFramework,
    startDate: c.startDate,
    endDate: c.endDate,
    valueCents: c.valueCents,
    currency: c.currency,
    timeZone: c.timeZone,
    status: c.status,
    version: c.version,
  };
}
