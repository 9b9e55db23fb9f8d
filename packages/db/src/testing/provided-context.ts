/** What the database global setup provides to test files through vitest's `inject`. */
declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server the tests create their databases on; "" when skipped. */
    postgresUrl: string;
  }
}

export {};
