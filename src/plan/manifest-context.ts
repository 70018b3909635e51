import type { IssueList, Locator } from '../config/issues.js';

/** What building the manifest needs besides the file: where the project is, and where to report. */
export interface ManifestContext {
  projectRoot: string;
  locator: Locator;
  issues: IssueList;
}
