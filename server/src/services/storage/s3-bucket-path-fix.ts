import type { S3Client } from '@aws-sdk/client-s3';

/**
 * With `forcePathStyle`, the SDK sends bucket-level calls (HeadBucket, ListObjectsV2, DeleteObjects) to
 * `/<bucket>/`. S3 and MinIO accept that, but signature-verifying test servers such as
 * @20minutes/s3rver canonicalise the path as `/<bucket>` and answer SignatureDoesNotMatch. `/<bucket>`
 * is the canonical path-style form every S3 implementation accepts, so we send that. It runs in the
 * build step, before signing, so the signature covers the path actually sent. Object paths
 * (`/<bucket>/<key>`) never match and are left alone.
 */
export function applyBucketPathFix(client: S3Client): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { path?: unknown } | undefined;
      if (request && typeof request.path === 'string' && BUCKET_ONLY_PATH.test(request.path)) {
        request.path = request.path.slice(0, -1);
      }
      return next(args);
    },
    { step: 'build', name: 'soundfoundryBucketPathFix', override: true },
  );
}

const BUCKET_ONLY_PATH = /^\/[^/]+\/$/;
