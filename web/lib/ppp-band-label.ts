/**
 * A price band as people read it: the API's PPP band codes are the World Bank income groups of
 * the country an account signed up from (server/src/services/ppp.ts): 'HIGH' → 'High income',
 * 'UMID' → 'Upper-middle income', 'LMID' → 'Lower-middle income', 'LOW' → 'Low income'.
 */
const LABELS: Record<string, string> = {
  HIGH: 'High income',
  UMID: 'Upper-middle income',
  LMID: 'Lower-middle income',
  LOW: 'Low income',
};

export const pppBandLabel = (band: string): string => LABELS[band] ?? band;
