/** Public entry of the document model. */
export * from './schema.ts';
export { parseDocument, parseDocumentText, formatErrors, describePath, type DocError, type ParseResult } from './parse.ts';
export { graphProblems, SOURCE_KINDS, type GraphProblem } from './graph.ts';
export { documentMigrate } from './migrate.ts';
export { distributionMean, distributionScv, lognormalParams, Z99 } from './distributionMoments.ts';
export { bucketPlan, MAX_BUCKETS, MAX_BUCKET_CELLS, type BucketPlan } from './buckets.ts';
export { MAX_JSON_DEPTH, jsonDepthScanner, jsonErrorText, jsonTextTooDeep, jsonValueTooDeep } from './jsonDepth.ts';
