import type { Schemas } from '../../api/client';

/** The parts of a template definition (a loose object in the OpenAPI) that the review shows. */
export type Localised = Record<string, string>;
export interface DefinitionQuestion {
  code: string;
  text?: Localised;
  unit?: string;
  options?: Array<{ value: string; label?: Localised }>;
}
export interface DefinitionSection {
  code: string;
  title?: Localised;
  questions?: DefinitionQuestion[];
}
export interface Definition {
  sections?: DefinitionSection[];
}

export function localised(text: Localised, lang: string): string {
  return text[lang] ?? text.en ?? Object.values(text)[0] ?? '';
}

type Assessment = Schemas['AssessmentDto'];
export interface SectionView {
  code: string;
  title?: Localised;
  rating?: Schemas['SectionRatingDto'];
  answers: Assessment['answers'];
}

/**
 * Answers grouped by section, in the template's order when the definition could be read,
 * else by the section codes of the ratings (a question code holds its section code: QS-FL-02).
 */
export function sectionsOf(a: Assessment, definition: Definition | null): SectionView[] {
  const byCode = new Map(a.answers.map((x) => [x.questionCode, x]));
  const used = new Set<string>();
  const out: SectionView[] = [];
  if (definition?.sections?.length) {
    for (const s of definition.sections) {
      const answers = (s.questions ?? []).flatMap((q) => {
        const ans = byCode.get(q.code);
        return ans ? [ans] : [];
      });
      answers.forEach((x) => used.add(x.questionCode));
      out.push({ code: s.code, title: s.title, rating: a.sections.find((r) => r.sectionCode === s.code), answers });
    }
  } else {
    for (const r of a.sections) {
      const answers = a.answers.filter((x) => !used.has(x.questionCode) && (x.questionCode.startsWith(`${r.sectionCode}-`) || x.questionCode.includes(`-${r.sectionCode}-`)));
      answers.forEach((x) => used.add(x.questionCode));
      out.push({ code: r.sectionCode, rating: r, answers });
    }
  }
  const rest = a.answers.filter((x) => !used.has(x.questionCode));
  if (rest.length) out.push({ code: '—', answers: rest });
  return out.filter((s) => s.answers.length > 0 || s.rating);
}
