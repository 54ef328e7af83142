import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Language, LANGUAGES, ORGANISATION_KINDS, OrganisationKind, USER_ROLES, UserRole } from '@ddp/core';
import { User, UserStatus } from '@ddp/identity';

export class UserDto {
  @ApiProperty({ format: 'uuid', example: '0f7b7b1e-55a8-4a4e-8c5e-3f1c2d9e8a77' }) id!: string;
  @ApiProperty({ example: 'an.peeters@gent.example' }) email!: string;
  @ApiProperty({ example: 'An Peeters' }) name!: string;
  @ApiProperty({ enum: USER_ROLES, example: 'admin' }) role!: UserRole;
  @ApiProperty({ enum: ['active', 'disabled'], example: 'active' }) status!: string;

  static of(u: User): UserDto {
    return { id: u.id, email: u.email, name: u.name, role: u.role, status: u.status };
  }
}

class MeOrganisationDto {
  @ApiProperty({ format: 'uuid', example: '6a0d0c0e-2f0b-4a8e-9d8e-2b8f5f8d7c11' }) id!: string;
  @ApiProperty({ example: 'Stad Gent' }) name!: string;
  @ApiProperty({ enum: ORGANISATION_KINDS, example: 'contracting_authority' }) kind!: OrganisationKind;
  @ApiProperty({ enum: LANGUAGES, example: 'nl', description: "The organisation's language (mails; the portal's default when the browser's is not offered)" }) preferredLanguage!: Language;
}

export class MeDto {
  @ApiProperty({ format: 'uuid', example: '0f7b7b1e-55a8-4a4e-8c5e-3f1c2d9e8a77' }) id!: string;
  @ApiProperty({ example: 'an.peeters@gent.example' }) email!: string;
  @ApiProperty({ example: 'An Peeters' }) name!: string;
  @ApiProperty({ enum: USER_ROLES, example: 'admin' }) role!: UserRole;
  @ApiProperty({ type: MeOrganisationDto }) organisation!: MeOrganisationDto;

  static of(u: User): MeDto {
    const o = u.organisation!;
    return { id: u.id, email: u.email, name: u.name, role: u.role, organisation: { id: o.id, name: o.name, kind: o.kind, preferredLanguage: o.preferredLanguage } };
  }
}

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: USER_ROLES, example: 'admin' })
  @IsOptional() @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ enum: ['active', 'disabled'], example: 'disabled', description: 'disabled: the user can no longer log in and their sessions end' })
  @IsOptional() @IsIn(['active', 'disabled'])
  status?: UserStatus;
}
