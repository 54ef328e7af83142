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
