import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/report/format-usd.js';

describe('formatUsd', () => {
  it('never shows a real price as 0.0000', () => {
    expect([0, 0.00001, 0.0042, 0.0104, 1.5].map(formatUsd)).toEqual(['0.0000', '0.000010', '0.0042', '0.0104', '1.5000']);
  });
});
