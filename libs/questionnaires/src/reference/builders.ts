import type { Colour, CountryRule, OptionDefinition, Translated } from '../definition/template-definition';

/** A text in the three languages of the reference templates. */
export const t = (en: string, fr: string, nl: string): Translated => ({ en, fr, nl });

export function opt(value: string, label: Translated, colour?: Colour, redFlag?: boolean): OptionDefinition {
  const option: OptionDefinition = { value, label };
  if (colour) option.colour = colour;
  if (redFlag) option.redFlag = true;
  return option;
}

/** The two options of a yes_no question; `flag` marks the answer that is a red flag. */
export function yesNo(yes?: Colour, no?: Colour, flag?: 'yes' | 'no'): OptionDefinition[] {
  return [opt('yes', t('Yes', 'Oui', 'Ja'), yes, flag === 'yes'), opt('no', t('No', 'Non', 'Nee'), no, flag === 'no')];
}

/**
 * Countries of production. Red: contexts where state-imposed forced labour is documented by the ILO
 * supervisory bodies or the UN (North Korea, Turkmenistan, Eritrea). Amber: countries under ILO
 * Article 33 measures (Myanmar, Belarus). Any other country: green; sub-national risks (such as
 * state-organised labour transfers) are asked in the forced-labour questions.
 */
export const PRODUCTION_COUNTRIES: CountryRule = { red: ['KP', 'TM', 'ER'], amber: ['MM', 'BY'], otherwise: 'green' };
