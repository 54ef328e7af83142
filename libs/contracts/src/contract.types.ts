export const CONTRACT_STATUSES = ['active', 'suspended', 'ended'] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const LABEL_KINDS = ['tco_certified', 'epeat', 'energy_star', 'other'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

/** How the actor's organisation stands to a contract; decides what it may do there. */
export type ContractRole = 'authority' | 'participant' | 'supplier' | 'auditor';

export interface Lot {
  name: string;
  description: string | null;
}

export interface OrganisationRef {
  id: string;
  name: string;
}

export interface Contract {
  id: string;
  reference: string;
  title: string;
  authority: OrganisationRef;
  supplier: OrganisationRef;
  isFramework: boolean;
  lots: Lot[];
  startDate: string;
  endDate: string;
  valueCents: number;
  currency: string;
  timeZone: string;
  status: ContractStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** The actor's organisation's role on this contract. */
  role: ContractRole;
}

export interface Participant extends OrganisationRef {
  joinedAt: Date;
}

export interface AuditorAssignment extends OrganisationRef {
  assignedAt: Date;
}

export interface ProductionSite {
  id: string;
  contractId: string;
  name: string;
  address: string;
  country: string;
  tier: number;
  products: string[];
  workforce: number | null;
  createdAt: Date;
}

export interface ProductLabel {
  id: string;
  contractId: string;
  label: LabelKind;
  otherLabel: string | null;
  product: string;
  certificateNumber: string;
  validUntil: string;
  /** The certificate lapses before the contract ends: the buyer must ask for a renewal or equivalent proof. */
  expiresBeforeContractEnd: boolean;
  createdAt: Date;
}

export interface ContractDetail extends Contract {
  participants: Participant[];
  auditors: AuditorAssignment[];
  sites: ProductionSite[];
  labels: ProductLabel[];
}

/** Names a supplier or another organisation by its public registration. */
export interface RegisteredOrganisation {
  country: string;
  registrationNumber: string;
}

export interface NewSupplier {
  name: string;
  country: string;
  registrationNumber?: string;
  /** Invited as the supplier's first admin when the supplier is new to the platform. */
  contactEmail: string;
  preferredLanguage?: 'fr' | 'nl' | 'en' | 'de';
}

export interface CreateContractInput {
  reference: string;
  title: string;
  /** An existing supplier of one of your contracts (by id), or one named by its registration (created and invited if new). */
  supplierId?: string;
  supplier?: NewSupplier;
  isFramework?: boolean;
  lots?: Array<{ name: string; description?: string | null }>;
  startDate: string;
  endDate: string;
  valueCents: number;
  currency: string;
  timeZone?: string;
}

export type UpdateContractInput = Partial<Pick<CreateContractInput, 'title' | 'startDate' | 'endDate' | 'valueCents' | 'currency' | 'timeZone'>> & {
  status?: ContractStatus;
};

export interface CreateSiteInput {
  name: string;
  address: string;
  country: string;
  tier: number;
  products?: string[];
  workforce?: number | null;
}

export interface CreateLabelInput {
  label: LabelKind;
  otherLabel?: string;
  product: string;
  certificateNumber: string;
  validUntil: string;
}

export interface ContractFilter {
  status?: ContractStatus;
  q?: string;
  after?: string;
  limit: number;
}
