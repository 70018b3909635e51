/** Types of dist-inputs.mjs, which the build script (plain JS) and the staleness test share. */
export declare const INPUTS_FILE: string;
export declare function distInputsHash(root?: string): string;
