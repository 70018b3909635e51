/**
 * `npm run rootfs`: builds the real-boot test's cached Debian root filesystem
 * unless it is already there (idempotent), so CI pays the minutes of
 * debootstrap before `npm test` rather than inside a test's timeout.
 * Runs on Node 24 directly (type stripping), as root.
 */
import { buildRootfs, cachedRootfs, cacheKey, cacheRoot } from './rootfs.ts';
import { missingTools } from './prerequisites.ts';

const cached = cachedRootfs();
if (cached) {
  console.log(`rootfs cache present: ${cached.dir}`);
} else {
  const missing = missingTools(['debootstrap', 'chroot']);
  if (missing.length > 0) {
    console.error(`cannot build the boot-test rootfs: ${missing.join('; ')}`);
    process.exit(1);
  }
  console.log(`building the boot-test rootfs ${cacheKey()} under ${cacheRoot()} (takes minutes)...`);
  const verbose = process.argv.includes('--verbose');
  const built = await buildRootfs((text) => verbose && process.stdout.write(text));
  console.log(`rootfs cache built in ${built.seconds} s: ${built.dir}`);
}
