import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO31661Alpha2, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CleanText } from '../http/clean-text.decorator';
import { LANGUAGES, Language, ORGANISATION_KINDS, OrganisationKind } from '@ddp/core';
import { Organisation } from '@ddp/identity';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Stad Gent' })
  @CleanText(1, 200)
  name!: string;

  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'contracting_authority' })
  @IsIn(ORGANISATION_KINDS)
  kind!: OrganisationKind;

  @ApiProperty({ description: 'ISO 3166-1 alpha-2', example: 'BE' })
  @IsISO31661Alpha2()
  country!: string;

  @ApiPropertyOptional({ description: 'Belgian enterprise number (checked) or the national company number', example: '0207.045.510' })
  @IsOptional() @CleanText(1, 40)
  registrationNumber?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en', example: 'nl' })
  @IsOptional() @IsIn(LANGUAGES)
  preferredLanguage?: Language;
}

export class ListOrganisationsQuery {
  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional() @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;

  @ApiPropertyOptional({ description: 'Part of the name, or the exact registration number', example: 'gent' })
  @IsOptional() @CleanText(1, 100)
  q?: string;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(600)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

export class OrganisationDto {
  @ApiProperty({ format: 'uuid', example: '6a0d0c0e-2f0b-4a8e-9d8e-2b8f5f8d7c11' }) id!: string;
  @ApiProperty({ example: 'Stad Gent' }) name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'contracting_authority' }) kind!: OrganisationKind;
  @ApiProperty({ example: 'BE' }) country!: string;
  @ApiProperty({ nullable: true, type: String, example: '0207.045.510' }) registrationNumber!: string | null;
  @ApiProperty({ enum: LANGUAGES, example: 'nl' }) preferredLanguage!: Language;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) createdAt!: string;

  static of(o: Organisation): OrganisationDto {
    return { id: o.id, name: o.name, kind: o.kind, country: o.country, registrationNumber: o.registrationNumber, preferredLanguage: o.preferredLanguage, createdAt: o.createdAt.toISOString() };
  }
}

export class OrganisationPageDto {
  @ApiProperty({ type: [OrganisationDto] }) items!: OrganisationDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page; null on the last', example: 'WyJTdGFkIEdlbnQiLCI2YTBkMGMwZSJd' }) nextCursor!: string | null;
}
