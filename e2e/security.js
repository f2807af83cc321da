// Helpers for the security tests: watching a page for Content-Security-Policy
// violations and for anything injected through the data running.

/**
 * Records CSP violations in every frame of `page` (a `securitypolicyviolation`
 * listener installed before any page script runs) and Chromium's "Refused to
 * …" console messages. Call before `page.goto`; read with `violations()`.
 */
export async function watchCsp(page) {
  const console = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Refused to|Content Security Policy/i.test(text)) console.push(`console: ${text}`);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} in ${e.documentURI}: ${e.sample}`);
    });
  });
  return {
    async violations() {
      const inFrames = [];
      for (const frame of page.frames()) {
        const v = await frame.evaluate(() => window.__cspViolations ?? []).catch(() => []);
        inFrames.push(...v);
      }
      return [...console, ...inFrames];
    },
  };
}

/**
 * Marks that injected code would leave if it ran: any dialog, and a global
 * flag that hostile fixtures try to set. Call before `page.goto`.
 */
export async function watchInjection(page) {
  const dialogs = [];
  page.on('dialog', async (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    window.__pwned = [];
  });
  return {
    async ran() {
      const flags = [];
      for (const frame of page.frames()) {
        flags.push(...(await frame.evaluate(() => window.__pwned ?? []).catch(() => [])));
      }
      return [...dialogs, ...flags.map((f) => `ran: ${f}`)];
    },
  };
}
