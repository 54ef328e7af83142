import { Foundation1764403200000 } from './1764403200000-foundation';
import { RateLimits1764403300000 } from './1764403300000-rate-limits';
import { PasswordResets1764403400000 } from './1764403400000-password-resets';
import { SessionIndexes1764403500000 } from './1764403500000-session-indexes';
import { DueDiligenceCore1764490000000 } from './1764490000000-due-diligence-core';
import { AuditAppend1764490100000 } from './1764490100000-audit-append';
import { ContractExecution1764580000000 } from './1764580000000-contract-execution';
import { Exports1764670000000 } from './1764670000000-exports';
import { Minerals1764680000000 } from './1764680000000-minerals';
import { WebPortal1764770000000 } from './1764770000000-web-portal';
import { ListIndexesContracts1764860000000 } from './1764860000000-list-indexes-contracts';
import { ListIndexesAssessments1764860100000 } from './1764860100000-list-indexes-assessments';
import { ListIndexesExecution1764860200000 } from './1764860200000-list-indexes-execution';
import { OrganisationNameIndex1764860300000 } from './1764860300000-organisation-name-index';
import { PartyCopies1764860400000 } from './1764860400000-party-copies';
import { PendingDeadlines1764860500000 } from './1764860500000-pending-deadlines';

/** Every migration, in order. The schema comes from these alone (no synchronize). */
export const migrations = [Foundation1764403200000, RateLimits1764403300000, PasswordResets1764403400000, SessionIndexes1764403500000, DueDiligenceCore1764490000000, AuditAppend1764490100000, ContractExecution1764580000000, Exports1764670000000, Minerals1764680000000, WebPortal1764770000000, ListIndexesContracts1764860000000, ListIndexesAssessments1764860100000, ListIndexesExecution1764860200000, OrganisationNameIndex1764860300000, PartyCopies1764860400000, PendingDeadlines1764860500000];
