import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { UserRole } from '@ddp/core';

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

@Entity({ name: 'invitations' })
export class Invitation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'organisation_id' })
  organisationId!: string;

  @Column('text')
  email!: string;

  @Column('text')
  role!: UserRole;

  @Column('text', { name: 'token_hash', select: false })
  tokenHash!: string;

  @Column('uuid', { name: 'invited_by_user_id', nullable: true })
  invitedByUserId!: string | null;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'accepted_at', nullable: true })
  acceptedAt!: Date | null;

  @Column('uuid', { name: 'accepted_user_id', nullable: true })
  acceptedUserId!: string | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  status(now = new Date()): InvitationStatus {
    if (this.acceptedAt) return 'accepted';
    if (this.revokedAt) return 'revoked';
    return this.expiresAt <= now ? 'expired' : 'pending';
  }
}
