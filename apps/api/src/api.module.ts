import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, CoreModule, CoreOptions, loggerParams, PgThrottlerStorage, ProblemDetailsFilter } from '@ddp/core';
import { AssessmentsModule } from '@ddp/assessments';
import { ContractsModule } from '@ddp/contracts';
import { IdentityModule } from '@ddp/identity';
import { MonitoringModule } from '@ddp/monitoring';
import { PenaltiesModule } from '@ddp/penalties';
import { ExcelModule } from '@ddp/excel';
import { QuestionnairesModule } from '@ddp/questionnaires';
import { RemediationModule } from '@ddp/remediation';
import { ActionPlansController } from './action-plans/action-plans.controller';
import { AssessmentsController } from './assessments/assessments.controller';
import { EvidenceController } from './assessments/evidence.controller';
import { AssessmentWorkbookController } from './assessments/workbook.controller';
import { AuditEventsController } from './audit/audit-events.controller';
import { ContractsController } from './contracts/contracts.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { FindingsController } from './findings/findings.controller';
import { ExportsController } from './exports/exports.controller';
import { MineralsController } from './minerals/minerals.controller';
import { ReportsController } from './reports/reports.controller';
import { BonusMalusController, DefaultsController, PenaltiesController } from './penalties/defaults.controller';
import { TemplatesController } from './questionnaires/templates.controller';
import { TemplateWorkbookController } from './questionnaires/template-workbook.controller';
import { AccessGuard } from './auth/access.guard';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { AUTH_THROTTLERS, AuthRateLimitGuard } from './auth/rate-limit.guard';
import { HealthController } from './health/health.controller';
import { AuthController } from './identity/auth.controller';
import { BrowserSessionController } from './identity/browser-session.controller';
import { InvitationsController } from './identity/invitations.controller';
import { MeController } from './identity/me.controller';
import { OrganisationsController } from './identity/organisations.controller';

/** HTTP only: controllers, guards and the error filter over the domain libraries. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig, options: CoreOptions = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config)),
        CoreModule.forRoot(config, options),
        IdentityModule,
        ContractsModule,
        QuestionnairesModule,
        AssessmentsModule,
        MonitoringModule,
        RemediationModule,
        PenaltiesModule,
        ExcelModule,
        PassportModule,
        ThrottlerModule.forRootAsync({
          inject: [PgThrottlerStorage],
          useFactory: (storage: PgThrottlerStorage) => ({
            throttlers: [
              { name: AUTH_THROTTLERS.perAddressAndEmail, ttl: 60_000, limit: config.RATE_LIMIT_AUTH_PER_MINUTE },
              { name: AUTH_THROTTLERS.perAddress, ttl: 60_000, limit: config.RATE_LIMIT_AUTH_PER_MINUTE * 5 },
              { name: AUTH_THROTTLERS.perAccount, ttl: 60_000, limit: config.RATE_LIMIT_AUTH_PER_MINUTE * 5 },
            ],
            storage,
          }),
        }),
      ],
      controllers: [
        HealthController,
        AuthController,
        BrowserSessionController,
        MeController,
        OrganisationsController,
        InvitationsController,
        AuditEventsController,
        ContractsController,
        TemplatesController,
        TemplateWorkbookController,
        AssessmentsController,
        EvidenceController,
        AssessmentWorkbookController,
        FindingsController,
        ExportsController,
        MineralsController,
        DashboardController,
        ReportsController,
        ActionPlansController,
        DefaultsController,
        PenaltiesController,
        BonusMalusController,
      ],
      providers: [
        JwtStrategy,
        LocalStrategy,
        AuthRateLimitGuard,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
