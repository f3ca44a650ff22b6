// PPP band from a country (DESIGN.md §4): World Bank income groups (FY2025
// classification, July 2024) → price bands. High-income and unknown countries are
// HIGH, so only the three lower groups are listed. The band is fixed at sign-up;
// afterwards only an operator changes it. Keep this table in step with the World
// Bank's yearly update (https://datahelpdesk.worldbank.org → country classifications).
import type { PppBandName } from './pricing.ts';

const LOW_INCOME = 'AF BF BI CD CF ER ET GM GW KP LR MG ML MW MZ NE RW SD SL SO SS SY TD TG UG YE';
const LOWER_MIDDLE_INCOME =
  'AO BD BJ BO BT CG CI CM CV DJ EG FM GH GN HN HT IN JO KE KG KH KI KM LA LB LK LS MA MM MR NG NI NP PG ' +
  'PH PK PS SB SN ST SZ TJ TL TN TZ UZ VN VU WS ZM ZW';
const UPPER_MIDDLE_INCOME =
  'AL AM AR AZ BA BR BW BY BZ CN CO CR CU DM DO DZ EC FJ GA GD GE GQ GT ID IQ IR JM KZ LC LY MD ME MH MK ' +
  'MN MU MV MX MY NA PE PY RS SR SV TH TM TO TR TV UA VC XK ZA';

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
