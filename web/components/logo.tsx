import { IntentLink } from './intent-link';
import { WaveIcon } from './ui/icons';

export function Logo({ href = '/', compact = false }: { href?: string; compact?: boolean }) {
  return (
    <IntentLink
      href={href}
      className="flex items-center gap-2 font-semibold tracking-tight"
      aria-label="SoundFoundry home"
    >
      <span className="grid size-8 place-items-center rounded-lg bg-accent text-accent-fg">
        <WaveIcon className="size-4" />
      </span>
      {/* On a phone the app header needs the room: the name shows from the sm breakpoint. */}
      <span className={compact ? 'hidden sm:inline' : ''}>SoundFoundry</span>
    </IntentLink>
  );
}
