import "server-only";

/** The server process's one database (opened by the start script before Next starts; see @scalecast/api). */
export { getAppDatabase as getDatabase } from "@scalecast/api";
