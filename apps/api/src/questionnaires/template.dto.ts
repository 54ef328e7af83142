import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Omittable } from '../http/optional.decorator';
import { Template, TEMPLATE_STATUSES, TemplateStatus, TemplateSummary } from '@ddp/questionnaires';

/** A small but complete definition, for the documentation. */
export const DEFINITION_EXAMPLE = {
  languages: ['en', 'fr', 'nl'],
  title: { en: 'Forced labour quick check', fr: 'Contrôle rapide du travail forcé', nl: 'Snelle controle dwangarbeid' },
  scoring: { method: 'weighted', amberBelow: 75, redBelow: 50 },
  sections: [
    {
      code: 'FL',
      title: { en: 'Forced labour', fr: 'Travail forcé', nl: 'Dwangarbeid' },
      questions: [
        {
          code: 'FL-01',
          theme: 'forced_labour',
          type: 'yes_no',
          required: true,
          weight: 5,
          text: {
            en: 'Do any tier-1 sites retain workers’ identity documents?',
            fr: 'Un site de rang 1 retient-il les papiers d’identité des travailleurs ?',
            nl: 'Houdt een site van rang 1 identiteitspapieren van werknemers bij?',
          },
          options: [
            { value: 'yes', label: { en: 'Yes', fr: 'Oui', nl: 'Ja' }, colour: 'red', redFlag: true },
            { value: 'no', label: { en: 'No', fr: 'Non', nl: 'Nee' }, colour: 'green' },
          ],
        },
        {
          code: 'FL-02',
          theme: 'forced_labour',
          type: 'number',
          required: true,
          unit: 'h/week',
          min: 0,
          max: 168,
          text: { en: 'Maximum weekly hours worked last quarter', fr: 'Heures hebdomadaires maximales le trimestre passé', nl: 'Maximale wekelijkse uren vorig kwartaal' },
          ranges: [
            { max: 60.01, colour: 'green' },
            { min: 60.01, max: 72, colour: 'amber' },
            { min: 72, colour: 'red' },
          ],
          evidence: { required: 'always' },
        },
      ],
    },
  ],
};

export class CreateTemplateDto {
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The template definition (sections, questions, colour rules, roll-up), checked by the server against the schema in docs/architecture.md (422 naming the path of each error)', example: DEFINITION_EXAMPLE })
  @Omittable() @IsObject()
  definition?: Record<string, unknown>;

  @ApiPropertyOptional({ format: 'uuid', description: 'Start from a copy of a template you may read (e.g. a platform reference template)' })
  @Omittable() @IsUUID()
  copyOf?: string;
}

export class UpdateTemplateDto {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The whole template definition, checked by the server against the schema in docs/architecture.md (422 naming the path of each error)', example: DEFINITION_EXAMPLE }) @IsObject() definition!: Record<string, unknown>;
}

export class ListTemplatesQuery {
  @ApiPropertyOptional({ enum: TEMPLATE_STATUSES }) @IsOptional() @IsIn(TEMPLATE_STATUSES) status?: TemplateStatus;
  @ApiPropertyOptional({ description: 'true: only the platform reference templates; false: only the others' })
  @IsOptional() @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value)) @IsBoolean()
  reference?: boolean;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

class OwnerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Stad Gent' }) name!: string;
}

export class TemplateSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', description: 'Shared by the versions of one template' }) familyId!: string;
  @ApiProperty({ example: 2 }) versionNumber!: number;
  @ApiProperty({ enum: TEMPLATE_STATUSES, example: 'published' }) status!: TemplateStatus;
  @ApiProperty({ type: OwnerDto, nullable: true, description: 'null when you read it only through an assessment a supplier shared with you: the buyer that wrote it is the supplier\'s business' })
  owner!: OwnerDto | null;
  @ApiProperty({ description: 'A platform reference template' }) isReference!: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'ict-quick-scan' }) referenceKey!: string | null;
  @ApiProperty({ example: 'ICT supply-chain quick scan' }) title!: string;
  @ApiProperty({ example: 25 }) questionCount!: number;
  @ApiProperty({ example: 1, description: 'Also the ETag (If-Match for PUT and publish of a draft)' }) version!: number;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) updatedAt!: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-11-29T08:00:00.000Z' }) publishedAt!: string | null;

  static of(t: TemplateSummary): TemplateSummaryDto {
    return {
      id: t.id,
      familyId: t.familyId,
      versionNumber: t.versionNumber,
      status: t.status,
      owner: t.owner,
      isReference: t.isReference,
      referenceKey: t.referenceKey,
      title: t.title,
      questionCount: t.questionCount,
      version: t.version,
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      publishedAt: t.publishedAt?.toISOString() ?? null,
    };
  }
}

export class TemplateDto extends TemplateSummaryDto {
  @ApiProperty({ type: 'object', additionalProperties: true, example: DEFINITION_EXAMPLE, description: 'Sections, questions, colour rules and roll-up: everything the supplier sees of the scoring (schema in docs/architecture.md)' })
  definition!: Template['definition'];

  static ofTemplate(t: Template): TemplateDto {
    return { ...TemplateSummaryDto.of(t), definition: t.definition };
  }
}

export class TemplatePageDto {
  @ApiProperty({ type: [TemplateSummaryDto] }) items!: TemplateSummaryDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}
