import { Injectable } from '@nestjs/common';
import {
  AccessPolicy,
  AuditService,
  Database,
  decodeCursor,
  DomainException,
  ErrorCode,
  isPlatformAdmin,
  Language,
  OrganisationKind,
  Page,
  RequestContext,
  toPage,
} from '@ddp/core';
import { Organisation } from './organisation.entity';
import { normaliseRegistrationNumber } from './registration-number';

export interface OrganisationFilter {
  kind?: OrganisationKind;
  q?: string;
  after?: string;
  limit: number;
}

export interface CreateOrganisationInput {
  name: string;
  kind: OrganisationKind;
  country: string;
  registrationNumber?: string;
  preferredLanguage?: Language;
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  async create(ctx: RequestContext, input: CreateOrganisationInput): Promise<Organisation> {
    const country = input.country.toUpperCase();
    let registrationNumber: string | null = null;
    if (input.registrationNumber !== undefined) {
      const normalised = normaliseRegistrationNumber(country, input.registrationNumber);
      if (normalised.error) throw DomainException.validation([{ field: 'registrationNumber', message: `registrationNumber ${normalised.error}` }]);
      registrationNumber = normalised.value ?? null;
    }
    return this.db.transaction(ctx, async (tx) => {
      const repo = this.db.repo(tx, Organisation);
      if (registrationNumber && (await repo.existsBy({ country, registrationNumber }))) {
        throw new DomainException(ErrorCode.RegistrationNumberTaken, `An organisation registered as ${registrationNumber} in ${country} exists already`);
      }
      const organisation = await repo.save(
        repo.create({ name: input.name.trim(), kind: input.kind, country, registrationNumber, preferredLanguage: input.preferredLanguage ?? 'en' }),
      );
      await this.audit.record(tx, { action: 'organisation.created', entityType: 'organisation', entityId: organisation.id, organisationId: organisation.id, after: organisation });
      return organisation;
    });
  }

  /** 404 unless it exists and the actor may see it. */
  async get(ctx: RequestContext, id: string): Promise<Organisation> {
    await this.access.require(ctx, 'organisation', id);
    const organisation = await this.db.repo(ctx, Organisation).findOneBy({ id });
    if (!organisation) throw DomainException.notFound();
    return organisation;
  }

  /**
   * The platform admin sees every organisation; anyone else their own. Sorted by name, keyset
   * paginated; `q` matches a part of the name or the exact registration number.
   */
  async list(ctx: RequestContext, filter: OrganisationFilter): Promise<Page<Organisation>> {
    const actor = ctx.requiredActor;
    const qb = this.db.repo(ctx, Organisation).createQueryBuilder('o').orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(filter.limit + 1);
    if (!isPlatformAdmin(actor)) qb.andWhere('o.id = :own', { own: actor.organisationId });
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      qb.andWhere('(o.name ILIKE :pattern OR o.registration_number = :exact)', { pattern, exact: filter.q.trim().toUpperCase() });
    }
    if (filter.after) {
      const [name, id] = decodeCursor(filter.after, ['text', 'uuid'], 'after');
      qb.andWhere('(o.name, o.id) > (:name, :id)', { name, id });
    }
    return toPage(await qb.getMany(), filter.limit, (o) => [o.name, o.id]);
  }
}
