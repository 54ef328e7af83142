import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ASSESSMENT_STATUSES, AssessmentStatus, AssessmentSummary, AssessmentView } from '@ddp/assessments';
import { CleanText } from '../http/clean-text.decorator';
import { ContractRefDto, RefDto } from '../http/refs.dto';
import { Nested } from '../http/nested.decorator';

const CODE = /^[A-Z][A-Z0-9_.-]{0,39}$/;
const COLOURS = ['green', 'amber', 'red', 'grey'];

export class IssueAssessmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() contractId!: string;
  @ApiProperty({ format: 'uuid', description: 'A published template version' }) @IsUUID() templateId!: string;
  @ApiProperty({ example: '2027-02-15', description: 'Calendar date in the contract time zone' }) @IsString() dueDate!: string;
}

export class BulkIssueAssessmentDto {
  @ApiProperty({ type: [String], format: 'uuid', description: 'One assessment per contract, to its supplier; all or nothing' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID(undefined, { each: true })
  contractIds!: string[];
  @ApiProperty({ format: 'uuid' }) @IsUUID() templateId!: string;
  @ApiProperty({ example: '2027-02-15' }) @IsString() dueDate!: string;
}

/** One answer of a save; checked by `answerShapeErrors` (answer-shape.ts), then against its question. */
export class AnswerDto {
  @ApiProperty({ example: 'QS-FL-01', pattern: '^[A-Z][A-Z0-9_.-]{0,39}$' }) questionCode!: string;
  @ApiProperty({
    description: 'By type — yes_no: "yes"|"no"; single_choice: an option value; multiple_choice: option values; number; text; date "YYYY-MM-DD"; country_list: ISO codes; file: null. null (and no comment) clears the answer.',
    nullable: true,
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
    example: 'no',
  })
  value!: string | number | string[] | null;
  @ApiPropertyOptional({ example: false, description: 'Not applicable, where the question allows it (value must be null)' }) notApplicable?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 5000, example: 'Checked at the 2026 audit of both tier-1 sites' }) comment?: string | null;
}

/** Documents the body of a save; it is checked by `readSaveAnswersBody` (answer-shape.ts), not by decorators. */
export class SaveAnswersDto {
  @ApiProperty({ type: [AnswerDto], minItems: 1, maxItems: 1000 }) answers!: AnswerDto[];
  @ApiPropertyOptional({ enum: ['fr', 'nl', 'en'], description: 'The language you answer in (one of the template’s)' }) language?: 'fr' | 'nl' | 'en';
}

export class ReviewCommentDto {
  @ApiProperty({ example: 'QS-HW-02' }) @IsString() @Matches(CODE, { message: 'questionCode must be a question code' }) questionCode!: string;
  @ApiProperty({ example: 'Please attach the overtime records of the last quarter.' }) @CleanText(1, 5000) text!: string;
}

export class ReviewDto {
  @ApiProperty({ enum: ['accept', 'request_clarification'] }) @IsIn(['accept', 'request_clarification']) decision!: 'accept' | 'request_clarification';
  @ApiPropertyOptional({ type: [ReviewCommentDto], description: 'Comments per answer; at least one when asking for clarification' })
  @IsOptional() @IsArray() @ArrayMaxSize(1000) @Nested(() => ReviewCommentDto, { each: true })
  comments?: ReviewCommentDto[];
}

export class ShareDto {
  @ApiProperty({ format: 'uuid', description: 'Another contracting authority you have a contract with' }) @IsUUID() authorityId!: string;
}

export class RevokeShareQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() authorityId!: string;
}

export class AdoptDto {
  @ApiProperty({ format: 'uuid', description: 'Your contract with the same supplier' }) @IsUUID() contractId!: string;
}

export class ListAssessmentsQuery {
  @ApiPropertyOptional({ enum: ASSESSMENT_STATUSES }) @IsOptional() @IsIn(ASSESSMENT_STATUSES) status?: AssessmentStatus;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

class TemplateRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'ICT supply-chain quick scan' }) title!: string;
  @ApiProperty({ example: 1 }) versionNumber!: number;
}

class SectionRatingDto {
  @ApiProperty({ example: 'FL' }) sectionCode!: string;
  @ApiProperty({ enum: COLOURS, example: 'amber' }) colour!: string;
  @ApiProperty({ nullable: true, type: Number, example: 66.7, description: 'weighted roll-up only' }) score!: number | null;
  @ApiProperty({ example: 4 }) answered!: number;
  @ApiProperty({ example: 5 }) total!: number;
}

class AnswerViewDto {
  @ApiProperty({ example: 'QS-FL-01' }) questionCode!: string;
  @ApiProperty({ nullable: true, example: 'no', oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }] }) value!: unknown;
  @ApiProperty({ example: false }) notApplicable!: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'Checked at the 2026 audit of both tier-1 sites' }) comment!: string | null;
  @ApiProperty({ enum: COLOURS, example: 'green' }) colour!: string;
  @ApiProperty({ example: false, description: 'A red-flag answer: always red' }) redFlag!: boolean;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) updatedAt!: string;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ nullable: true, type: String, example: 'QS-MS-01' }) questionCode!: string | null;
  @ApiProperty({ example: 'human-rights-policy-2026.pdf' }) fileName!: string;
  @ApiProperty({ example: 'application/pdf', description: 'Recognised from the content' }) contentType!: string;
  @ApiProperty({ example: 482133 }) sizeBytes!: number;
  @ApiProperty({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' }) sha256!: string;
  @ApiProperty({ example: '2026-03-01', description: 'The date of the document, not of the upload' }) documentDate!: string;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) uploadedAt!: string;
  @ApiProperty({ nullable: true, type: Number, example: 1 }) revisionAdded!: number | null;
}

class CommentViewDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1 }) revision!: number;
  @ApiProperty({ example: 'QS-HW-02' }) questionCode!: string;
  @ApiProperty({ example: 'Please attach the overtime records of the last quarter.' }) text!: string;
  @ApiProperty({ type: RefDto }) organisation!: RefDto;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) createdAt!: string;
}

class RevisionDto {
  @ApiProperty({ example: 1 }) number!: number;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) openedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2027-02-10T09:00:00.000Z' }) submittedAt!: string | null;
  @ApiProperty({ enum: COLOURS }) colour!: string;
  @ApiProperty({ nullable: true, type: Number, example: 82.5 }) score!: number | null;
  @ApiProperty({ nullable: true, enum: ['accepted', 'clarification_requested'] }) decision!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2027-02-12T09:00:00.000Z' }) decidedAt!: string | null;
}

class ShareViewDto extends RefDto {
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) sharedAt!: string;
}

/** Why `contract` and `authority` may be null (access `shared`). */
const SHARED_HIDES = 'null when the supplier shared this assessment with you: the buyer it was issued for and its contract are the supplier\'s business';

export class AssessmentSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ContractRefDto, nullable: true, description: `The contract it was issued under; ${SHARED_HIDES}` }) contract!: ContractRefDto | null;
  @ApiProperty({ type: RefDto, nullable: true, description: `The issuing contracting authority; ${SHARED_HIDES}` }) authority!: RefDto | null;
  @ApiProperty({ type: RefDto }) supplier!: RefDto;
  @ApiProperty({ type: TemplateRefDto }) template!: TemplateRefDto;
  @ApiProperty({ enum: ASSESSMENT_STATUSES, example: 'in_progress' }) status!: AssessmentStatus;
  @ApiProperty({ example: '2027-02-15' }) dueDate!: string;
  @ApiProperty({ enum: ['fr', 'nl', 'en'], example: 'nl' }) language!: string;
  @ApiProperty({ example: 1, description: 'The open (or last) revision' }) revision!: number;
  @ApiProperty({ example: 3, description: 'Also the ETag: send it as If-Match with every write' }) version!: number;
  @ApiProperty({ enum: COLOURS, example: 'amber' }) colour!: string;
  @ApiProperty({ nullable: true, type: Number, example: 81.3 }) score!: number | null;
  @ApiProperty({ example: 0 }) redFlags!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', example: null, description: 'Adopted from this shared assessment' }) sourceAssessmentId!: string | null;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) issuedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2027-02-10T09:00:00.000Z' }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2027-02-12T09:00:00.000Z' }) acceptedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: null }) withdrawnAt!: string | null;
  @ApiProperty({ enum: ['supplier', 'authority', 'participant', 'auditor', 'shared'], description: 'How you read it' }) access!: string;

  static of(a: AssessmentSummary): AssessmentSummaryDto {
    return { ...a };
  }
}

export class AssessmentDto extends AssessmentSummaryDto {
  @ApiProperty({ type: [SectionRatingDto] }) sections!: SectionRatingDto[];
  @ApiProperty({ type: [AnswerViewDto] }) answers!: AnswerViewDto[];
  @ApiProperty({ type: [EvidenceDto] }) evidence!: EvidenceDto[];
  @ApiProperty({ type: [CommentViewDto], description: 'Review comments of every revision' }) comments!: CommentViewDto[];
  @ApiProperty({ type: [RevisionDto] }) revisions!: RevisionDto[];
  @ApiPropertyOptional({ type: [ShareViewDto], description: 'The supplier only: authorities it shared this with' }) sharedWith?: ShareViewDto[];

  static ofView(a: AssessmentView): AssessmentDto {
    return { ...a };
  }
}

export class AssessmentPageDto {
  @ApiProperty({ type: [AssessmentSummaryDto] }) items!: AssessmentSummaryDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}

export class EvidenceUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, image or office document; at most 25 MB; typed by its content' }) file!: unknown;
  @ApiProperty({ example: 'QS-MS-01' }) questionCode!: string;
  @ApiProperty({ example: '2026-03-01', description: 'The date of the document' }) documentDate!: string;
}

export class FindingEvidenceUploadDto {
  @ApiProperty({ type: 'string', format: 'binary' }) file!: unknown;
  @ApiProperty({ example: '2026-10-14' }) documentDate!: string;
}
