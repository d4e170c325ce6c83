/** The interface speaks Dutch, as its users do; English is one switch away. */
export type Language = 'nl' | 'en';

const TEXT = {
  appTitle: ['Jeugdzorg in de regio', 'Youth care in the region'],
  switchLanguage: ['English', 'Nederlands'],
  switchLanguageLabel: ['Switch to English', 'Schakel naar Nederlands'],
  dashboard: ['Regiodashboard', 'Regional dashboard'],
  providerPortal: ['Aanbiedersportaal', 'Provider portal'],
  learningCircle: ['Lerend netwerk', 'Learning circle'],
  graphiql: ['GraphQL-verkenner', 'GraphQL explorer'],
  signIn: ['Inloggen', 'Sign in'],
  signOut: ['Uitloggen', 'Sign out'],
  signedInAs: ['Ingelogd als', 'Signed in as'],
  chooseRole: ['Kies een demorol', 'Choose a demo role'],
  demoNote: [
    'Lokale ontwikkelomgeving: kies een rol. Deze keuze bestaat alleen zolang het ontwikkelgeheim voor tokens in gebruik is.',
    'Local development: choose a role. This choice exists only while the development token secret is in use.',
  ],
  noSignIn: ['Er is geen inlogmethode ingesteld; u kijkt anoniem.', 'No sign-in is configured; you are browsing anonymously.'],
  role_anonymous: ['Anoniem', 'Anonymous'],
  'role_region-analyst': ['Regioanalist', 'Region analyst'],
  role_provider: ['Zorgaanbieder', 'Care provider'],
  'role_learning-circle': ['Lerend netwerk', 'Learning circle'],
  role_admin: ['Beheerder', 'Administrator'],
  loading: ['Laden…', 'Loading…'],
  region: ['Regio', 'Region'],
  showTable: ['Toon tabel', 'Show table'],
  showChart: ['Toon grafiek', 'Show chart'],
  downloadCsv: ['Download CSV', 'Download CSV'],
  suppressed: ['onderdrukt', 'suppressed'],
  suppressedNote: [
    'Onderdrukt: minder dan 5 en daarom niet getoond (kleine-aantallenregel). Nooit als 0 getekend.',
    'Suppressed: fewer than 5 and therefore not shown (small-number rule). Never drawn as 0.',
  ],
  noAccess: ['Geen toegang voor deze rol.', 'Not available to this role.'],
  failed: ['Kon niet laden', 'Could not load'],
  noData: ['Geen gegevens.', 'No data.'],
  // Dashboard
  waitingTitle: ['Wachttijden tegen de norm per productcategorie', 'Waiting times against the norm per product category'],
  waitingDesc: ['Mediane totale wachttijd in weken; het streepje is de norm.', 'Median total waiting time in weeks; the tick is the norm.'],
  productCategory: ['Productcategorie', 'Product category'],
  medianWeeks: ['Mediaan (weken)', 'Median (weeks)'],
  normWeeks: ['Norm (weken)', 'Norm (weeks)'],
  worstWeeks: ['Langste (weken)', 'Longest (weeks)'],
  worstProvider: ['Aanbieder met langste wachttijd', 'Provider with the longest wait'],
  weeks: ['weken', 'weeks'],
  providersReporting: ['Aanbieders', 'Providers'],
  providersOverNorm: ['Boven de norm', 'Over the norm'],
  referralTitle: ['Verwijzingen naar verwijzer per maand', 'Referrals by referrer type per month'],
  referralDesc: ['Aanvragen (JW315) per maand, opgeteld over productcategorieën.', 'Requests (JW315) per month, summed over product categories.'],
  month: ['Maand', 'Month'],
  referrer: ['Verwijzer', 'Referrer'],
  referrals: ['Verwijzingen', 'Referrals'],
  spendingTitle: ['Uitgaven per maand tegen budget', 'Spending per month against budget'],
  spendingDesc: [
    'Gedeclareerde euro’s (JW323) per maand; de lijn is het budget: de begroting van de regio voor het jaar, gelijk verdeeld over de maanden.',
    'Declared euros (JW323) per month; the line is the budget: the region’s budget for the year, spread evenly over its months.',
  ],
  euros: ['Uitgaven (€)', 'Spending (€)'],
  budget: ['Budget per maand (€)', 'Budget per month (€)'],
  year: ['Jaar', 'Year'],
  indicatorTitle: ['CBS-indicatoren tegen Nederland en andere regio’s', 'CBS indicators against the Netherlands and peer regions'],
  indicatorDesc: [
    'Per 1.000 jongeren (0-17). Stip: regio; deze regio gemarkeerd; ruit: Nederland; streep: mediaan van de regio’s.',
    'Per 1,000 young people (0-17). Dot: region; this region highlighted; diamond: the Netherlands; tick: median of the regions.',
  ],
  indicator: ['Indicator', 'Indicator'],
  value: ['Waarde', 'Value'],
  national: ['Nederland', 'Netherlands'],
  median: ['Mediaan regio’s', 'Median of regions'],
  thisRegion: ['Deze regio', 'This region'],
  // Provider portal
  ownWaitingTitle: ['Uw wachttijden per regio en productcategorie', 'Your waiting times per region and product category'],
  ownWaitingDesc: ['Laatst gemelde totale wachttijd in weken; het streepje is de norm van de regio.', 'Latest reported total waiting time in weeks; the tick is the region’s norm.'],
  reportedOn: ['Gemeld op', 'Reported on'],
  totalWeeks: ['Totaal (weken)', 'Total (weeks)'],
  contractsTitle: ['Uw contracten', 'Your contracts'],
  form: ['Vorm', 'Form'],
  financing: ['Uitvoeringsvariant', 'Financing variant'],
  startsOn: ['Vanaf', 'From'],
  endsOn: ['Tot', 'Until'],
  categories: ['Productcategorieën', 'Product categories'],
  reportTitle: ['Wachttijd melden', 'Report a waiting time'],
  registrationToIntake: ['Aanmelding tot intake (weken)', 'Registration to intake (weeks)'],
  intakeToTreatment: ['Intake tot behandeling (weken)', 'Intake to treatment (weeks)'],
  waitingCount: ['Aantal wachtenden', 'Young people waiting'],
  bridgingCare: ['Overbruggingszorg geboden', 'Bridging care offered'],
  submit: ['Melden', 'Report'],
  required: ['Vul dit veld in.', 'Fill in this field.'],
  reported: ['Gemeld: totaal {weeks} weken ({norm}).', 'Reported: total {weeks} weeks ({norm}).'],
  overNorm: ['boven de norm', 'over the norm'],
  withinNorm: ['binnen de norm', 'within the norm'],
  formHasErrors: ['De melding is niet opgeslagen; zie de velden hieronder.', 'The report was not saved; see the fields below.'],
  providerOnly: ['Dit portaal is voor zorgaanbieders.', 'This portal is for care providers.'],
  // Learning circle
  circleTitle: ['Regio’s naast elkaar', 'Regions side by side'],
  circleDesc: ['Aantallen afgerond op 5 en onder 5 onderdrukt.', 'Counts rounded to 5 and suppressed below 5.'],
  referralsPer1000: ['Verwijzingen per 1.000 jongeren', 'Referrals per 1,000 young people'],
  dropoutShare: ['Uitval (aandeel)', 'Dropout (share)'],
  medianDaysRequestToStart: ['Mediaan dagen aanvraag tot start', 'Median days request to start'],
  shareOverNorm: ['Aandeel aanbieders boven de norm', 'Share of providers over the norm'],
  medianTotalWeeks: ['Mediane wachttijd (weken)', 'Median waiting time (weeks)'],
  waitingPer1000: ['Wachtenden per 1.000 jongeren', 'Waiting per 1,000 young people'],
  circleOnly: ['Deze vergelijking is voor een lerend netwerk, regioanalisten en beheerders.', 'This comparison is for learning circles, region analysts and administrators.'],
  timeToData: ['Gegevens na {ms} ms', 'Data after {ms} ms'],
} as const satisfies Record<string, readonly [string, string]>;

export type TextKey = keyof typeof TEXT;

let language: Language = (sessionStorage.getItem('language') as Language | null) ?? 'nl';

export const currentLanguage = (): Language => language;
export const locale = (): string => (language === 'nl' ? 'nl-NL' : 'en-GB');

export function setLanguage(next: Language): void {
  language = next;
  sessionStorage.setItem('language', next);
  document.documentElement.lang = next;
}

export function t(key: TextKey, values: Record<string, string | number> = {}): string {
  const text: string = TEXT[key][language === 'nl' ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** A product category or code list entry in the interface's language. */
export const nameOf = (entry: { name: string; nameNl?: string | null }): string => (language === 'nl' && entry.nameNl) || entry.name;
