/** npm run validate: loads and validates all data; lists every problem and exits 1 if there is any. */
import { checkSite } from "../src/lib/load.ts";
import { dataPaths, fsReader, projectValidators } from "../src/lib/node-io.ts";
import { formatProblems } from "../src/lib/problems.ts";

const { reports, problems } = checkSite(fsReader, dataPaths(), projectValidators());
if (problems.length > 0) {
  console.error(formatProblems(problems));
  process.exit(1);
}
console.log(`${reports} reports valid.`);
