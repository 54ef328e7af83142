import { Actor, OrganisationKind, UserRole } from './roles';

/**
 * Every permission a route can require, in one place. A route declares exactly one with
 * `@RequirePermission()` or is `@Public()`; a route that declares neither is denied.
 */
export enum Permission {
  /** Any authenticated user: their own profile and organisation. */
  Authenticated = 'authenticated',
  OrganisationsCreate = 'organisations:create',
  OrganisationsRead = 'organisations:read',
  UsersRead = 'users:read',
  UsersManage = 'users:manage',
  InvitationsManage = 'invitations:manage',
  AuditRead = 'audit:read',
  /** Contracts the actor's organisation is party to, participates in, or audits (record access by the policy). */
  ContractsRead = 'contracts:read',
  /** Register and change contracts, lots, framework participants and auditors (buyers). */
  ContractsManage = 'contracts:manage',
  /** Disclose production sites and product labels (suppliers). */
  ContractDisclosuresWrite = 'contract-disclosures:write',
  /** Record product label certificates of a contract (its supplier, or its buyer from the tender). */
  ContractLabelsWrite = 'contract-labels:write',
  /** Templates the actor may read: its own, the reference ones (buyers), those of assessments it may read. */
  TemplatesRead = 'templates:read',
  TemplatesManage = 'templates:manage',
  AssessmentsRead = 'assessments:read',
  AssessmentsIssue = 'assessments:issue',
  AssessmentsAnswer = 'assessments:answer',
  AssessmentsReview = 'assessments:review',
  AssessmentsShare = 'assessments:share',
  FindingsRead = 'findings:read',
  FindingsCreate = 'findings:create',
  /** Corrective action plans and their actions of the contracts the actor may read. */
  PlansRead = 'plans:read',
  /** Propose and edit plans and actions (suppliers), propose actions (buyers); record-level roles decide which. */
  PlansWrite = 'plans:write',
  /** Approve, reject and verify plans and actions (buyers). */
  PlansReview = 'plans:review',
  ReportsRead = 'reports:read',
  /** Write and submit periodic reports (suppliers). */
  ReportsWrite = 'reports:write',
  /** Accept or return periodic reports (buyers). */
  ReportsReview = 'reports:review',
  /** Defaults and notices: buyers and auditors see all of their contracts', suppliers those notified to them. */
  DefaultsRead = 'defaults:read',
  /** Record defaults, send notices, dismiss proposals, decide penalties (buyers). */
  DefaultsManage = 'defaults:manage',
  /** Answer a notice of default (suppliers). */
  DefaultsRespond = 'defaults:respond',
  PenaltiesRead = 'penalties:read',
  /** Correct ledger entries, waive late fines, decide bonus/malus (buyers). */
  PenaltiesManage = 'penalties:manage',
  /** The portfolio dashboard (buyers, and auditors for their assigned contracts). */
  DashboardRead = 'dashboard:read',
  /** Excel exports of what the actor may read (buyers and auditors). */
  ExportsCreate = 'exports:create',
  /** Upload a CMRT/EMRT minerals report for a contract (suppliers). */
  MineralsWrite = 'minerals:write',
  /** Minerals reports and the smelter roll-up of the contracts the actor may read. */
  MineralsRead = 'minerals:read',
}

type RoleKey = `${OrganisationKind}:${UserRole}`;

const everyone = [Permission.Authenticated, Permission.OrganisationsRead, Permission.UsersRead];
const orgAdmin = [...everyone, Permission.InvitationsManage, Permission.UsersManage, Permission.AuditRead];

/** Which permissions each kind of user holds. Record-level access is checked by the access policy. */
/** Buyers: procurement officers run contracts and assessments; templates are their admins' (DOMAIN: buyer admin). */
const buyer = [
  Permission.ContractsRead,
  Permission.ContractsManage,
  Permission.ContractLabelsWrite,
  Permission.TemplatesRead,
  Permission.AssessmentsRead,
  Permission.AssessmentsIssue,
  Permission.AssessmentsReview,
  Permission.FindingsRead,
  Permission.FindingsCreate,
  Permission.PlansRead,
  Permission.PlansWrite,
  Permission.PlansReview,
  Permission.ReportsRead,
  Permission.ReportsReview,
  Permission.DefaultsRead,
  Permission.DefaultsManage,
  Permission.PenaltiesRead,
  Permission.PenaltiesManage,
  Permission.DashboardRead,
  Permission.ExportsCreate,
  Permission.MineralsRead,
];
const supplier = [
  Permission.ContractsRead,
  Permission.ContractDisclosuresWrite,
  Permission.ContractLabelsWrite,
  Permission.TemplatesRead,
  Permission.AssessmentsRead,
  Permission.AssessmentsAnswer,
  Permission.FindingsRead,
  Permission.PlansRead,
  Permission.PlansWrite,
  Permission.ReportsRead,
  Permission.ReportsWrite,
  Permission.DefaultsRead,
  Permission.DefaultsRespond,
  Permission.PenaltiesRead,
  Permission.MineralsWrite,
  Permission.MineralsRead,
];
/** Auditors read everything of the contracts they are assigned to and write nothing but findings. */
const auditor = [
  Permission.ContractsRead,
  Permission.TemplatesRead,
  Permission.AssessmentsRead,
  Permission.FindingsRead,
  Permission.FindingsCreate,
  Permission.PlansRead,
  Permission.ReportsRead,
  Permission.DefaultsRead,
  Permission.PenaltiesRead,
  Permission.DashboardRead,
  Permission.ExportsCreate,
  Permission.MineralsRead,
];

export const ROLE_PERMISSIONS: Record<RoleKey, readonly Permission[]> = {
  // The operator manages organisations and the shared reference templates; it never reads answers.
  'platform:admin': [...orgAdmin, Permission.OrganisationsCreate, Permission.TemplatesRead, Permission.TemplatesManage],
  'platform:member': everyone,
  'contracting_authority:admin': [...orgAdmin, ...buyer, Permission.TemplatesManage],
  'contracting_authority:member': [...everyone, ...buyer],
  'supplier:admin': [...orgAdmin, ...supplier, Permission.AssessmentsShare],
  'supplier:member': [...everyone, ...supplier],
  'audit_body:admin': [...orgAdmin, ...auditor],
  'audit_body:member': [...everyone, ...auditor],
};

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return ROLE_PERMISSIONS[`${actor.organisationKind}:${actor.role}`].includes(permission);
}
