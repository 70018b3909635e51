/** Project-relative, `/`-separated, without `./` or a trailing `/`. */
export const normaliseSource = (source: string): string =>
  source
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/+$/, '') || '.';
