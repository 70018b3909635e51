/** USD amounts: four decimals, or two significant digits for fractions of a cent, never a misleading 0.0000. */
export const formatUsd = (value: number): string => (value === 0 || value >= 0.01 ? value.toFixed(4) : value.toPrecision(2));
