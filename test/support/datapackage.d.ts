/** The part of Frictionless's JavaScript client (`datapackage` 1.1, no bundled types) the client test uses. */
declare module "datapackage" {
  export interface Resource {
    name: string;
    tabular: boolean;
    descriptor: { path: string; format?: string; encoding?: string };
    read(options?: { keyed?: boolean; cast?: boolean }): Promise<unknown[]>;
  }
  export class Package {
    static load(descriptor: string, options?: { basePath?: string; strict?: boolean }): Promise<Package>;
    valid: boolean;
    errors: Error[];
    resources: Resource[];
  }
}
