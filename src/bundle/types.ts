/** Shapes shared by the bundle modules and their callers. */

export type BundleEntryType = 'file' | 'directory' | 'symlink';

/** One entry of the archive, as reported to the caller (never with contents). */
export interface BundleEntry {
  /** Path inside the archive, `/`-separated, no leading slash. */
  path: string;
  size: number;
  /** Octal string such as `0644`. */
  mode: string;
  secret: boolean;
  type: BundleEntryType;
}

export interface Bundle {
  /** Absolute path of the tar.gz written in `outDir`. */
  file: string;
  /** sha256 (hex) of the tar.gz bytes. */
  sha256: string;
  /** Size of the tar.gz in bytes. */
  bytes: number;
  /** sha256 of its `.spot-bundle/index.json`: paths, modes, sizes and content hashes, nothing compressed. */
  indexSha256: string;
  entries: BundleEntry[];
  /** Notices about the bundle (e.g. its size), shown with the plan's. */
  notices: string[];
}

/** A file that does not exist in the project but goes into the bundle. */
export interface ExtraFile {
  /** Path inside the archive, e.g. `.spot-bundle/steps.sh`. */
  path: string;
  content: string;
  /** Octal string such as `0755`. */
  mode: string;
  /** Marks the entry secret in the index (e.g. `.spot-bundle/env`). */
  secret?: boolean;
}

export interface BuildBundleOptions {
  outDir: string;
  extraFiles: ExtraFile[];
  /**
   * `public`: everything but the secret entries; `secret`: only the secret
   * entries and their folders. The two never share a byte of secret content;
   * without it, one archive holds both.
   */
  part?: 'public' | 'secret';
  /** The project's files as walked once by `selectBundleFiles`; walked anew when absent. */
  selection?: Selection;
}

/** What the walk chose: entries by archive path (no extra files, no index), and the upload roots. */
export interface Selection {
  entries: Map<string, SelectedEntry>;
  uploads: IndexUpload[];
}

/** A bundle's index computed without building the archive (build-bundle.ts `indexBundle`). */
export interface BundleIndex {
  /** sha256 of the index file: the same as the built bundle's `indexSha256` for the same files. */
  sha256: string;
  /** Every entry the archive would hold, the index included. */
  entries: BundleEntry[];
}

/** An entry chosen for the archive, with where its bytes come from. */
export interface SelectedEntry extends BundleEntry {
  /** Absolute path on disk for files; undefined for directories and extras. */
  sourcePath?: string;
  /** In-memory contents (extra files). */
  content?: Buffer;
  /** Target of a symlink, relative, as stored in the archive. */
  linkTarget?: string;
}

/** What the bootstrap agent needs to install one upload from `files/`. */
export interface IndexUpload {
  /** Archive path of the upload's root (`files/<dest>`). */
  path: string;
  dest: string;
  type: 'file' | 'directory';
  owner?: string;
  secret: boolean;
}
