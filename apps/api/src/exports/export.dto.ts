import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, Equals, IsArray, IsUUID } from 'class-validator';
import type { ExportScope, ExportStatus, ExportView } from '@ddp/excel';
import { CalendarDate } from '../http/calendar-date.decorator';
import { Nested } from '../http/nested.decorator';
import { Omittable } from '../http/optional.decorator';

/** Either `contractIds` or `portfolio: true` (checked by the service: exactly one of them). */
export class ExportScopeDto {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Contracts you have a part in (an auditor: those it is assigned to)', example: ['5b0e6c1e-3f7c-4d8e-9a51-2d9f1c7a0b11'] })
  @Omittable() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @IsUUID(undefined, { each: true })
  contractIds?: string[];

  @ApiPropertyOptional({ enum: [true], description: 'Every contract your organisation has a part in' })
  @Omittable() @Equals(true)
  portfolio?: true;
}

export class CreateExportDto {
  @ApiProperty({ type: ExportScopeDto, example: { portfolio: true } }) @Nested(() => ExportScopeDto) scope!: ExportScopeDto;
  @ApiPropertyOptional({ example: '2027-01-01', description: 'Only records dated from this calendar date (assessments by issue date, findings by recording date, reports by period end, defaults by occurrence, ledger entries by decision, audit events by time as a UTC date)' })
  @Omittable() @CalendarDate()
  from?: string;
  @ApiPropertyOptional({ example: '2027-12-31', description: 'Only records dated up to this calendar date (inclusive)' })
  @Omittable() @CalendarDate()
  to?: string;
}

export class ExportProgressDto {
  @ApiProperty({ example: 1200 }) rowsWritten!: number;
  @ApiProperty({ nullable: true, example: 5400, description: 'Rows the workbook will hold, counted when the export starts' }) rowsTotal!: number | null;
}

export class ExportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'], example: 'running' }) status!: ExportStatus;
  @ApiProperty({ example: { contractIds: ['5b0e6c1e-3f7c-4d8e-9a51-2d9f1c7a0b11'] } }) scope!: ExportScope;
  @ApiProperty({ nullable: true, example: '2027-01-01' }) from!: string | null;
  @ApiProperty({ nullable: true, example: '2027-12-31' }) to!: string | null;
  @ApiProperty({ type: ExportProgressDto }) progress!: ExportProgressDto;
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ nullable: true }) startedAt!: Date | null;
  @ApiProperty({ nullable: true }) finishedAt!: Date | null;
  @ApiProperty({ description: 'The export and its file are removed 7 days after the request' }) expiresAt!: Date;
  @ApiProperty({ nullable: true, example: 'export-2027-01-10-5b0e6c1e.xlsx' }) fileName!: string | null;
  @ApiProperty({ nullable: true, example: 48213 }) sizeBytes!: number | null;
  @ApiProperty({ nullable: true, description: 'Why a failed export failed' }) error!: string | null;

  static of(view: ExportView): ExportDto {
    return { ...view, progress: { ...view.progress } };
  }
}
