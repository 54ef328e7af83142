import { Injectable } from '@nestjs/common';
import {
  AccessPolicy,
  AuditService,
  Database,
  DomainException,
  ErrorCode,
  isPlatformAdmin,
  Language,
  OrganisationKind,
  RequestContext,
} from '@ddp/core';
import { Organisation } from './organisation.entity';
import { normaliseRegistrationNumber } from './registration-number';

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

  /** The platform admin sees every organisation; anyone else their own. */
  list(ctx: RequestContext, filter: { kind?: OrganisationKind }): Promise<Organisation[]> {
    const actor = ctx.requiredActor;
    const qb = this.db.repo(ctx, Organisation).createQueryBuilder('o').orderBy('o.name').addOrderBy('o.id');
    if (!isPlatformAdmin(actor)) qb.andWhere('o.id = :own', { own: actor.organisationId });
    if (filter.kind) qb.andWhere('o.kind = :kind', { kind: filter.kind });
    return qb.getMany();
  }
}
