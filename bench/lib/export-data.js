'use strict';
/**
 * The data of the export benchmarks (bench:export, bench:export-load), written with SQL: a buyer,
 * its requesting user, a published template of `questions` questions, and contracts whose
 * accepted assessments hold about `answers` answer rows each. Not a benchmark itself.
 */

/** A template of yes/no and number questions, coloured like a real code-of-conduct questionnaire. */
function answerTemplate(questions, title) {
  const t = (en) => ({ en, fr: `${en} (fr)`, nl: `${en} (nl)` });
  const list = [];
  for (let i = 1; i <= questions; i++) {
    const code = `Q-${String(i).padStart(3, '0')}`;
    list.push(
      i % 4 === 0
        ? { code, theme: 'working_hours_wages', type: 'number', required: true, text: t(`Maximum weekly hours at site group ${i}`), ranges: [{ max: 60, colour: 'green' }, { min: 60, colour: 'red' }] }
        : { code, theme: 'forced_labour', type: 'yes_no', required: true, text: t(`Does the supplier meet requirement ${i} of the code of conduct?`), options: [{ value: 'yes', label: t('Yes'), colour: 'green' }, { value: 'no', label: t('No'), colour: 'red' }] },
    );
  }
  return { languages: ['en', 'fr', 'nl'], title: t(title), scoring: { method: 'worst' }, sections: [{ code: 'S1', title: t('Code of conduct'), questions: list }] };
}

/**
 * Seeds the buyer, the requester and the template, then one contract per entry of `contracts`
 * ({reference, answers}); answers { userId, organisationId, contractIds: {reference: id} }.
 */
async function seedAnswerData(sql, { label, questions, contracts, log = () => undefined }) {
  const one = async (text, params) => (await sql.query(text, params)).rows[0];
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '.');
  const buyer = await one(`INSERT INTO organisations (name, kind, country) VALUES ($1, 'contracting_authority', 'BE') RETURNING id`, [`${label} buyer`]);
  const supplier = await one(`INSERT INTO organisations (name, kind, country) VALUES ($1, 'supplier', 'BE') RETURNING id`, [`${label} supplier NV`]);
  const user = await one(`INSERT INTO users (organisation_id, email, name, role, password_hash) VALUES ($1, $2, $3, 'admin', 'x') RETURNING id`, [buyer.id, `${slug}.buyer@example.test`, `${label} Buyer`]);
  const template = await one(
    `INSERT INTO questionnaire_templates (family_id, version_number, owner_id, status, title, definition, question_count, content_hash, published_at)
     VALUES (gen_random_uuid(), 1, $1, 'published', $2, $3, $4, 'bench', now()) RETURNING id`,
    [buyer.id, `${label} template`, JSON.stringify(answerTemplate(questions, `${label} template`)), questions],
  );
  const contractIds = {};
  for (const { reference, answers } of contracts) {
    const contract = await one(
      `INSERT INTO contracts (authority_id, supplier_id, reference, title, start_date, end_date, value_cents, currency) VALUES ($1, $2, $3, $4, '2026-01-01', '2030-12-31', 100000000, 'EUR') RETURNING id`,
      [buyer.id, supplier.id, reference, `${label} contract`],
    );
    const assessments = Math.ceil(answers / questions);
    log(`seeding ${reference}: ${assessments.toLocaleString('en-US')} assessments × ${questions} answers … `);
    const started = performance.now();
    await sql.query(
      `INSERT INTO assessments (contract_id, authority_id, supplier_id, template_id, status, due_date, language, colour, score, issued_at, submitted_at, accepted_at)
       SELECT $1, $2, $3, $4, 'accepted', '2027-01-31', 'en', (ARRAY['green', 'amber', 'red'])[1 + n % 3], 50 + n % 50, now() - (n || ' minutes')::interval, now(), now()
         FROM generate_series(1, $5) n`,
      [contract.id, buyer.id, supplier.id, template.id, assessments],
    );
    await sql.query(`INSERT INTO assessment_revisions (assessment_id, number, colour) SELECT id, 1, colour FROM assessments WHERE contract_id = $1`, [contract.id]);
    await sql.query(
      `INSERT INTO assessment_answers (assessment_id, revision, question_code, value, comment, colour)
       SELECT a.id, 1, 'Q-' || lpad(q::text, 3, '0'),
              CASE WHEN q % 4 = 0 THEN to_jsonb(40 + (q * 7) % 40) WHEN abs(hashint4(q)) % 10 = 0 THEN '"no"'::jsonb ELSE '"yes"'::jsonb END,
              CASE WHEN q % 5 = 0 THEN 'Checked on site during the last audit, documents seen' END,
              (ARRAY['green', 'amber', 'red'])[1 + q % 3]
         FROM assessments a CROSS JOIN generate_series(1, $2) q WHERE a.contract_id = $1`,
      [contract.id, questions],
    );
    await sql.query(`UPDATE assessment_revisions r SET submitted_at = now() FROM assessments a WHERE a.id = r.assessment_id AND a.contract_id = $1`, [contract.id]);
    log(`${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    contractIds[reference] = contract.id;
  }
  await sql.query('ANALYZE');
  return { userId: user.id, organisationId: buyer.id, contractIds };
}

/** Queues an export of one contract for the requester, as POST /exports does; answers its id. */
async function queueExport(sql, seeded, contractId) {
  const { rows } = await sql.query(`INSERT INTO exports (user_id, organisation_id, scope, created_at) VALUES ($1, $2, $3, now()) RETURNING id`, [
    seeded.userId,
    seeded.organisationId,
    JSON.stringify({ contractIds: [contractId] }),
  ]);
  return rows[0].id;
}

module.exports = { answerTemplate, seedAnswerData, queueExport };
