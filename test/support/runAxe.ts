import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** One accessibility rule axe-core found broken, with how many elements break it. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: number;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (WCAG 2 A/AA rules) in the page and answers its violations. The script goes in
 * through page.evaluate (the DevTools protocol), which the page's Content-Security-Policy does
 * not govern, so the console's strict policy stays on during the check.
 */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(`${axeSource};undefined`);
  return page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })
    .then((result) => result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length })))`);
}
