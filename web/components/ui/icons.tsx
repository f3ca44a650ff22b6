// Small inline icons (no icon font, no network). Decorative: callers give the label.
type P = { className?: string };
const base = (d: React.ReactNode, className = 'size-5') => (
  <svg className={className} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
    {d}
  </svg>
);
export const PlayIcon = ({ className }: P) =>
  base(
    <path d="M8 5.14v13.72a1 1 0 0 0 1.5.86l11-6.86a1 1 0 0 0 0-1.72l-11-6.86A1 1 0 0 0 8 5.14Z" />,
    className,
  );
export const PauseIcon = ({ className }: P) =>
  base(<path d="M7 5h3.5v14H7zM13.5 5H17v14h-3.5z" />, className);
export const PreviousIcon = ({ className }: P) =>
  base(
    <path d="M6 5h2v14H6zM20 5.8v12.4a.8.8 0 0 1-1.2.7L9.5 12.7a.8.8 0 0 1 0-1.4l9.3-6.2a.8.8 0 0 1 1.2.7Z" />,
    className,
  );
export const NextIcon = ({ className }: P) =>
  base(
    <path d="M16 5h2v14h-2zM4 5.8v12.4a.8.8 0 0 0 1.2.7l9.3-6.2a.8.8 0 0 0 0-1.4L5.2 5.1A.8.8 0 0 0 4 5.8Z" />,
    className,
  );
export const VolumeIcon = ({ className }: P) =>
  base(<path d="M4 9v6h4l5 4V5L8 9H4Zm12.5 3a4.5 4.5 0 0 0-2.5-4v8a4.5 4.5 0 0 0 2.5-4Z" />, className);
export const MutedIcon = ({ className }: P) =>
  base(
    <path d="M4 9v6h4l5 4V5L8 9H4Zm11.6.4 1.4-1.4 2 2 2-2 1.4 1.4-2 2 2 2-1.4 1.4-2-2-2 2-1.4-1.4 2-2-2-2Z" />,
    className,
  );
export const DownloadIcon = ({ className }: P) =>
  base(<path d="M11 4h2v8.17l3.59-3.58L18 10l-6 6-6-6 1.41-1.41L11 12.17V4ZM5 18h14v2H5z" />, className);
export const SunIcon = ({ className }: P) =>
  base(
    <path d="M12 7a5 5 0 1 0 0 10 5 5 0 0 0 0-10Zm0-5 1 3h-2l1-3Zm0 20-1-3h2l-1 3ZM2 12l3-1v2l-3-1Zm20 0-3 1v-2l3 1ZM4.9 4.9l2.8 1.4-1.4 1.4-1.4-2.8Zm14.2 14.2-2.8-1.4 1.4-1.4 1.4 2.8Zm0-14.2-1.4 2.8-1.4-1.4 2.8-1.4ZM4.9 19.1l1.4-2.8 1.4 1.4-2.8 1.4Z" />,
    className,
  );
export const MoonIcon = ({ className }: P) =>
  base(<path d="M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5Z" />, className);
export const SparkIcon = ({ className }: P) =>
  base(
    <path d="M12 2l2.2 6.3L20 10l-5.8 1.7L12 18l-2.2-6.3L4 10l5.8-1.7L12 2Zm6 13 1 2.5 2.5 1-2.5 1-1 2.5-1-2.5-2.5-1 2.5-1 1-2.5Z" />,
    className,
  );
export const WaveIcon = ({ className }: P) =>
  base(<path d="M3 10h2v4H3zm4-4h2v12H7zm4-3h2v18h-2zm4 5h2v8h-2zm4 2h2v4h-2z" />, className);
export const GridIcon = ({ className }: P) =>
  base(<path d="M4 4h7v7H4V4Zm9 0h7v7h-7V4ZM4 13h7v7H4v-7Zm9 0h7v7h-7v-7Z" />, className);
export const ListIcon = ({ className }: P) =>
  base(<path d="M4 5h16v2H4V5Zm0 6h16v2H4v-2Zm0 6h16v2H4v-2Z" />, className);
export const ChevronDownIcon = ({ className }: P) =>
  base(<path d="M6.4 8.6 12 14.2l5.6-5.6L19 10l-7 7-7-7 1.4-1.4Z" />, className);
export const HeartIcon = ({ className }: P) =>
  base(
    <path d="M12 20.3 10.6 19C5.6 14.5 2.3 11.5 2.3 7.8 2.3 4.8 4.7 2.5 7.6 2.5c1.7 0 3.3.8 4.4 2 1.1-1.2 2.7-2 4.4-2 2.9 0 5.3 2.3 5.3 5.3 0 3.7-3.3 6.7-8.3 11.2L12 20.3Z" />,
    className,
  );
