import { describe, expect, it } from 'vitest';
import { byTestId, findAll, h, textOf } from './vnode.ts';

describe('view trees', () => {
  it('skip empty children and flatten lists, so views can write `condition && h(...)`', () => {
    const view = h('ul', null, false, null, undefined, [h('li', null, 'a'), [h('li', null, 2)]]);
    expect(view.children).toEqual([h('li', null, 'a'), h('li', null, '2')]);
  });

  it('read their text the way textContent does', () => {
    expect(textOf(h('p', null, 'Sent ', h('b', null, 3), ' users'))).toBe('Sent 3 users');
  });

  it('find nodes by test id and by predicate', () => {
    const view = h('div', null, h('span', { 'data-testid': 'x' }, 'one'), h('span', null, 'two'));
    expect(textOf(byTestId(view, 'x') ?? view)).toBe('one');
    expect(findAll(view, (node) => node.tag === 'span')).toHaveLength(2);
    expect(byTestId(view, 'missing')).toBeUndefined();
  });
});
