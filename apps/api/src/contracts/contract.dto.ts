import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO31661Alpha2,
  IsISO4217CurrencyCode,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { CONTRACT_STATUSES, ContractDetail, ContractStatus, Contract, LABEL_KINDS, LabelKind, ProductionSite, ProductLabel } from '@ddp/contracts';
import { LANGUAGES, Language } from '@ddp/core';
import { CleanText } from '../http/clean-text.decorator';
import { Omittable } from '../http/optional.decorator';
import { RefDto } from '../http/refs.dto';
import { Nested } from '../http/nested.decorator';

const DATE_EXAMPLE = '2027-01-01';
const MAX_CENTS = 9_000_000_000_000_000; // within bigint and a JS safe integer

export class LotDto {
  @ApiProperty({ example: 'Lot 1 – Laptops' }) @CleanText(1, 200) name!: string;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'Standard and high-performance laptops with docking stations' }) @IsOptional() @CleanText(1, 2000) description?: string | null;
}

export class NewSupplierDto {
  @ApiProperty({ example: 'Laptop Solutions NV' }) @CleanText(1, 200) name!: string;
  @ApiProperty({ example: 'BE', description: 'ISO 3166-1 alpha-2' }) @IsISO31661Alpha2() country!: string;
  @ApiPropertyOptional({ example: '0876.904.645', description: 'Matches a supplier already on the platform; otherwise it is created' }) @Omittable() @CleanText(1, 40) registrationNumber?: string;
  @ApiProperty({ example: 'compliance@laptops.example', description: 'Invited as the first admin of a supplier new to the platform' }) @IsEmail() @MaxLength(254) contactEmail!: string;
  @ApiPropertyOptional({ enum: LANGUAGES, example: 'nl' }) @Omittable() @IsIn(LANGUAGES) preferredLanguage?: Language;
}

export class CreateContractDto {
  @ApiProperty({ example: 'GENT-ICT-2027-001', description: 'Unique within your organisation' }) @CleanText(1, 100) reference!: string;
  @ApiProperty({ example: 'Laptops and docking stations 2027-2030' }) @CleanText(1, 300) title!: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'A supplier of one of your contracts; or give `supplier`' }) @Omittable() @IsUUID() supplierId?: string;
  @ApiPropertyOptional({ type: NewSupplierDto, description: 'The supplier named by its registration: matched, or created and its contact invited' })
  @Omittable() @Nested(() => NewSupplierDto)
  supplier?: NewSupplierDto;
  @ApiPropertyOptional({ default: false, example: false, description: 'A framework agreement other authorities may join' }) @Omittable() @IsBoolean() isFramework?: boolean;
  @ApiPropertyOptional({ type: [LotDto] }) @Omittable() @IsArray() @ArrayMaxSize(100) @Nested(() => LotDto, { each: true }) lots?: LotDto[];
  @ApiProperty({ example: DATE_EXAMPLE }) @IsString() startDate!: string;
  @ApiProperty({ example: '2030-12-31' }) @IsString() endDate!: string;
  @ApiProperty({ example: 125000000, description: 'Contract value in integer cents' }) @IsInt() @Min(0) @Max(MAX_CENTS) valueCents!: number;
  @ApiProperty({ example: 'EUR' }) @IsISO4217CurrencyCode() currency!: string;
  @ApiPropertyOptional({ example: 'Europe/Brussels', default: 'Europe/Brussels' }) @Omittable() @IsString() @MaxLength(64) timeZone?: string;
}

export class UpdateContractDto {
  @ApiPropertyOptional({ example: 'Laptops and docking stations 2027-2031' }) @Omittable() @CleanText(1, 300) title?: string;
  @ApiPropertyOptional({ example: DATE_EXAMPLE }) @Omittable() @IsString() startDate?: string;
  @ApiPropertyOptional({ example: '2031-12-31' }) @Omittable() @IsString() endDate?: string;
  @ApiPropertyOptional({ example: 150000000 }) @Omittable() @IsInt() @Min(0) @Max(MAX_CENTS) valueCents?: number;
  @ApiPropertyOptional({ example: 'EUR' }) @Omittable() @IsISO4217CurrencyCode() currency?: string;
  @ApiPropertyOptional({ example: 'Europe/Brussels' }) @Omittable() @IsString() @MaxLength(64) timeZone?: string;
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES, example: 'suspended' }) @Omittable() @IsIn(CONTRACT_STATUSES) status?: ContractStatus;
}

export class ListContractsQuery {
  @ApiPropertyOptional({ enum: CONTRACT_STATUSES }) @IsOptional() @IsIn(CONTRACT_STATUSES) status?: ContractStatus;
  @ApiPropertyOptional({ description: 'Part of the reference or title', example: 'laptop' }) @IsOptional() @CleanText(1, 100) q?: string;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class RegisteredOrganisationDto {
  @ApiProperty({ example: 'BE' }) @IsISO31661Alpha2() country!: string;
  @ApiProperty({ example: '0412.027.195', description: 'The organisation’s registration (enterprise) number on the platform' }) @CleanText(1, 40) registrationNumber!: string;
}

export class RevokeAuditorQuery {
  @ApiProperty({ format: 'uuid', description: 'The audit body (see `auditors` of the contract)' }) @IsUUID() organisationId!: string;
}

export class CreateSiteDto {
  @ApiProperty({ example: 'Assembly plant Chongqing' }) @CleanText(1, 200) name!: string;
  @ApiProperty({ example: '18 Xiyong Road, Shapingba District, Chongqing' }) @CleanText(1, 500) address!: string;
  @ApiProperty({ example: 'CN' }) @IsISO31661Alpha2() country!: string;
  @ApiProperty({ example: 1, minimum: 1, maximum: 20, description: '1: final assembly; 2: main components; …' }) @IsInt() @Min(1) @Max(20) tier!: number;
  @ApiPropertyOptional({ type: [String], example: ['laptops', 'docking stations'] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @CleanText(1, 200, { each: true }) products?: string[];
  @ApiPropertyOptional({ type: 'integer', nullable: true, example: 4200 }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) workforce?: number | null;
}

export class CreateLabelDto {
  @ApiProperty({ enum: LABEL_KINDS, example: 'tco_certified' }) @IsIn(LABEL_KINDS) label!: LabelKind;
  @ApiPropertyOptional({ example: 'Blue Angel', description: 'The label’s name, for `other` only' }) @Omittable() @CleanText(1, 200) otherLabel?: string;
  @ApiProperty({ example: 'ProBook 450 G11' }) @CleanText(1, 300) product!: string;
  @ApiProperty({ example: 'NB-2026-004512' }) @CleanText(1, 100) certificateNumber!: string;
  @ApiProperty({ example: '2028-06-30' }) @IsString() validUntil!: string;
}

class LotViewDto {
  @ApiProperty({ example: 'Lot 1 – Laptops' }) name!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Standard and high-performance laptops with docking stations' }) description!: string | null;
}

export class SiteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'Assembly plant Chongqing' }) name!: string;
  @ApiProperty({ example: '18 Xiyong Road, Shapingba District, Chongqing' }) address!: string;
  @ApiProperty({ example: 'CN' }) country!: string;
  @ApiProperty({ example: 1 }) tier!: number;
  @ApiProperty({ type: [String], example: ['laptops'] }) products!: string[];
  @ApiProperty({ nullable: true, type: Number, example: 4200 }) workforce!: number | null;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) createdAt!: string;

  static of(s: ProductionSite): SiteDto {
    return { ...s, createdAt: s.createdAt.toISOString() };
  }
}

export class LabelDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ enum: LABEL_KINDS, example: 'tco_certified' }) label!: LabelKind;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'The label’s name, for `other` only' }) otherLabel!: string | null;
  @ApiProperty({ example: 'ProBook 450 G11' }) product!: string;
  @ApiProperty({ example: 'NB-2026-004512' }) certificateNumber!: string;
  @ApiProperty({ example: '2028-06-30' }) validUntil!: string;
  @ApiProperty({ description: 'The certificate lapses before the contract ends', example: true }) expiresBeforeContractEnd!: boolean;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) createdAt!: string;

  static of(l: ProductLabel): LabelDto {
    return { ...l, createdAt: l.createdAt.toISOString() };
  }
}

class ParticipantDto extends RefDto {
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) joinedAt!: string;
}

class AuditorDto extends RefDto {
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) assignedAt!: string;
}

export class ContractDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'GENT-ICT-2027-001' }) reference!: string;
  @ApiProperty({ example: 'Laptops and docking stations 2027-2030' }) title!: string;
  @ApiProperty({ type: RefDto }) authority!: RefDto;
  @ApiProperty({ type: RefDto }) supplier!: RefDto;
  @ApiProperty({ example: false }) isFramework!: boolean;
  @ApiProperty({ type: [LotViewDto] }) lots!: LotViewDto[];
  @ApiProperty({ example: DATE_EXAMPLE }) startDate!: string;
  @ApiProperty({ example: '2030-12-31' }) endDate!: string;
  @ApiProperty({ example: 125000000 }) valueCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 'Europe/Brussels' }) timeZone!: string;
  @ApiProperty({ enum: CONTRACT_STATUSES, example: 'active' }) status!: ContractStatus;
  @ApiProperty({ example: 1, description: 'Also the ETag' }) version!: number;
  @ApiProperty({ enum: ['authority', 'participant', 'supplier', 'auditor'], description: 'Your organisation’s part in the contract' }) role!: string;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) updatedAt!: string;

  static of(c: Contract): ContractDto {
    return { ...c, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() };
  }
}

export class ContractDetailDto extends ContractDto {
  @ApiProperty({ type: [ParticipantDto], description: 'Authorities buying under a framework agreement' }) participants!: ParticipantDto[];
  @ApiProperty({ type: [AuditorDto] }) auditors!: AuditorDto[];
  @ApiProperty({ type: [SiteDto], description: 'Production sites disclosed by the supplier (confidential)' }) sites!: SiteDto[];
  @ApiProperty({ type: [LabelDto] }) labels!: LabelDto[];

  static ofDetail(c: ContractDetail): ContractDetailDto {
    return {
      ...ContractDto.of(c),
      participants: c.participants.map((p) => ({ id: p.id, name: p.name, joinedAt: p.joinedAt.toISOString() })),
      auditors: c.auditors.map((a) => ({ id: a.id, name: a.name, assignedAt: a.assignedAt.toISOString() })),
      sites: c.sites.map(SiteDto.of),
      labels: c.labels.map(LabelDto.of),
    };
  }
}

export class CreatedContractDto extends ContractDetailDto {
  @ApiProperty({ enum: ['invited', 'existing'], description: '`invited`: the supplier was new to the platform, created, and its contact invited' }) supplierOnboarding!: 'invited' | 'existing';
}

export class ContractPageDto {
  @ApiProperty({ type: [ContractDto] }) items!: ContractDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}
