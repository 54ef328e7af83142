import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { MineralsReportView, SmelterRollupItem } from '@ddp/excel';
import { RefDto } from '../http/refs.dto';

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

class MineralsContactDto {
  @ApiProperty({ type: String, nullable: true, example: 'An Peeters' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'an@acme.test' }) email!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+32 2 000 00 00' }) phone!: string | null;
}

class MineralsAuthoriserDto extends MineralsContactDto {
  @ApiProperty({ type: String, nullable: true, example: 'COO' }) title!: string | null;
}

class MineralsMetalAnswerDto {
  @ApiProperty({ example: 'Tantalum' }) metal!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Yes' }) answer!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) comment!: string | null;
  @ApiProperty({ example: 'Declaration!D26', description: 'Where the answer is' }) cell!: string;
}

class MineralsQuestionDto {
  @ApiProperty({ example: '1', description: '1…8 (CMRT) or 1…7 (EMRT)' }) number!: string;
  @ApiProperty({ type: [MineralsMetalAnswerDto] }) answers!: MineralsMetalAnswerDto[];
}

class MineralsCompanyQuestionDto {
  @ApiProperty({ example: 'A', description: 'A…H (CMRT) or A…G (EMRT)' }) code!: string;
  @ApiProperty({ type: String, nullable: true, example: 'No' }) answer!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) comment!: string | null;
  @ApiProperty({ example: 'Declaration!D75' }) cell!: string;
  @ApiPropertyOptional({ type: [MineralsMetalAnswerDto], description: 'EMRT question C is answered per mineral' }) perMetal?: MineralsMetalAnswerDto[];
}

/** The Declaration sheet as read by cell address. */
class MineralsDeclarationDto {
  @ApiProperty({ example: 'Acme Components NV' }) companyName!: string;
  @ApiProperty({ example: 'A. Company' }) scope!: string;
  @ApiProperty({ type: String, nullable: true, example: 'A', description: 'A, B or C' }) scopeCode!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) scopeDescription!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'BE0123456789' }) companyUniqueId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'KBO' }) companyUniqueIdAuthority!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Rue de la Loi 1, Brussels' }) address!: string | null;
  @ApiProperty({ type: MineralsContactDto }) contact!: MineralsContactDto;
  @ApiProperty({ type: MineralsAuthoriserDto }) authoriser!: MineralsAuthoriserDto;
  @ApiProperty({ example: '2026-05-01' }) effectiveDate!: string;
  @ApiProperty({ type: [String], example: ['Tantalum', 'Tin', 'Gold', 'Tungsten'], description: 'EMRT: the minerals the declaration covers (CMRT: the four 3TG metals)' }) mineralsInScope!: string[];
  @ApiProperty({ type: [MineralsQuestionDto] }) questions!: MineralsQuestionDto[];
  @ApiProperty({ type: [MineralsCompanyQuestionDto] }) companyQuestions!: MineralsCompanyQuestionDto[];
}

class MineralsFileDto {
  @ApiProperty({ example: 'cmrt-2026.xlsx' }) name!: string;
  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }) sha256!: string;
  @ApiProperty({ type: 'integer', example: 1556011 }) sizeBytes!: number;
}

const DETAILS = { type: 'object', additionalProperties: { type: 'string', nullable: true } } as const;

export class MineralsSmelterDto {
  @ApiProperty({ example: 5, description: 'Row on the Smelter List sheet' }) row!: number;
  @ApiProperty({ example: 'Tin' }) metal!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Thaisarco' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'THAILAND' }) country!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'CID001898' }) smelterId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'RMI' }) source!: string | null;
  @ApiProperty({ ...DETAILS, description: 'Address, contact, next steps, mine, recycled or scrap, comments', example: { city: 'Phuket' } }) details!: Record<string, string | null>;
}

export class MineralsMineDto {
  @ApiProperty({ example: 5 }) row!: number;
  @ApiProperty({ example: 'Cobalt' }) metal!: string;
  @ApiProperty({ type: String, nullable: true, example: 'Kamoto Copper Company' }) smelterName!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Kamoto' }) name!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'M-0042' }) mineId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'CONGO, DEMOCRATIC REPUBLIC OF THE' }) country!: string | null;
  @ApiProperty({ ...DETAILS, description: 'Location, source, comments', example: { comment: 'Own mine' } }) details!: Record<string, string | null>;
}

export class MineralsReportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ type: RefDto }) supplier!: RefDto;
  @ApiProperty({ enum: ['CMRT', 'EMRT'] }) kind!: 'CMRT' | 'EMRT';
  @ApiProperty({ example: '6.5' }) version!: string;
  @ApiProperty({ enum: ['current', 'superseded'], description: 'A later upload for the contract supersedes this one' }) status!: 'current' | 'superseded';
  @ApiProperty({ example: 'Acme Components NV' }) companyName!: string;
  @ApiProperty({ example: 'A. Company' }) scope!: string;
  @ApiProperty({ example: '2026-05-01' }) effectiveDate!: string;
  @ApiProperty({ type: MineralsDeclarationDto, description: 'The declaration as read by cell address (answers carry their cell)', example: DECLARATION_EXAMPLE }) declaration!: MineralsDeclarationDto;
  @ApiProperty({ type: MineralsFileDto }) file!: MineralsFileDto;
  @ApiProperty({ example: 12 }) smelterCount!: number;
  @ApiProperty({ example: 0 }) mineCount!: number;
  @ApiProperty({ format: 'uuid', description: 'The user who uploaded it' }) uploadedBy!: string;
  @ApiProperty({ format: 'date-time', example: '2026-05-02T09:00:00.000Z' }) uploadedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', example: null }) supersededAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', example: null, description: 'The report that superseded it' }) supersededBy!: string | null;
  @ApiPropertyOptional({ type: [MineralsSmelterDto], description: 'In the upload’s answer' }) smelters?: MineralsSmelterDto[];
  @ApiPropertyOptional({ type: [MineralsMineDto], description: 'EMRT, in the upload’s answer' }) mines?: MineralsMineDto[];

  static of(view: MineralsReportView): MineralsReportDto {
    return view as MineralsReportDto;
  }
}

export class MineralsReportPageDto {
  @ApiProperty({ type: [MineralsReportDto] }) items!: MineralsReportDto[];
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}

export class SmelterSupplierDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Acme Components NV' }) name!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'CT-2026-001' }) contractReference!: string;
}

export class SmelterRollupItemDto {
  @ApiProperty({ example: 'id:CID001898', description: 'Grouped by smelter identification when given, else by normalised name and metal (`name:thaisarco|tin`)' }) key!: string;
  @ApiProperty({ type: String, nullable: true, example: 'CID001898' }) smelterId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'Thaisarco' }) name!: string | null;
  @ApiProperty({ example: 'Tin' }) metal!: string;
  @ApiProperty({ type: String, nullable: true, example: 'THAILAND' }) country!: string | null;
  @ApiProperty({ type: [SmelterSupplierDto], description: 'The suppliers whose current report names the smelter' }) suppliers!: SmelterSupplierDto[];

  static of(item: SmelterRollupItem): SmelterRollupItemDto {
    return item;
  }
}

export class SmelterRollupPageDto {
  @ApiProperty({ type: [SmelterRollupItemDto] }) items!: SmelterRollupItemDto[];
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}
