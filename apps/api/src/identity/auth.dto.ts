import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'buyer.admin@gent.demo' })
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'demo-portal-2026!' })
  @IsString() @MinLength(1) @MaxLength(256)
  password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from login or the last refresh', example: 'q3V9mX1c0Lk7bq2tZ8yN4eA5sR6uW0pD1fG2hJ3kL4m' })
  @IsString() @Length(20, 200)
  refreshToken!: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT (HS256) for the Authorization: Bearer header', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI…' })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque, single-use: each refresh returns a new one', example: 'q3V9mX1c0Lk7bq2tZ8yN4eA5sR6uW0pD1fG2hJ3kL4m' })
  refreshToken!: string;

  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 })
  expiresIn!: number;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  tokenType!: 'Bearer';
}

export class AccessTokenDto {
  @ApiProperty({ description: 'JWT (HS256) for the Authorization: Bearer header; keep it in memory', example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI…' })
  accessToken!: string;

  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 })
  expiresIn!: number;

  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] })
  tokenType!: 'Bearer';
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'jan.desmet@gent.example' })
  @IsEmail({ require_tld: false }) @MaxLength(320)
  email!: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token from the mailed link', example: 'Yc2Q6mN0k1x8dT3rB5vL7pA9sE2uW4zH6jK8nM0qR1s' })
  @IsString() @Length(20, 200)
  token!: string;

  @ApiProperty({ description: 'At least 12 characters, not a common password', example: 'Herfst-in-Gent-2026' })
  @IsString() @Length(1, 256)
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'Lente-in-Gent-2026' })
  @IsString() @Length(1, 256)
  currentPassword!: string;

  @ApiProperty({ description: 'At least 12 characters, not a common password', example: 'Herfst-in-Gent-2026' })
  @IsString() @Length(1, 256)
  newPassword!: string;
}
