/** What a page says where an API it needs is not deployed yet: plainly, with no made-up data. */
export function Unavailable({ what }: { what: string }) {
  return (
    <p className="rounded-xl border border-dashed border-line p-5 text-sm text-muted" role="status">
      {what} {what.endsWith('s') ? 'are' : 'is'} not available yet on this server.
    </p>
  );
}
