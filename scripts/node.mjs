/**
 * node scripts/node.mjs [node options] <script> [arguments]
 *
 * The entry point of every npm script. touming's scripts are TypeScript run directly by Node, which needs type
 * stripping on by default: Node 22.18 or later (23.6 or later on the odd line; Node 24 LTS recommended). On an older
 * Node (Debian's Node 20, say) this launcher fetches Node 24 through npm (`npx node@24`, cached by npm after the
 * first time), says so in one line and runs the script under it, with Node 24 first on PATH for anything the script
 * starts. Where Node 24 cannot be fetched it says what to install. The script's exit status (or signal) is passed on.
 *
 * Plain JavaScript on purpose: this file has to run on the old Node it replaces.
 */
import { spawn, spawnSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The first releases whose Node runs `.ts` files without a flag (type stripping on by default). */
export const MINIMUM = "22.18";

/** Whether Node `version` ("20.20.2", "v24.1.0") runs touming's TypeScript scripts as they are. */
export function runsTypeScript(version) {
  const [major, minor] = String(version).replace(/^v/u, "").split(".").map(Number);
  if (!Number.isFinite(major) || !Number.isFinite(minor)) return false;
  return major >= 24 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18);
}

/** The path of a Node 24 binary fetched through npm, or an Error saying why there is none. */
function fetchNode24() {
  const npx = process.env.TOUMING_NPX || (process.platform === "win32" ? "npx.cmd" : "npx");
  const r = spawnSync(npx, ["-y", "-p", "node@24", "--", "node", "-p", "process.execPath"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    shell: process.platform === "win32",
  });
  const out = (r.stdout || "").trim().split("\n").pop() || "";
  if (r.status === 0 && out) return out;
  const why = r.error ? r.error.message : (r.stderr || "").trim().split("\n").filter(Boolean).pop() || `exit status ${r.status}`;
  return new Error(why);
}

function main() {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    console.error("usage: node scripts/node.mjs [node options] <script> [arguments]");
    process.exit(2);
  }
  // TOUMING_NODE_VERSION lets the tests play an old Node; nobody else needs it.
  const version = process.env.TOUMING_NODE_VERSION || process.versions.node;
  let node = process.execPath;
  const env = { ...process.env };
  delete env.TOUMING_NODE_VERSION;
  if (!runsTypeScript(version)) {
    const fetched = fetchNode24();
    if (fetched instanceof Error) {
      console.error(
        `touming: Node ${version} cannot run touming's TypeScript scripts (they need Node ${MINIMUM} or later), and Node 24 ` +
          `could not be fetched through npm (npx node@24: ${fetched.message}). Install Node 24 LTS ` +
          "(https://nodejs.org/, or `nvm install 24`) and run the command again.",
      );
      process.exit(1);
    }
    node = fetched;
    env.PATH = `${dirname(node)}${process.platform === "win32" ? ";" : ":"}${env.PATH || ""}`;
    const got = spawnSync(node, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim();
    console.error(`touming: Node ${version} is too old for touming (needs ${MINIMUM} or later); running under Node ${got} fetched through npm (npx node@24).`);
  }

  const child = spawn(node, args, { stdio: "inherit", env });
  // Ctrl-C reaches the whole process group: the script handles it (cleans up) and this launcher waits for it. A signal
  // sent to the launcher alone (kill <pid>) is passed on.
  process.on("SIGINT", () => {});
  for (const signal of ["SIGTERM", "SIGHUP"]) process.on(signal, () => child.kill(signal));
  child.on("error", (e) => {
    console.error(`touming: cannot start ${node}: ${e.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 1);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
