import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as spec from '../index.ts';

type Labelled = readonly [label: string, schema: z.ZodType, example: unknown];

// zod's global registry cannot be listed, so walk every exported schema and its children.
function collectExamples(roots: readonly unknown[]): Labelled[] {
  const seen = new Set<z.ZodType>();
  const found: Labelled[] = [];
  const visit = (value: unknown): void => {
    if (!(value instanceof z.ZodType) || seen.has(value)) return;
    seen.add(value);
    const meta = z.globalRegistry.get(value);
    const examples = [
      ...(meta?.example === undefined ? [] : [meta.example]),
      ...(Array.isArray(meta?.examples) ? meta.examples : []),
    ];
    const label = meta?.id ?? meta?.description?.slice(0, 50) ?? 'anonymous schema';
    examples.forEach((example, index) => {
      found.push([`${label} #${index}`, value, example]);
    });
    const def = value._zod.def as unknown as Record<string, unknown>;
    const children = [def.innerType, def.element, def.catchall, def.valueType];
    if (Array.isArray(def.options)) children.push(...def.options);
    if (def.shape) children.push(...Object.values(def.shape as Record<string, unknown>));
    for (const child of children) visit(child);
  };
  for (const root of roots) visit(root);
  return found;
}

const examples = collectExamples(Object.values(spec));

describe('schema examples', () => {
  it('exist for the request and response bodies', () => {
    expect(examples.length).toBeGreaterThan(30);
  });

  it.each(examples)('%s passes its own schema', (_label, schema, example) => {
    expect(schema.safeParse(example).success).toBe(true);
  });
});
