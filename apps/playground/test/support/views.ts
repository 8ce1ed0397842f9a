/** Helpers for component tests that read view trees instead of a DOM. */
import { byTestId, type VNode } from '../../src/ui/vnode.ts';

/** Calls the click handler of the element with `data-testid="testId"`, as a click in the page would. */
export function click(view: VNode, testId: string): void {
  const handler = byTestId(view, testId)?.props.onClick;
  if (typeof handler !== 'function')
    throw new Error(`No clickable element with data-testid="${testId}" in the view.`);
  handler(new Event('click'));
}
