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
  @ApiProperty({ type: 'integer', nullable: true, example: 5400, description: 'Rows the workbook will hold, counted when the export starts; null until then' }) rowsTotal!: number | null;
}

export class ExportDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['queued', 'running', 'done', 'failed'], example: 'running' }) status!: ExportStatus;
  @ApiProperty({ type: () => ExportScopeDto, description: 'As requested: `contractIds` or `portfolio: true`', example: { contractIds: ['5b0e6c1e-3f7c-4d8e-9a51-2d9f1c7a0b11'] } }) scope!: ExportScope;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-01-01' }) from!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-12-31' }) to!: string | null;
  @ApiProperty({ type: ExportProgressDto }) progress!: ExportProgressDto;
  @ApiProperty({ example: '2027-01-10T09:00:00.000Z' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-10T09:00:02.000Z' }) startedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2027-01-10T09:00:31.000Z' }) finishedAt!: Date | null;
  @ApiProperty({ example: '2027-01-17T09:00:00.000Z', description: 'The export and its file are removed 7 days after the request' }) expiresAt!: Date;
  @ApiProperty({ type: String, nullable: true, example: 'export-2027-01-10-5b0e6c1e.xlsx', description: 'Once done' }) fileName!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 48213, description: 'Once done' }) sizeBytes!: number | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why a failed export failed' }) error!: string | null;

  static of(view: ExportView): ExportDto {
    return { ...view, progress: { ...view.progress } };
  }
}
