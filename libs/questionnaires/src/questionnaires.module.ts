import { Module } from '@nestjs/common';
import { IdentityModule } from '@ddp/identity';
import { ReferenceTemplatesSeeder } from './reference-templates.seeder';
import { TemplatesService } from './templates.service';

/** Questionnaire templates: versions, the platform's reference templates, colour rules and scoring. */
@Module({
  imports: [IdentityModule],
  providers: [TemplatesService, ReferenceTemplatesSeeder],
  exports: [TemplatesService, ReferenceTemplatesSeeder],
})
export class QuestionnairesModule {}
