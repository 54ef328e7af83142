import { PasswordService } from '@ddp/identity';
import { login, TEST_PASSWORD, TestApp } from '@ddp/testing';

export interface SeededAnswers {
  userId: string;
  organisationId: string;
  contractIds: Record<string, string>;
}

/** The export benchmarks' generated data (bench/lib/export-data.js, plain JS), written with SQL: many answers, fast. */
const data = require('../../bench/lib/export-data') as {
  seedAnswerData(sql: TestApp['sql'], options: { label: string; questions: number; contracts: Array<{ reference: string; answers: number }>; log?: (text: string) => void }): Promise<SeededAnswers>;
};

/**
 * A buyer whose contract `reference` holds `answers` submitted answers (100 questions a
 * questionnaire), and the `Authorization` header of its requesting user (seeded without a
 * password: one is set here).
 */
export async function seedAnswers(t: TestApp, label: string, reference: string, answers: number): Promise<SeededAnswers & { auth: string }> {
  const seeded = await data.seedAnswerData(t.sql, { label, questions: 100, contracts: [{ reference, answers }] });
  const hash = await t.app.get(PasswordService).hash(TEST_PASSWORD);
  const { rows } = await t.sql.query<{ email: string }>('UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING email', [seeded.userId, hash]);
  return { ...seeded, auth: `Bearer ${(await login(t, rows[0].email, TEST_PASSWORD)).accessToken}` };
}
