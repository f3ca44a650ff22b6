'use client';

import { useFile } from '@/lib/api/hooks';
import { referenceSummary } from '@/lib/create/reference-summary';
import { sameOriginFileUrl } from '@/lib/urls';

/**
 * The Details row naming the reference track that guided this one (only its owner is told which:
 * the API names the reference to the owner alone). The name links to the stored upload.
 */
export function ReferenceFact({ fileId }: { fileId: string }) {
  const file = useFile(fileId);
  const s = file.data ? referenceSummary(file.data) : null;
  const url = sameOriginFileUrl(file.data?.url);
  return (
    <>
      <dt className="text-muted">Reference</dt>
      <dd data-testid="track-reference" className="break-words">
        {s ? (
          <>
            {url ? (
              <a href={url} className="underline hover:text-accent-text" target="_blank" rel="noreferrer">
                {s.name}
              </a>
            ) : (
              s.name
            )}
            {s.heard && <span className="tabular text-muted"> · {s.heard}</span>}
          </>
        ) : file.isError ? (
          'A reference track (no longer stored)'
        ) : (
          'A reference track'
        )}
      </dd>
    </>
  );
}
