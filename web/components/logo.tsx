import Link from 'next/link';
import { WaveIcon } from './ui/icons';

export function Logo({ href = '/' }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 font-semibold tracking-tight">
      <span className="grid size-8 place-items-center rounded-lg bg-accent text-accent-fg">
        <WaveIcon className="size-4" />
      </span>
      <span>SoundFoundry</span>
    </Link>
  );
}
