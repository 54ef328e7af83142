import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type Colour = 'green' | 'amber' | 'red' | 'grey';

/** Fill and text colours with at least 4.5:1 contrast; the colour is also named and shown by a symbol. */
const STYLE: Record<Colour, { bg: string; fg: string; symbol: string }> = {
  green: { bg: '#1e7b3a', fg: '#ffffff', symbol: '✓' },
  amber: { bg: '#ffc000', fg: '#1a1a1a', symbol: '!' },
  red: { bg: '#b3261e', fg: '#ffffff', symbol: '✕' },
  grey: { bg: '#e6e6e6', fg: '#1a1a1a', symbol: '–' },
};

export function isColour(value: unknown): value is Colour {
  return value === 'green' || value === 'amber' || value === 'red' || value === 'grey';
}

/** A RAG rating: never colour alone (symbol and name as text). */
export function RagBadge({ colour, label }: { colour: string | null | undefined; label?: string }) {
  const { t } = useTranslation();
  const c: Colour = isColour(colour) ? colour : 'grey';
  const { bg, fg, symbol } = STYLE[c];
  return (
    <Badge styles={{ root: { backgroundColor: bg, color: fg } }} radius="sm" data-colour={c}>
      <span aria-hidden>{symbol} </span>
      {label ?? t(`colour.${c}`)}
    </Badge>
  );
}
