import {
  BulkImportRequest,
  bulkImportExamples,
  CreateEventRequest,
  createEventExamples,
  DeleteUserRequest,
  deleteUserExamples,
  GetUserRequest,
  getUserExamples,
  MergeUsersRequest,
  mergeUsersExamples,
  TrackDeviceRequest,
  TrackUserRequest,
  trackDeviceExamples,
  trackUserExamples,
} from '@moedata/spec';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { acceptorFor } from './fast-accept.ts';

/** Values of every JSON type and edge, swapped in wherever a body has a value. */
const PROBES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  2 ** 53,
  '',
  ' ',
  'customer',
  'ANDROID',
  'x'.repeat(600),
  '2024-05-21T03:47:35Z',
  [],
  [''],
  ['a', 1],
  [{}],
  {},
  { type: 'customer' },
  JSON.parse('{"__proto__":{"polluted":true}}'),
];

type Step = string | number;
/** An object or array of a parsed JSON body, indexed by key or position. */
type Container = Record<Step, unknown> & unknown[];

const copyOf = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const at = (root: unknown, path: Step[]) =>
  path.reduce<unknown>((node, step) => (node as Container)?.[step], root);

/** A deep copy of a JSON body with `change` applied to the value at `path`. */
function changedAt(root: unknown, path: Step[], change: (parent: Container, key: Step) => void): unknown {
  const copy = copyOf(root);
  change(at(copy, path.slice(0, -1)) as Container, path.at(-1) as Step);
  return copy;
}

/** Every path to a value inside `value` (objects and arrays, depth first). */
function pathsIn(value: unknown, prefix: Step[] = []): Step[][] {
  if (value === null || typeof value !== 'object') return [];
  const keys: Step[] = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((key) => [[...prefix, key], ...pathsIn(at(value, [key]), [...prefix, key])]);
}

/** The example, and a few hundred near misses of it: each value removed, retyped, or joined by strangers. */
function nearMisses(example: unknown): unknown[] {
  const variants: unknown[] = [example];
  for (const path of pathsIn(example)) {
    variants.push(
      changedAt(example, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
      }),
    );
    for (const probe of PROBES) {
      variants.push(
        changedAt(example, path, (parent, key) => {
          parent[key] = probe;
        }),
      );
    }
  }
  for (const path of [[], ...pathsIn(example)]) {
    const target = at(example, path);
    if (target === null || typeof target !== 'object' || Array.isArray(target)) continue;
    for (const probe of PROBES) {
      const withStrangers = copyOf(example);
      const parent = at(withStrangers, path) as Container;
      parent.custom_attribute = probe;
      parent.moe_custom = probe;
      variants.push(withStrangers);
    }
  }
  return variants;
}

const REQUESTS = [
  { name: 'Track User', schema: TrackUserRequest, examples: trackUserExamples },
  { name: 'Get User', schema: GetUserRequest, examples: getUserExamples },
  { name: 'Merge User', schema: MergeUsersRequest, examples: mergeUsersExamples },
  { name: 'Delete User', schema: DeleteUserRequest, examples: deleteUserExamples },
  { name: 'Track Device', schema: TrackDeviceRequest, examples: trackDeviceExamples },
  { name: 'Create Event', schema: CreateEventRequest, examples: createEventExamples },
  { name: 'Bulk Import', schema: BulkImportRequest, examples: bulkImportExamples },
];

describe('acceptorFor: the spec request schemas', () => {
  for (const { name, schema, examples } of REQUESTS) {
    it(`${name}: vouches for every spec example, so valid bodies skip zod`, () => {
      const accept = acceptorFor(schema);
      for (const [exampleName, example] of Object.entries(examples)) {
        expect(schema.safeParse(example.value).success, exampleName).toBe(true);
        expect(accept(example.value), exampleName).toBe(true);
      }
    });

    it(`${name}: never vouches for a body zod rejects (every near miss of every example)`, () => {
      const accept = acceptorFor(schema);
      let vouched = 0;
      let rejectedByZod = 0;
      for (const example of Object.values(examples)) {
        for (const body of nearMisses(example.value)) {
          const zodAccepts = schema.safeParse(body).success;
          if (!zodAccepts) rejectedByZod += 1;
          if (accept(body)) {
            vouched += 1;
            expect(zodAccepts, JSON.stringify(body).slice(0, 300)).toBe(true);
          }
        }
      }
      // Both sides are exercised: many near misses are invalid, and many valid ones take the fast path.
      expect(rejectedByZod).toBeGreaterThan(20);
      expect(vouched).toBeGreaterThan(20);
    });
  }
});

describe('acceptorFor: constructs', () => {
  it('checks types, lengths, patterns and bounds exactly as zod does', () => {
    const schema = z.object({
      id: z
        .string()
        .min(1)
        .max(5)
        .regex(/^[a-z]+$/g),
      count: z.number().int().min(0).lt(10).optional(),
      kind: z.enum(['A', 'B']),
      on: z.union([z.boolean(), z.literal('yes')]),
      tags: z.array(z.string()).max(2).optional(),
      extra: z.record(z.string(), z.number()).optional(),
      note: z.string().nullable().optional(),
    });
    const accept = acceptorFor(schema);
    const valid = { id: 'abc', count: 3, kind: 'A', on: 'yes', tags: ['x'], extra: { a: 1 }, note: null };
    expect(accept(valid)).toBe(true);
    // A global regex keeps `lastIndex` between calls; both zod and the acceptor reset it.
    expect(accept(valid)).toBe(true);
    const misses = [
      { ...valid, id: '' },
      { ...valid, id: 'abcdef' },
      { ...valid, id: 'ABC' },
      { ...valid, count: -1 },
      { ...valid, count: 10 },
      { ...valid, count: 1.5 },
      { ...valid, kind: 'C' },
      { ...valid, on: 'no' },
      { ...valid, tags: ['a', 'b', 'c'] },
      { ...valid, extra: { a: '1' } },
      { ...valid, note: 5 },
      { id: 'abc', kind: 'A' },
      [valid],
      null,
    ];
    for (const miss of misses) {
      expect(schema.safeParse(miss).success, JSON.stringify(miss)).toBe(false);
      expect(accept(miss), JSON.stringify(miss)).toBe(false);
    }
  });

  it('ignores undeclared keys of a plain object, checks them against a catch-all, refuses them on a strict one', () => {
    const shape = { name: z.string() };
    const withStranger = { name: 'x', stranger: 1 };
    expect(acceptorFor(z.object(shape))(withStranger)).toBe(true);
    expect(acceptorFor(z.object(shape).catchall(z.number()))(withStranger)).toBe(true);
    expect(acceptorFor(z.object(shape).catchall(z.string()))(withStranger)).toBe(false);
    expect(acceptorFor(z.strictObject(shape))(withStranger)).toBe(false);
    // zod's strict objects reject an own `__proto__` key too.
    const withProto = JSON.parse('{"name":"x","__proto__":{}}');
    expect(z.strictObject(shape).safeParse(withProto).success).toBe(false);
    expect(acceptorFor(z.strictObject(shape))(withProto)).toBe(false);
  });

  it('leaves to zod whatever it cannot decide exactly: refinements, transforms, formats, exclusive unions', () => {
    const notSure = [
      z.string().refine((value) => value.length > 0),
      z.string().transform((value) => value.trim()),
      z.email(),
      z.int(),
      z.object({ a: z.string() }).refine(() => true),
      z.xor([z.string(), z.string().min(1)]),
      z.number().multipleOf(2),
      z.coerce.number(),
      z.string().default('x'),
    ];
    for (const schema of notSure) {
      const accept = acceptorFor(schema);
      for (const value of ['a', 'a@b.co', 2, 2.5, { a: 'x' }]) expect(accept(value)).toBe(false);
    }
  });

  it('compiles a recursive schema without recursing forever (its inner self is left to zod)', () => {
    const Node = z.object({
      name: z.string(),
      get children() {
        return z.array(Node).optional();
      },
    });
    const accept = acceptorFor(Node);
    expect(accept({ name: 'leaf' })).toBe(true);
    expect(accept({ name: 'root', children: [{ name: 'leaf' }] })).toBe(false);
    expect(Node.safeParse({ name: 'root', children: [{ name: 'leaf' }] }).success).toBe(true);
  });

  it('compiles each schema once', () => {
    expect(acceptorFor(TrackUserRequest)).toBe(acceptorFor(TrackUserRequest));
  });
});
