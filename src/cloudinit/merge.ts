/**
 * How cloud-config documents combine (docs/configuration.md, "Merge rules"):
 * lists are appended (the later document's items after the earlier's), maps
 * are merged key by key, and for anything else the later document wins.
 * Keys the bootstrap depends on are refused at plan time, not here.
 */
type Document = Record<string, unknown>;

const isMap = (value: unknown): value is Document => typeof value === 'object' && value !== null && !Array.isArray(value);

function mergeValue(earlier: unknown, later: unknown): unknown {
  if (Array.isArray(earlier) && Array.isArray(later)) return [...earlier, ...later];
  if (isMap(earlier) && isMap(later)) return mergeCloudConfig(earlier, later);
  return later;
}

/** `earlier` then `later`, by the merge rules; neither input is changed. */
export function mergeCloudConfig(earlier: Document, later: Document): Document {
  const merged: Document = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    merged[key] = key in merged ? mergeValue(merged[key], value) : value;
  }
  return merged;
}
