export { startPostgresServer, POSTGRES_BIN, type PostgresServer } from "./postgres-server";
export { openScratchPostgres, testDatabaseTargets, type TestDatabaseTarget } from "./databases";
