import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength } from 'class-validator';
import { USER_ROLES, UserRole } from '@ddp/core';
import { CleanText } from '../http/clean-text.decorator';
import { Invitation } from '@ddp/identity';

export class CreateInvitationDto {
  @ApiProperty({ example: 'jan.desmet@gent.example' })
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email!: string;

  @ApiProperty({ enum: USER_ROLES, example: 'member' })
  @IsIn(USER_ROLES)
  role!: UserRole;
}

export class AcceptInvitationDto {
  @ApiProperty({ description: 'The token from the invitation link', example: 'Yc2Q6mN0k1x8dT3rB5vL7pA9sE2uW4zH6jK8nM0qR1s' })
  @IsString() @Length(20, 200)
  token!: string;

  @ApiProperty({ example: 'Jan De Smet' })
  @CleanText(1, 200)
  name!: string;

  @ApiProperty({ description: 'At least 12 characters, not a common password', example: 'Lente-in-Gent-2026' })
  @IsString() @Length(1, 256)
  password!: string;
}

export class InvitationDto {
  @ApiProperty({ format: 'uuid', example: 'c3d4f6a2-8b1e-4c2f-9a3d-5e6f7a8b9c0d' }) id!: string;
  @ApiProperty({ format: 'uuid', example: '6a0d0c0e-2f0b-4a8e-9d8e-2b8f5f8d7c11' }) organisationId!: string;
  @ApiProperty({ example: 'jan.desmet@gent.example' }) email!: string;
  @ApiProperty({ enum: USER_ROLES, example: 'member' }) role!: UserRole;
  @ApiProperty({ enum: ['pending', 'accepted', 'revoked', 'expired'], example: 'pending' }) status!: string;
  @ApiProperty({ example: '2026-12-06T08:00:00.000Z' }) expiresAt!: string;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, example: null }) acceptedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null }) revokedAt!: string | null;

  static of(i: Invitation): InvitationDto {
    return {
      id: i.id,
      organisationId: i.organisationId,
      email: i.email,
      role: i.role,
      status: i.status(),
      expiresAt: i.expiresAt.toISOString(),
      createdAt: i.createdAt.toISOString(),
      acceptedAt: i.acceptedAt?.toISOString() ?? null,
      revokedAt: i.revokedAt?.toISOString() ?? null,
    };
  }
}
