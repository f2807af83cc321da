// The reader the interaction timings stand for: a mid-range phone, reading
// in Chinese. The service worker is blocked: a copied worker would precache
// the real data with SRI hashes, which here only adds noise.
import { startBrowser } from '../e2e/harness.js';

/** A browser, a phone-sized page in it, and a CDP session on that page with Performance enabled. */
export async function phonePage() {
  const browser = await startBrowser();
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
