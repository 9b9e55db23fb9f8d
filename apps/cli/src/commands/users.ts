/**
 * `scalecast users create --email … --name … [--team slug]`: an account on the configured database
 * (DATABASE_URL, else the embedded one in SCALECAST_DATA_DIR or ./.scalecast/data; run it from where
 * `npm start` runs, with the server stopped when the database is embedded). For the first admin of a
 * fresh install: with --team the user joins that team (created when new) as owner by default.
 */
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { printJson, printText } from "../output";
import { loadServerSide } from "../server-side";

interface CreateOptions {
  email: string;
  name: string;
  password?: string;
  team?: string;
  teamName?: string;
  role: "owner" | "member";
  admin?: boolean;
  json?: boolean;
}

function parseRole(value: string): "owner" | "member" {
  if (value !== "owner" && value !== "member") throw new InvalidArgumentError(`expected "owner" or "member", got "${value}"`);
  return value;
}

export function registerUsers(program: Command): void {
  const users = program.command("users").description("manage sign-in accounts directly in the database (admin)");
  users
    .command("create")
    .description("create an account (and its team); prints a generated password unless --password or SCALECAST_PASSWORD is given")
    .requiredOption("--email <email>", "the account's email (its sign-in name)")
    .option("--name <name>", "the person's name (default: the part of the email before @)")
    .option("--password <password>", "the password (default: SCALECAST_PASSWORD, else a generated one, printed once)")
    .option("--team <slug>", "a team to join, created when no team has this slug")
    .option("--team-name <name>", "the display name of a team created by --team (default: the slug)")
    .option("--role <role>", "the role in --team: owner or member", parseRole, "owner")
    .option("--admin", "make the account an instance admin, who decides who may sign up (the first account of an install is one anyway)")
    .option("--json", "print the result as one JSON object")
    .action(async (o: CreateOptions) => {
      if (o.teamName !== undefined && o.team === undefined) throw new Error("--team-name needs --team <slug>");
      const { createUser, openAppDatabase } = await loadServerSide(() => import("@scalecast/api"));
      const db = await openAppDatabase(process.env, () => undefined, { seed: false });
      try {
        const created = await createUser(db, {
          email: o.email,
          name: o.name ?? o.email.split("@")[0] ?? o.email,
          password: o.password ?? process.env.SCALECAST_PASSWORD,
          team: o.team === undefined ? undefined : { slug: o.team, name: o.teamName },
          role: o.role,
          admin: o.admin === true,
        });
        if (o.json) return printJson({ ...created, database: db.description });
        const lines = [`created ${created.user.email} (${created.user.name}) in ${db.description}`];
        if (created.user.admin) lines.push("instance admin: decides who may sign up (Settings page)");
        if (created.team) lines.push(`${created.role} of team ${created.team.slug} ("${created.team.name}")${created.team.created ? ", a new team" : ""}`);
        if (created.password) lines.push(`password: ${created.password}   (shown once; sign in and keep it somewhere safe)`);
        printText(lines.join("\n"));
      } finally {
        await db.close();
      }
    });
}
