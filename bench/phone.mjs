// The reader the interaction timings stand for: a mid-range phone, reading
// in Chinese. The service worker is blocked: a copied worker would precache
// the real data with SRI hashes, which here only adds noise.
import { startBrowser } from '../e2e/harness.js';

/**
 * A browser (started unless given), a phone-sized page in a new context of
 * it (an empty cache: a first visit), and a CDP session on that page with
 * Performance enabled.
 */
export async function phonePage(browser) {
  browser ??= await startBrowser();
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
    serviceWorkers: 'block',
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { browser, context, page, cdp };
}

/** Waits until the list's count line says `expect` items are counted: the open is over. */
export function untilCounted(page, expect, polling) {
  return page.waitForFunction(
    (n) => {
      const el = document.querySelector('[data-test=count]');
      const nums = (el?.textContent.match(/\d+/g) || []).map(Number);
      return nums.length > 0 && nums[nums.length - 1] === n;
    },
    expect,
    { timeout: 180_000, polling },
  );
}

/**
 * Watches, from the page's first script on, for an element matching
 * `selector` that is shown (no `hidden` ancestor: the app loads behind the
 * placeholder with its root hidden). `shownAt()` then resolves with the
 * time, on this process's clock (`Date.now()`), when the frame that first
 * shows one has been laid out and painted, and rejects if none is shown
 * within `timeoutMs`. The page itself notes it, so no test-tool script
 * runs in the page while it opens: a locator's wait injects Playwright's
 * own script (tens of milliseconds of the page's main thread) and polls,
 * which a reader's phone does not.
 */
export async function watchShown(page, cdp, selector, timeoutMs = 180_000) {
  await page.addInitScript((sel) => {
    window.__shownAt = new Promise((resolve) => {
      const shown = () => [...document.querySelectorAll(sel)].some((el) => !el.closest('[hidden]'));
      const mo = new MutationObserver(() => {
        if (!shown()) return;
        mo.disconnect();
        // The task after the frame's callbacks runs once its layout and
        // paint are done.
        requestAnimationFrame(() => {
          const after = new MessageChannel();
          after.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
          after.port2.postMessage(null);
        });
      });
      mo.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
    });
  }, selector);
  // Asked through the protocol: `page.evaluate` would set up Playwright's
  // own helper script in the page first.
  const noted = async () => {
    for (;;) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
        expression: 'window.__shownAt',
        awaitPromise: true,
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.text);
      if (typeof result.value === 'number') return result.value;
      // Not yet the opened page's context.
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const shownAt = () => {
    let timer;
    const late = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`nothing matching ${selector} shown within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([noted(), late]).finally(() => clearTimeout(timer));
  };
  return { shownAt };
}
