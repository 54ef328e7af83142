import type { Faker } from '@faker-js/faker';
import type { Random } from './random';

/** Names and places that make the generated portfolio look like real public ICT procurement. */

export type AuthorityCountry = 'BE' | 'FR' | 'NL' | 'DE';
export type Language = 'nl' | 'fr' | 'de' | 'en';

export interface AuthorityProfile {
  name: string;
  country: AuthorityCountry;
  language: Language;
  timeZone: string;
  centralPurchasing: boolean;
}

const BE_NL_CITIES = ['Gent', 'Antwerpen', 'Leuven', 'Brugge', 'Mechelen', 'Hasselt', 'Kortrijk', 'Aalst', 'Oostende', 'Sint-Niklaas', 'Genk', 'Roeselare', 'Turnhout', 'Dendermonde', 'Lier'];
const BE_FR_CITIES = ['Liège', 'Namur', 'Charleroi', 'Mons', 'Tournai', 'Wavre', 'Arlon', 'Verviers', 'La Louvière', 'Ottignies-Louvain-la-Neuve', 'Seraing', 'Nivelles'];
const FR_CITIES = ['Lille', 'Lyon', 'Nantes', 'Rennes', 'Strasbourg', 'Bordeaux', 'Toulouse', 'Grenoble', 'Montpellier', 'Dijon', 'Metz', 'Rouen', 'Amiens', 'Reims'];
const NL_CITIES = ['Utrecht', 'Rotterdam', 'Den Haag', 'Eindhoven', 'Groningen', 'Tilburg', 'Nijmegen', 'Zwolle', 'Leiden', 'Maastricht', 'Arnhem', 'Breda', 'Delft', 'Haarlem'];
const DE_CITIES = ['Köln', 'Aachen', 'Düsseldorf', 'Bonn', 'Münster', 'Freiburg im Breisgau', 'Hamburg', 'Bremen', 'Dortmund', 'Stuttgart', 'Leipzig', 'Trier'];

/** Fixed bodies first (so the biggest buyers have recognisable names), then patterns on cities. */
const FIXED_AUTHORITIES: Omit<AuthorityProfile, 'timeZone'>[] = [
  { name: 'Vlaamse overheid – Digitaal Vlaanderen (aankoopcentrale)', country: 'BE', language: 'nl', centralPurchasing: true },
  { name: 'Service public de Wallonie – Département des Technologies de l’information (centrale d’achat)', country: 'BE', language: 'fr', centralPurchasing: true },
  { name: 'Rijksoverheid – Categoriemanagement ICT-werkplek', country: 'NL', language: 'nl', centralPurchasing: true },
  { name: 'Union des groupements d’achats publics (UGAP)', country: 'FR', language: 'fr', centralPurchasing: true },
  { name: 'FOD Beleid en Ondersteuning – Federale aankoopcentrale', country: 'BE', language: 'nl', centralPurchasing: true },
  { name: 'Beschaffungsamt des Bundesministeriums des Innern', country: 'DE', language: 'de', centralPurchasing: true },
  { name: 'Région de Bruxelles-Capitale – Centre d’Informatique pour la Région Bruxelloise', country: 'BE', language: 'fr', centralPurchasing: false },
  { name: 'Universiteit Gent', country: 'BE', language: 'nl', centralPurchasing: false },
  { name: 'Université de Liège', country: 'BE', language: 'fr', centralPurchasing: false },
  { name: 'KU Leuven', country: 'BE', language: 'nl', centralPurchasing: false },
];

const PATTERNS: Record<string, { country: AuthorityCountry; language: Language; cities: string[]; forms: string[] }> = {
  be_nl: { country: 'BE', language: 'nl', cities: BE_NL_CITIES, forms: ['Stad %s', 'Gemeente %s', 'OCMW %s', 'Provincie rond %s', 'Hogeschool %s', 'Politiezone %s', 'AZ %s (ziekenhuis)'] },
  be_fr: { country: 'BE', language: 'fr', cities: BE_FR_CITIES, forms: ['Ville de %s', 'Commune de %s', 'CPAS de %s', 'Haute École de %s', 'Zone de police de %s', 'Intercommunale de %s'] },
  fr: { country: 'FR', language: 'fr', cities: FR_CITIES, forms: ['Ville de %s', 'Métropole de %s', 'Université de %s', 'CHU de %s', 'Rectorat de l’académie de %s', 'Conseil départemental autour de %s'] },
  nl: { country: 'NL', language: 'nl', cities: NL_CITIES, forms: ['Gemeente %s', 'Universiteit %s', 'Hogeschool %s', 'Waterschap rond %s', 'Provincie rond %s', 'Ziekenhuis %s'] },
  de: { country: 'DE', language: 'de', cities: DE_CITIES, forms: ['Stadt %s', 'Universität %s', 'Landkreis um %s', 'Stadtwerke %s', 'Universitätsklinikum %s'] },
};

const TIME_ZONES: Record<AuthorityCountry, string> = { BE: 'Europe/Brussels', FR: 'Europe/Paris', NL: 'Europe/Amsterdam', DE: 'Europe/Berlin' };

export function authorityProfile(index: number, random: Random): AuthorityProfile {
  if (index < FIXED_AUTHORITIES.length) return { ...FIXED_AUTHORITIES[index], timeZone: TIME_ZONES[FIXED_AUTHORITIES[index].country] };
  const pattern = PATTERNS[random.weighted({ be_nl: 30, be_fr: 20, fr: 20, nl: 20, de: 10 })];
  const city = random.pick(pattern.cities);
  const form = random.pick(pattern.forms);
  // Cities repeat at scale: the index keeps names apart the way real registers do (district, entity number).
  const name = `${form.replace('%s', city)}${index >= 60 ? ` (${index})` : ''}`;
  return { name, country: pattern.country, language: pattern.language, timeZone: TIME_ZONES[pattern.country], centralPurchasing: random.chance(0.04) };
}

/** Supplier countries: assembly in Asia and Mexico, EMS plants in Central Europe, distributors in the EU. */
export const SUPPLIER_COUNTRIES = { CN: 22, TW: 10, VN: 6, MY: 5, TH: 4, MX: 4, CZ: 4, HU: 3, PL: 5, DE: 7, BE: 9, NL: 7, FR: 6, US: 5, IN: 3 } as const;
export type SupplierCountry = keyof typeof SUPPLIER_COUNTRIES;

const LEGAL_FORMS: Record<SupplierCountry, string> = {
  CN: 'Co., Ltd.', TW: 'Co., Ltd.', VN: 'Co., Ltd.', MY: 'Sdn. Bhd.', TH: 'Co., Ltd.', MX: 'S.A. de C.V.', CZ: 's.r.o.', HU: 'Kft.', PL: 'Sp. z o.o.',
  DE: 'GmbH', BE: 'NV', NL: 'B.V.', FR: 'SAS', US: 'Inc.', IN: 'Pvt. Ltd.',
};
const ASIAN_SYLLABLES = ['Hong', 'Da', 'Xin', 'Tai', 'Jia', 'Hua', 'Sheng', 'Tong', 'Yuan', 'Kai', 'Rui', 'Feng', 'Long', 'Wei', 'Chuang', 'Ming', 'Hai', 'Sun', 'Lian', 'Fu'];
const SEA_SYLLABLES = ['Viet', 'Sao', 'Minh', 'Phat', 'Thanh', 'An', 'Siam', 'Chai', 'Penang', 'Kulim', 'Maju', 'Jaya', 'Suria', 'Indra', 'Tech'];
const INDUSTRY = ['Electronics', 'Precision Industry', 'Computer', 'Technology', 'Display', 'Components', 'Manufacturing', 'Digital Solutions', 'Smart Devices', 'Power Systems', 'Circuit Board'];
const EU_INDUSTRY = ['IT Solutions', 'Computer Systems', 'Electronics', 'Hardware', 'Digital Workplace', 'Refurbished IT', 'Systems Integration', 'EMS'];

/** Industrial cities per country: where factories and offices are. */
export const INDUSTRIAL_CITIES: Record<SupplierCountry | 'KR', string[]> = {
  CN: ['Shenzhen', 'Dongguan', 'Suzhou', 'Kunshan', 'Chongqing', 'Chengdu', 'Zhengzhou', 'Shanghai', 'Huizhou', 'Xiamen'],
  TW: ['Taipei', 'Hsinchu', 'Taoyuan', 'Taichung', 'Kaohsiung', 'Tainan'],
  VN: ['Bac Ninh', 'Thai Nguyen', 'Hai Phong', 'Ho Chi Minh City', 'Bac Giang'],
  MY: ['Penang', 'Kulim', 'Johor Bahru', 'Shah Alam', 'Ipoh'],
  TH: ['Ayutthaya', 'Pathum Thani', 'Chonburi', 'Rayong', 'Lamphun'],
  MX: ['Ciudad Juárez', 'Guadalajara', 'Tijuana', 'Reynosa', 'Chihuahua'],
  CZ: ['Pardubice', 'Kutná Hora', 'Brno', 'Ostrava', 'Plzeň'],
  HU: ['Tatabánya', 'Komárom', 'Zalaegerszeg', 'Győr', 'Sárvár'],
  PL: ['Kutno', 'Tczew', 'Łódź', 'Wrocław', 'Gdańsk'],
  DE: ['München', 'Augsburg', 'Paderborn', 'Sömmerda', 'Berlin'],
  BE: ['Zaventem', 'Mechelen', 'Wavre', 'Gent', 'Herstal'],
  NL: ['Venlo', 'Tilburg', 'Eindhoven', 'Amersfoort', 'Zwolle'],
  FR: ['Angers', 'Rennes', 'Grenoble', 'Toulouse', 'Lyon'],
  US: ['Austin', 'San Jose', 'Raleigh', 'Round Rock', 'Fremont'],
  IN: ['Chennai', 'Sriperumbudur', 'Noida', 'Bengaluru', 'Pune'],
  KR: ['Suwon', 'Gumi', 'Pyeongtaek'],
};

/** Where the supplier's factories are: its own country if it manufactures, else the usual assembly hubs. */
export const FACTORY_COUNTRIES = { CN: 40, TW: 8, VN: 12, MY: 8, TH: 6, MX: 8, CZ: 5, HU: 4, PL: 4, IN: 3, KR: 2 } as const;

export function supplierName(country: SupplierCountry, faker: Faker, random: Random): string {
  const city = random.pick(INDUSTRIAL_CITIES[country]);
  switch (country) {
    case 'CN':
    case 'TW':
      return `${city} ${random.pick(ASIAN_SYLLABLES)}${random.pick(ASIAN_SYLLABLES).toLowerCase()} ${random.pick(INDUSTRY)} ${LEGAL_FORMS[country]}`;
    case 'VN':
    case 'MY':
    case 'TH':
      return `${random.pick(SEA_SYLLABLES)} ${random.pick(SEA_SYLLABLES)} ${random.pick(INDUSTRY)} ${LEGAL_FORMS[country]}`;
    case 'IN':
    case 'MX':
    case 'US':
      return `${faker.person.lastName()} ${random.pick(INDUSTRY)} ${LEGAL_FORMS[country]}`;
    default:
      return `${faker.person.lastName()} ${random.pick(EU_INDUSTRY)} ${LEGAL_FORMS[country]}`;
  }
}

export const AUDIT_BODIES = ['Bureau Veritas Certification Belgium', 'SGS Belgium', 'TÜV Rheinland Nederland', 'Intertek Benelux', 'DNV Business Assurance', 'ELEVATE Responsible Sourcing', 'RBA Validated Audit Services', 'Electronics Watch monitoring partner'];

/** What suppliers make and sell under ICT contracts. */
export const PRODUCTS = ['Notebook 14"', 'Notebook 15.6"', 'Desktop PC (small form factor)', '24" monitor', '27" monitor', 'Docking station USB-C', 'Smartphone', 'Tablet 11"', 'Rack server 1U', 'Network switch 48 ports', 'Thin client', 'Headset', 'Keyboard and mouse set'];
export const COMPONENTS = ['Printed circuit board assembly', 'Lithium-ion battery cells', 'LCD panels', 'Power supplies', 'Plastic housings', 'Cables and connectors', 'Final assembly', 'Memory modules'];
export const MODEL_SERIES = ['ProBook', 'Latitude', 'ThinkPad', 'TravelMate', 'ExpertBook', 'Vostro', 'EliteDesk', 'OptiPlex', 'ThinkCentre', 'ProDesk', 'P-Series', 'Fairphone', 'Galaxy Tab', 'PowerEdge'];

export const CONTRACT_SUBJECTS: Record<Language, string[]> = {
  nl: ['Levering van laptops en dockingstations', 'Raamovereenkomst voor desktops en schermen', 'Levering van smartphones en tablets', 'Servers en opslag voor het datacenter', 'Netwerkapparatuur', 'Werkplekapparatuur voor scholen'],
  fr: ["Fourniture d'ordinateurs portables et de stations d'accueil", "Accord-cadre pour ordinateurs de bureau et écrans", 'Fourniture de smartphones et de tablettes', 'Serveurs et stockage pour le centre de données', 'Équipements réseau', 'Matériel informatique pour les écoles'],
  de: ['Lieferung von Notebooks und Dockingstationen', 'Rahmenvertrag für Arbeitsplatzrechner und Monitore', 'Lieferung von Smartphones und Tablets', 'Server und Speichersysteme', 'Netzwerkkomponenten', 'IT-Ausstattung für Schulen'],
  en: ['Supply of laptops and docking stations', 'Framework agreement for desktops and screens', 'Supply of smartphones and tablets', 'Servers and storage', 'Network equipment', 'ICT equipment for schools'],
};
export const LOT_NAMES: Record<Language, string[]> = {
  nl: ['Laptops', 'Desktops', 'Schermen', 'Smartphones', 'Accessoires', 'Onderhoud en herstelling'],
  fr: ['Ordinateurs portables', 'Ordinateurs de bureau', 'Écrans', 'Smartphones', 'Accessoires', 'Maintenance et réparation'],
  de: ['Notebooks', 'Desktop-PCs', 'Monitore', 'Smartphones', 'Zubehör', 'Wartung und Reparatur'],
  en: ['Laptops', 'Desktops', 'Screens', 'Smartphones', 'Accessories', 'Maintenance and repair'],
};

/** Assessments are answered in French, Dutch or English (the templates' languages). */
export function assessmentLanguage(language: Language): 'fr' | 'nl' | 'en' {
  return language === 'fr' || language === 'nl' ? language : 'en';
}

/** A valid Belgian enterprise number (0 + 7 digits + 97-check), unique per `n` < 8,000,000. */
export function belgianEnterpriseNumber(n: number): string {
  const base = 2_000_000 + n;
  const check = 97 - (base % 97);
  return `0${String(base).padStart(7, '0')}${String(check).padStart(2, '0')}`;
}

/** A registration number unique per (country, n). */
export function registrationNumber(country: string, n: number): string {
  switch (country) {
    case 'BE':
      return belgianEnterpriseNumber(n);
    case 'FR':
      return String(300_000_000 + n);
    case 'NL':
      return String(50_000_000 + n);
    case 'DE':
      return `HRB ${100_000 + n}`;
    default:
      return `${country}-${String(n).padStart(8, '0')}`;
  }
}

/** ASCII slug for e-mail domains. */
export function slug(text: string, max = 24): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
}
