/** What an instance type runs: config knows it from the type's name. */
export type Architecture = 'x86_64' | 'arm64';

/**
 * The CPU architecture an instance type name implies. Graviton families
 * carry a `g` among the letters after the generation (t4g, m7g, c7gn, r6gd,
 * im4gn, is4gen, g5g, hpc7g); `a1` is the first-generation Graviton.
 * Undefined when the name does not look like `family.size`.
 */
export function architectureOf(instanceType: string): Architecture | undefined {
  const family = /^([a-z]+)(\d+)([a-z-]*)\.[a-z0-9-]+$/.exec(instanceType);
  if (!family) return undefined;
  if (family[1] === 'a' && family[2] === '1') return 'arm64';
  return (family[3] ?? '').split('-')[0]!.includes('g') ? 'arm64' : 'x86_64';
}
