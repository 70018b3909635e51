import type { IssueList, Locator } from '../config/issues.js';
import type { Plan } from './types.js';

/** What building the manifest needs besides the file: where the project is, and where to report. */
export interface ManifestContext {
  projectRoot: string;
  locator: Locator;
  issues: IssueList;
  /** The project's ignore rules, for paths the manifest needs that the bundle walk would skip. */
  bundleIgnore?: Plan['bundleIgnore'];
}
