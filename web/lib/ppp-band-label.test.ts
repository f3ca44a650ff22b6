import { PPP_BANDS } from '@soundfoundry/contract';
import { describe, expect, it } from 'vitest';
import { pppBandLabel } from './ppp-band-label';

describe('pppBandLabel', () => {
  it('names every band the API sends in words, never its code', () => {
    expect(PPP_BANDS.map(pppBandLabel)).toEqual([
      'High income',
      'Upper-middle income',
      'Lower-middle income',
      'Low income',
    ]);
  });
});
