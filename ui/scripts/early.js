// @ts-check
/**
 * Asks the shell for the first screen's answers the moment the page starts, before its stylesheets and
 * modules have loaded (some 50 ms): the shell computes them meanwhile. `api.js` hands each answer to the
 * first call with the same command and arguments, once, and forgets those left once the first screen is
 * drawn (`forgetEarly`). A classic script, not a module, so that it runs as soon as it is read.
 *
 * The dashboard's own calls are the list below; a call that differs only goes to the shell as usual, and
 * `scripts/bench-startup` prints how many answers went unused (`early_unused`).
 */
(() => {
  const tauri = /** @type {any} */ (window).__TAURI__;
  if (!tauri || !tauri.core) {
    return;
  }
  /** @type {[string, Record<string, unknown>][]} */
  const first = [
    ['app_status', {}],
    ['labels', {}],
    ['dashboard', {}],
    ['late_clients', { limit: 5 }],
    ['proposal_page', { limit: 12 }],
    ['plan_cash', {}],
    ['prescription_watch', {}],
  ];
  /** @type {any} */ (window).ardoiseEarly = first.map(([command, args]) => {
    const answer = tauri.core.invoke(command, args);
    // Before the choice of a ledger the dashboard's answers are refusals nobody takes: not a fault.
    answer.catch(() => {});
    return { command, args, answer };
  });
})();
