import { dereference, isJsonObject, type JsonObject, listOperations, toPointer } from './spec-document.ts';

/** One example of an OpenAPI document and the schema it must satisfy. */
export interface ExampleCase {
  /** JSON pointer of the example value (where to fix it). */
  location: string;
  /** JSON pointer of the schema the example is for. */
  schemaPointer: string;
  /** Kind of example, for reports: `schema`, `media type`, `parameter`, `header`. */
  kind: 'schema' | 'media type' | 'parameter' | 'header';
  value: unknown;
}

// Keywords whose value is one subschema, a list of them, or a map of them (JSON Schema 2020-12).
const SUBSCHEMA_KEYWORDS = [
  'items',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
] as const;
const SUBSCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'] as const;
const SUBSCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'dependentSchemas', '$defs'] as const;

/**
 * Every example an OpenAPI 3.1 document carries, each paired with its own schema:
 * schema `example`/`examples` (components and inline, at any depth), media-type `example` and named
 * `examples` of request bodies and responses, and examples of parameters and headers.
 * A component reached from several places is listed once.
 */
export function collectExamples(document: JsonObject): ExampleCase[] {
  const cases: ExampleCase[] = [];
  const visited = new Set<string>();

  const once = (pointer: string): boolean => {
    if (visited.has(pointer)) return false;
    visited.add(pointer);
    return true;
  };

  const visitSchema = (node: unknown, pointer: string): void => {
    const resolved = dereference(document, node, pointer);
    if (!isJsonObject(resolved.node) || !once(`schema:${resolved.pointer}`)) return;
    const schema = resolved.node;
    const at = (...segments: string[]) => `${resolved.pointer}${toPointer(segments)}`;
    if ('example' in schema) {
      cases.push({
        location: at('example'),
        schemaPointer: resolved.pointer,
        kind: 'schema',
        value: schema.example,
      });
    }
    if (Array.isArray(schema.examples)) {
      schema.examples.forEach((value, index) => {
        cases.push({
          location: at('examples', String(index)),
          schemaPointer: resolved.pointer,
          kind: 'schema',
          value,
        });
      });
    }
    for (const keyword of SUBSCHEMA_KEYWORDS) {
      if (isJsonObject(schema[keyword])) visitSchema(schema[keyword], at(keyword));
    }
    for (const keyword of SUBSCHEMA_LIST_KEYWORDS) {
      const list = schema[keyword];
      if (Array.isArray(list)) {
        list.forEach((sub, index) => {
          visitSchema(sub, at(keyword, String(index)));
        });
      }
    }
    for (const keyword of SUBSCHEMA_MAP_KEYWORDS) {
      const map = schema[keyword];
      if (isJsonObject(map))
        for (const [name, sub] of Object.entries(map)) visitSchema(sub, at(keyword, name));
    }
  };

  /** Media type, parameter and header objects share `schema`, `example` and named `examples`. */
  const visitExampleHolder = (node: unknown, pointer: string, kind: ExampleCase['kind']): void => {
    const resolved = dereference(document, node, pointer);
    if (!isJsonObject(resolved.node) || !once(`holder:${resolved.pointer}`)) return;
    const holder = resolved.node;
    const schemaPointer = `${resolved.pointer}/schema`;
    if (isJsonObject(holder.schema)) {
      visitSchema(holder.schema, schemaPointer);
      if ('example' in holder) {
        cases.push({ location: `${resolved.pointer}/example`, schemaPointer, kind, value: holder.example });
      }
      if (isJsonObject(holder.examples)) {
        for (const [name, example] of Object.entries(holder.examples)) {
          const named = dereference(document, example, `${resolved.pointer}${toPointer(['examples', name])}`);
          if (isJsonObject(named.node) && 'value' in named.node) {
            cases.push({ location: `${named.pointer}/value`, schemaPointer, kind, value: named.node.value });
          }
        }
      }
    }
    // Parameters and headers may describe their value with `content` instead of `schema`.
    if (isJsonObject(holder.content)) visitContent(holder.content, `${resolved.pointer}/content`);
  };

  const visitContent = (content: JsonObject, pointer: string): void => {
    for (const [mediaType, media] of Object.entries(content)) {
      visitExampleHolder(media, `${pointer}${toPointer([mediaType])}`, 'media type');
    }
  };

  const visitResponse = (node: unknown, pointer: string): void => {
    const resolved = dereference(document, node, pointer);
    if (!isJsonObject(resolved.node) || !once(`response:${resolved.pointer}`)) return;
    const { headers, content } = resolved.node;
    if (isJsonObject(headers)) {
      for (const [name, header] of Object.entries(headers)) {
        visitExampleHolder(header, `${resolved.pointer}${toPointer(['headers', name])}`, 'header');
      }
    }
    if (isJsonObject(content)) visitContent(content, `${resolved.pointer}/content`);
  };

  const visitRequestBody = (node: unknown, pointer: string): void => {
    const resolved = dereference(document, node, pointer);
    if (isJsonObject(resolved.node) && isJsonObject(resolved.node.content)) {
      visitContent(resolved.node.content, `${resolved.pointer}/content`);
    }
  };

  const visitParameters = (parameters: unknown, pointer: string): void => {
    if (!Array.isArray(parameters)) return;
    parameters.forEach((parameter, index) => {
      visitExampleHolder(parameter, `${pointer}/${index}`, 'parameter');
    });
  };

  const paths = isJsonObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (isJsonObject(item)) visitParameters(item.parameters, `${toPointer(['paths', path])}/parameters`);
  }
  for (const { operation, pointer } of listOperations(document)) {
    visitParameters(operation.parameters, `${pointer}/parameters`);
    if (operation.requestBody !== undefined)
      visitRequestBody(operation.requestBody, `${pointer}/requestBody`);
    if (isJsonObject(operation.responses)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        visitResponse(response, `${pointer}${toPointer(['responses', status])}`);
      }
    }
  }

  // Components that no operation references still publish their examples.
  const components = isJsonObject(document.components) ? document.components : {};
  const each = (group: string, visit: (node: unknown, pointer: string) => void) => {
    const map = components[group];
    if (isJsonObject(map)) {
      for (const [name, node] of Object.entries(map)) visit(node, toPointer(['components', group, name]));
    }
  };
  each('schemas', visitSchema);
  each('parameters', (node, pointer) => visitExampleHolder(node, pointer, 'parameter'));
  each('headers', (node, pointer) => visitExampleHolder(node, pointer, 'header'));
  each('requestBodies', visitRequestBody);
  each('responses', visitResponse);

  return cases;
}
