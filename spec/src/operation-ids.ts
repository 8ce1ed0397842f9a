/**
 * The operationIds of the 8 Data API operations, in the order the docs list them.
 * Kept free of dependencies so the error catalogue and the rules can key data by operation.
 */
export const operationIds = [
  'trackUser',
  'getUser',
  'mergeUsers',
  'deleteUser',
  'trackDevice',
  'createEvent',
  'bulkImport',
  'triggerFileImport',
] as const;

/** One of the 8 Data API operationIds. */
export type OperationId = (typeof operationIds)[number];

/** The 7 operations served by the core host (`api-{dc}.moengage.com`); all take a JSON body and an `app_id`. */
export const coreOperationIds = [
  'trackUser',
  'getUser',
  'mergeUsers',
  'deleteUser',
  'trackDevice',
  'createEvent',
  'bulkImport',
] as const satisfies readonly OperationId[];
