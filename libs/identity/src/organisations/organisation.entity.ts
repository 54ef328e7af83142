import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Language, OrganisationKind } from '@ddp/core';

@Entity({ name: 'organisations' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  kind!: OrganisationKind;

  @Column('char', { length: 2 })
  country!: string;

  @Column('text', { name: 'registration_number', nullable: true })
  registrationNumber!: string | null;

  @Column('text', { name: 'preferred_language' })
  preferredLanguage!: Language;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
