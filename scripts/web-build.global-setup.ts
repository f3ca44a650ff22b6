import { ensureWebBuilt } from '../web/embed.ts';

// Once per `npm test`: servers started by the end-to-end tests serve the built web app,
// so it is built here (only when its sources changed), outside any test's time limit.
export default async function setup() {
  await ensureWebBuilt({ progress: (l) => console.log(l) });
}
