import "./provided-context";
export { startPostgresServer, POSTGRES_BIN, type PostgresServer } from "./postgres-server";
export { createScratchPostgres, openBenchPostgres, openScratchPostgres, testDatabaseTargets, type TestDatabaseTarget } from "./databases";
