import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { MineralsReportView, SmelterRollupItem } from '@ddp/excel';

export class MineralsUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The filled RMI CMRT (6.x) or EMRT (2.x) as .xlsx (no macros)' }) file!: unknown;
}

export class ListMineralsReportsQuery {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class SmelterRollupQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the smelters of this contract' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(1500) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

const DECLARATION_EXAMPLE = {
  companyName: 'Acme Components NV',
  scope: 'A. Company',
  scopeCode: 'A',
  scopeDescription: null,
  companyUniqueId: 'BE0123456789',
  companyUniqueIdAuthority: 'KBO',
  address: 'Rue de la Loi 1, Brussels',
  contact: { name: 'An Peeters', email: 'an@acme.test', phone: '+32 2 000 00 00' },
  authoriser: { name: 'Jan Janssens', title: 'COO', email: 'jan@acme.test', phone: null },
  effectiveDate: '2026-05-01',
  mineralsInScope: ['Tantalum', 'Tin', 'Gold', 'Tungsten'],
  questions: [{ number: '1', answers: [{ metal: 'Tantalum', answer: 'Yes', comment: null, cell: 'Declaration!D26' }] }],
  companyQuestions: [{ code: 'A', answer: 'No', comment: null, cell: 'Declaration!D75' }],
};

export class MineralsSmelterDto {
  @ApiProperty({ example: 5, description: 'Row on the Smelter List sheet' }) row!: number;
  @ApiProperty({ example: 'Tin' }) metal!: string;
  @ApiProperty({ nullable: true, example: 'Thaisarco' }) name!: string | null;
  @ApiProperty({ nullable: true, example: 'THAILAND' }) country!: string | null;
  @ApiProperty({ nullable: true, example: 'CID001898' }) smelterId!: string | null;
  @ApiProperty({ nullable: true, example: 'RMI' }) source!: string | null;
  @ApiProperty({ description: 'Address, contact, next steps, mine, recycled or scrap, comments', example: { city: 'Phuket' } }) details!: Record<string, string | null>;
}

export class MineralsMineDto {
  @ApiProperty({ example: 5 }) row!: number;
  @ApiProperty({ example: 'Cobalt' }) metal!: string;
  @ApiProperty({ nullable: true }) smelterName!: string | null;
  @ApiProperty({ nullable: true, example: 'Kamoto' }) name!: string | null;
  @ApiProperty({ nullable: true }) mineId!: string | null;
  @ApiProperty({ nullable: true, example: 'CONGO, DEMOCRATIC REPUBLIC OF THE' }) country!: string | null;
  @ApiProperty() details!: Record<string, string | null>;
}

export class MineralsReportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: { id: '6f1c…', name: 'Acme Components NV' } }) supplier!: { id: string; name: string };
  @ApiProperty({ enum: ['CMRT', 'EMRT'] }) kind!: 'CMRT' | 'EMRT';
  @ApiProperty({ example: '6.5' }) version!: string;
  @ApiProperty({ enum: ['current', 'superseded'], description: 'A later upload for the contract supersedes this one' }) status!: 'current' | 'superseded';
  @ApiProperty({ example: 'Acme Components NV' }) companyName!: string;
  @ApiProperty({ example: 'A. Company' }) scope!: string;
  @ApiProperty({ example: '2026-05-01' }) effectiveDate!: string;
  @ApiProperty({ description: 'The declaration as read by cell address (answers carry their cell)', example: DECLARATION_EXAMPLE }) declaration!: object;
  @ApiProperty({ example: { name: 'cmrt-2026.xlsx', sha256: 'e3b0c442…', sizeBytes: 1556011 } }) file!: { name: string; sha256: string; sizeBytes: number };
  @ApiProperty({ example: 12 }) smelterCount!: number;
  @ApiProperty({ example: 0 }) mineCount!: number;
  @ApiProperty({ format: 'uuid', description: 'The user who uploaded it' }) uploadedBy!: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt!: string;
  @ApiProperty({ nullable: true, format: 'date-time' }) supersededAt!: string | null;
  @ApiProperty({ nullable: true, format: 'uuid' }) supersededBy!: string | null;
  @ApiPropertyOptional({ type: [MineralsSmelterDto], description: 'In the upload’s answer' }) smelters?: MineralsSmelterDto[];
  @ApiPropertyOptional({ type: [MineralsMineDto], description: 'EMRT, in the upload’s answer' }) mines?: MineralsMineDto[];

  static of(view: MineralsReportView): MineralsReportDto {
    return view as MineralsReportDto;
  }
}

export class MineralsReportPageDto {
  @ApiProperty({ type: [MineralsReportDto] }) items!: MineralsReportDto[];
  @ApiProperty({ nullable: true }) nextCursor!: string | null;
}

export class SmelterSupplierDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Acme Components NV' }) name!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'CT-2026-001' }) contractReference!: string;
}

export class SmelterRollupItemDto {
  @ApiProperty({ example: 'id:CID001898', description: 'Grouped by smelter identification when given, else by normalised name and metal (`name:thaisarco|tin`)' }) key!: string;
  @ApiProperty({ nullable: true, example: 'CID001898' }) smelterId!: string | null;
  @ApiProperty({ nullable: true, example: 'Thaisarco' }) name!: string | null;
  @ApiProperty({ example: 'Tin' }) metal!: string;
  @ApiProperty({ nullable: true, example: 'THAILAND' }) country!: string | null;
  @ApiProperty({ type: [SmelterSupplierDto], description: 'The suppliers whose current report names the smelter' }) suppliers!: SmelterSupplierDto[];

  static of(item: SmelterRollupItem): SmelterRollupItemDto {
    return item;
  }
}

export class SmelterRollupPageDto {
  @ApiProperty({ type: [SmelterRollupItemDto] }) items!: SmelterRollupItemDto[];
  @ApiProperty({ nullable: true }) nextCursor!: string | null;
}
