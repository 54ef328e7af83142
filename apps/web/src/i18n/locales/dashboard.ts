/** The portfolio dashboard. */
export default {
  en: { 'dashboard.overdue': 'Overdue' },
  fr: { 'dashboard.overdue': 'En retard' },
  nl: { 'dashboard.overdue': 'Te laat' },
};
