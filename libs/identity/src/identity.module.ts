import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@ddp/core';
import { AuthService } from './auth/auth.service';
import { RefreshToken } from './auth/refresh-token.entity';
import { BootstrapService } from './bootstrap/bootstrap.service';
import { Invitation } from './invitations/invitation.entity';
import { InvitationsService } from './invitations/invitations.service';
import { Organisation } from './organisations/organisation.entity';
import { OrganisationAccess } from './organisations/organisation-access';
import { OrganisationsService } from './organisations/organisations.service';
import { AccountPasswordService } from './passwords/account-password.service';
import { PasswordReset } from './passwords/password-reset.entity';
import { PasswordService } from './passwords/password.service';
import { User } from './users/user.entity';
import { UsersService } from './users/users.service';

/** Organisations, users, invitations, passwords and tokens. */
@Module({
  imports: [
    TypeOrmModule.forFeature([Organisation, User, Invitation, RefreshToken, PasswordReset]),
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.JWT_SECRET,
        signOptions: { algorithm: 'HS256', expiresIn: config.ACCESS_TOKEN_TTL_SECONDS, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
        verifyOptions: { algorithms: ['HS256'], issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
      }),
    }),
  ],
  providers: [OrganisationAccess, PasswordService, AccountPasswordService, OrganisationsService, UsersService, InvitationsService, AuthService, BootstrapService],
  exports: [PasswordService, AccountPasswordService, OrganisationsService, UsersService, InvitationsService, AuthService, BootstrapService, JwtModule],
})
export class IdentityModule {}
