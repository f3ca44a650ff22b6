// PPP band from a country (DESIGN.md §4): World Bank income groups (FY2027
// classification of July 2026: FY2025's lists with the changes of July 2025 —
// Costa Rica high; Cabo Verde, Samoa upper-middle; Namibia lower-middle — and of
// July 2026 — Jordan, Micronesia, Philippines, Sri Lanka, Vietnam upper-middle;
// Togo lower-middle) → price bands. High-income and unknown countries are
// HIGH, so only the three lower groups are listed. The band is fixed at sign-up;
// afterwards only an operator changes it. Keep this table in step with the World
// Bank's yearly update (https://datahelpdesk.worldbank.org → country classifications).
import type { PppBandName } from './pricing.ts';

const LOW_INCOME = 'AF BF BI CD CF ER ET GM GW KP LR MG ML MW MZ NE RW SD SL SO SS SY TD UG YE';
const LOWER_MIDDLE_INCOME =
  'AO BD BJ BO BT CG CI CM DJ EG GH GN HN HT IN KE KG KH KI KM LA LB LS MA MM MR NA NG NI NP PG PK PS SB ' +
  'SN ST SZ TG TJ TL TN TZ UZ VU ZM ZW';
const UPPER_MIDDLE_INCOME =
  'AL AM AR AZ BA BR BW BY BZ CN CO CU CV DM DO DZ EC FJ FM GA GD GE GQ GT ID IQ IR JM JO KZ LC LK LY MD ' +
  'ME MH MK MN MU MV MX MY PE PH PY RS SR SV TH TM TO TR TV UA VC VN WS XK ZA';

export const COUNTRY_BAND: ReadonlyMap<string, PppBandName> = new Map([
  ...UPPER_MIDDLE_INCOME.split(' ').map((c) => [c, 'UMID'] as const),
  ...LOWER_MIDDLE_INCOME.split(' ').map((c) => [c, 'LMID'] as const),
  ...LOW_INCOME.split(' ').map((c) => [c, 'LOW'] as const),
]);

/** The band of an ISO 3166-1 alpha-2 code (any case); HIGH for anything unknown or malformed (e.g. "XX", "T1"). */
export function pppBandForCountry(country: string | null | undefined): PppBandName {
  const code = country?.trim().toUpperCase();
  if (!code || !/^[A-Z]{2}$/.test(code)) return 'HIGH';
  return COUNTRY_BAND.get(code) ?? 'HIGH';
}
