import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonObject } from './spec-document.ts';

const DOCUMENT_ID = 'https://moedata.invalid/openapi.json';

/** Validates values against schemas found by JSON pointer inside one OpenAPI 3.1 document. */
export interface DocumentSchemaValidator {
  /** Returns the errors of `value` against the schema at `schemaPointer` (empty when valid). */
  validate(schemaPointer: string, value: unknown): string[];
}

/**
 * A JSON Schema 2020-12 validator (OpenAPI 3.1's dialect) over a whole document, so `$ref`s to
 * `#/components/...` resolve as they do for any OpenAPI tool. OpenAPI's own schema keywords
 * (`example`, `discriminator`, `xml`, `externalDocs`) are annotations; any other unknown keyword
 * or format is an error (strict mode), so a typo in the spec cannot silently validate nothing.
 */
export function createDocumentSchemaValidator(document: JsonObject): DocumentSchemaValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateSchema: false, logger: false });
  addFormats(ajv);
  ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
  // The document itself is registered as the root schema, so its top-level fields are annotations too.
  ajv.addVocabulary([
    'openapi',
    'info',
    'jsonSchemaDialect',
    'servers',
    'paths',
    'webhooks',
    'components',
    'security',
    'tags',
  ]);
  // OpenAPI's numeric formats are annotations of the value range.
  const int = (bits: number) => (value: number) =>
    Number.isInteger(value) && value >= -(2 ** (bits - 1)) && value < 2 ** (bits - 1);
  ajv.addFormat('int32', { type: 'number', validate: int(32) });
  ajv.addFormat('int64', { type: 'number', validate: int(64) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  ajv.addSchema(document, DOCUMENT_ID);

  return {
    validate(schemaPointer, value) {
      const fragment = schemaPointer
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
      const check = ajv.compile({ $ref: `${DOCUMENT_ID}#${fragment}` });
      return check(value) ? [] : (check.errors ?? []).map(formatError);
    },
  };
}

function formatError(error: ErrorObject): string {
  return `${error.instancePath || '(root)'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
}
