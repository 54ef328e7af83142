import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { FINDING_SEVERITIES, FINDING_STATUSES } from '@ddp/assessments';
import { ACTION_STATUSES, ActionResult, ActionStatus, PLAN_STATUSES, PlanStatus, PlanSummary, PlanView } from '@ddp/remediation';
import { EvidenceDto } from '../assessments/assessment.dto';
import { CalendarDate } from '../http/calendar-date.decorator';
import { CleanText } from '../http/clean-text.decorator';
import { Omittable } from '../http/optional.decorator';
import { ContractRefDto, RefDto } from '../http/refs.dto';
import { Nested } from '../http/nested.decorator';

export class PlanActionInputDto {
  @ApiProperty({ example: 'Return every retained passport to its holder and install personal lockers at the dormitory', maxLength: 5000 }) @CleanText(1, 5000) description!: string;
  @ApiProperty({ example: 'HR manager, Shenzhen assembly site', maxLength: 200 }) @CleanText(1, 200) owner!: string;
  @ApiProperty({ example: '2027-02-28', description: 'Calendar date in the contract time zone; today or later' }) @CalendarDate() dueDate!: string;
}

export class PlanActionEditDto extends PlanActionInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'An action of this plan to keep (and edit); leave out for a new action' })
  @Omittable() @IsUUID() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  id?: string;
}

export class CreatePlanDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() contractId!: string;
  @ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: 50, description: 'Open findings of that contract, in no other plan (unless rejected)' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID(undefined, { each: true })
  findingIds!: string[];
  @ApiProperty({ example: 'Dormitory managers kept passports "for safekeeping"; no written policy forbade it and workers had no lockable storage.', maxLength: 5000 })
  @CleanText(1, 5000)
  rootCause!: string;
  @ApiProperty({ type: [PlanActionInputDto], maxItems: 100, description: 'Proposed by the supplier: planned; drafted by the buyer for the supplier: proposed, to be accepted' })
  @IsArray() @ArrayMaxSize(100) @Nested(() => PlanActionInputDto, { each: true })
  actions!: PlanActionInputDto[];
}

export class UpdatePlanDto {
  @ApiPropertyOptional({ maxLength: 5000, example: 'Production peaks were met by overtime instead of temporary staff.', description: 'The supplier, in a draft or rejected plan' }) @Omittable() @CleanText(1, 5000) rootCause?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: 50, description: 'The supplier, in a draft or rejected plan: replaces the findings' })
  @Omittable() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(50) @IsUUID(undefined, { each: true })
  findingIds?: string[];
  @ApiPropertyOptional({
    type: [PlanActionEditDto],
    maxItems: 100,
    description: 'The supplier, in a draft or rejected plan: the whole list. Actions sent with their id are kept (and edited), the others removed (not those with evidence), new ones are planned.',
  })
  @Omittable() @IsArray() @ArrayMaxSize(100) @Nested(() => PlanActionEditDto, { each: true })
  actions?: PlanActionEditDto[];
  @ApiPropertyOptional({ type: [PlanActionInputDto], maxItems: 100, description: 'The contract’s authority, in any plan not verified: appended as proposed, for the supplier to accept' })
  @Omittable() @IsArray() @ArrayMaxSize(100) @Nested(() => PlanActionInputDto, { each: true })
  proposedActions?: PlanActionInputDto[];
}

export class RejectPlanDto {
  @ApiProperty({ example: 'Action 2 has no owner on site and its date is after the peak season; add how workers are told that they may keep their papers.', maxLength: 5000 })
  @CleanText(1, 5000)
  comments!: string;
}

export class UpdatePlanActionDto {
  @ApiPropertyOptional({ enum: ['in_progress', 'done'], description: 'One step at a time, once the plan is approved: planned → in_progress → done' })
  @Omittable() @IsIn(['in_progress', 'done'])
  status?: 'in_progress' | 'done';
  @ApiPropertyOptional({ enum: [true], description: 'Accept an action the buyer proposed (it becomes planned)' }) @Omittable() @Equals(true) accept?: true;
  @ApiPropertyOptional({ maxLength: 5000, example: 'Hire 40 temporary workers for the Q4 peak', description: 'While the plan is a draft or rejected, or while the action is proposed' }) @Omittable() @CleanText(1, 5000) description?: string;
  @ApiPropertyOptional({ maxLength: 200, example: 'HR manager, Chongqing plant' }) @Omittable() @CleanText(1, 200) owner?: string;
  @ApiPropertyOptional({ example: '2027-03-15', description: 'Today or later' }) @Omittable() @CalendarDate() dueDate?: string;
}

export class ListPlansQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ enum: PLAN_STATUSES }) @IsOptional() @IsIn(PLAN_STATUSES) status?: PlanStatus;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: plans overdue or with an overdue action; false: neither' }) @IsOptional() @IsIn(['true', 'false']) overdue?: 'true' | 'false';
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ActionEvidenceUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, image or office document; typed by its content' }) file!: unknown;
  @ApiProperty({ example: '2027-02-20', description: 'The date of the document (not in the future)' }) documentDate!: string;
}

class PlanFindingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Are identity documents retained?' }) title!: string;
  @ApiProperty({ enum: FINDING_SEVERITIES, example: 'high' }) severity!: string;
  @ApiProperty({ enum: FINDING_STATUSES, example: 'open' }) status!: string;
  @ApiProperty({ nullable: true, type: String, example: '2027-02-09', description: 'The plan is due by then (red findings)' }) planDueDate!: string | null;
}

export class PlanActionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 1 }) position!: number;
  @ApiProperty({ example: 'Return every retained passport to its holder and install personal lockers at the dormitory' }) description!: string;
  @ApiProperty({ example: 'HR manager, Shenzhen assembly site' }) owner!: string;
  @ApiProperty({ example: '2027-02-28' }) dueDate!: string;
  @ApiProperty({ enum: ACTION_STATUSES, example: 'in_progress', description: 'proposed (by the buyer) → planned → in_progress → done → verified (by the buyer)' }) status!: ActionStatus;
  @ApiProperty({ enum: ['supplier', 'authority'], example: 'supplier' }) proposedBy!: string;
  @ApiProperty({ example: false, description: 'Due before today (contract time zone) and not done, in an approved plan' }) overdue!: boolean;
  @ApiProperty({ nullable: true, type: String, example: '2027-02-20' }) doneOn!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-02-20T10:15:00.000Z' }) doneAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) verifiedAt!: string | null;
  @ApiProperty({ example: 3, description: 'The action’s ETag: send it as If-Match when changing the action' }) version!: number;
  @ApiProperty({ type: [EvidenceDto] }) evidence!: EvidenceDto[];
}

class PlanRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: PLAN_STATUSES, example: 'approved' }) status!: string;
  @ApiProperty({ example: 7 }) version!: number;
}

export class PlanActionResultDto extends PlanActionDto {
  @ApiProperty({ type: PlanRefDto, description: 'Where the plan stands after this write (verified when this was the last action to verify)' }) plan!: PlanRefDto;

  static of(a: ActionResult): PlanActionResultDto {
    return { ...a };
  }
}

export class PlanSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: ContractRefDto }) contract!: ContractRefDto;
  @ApiProperty({ type: RefDto, description: 'The contract’s contracting authority' }) authority!: RefDto;
  @ApiProperty({ type: RefDto }) supplier!: RefDto;
  @ApiProperty({ enum: PLAN_STATUSES, example: 'submitted' }) status!: PlanStatus;
  @ApiProperty({ example: 'Dormitory managers kept passports "for safekeeping"; no written policy forbade it.' }) rootCause!: string;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'The buyer’s comments of the last rejection' }) rejectionComments!: string | null;
  @ApiProperty({ enum: ['supplier', 'authority'], description: 'Who drafted the plan' }) createdBy!: string;
  @ApiProperty({ example: '2027-01-10' }) createdOn!: string;
  @ApiProperty({ example: false, description: 'A finding’s planDueDate has passed while the plan is not submitted (draft or rejected)' }) overdue!: boolean;
  @ApiProperty({ example: 0 }) overdueActions!: number;
  @ApiProperty({ example: 2 }) findingCount!: number;
  @ApiProperty({ example: 3 }) actionCount!: number;
  @ApiProperty({ example: 1 }) verifiedActions!: number;
  @ApiProperty({ example: 4, description: 'Also the ETag: every write to the plan or one of its actions moves it' }) version!: number;
  @ApiProperty({ enum: ['authority', 'supplier', 'auditor'], description: 'How you read it' }) access!: string;
  @ApiProperty({ example: '2027-01-10T09:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2027-01-12T09:00:00.000Z' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2027-02-01T09:00:00.000Z' }) submittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: '2027-02-03T09:00:00.000Z' }) approvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', example: null }) verifiedAt!: string | null;

  static of(p: PlanSummary): PlanSummaryDto {
    return { ...p };
  }
}

export class PlanDto extends PlanSummaryDto {
  @ApiProperty({ type: [PlanFindingDto] }) findings!: PlanFindingDto[];
  @ApiProperty({ type: [PlanActionDto] }) actions!: PlanActionDto[];

  static ofView(p: PlanView): PlanDto {
    return { ...p };
  }
}

export class PlanPageDto {
  @ApiProperty({ type: [PlanSummaryDto] }) items!: PlanSummaryDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}
