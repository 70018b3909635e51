/** Levenshtein distance; small inputs only (config keys and enum values). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Names other tools give our keys (Terraform, Compose, EC2's own API), which
 * no edit distance connects: `count: 3` means `instances: 3`. Offered only
 * where the key they stand for is known at that place.
 */
const SYNONYMS: Record<string, string> = {
  count: 'instances',
  instance_count: 'instances',
  num_instances: 'instances',
  replicas: 'instances',
  instance_type: 'instance_types',
  machine_type: 'instance_types',
  type: 'instance_types',
  ami: 'image',
  ami_id: 'image',
  image_id: 'image',
  spot_price: 'max_price',
  bid_price: 'max_price',
  expiry: 'ttl',
  expires: 'ttl',
  lifetime: 'ttl',
  timeout: 'ready_timeout',
  // .spot/deployment.yaml
  commands: 'scripts',
  run: 'scripts',
  runcmd: 'scripts',
  apt: 'packages',
  apt_packages: 'packages',
  files: 'uploads',
  environment: 'env',
  units: 'services',
  systemd: 'services',
  docker_compose: 'compose',
};

/** The closest candidate when it is close enough to be a likely typo, or the key another tool's name stands for. */
export function didYouMean(input: string, candidates: readonly string[]): string | undefined {
  const wanted = input.toLowerCase().replace(/-/g, '_');
  const synonym = SYNONYMS[wanted];
  if (synonym !== undefined && candidates.includes(synonym)) return synonym;
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(wanted, name.toLowerCase().replace(/-/g, '_'));
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  // A prefix of a known key (`size` for `size_gb`) is a likely slip too.
  const prefixed = candidates.filter((name) => wanted.length >= 3 && name.toLowerCase().startsWith(wanted));
  if (prefixed.length === 1 && best.distance > 1) return prefixed[0];
  const limit = Math.max(2, Math.floor(input.length / 3));
  return best.distance <= limit ? best.name : undefined;
}
