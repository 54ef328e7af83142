import { Injectable, Logger } from '@nestjs/common';
import { AuditService, Database, DomainException, ErrorCode, Language, OrganisationKind, RequestContext, UserRole } from '@ddp/core';
import { Organisation } from '../organisations/organisation.entity';
import { passwordWeakness, PasswordService } from '../passwords/password.service';
import { User } from '../users/user.entity';

export const DEMO_PASSWORD = 'demo-portal-2026!';

/** Serialises bootstrap runs of several processes starting at once. */
const BOOTSTRAP_LOCK = 7_340_002;

interface DemoOrganisation {
  name: string;
  kind: OrganisationKind;
  country: string;
  registrationNumber: string;
  preferredLanguage: Language;
  users: Array<{ email: string; name: string; role: UserRole }>;
}

export interface DemoAccount {
  organisation: string;
  kind: OrganisationKind;
  email: string;
  role: UserRole;
}

const DEMO: DemoOrganisation[] = [
  {
    name: 'Stad Gent',
    kind: 'contracting_authority',
    country: 'BE',
    registrationNumber: '0207.045.510',
    preferredLanguage: 'nl',
    users: [
      { email: 'buyer.admin@gent.demo', name: 'An Peeters', role: 'admin' },
      { email: 'buyer@gent.demo', name: 'Jan De Smet', role: 'member' },
    ],
  },
  {
    name: "Service public de Wallonie – Centrale d'achat",
    kind: 'contracting_authority',
    country: 'BE',
    registrationNumber: '0412.027.195',
    preferredLanguage: 'fr',
    users: [{ email: 'acheteur@spw.demo', name: 'Claire Dubois', role: 'admin' }],
  },
  {
    name: 'Laptop Solutions NV',
    kind: 'supplier',
    country: 'BE',
    registrationNumber: '0876.904.645',
    preferredLanguage: 'en',
    users: [
      { email: 'compliance@laptops.demo', name: 'Sofia Martens', role: 'admin' },
      { email: 'analyst@laptops.demo', name: 'Tom Claes', role: 'member' },
    ],
  },
  {
    name: 'Écrans & Serveurs SA',
    kind: 'supplier',
    country: 'BE',
    registrationNumber: '0753.014.562',
    preferredLanguage: 'fr',
    users: [{ email: 'rse@ecrans.demo', name: 'Marc Lambert', role: 'admin' }],
  },
  {
    name: 'Audit & Assurance BV',
    kind: 'audit_body',
    country: 'BE',
    registrationNumber: '0661.039.558',
    preferredLanguage: 'nl',
    users: [{ email: 'auditor@audit.demo', name: 'Els Wouters', role: 'admin' }],
  },
];

/** Creates the platform admin and, on request, demo organisations; both idempotent. */
@Injectable()
export class BootstrapService {
  private readonly logger = new Logger(BootstrapService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
  ) {}

  /** Creates the platform organisation and its admin unless that user exists (an existing password is never reset). */
  async ensurePlatformAdmin(email: string, password: string): Promise<{ created: boolean }> {
    const address = email.trim().toLowerCase();
    return this.db.transaction(RequestContext.system(), async (tx) => {
      await this.db.query(tx, 'SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      if (await this.db.repo(tx, User).existsBy({ email: address })) return { created: false };
      const weakness = passwordWeakness(password, address);
      if (weakness) throw new DomainException(ErrorCode.WeakPassword, `The platform admin's password (ADMIN_PASSWORD or --password) ${weakness}`);
      const platform = await this.ensurePlatformOrganisation(tx);
      await this.createUser(tx, platform, { email: address, name: 'Platform administrator', role: 'admin' }, password);
      return { created: true };
    });
  }

  /** The operator's organisation (owner of the reference templates), created on first need. */
  async ensurePlatformOrganisation(ctx: RequestContext): Promise<Organisation> {
    return this.db.transaction(ctx, async (tx) => {
      await this.db.query(tx, 'SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      return (
        (await this.db.repo(tx, Organisation).findOne({ where: { kind: 'platform' }, order: { createdAt: 'ASC' } })) ??
        (await this.createOrganisation(tx, { name: 'Platform operator', kind: 'platform', country: 'BE', registrationNumber: null, preferredLanguage: 'en' }))
      );
    });
  }

  /** Demo organisations and users, all with DEMO_PASSWORD; for local evaluation only. */
  async seedDemo(): Promise<DemoAccount[]> {
    const accounts: DemoAccount[] = [];
    await this.db.transaction(RequestContext.system(), async (tx) => {
      await this.db.query(tx, 'SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      for (const demo of DEMO) {
        const { users, ...values } = demo;
        const organisation =
          (await this.db.repo(tx, Organisation).findOneBy({ country: demo.country, registrationNumber: demo.registrationNumber })) ??
          (await this.createOrganisation(tx, values));
        for (const user of users) {
          if (!(await this.db.repo(tx, User).existsBy({ email: user.email }))) await this.createUser(tx, organisation, user, DEMO_PASSWORD);
          accounts.push({ organisation: organisation.name, kind: organisation.kind, email: user.email, role: user.role });
        }
      }
    });
    return accounts;
  }

  private async createOrganisation(tx: RequestContext, values: Pick<Organisation, 'name' | 'kind' | 'country' | 'registrationNumber' | 'preferredLanguage'>): Promise<Organisation> {
    const repo = this.db.repo(tx, Organisation);
    const organisation = await repo.save(repo.create(values));
    await this.audit.record(tx, { action: 'organisation.created', entityType: 'organisation', entityId: organisation.id, organisationId: organisation.id, after: organisation });
    this.logger.log(`created organisation ${organisation.name} (${organisation.kind})`);
    return organisation;
  }

  private async createUser(tx: RequestContext, organisation: Organisation, values: { email: string; name: string; role: UserRole }, password: string): Promise<User> {
    const repo = this.db.repo(tx, User);
    const user = await repo.save(
      repo.create({ ...values, organisationId: organisation.id, passwordHash: await this.passwords.hash(password), status: 'active', lastLoginAt: null }),
    );
    await this.audit.record(tx, { action: 'user.created', entityType: 'user', entityId: user.id, organisationId: organisation.id, after: { id: user.id, email: user.email, name: user.name, role: user.role } });
    return user;
  }
}
