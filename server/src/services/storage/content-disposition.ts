/**
 * `attachment; filename="…"` for a download name we chose (track title + format), plus
 * `filename*=UTF-8''…` (RFC 6266) only when the name is not plain ASCII: the extra parameter is redundant
 * otherwise, and its `'`/`*` characters trip S3-compatible servers that canonicalise presigned query
 * strings loosely (s3rver). The quoted form has quotes, backslashes, path separators and control
 * characters removed, so the header can never be split or point a browser at a directory.
 */
export function attachmentDisposition(downloadName: string): string {
  const cleaned = sanitizeDownloadName(downloadName);
  const ascii = cleaned.replace(/[^\x20-\x7e]/g, '_');
  if (ascii === cleaned) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(cleaned).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function sanitizeDownloadName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = name.replace(/[\u0000-\u001f\u007f"\\/:*?<>|]/g, '').trim();
  const short = Array.from(cleaned).slice(0, 150).join('');
  return short.length > 0 && !/^\.+$/.test(short) ? short : 'download';
}
