import { ExampleTracks } from '@/components/example-tracks';
import { IntentLink } from '@/components/intent-link';
import { EXAMPLE_PROMPTS, exampleChipLabel } from '@/lib/create/examples';

const STEPS = [
  {
    n: '1',
    title: 'Describe it',
    text: 'A mood, a style, instruments, a tempo. Add lyrics for vocals, or a reference track to match.',
  },
  {
    n: '2',
    title: 'Watch it render',
    text: 'Queued, rendering, mastering — live, with a countdown. Most 30-second tracks are ready in seconds.',
  },
  {
    n: '3',
    title: 'Play, share, download',
    text: 'MP3, studio WAV, stems and MIDI for your DAW. Publish a share link when you are proud of it.',
  },
];

export default function LandingPage() {
  return (
    <div className="mx-auto max-w-6xl px-4">
      <section className="relative pt-12 pb-16 text-center sm:pt-24">
        {/* The glow fades in below the header and, on phones, is clipped at the screen's edges: clipped
            by the section itself, it showed a hard edge under the header and a box on phones. */}
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -inset-x-4 top-0 bottom-0 overflow-hidden [mask-image:linear-gradient(to_bottom,transparent,black_6rem)]"
        >
          <div className="absolute inset-x-0 -top-24 mx-auto h-80 max-w-3xl rounded-full bg-accent/25 blur-3xl" />
        </div>
        <p className="relative text-sm font-medium text-accent-text">AI music, mastered and yours</p>
        <h1 className="relative mt-3 text-5xl font-semibold tracking-tight sm:text-7xl">Craft Your Sound</h1>
        <p className="relative mx-auto mt-5 max-w-xl text-lg text-muted">
          Type what you hear in your head. SoundFoundry composes, performs and masters it — with stems and
          MIDI you can take anywhere.
        </p>
        <form
          action="/auth/signup"
          method="get"
          className="relative mx-auto mt-10 flex max-w-2xl flex-col gap-2 rounded-2xl border border-line bg-surface p-2 shadow-2xl sm:flex-row"
        >
          <label htmlFor="hero-prompt" className="sr-only">
            Describe the music you want
          </label>
          <input
            id="hero-prompt"
            name="prompt"
            placeholder="Describe the music: warm lo-fi beat for a rainy evening"
            className="min-w-0 flex-1 rounded-xl bg-transparent px-4 py-3 text-base outline-none placeholder:text-muted"
          />
          <button
            type="submit"
            className="rounded-xl bg-accent px-5 py-3 font-semibold text-accent-fg hover:bg-accent-hover"
          >
            Start creating
          </button>
        </form>
        {/* One primary action (the prompt's button); browsing is the secondary one. DESIGN §5b names it
            "Browse library": the public library, Explore (the person's own needs an account). */}
        <div className="relative mt-6 flex justify-center text-sm">
          <IntentLink
            href="/explore"
            className="rounded-full border border-line px-4 py-2 font-medium hover:bg-surface"
          >
            Browse library
          </IntentLink>
        </div>
        <ul
          className="relative mx-auto mt-8 flex max-w-3xl flex-wrap justify-center gap-2"
          aria-label="Example prompts"
        >
          {EXAMPLE_PROMPTS.map((p) => (
            <li key={p} className="max-w-full">
              <IntentLink
                href={`/auth/signup?prompt=${encodeURIComponent(p)}`}
                className="block truncate rounded-full border border-line px-3 py-1 text-xs text-muted hover:border-accent hover:text-fg"
              >
                {exampleChipLabel(p)}
              </IntentLink>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="listen-h" className="py-12">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <h2 id="listen-h" className="text-3xl font-semibold tracking-tight">
            Hear what it makes
          </h2>
          <IntentLink href="/explore" className="text-sm font-medium text-accent-text hover:underline">
            More on Explore →
          </IntentLink>
        </div>
        <p className="mt-2 text-muted">Real tracks, rendered here — press play.</p>
        <div className="mt-6">
          <ExampleTracks />
        </div>
      </section>

      <section aria-labelledby="how-h" className="py-12">
        <h2 id="how-h" className="text-center text-3xl font-semibold tracking-tight">
          How it works
        </h2>
        <ol className="mt-10 grid gap-4 sm:grid-cols-3">
          {STEPS.map((s) => (
            <li key={s.n} className="rounded-2xl border border-line bg-surface p-6">
              <span className="grid size-9 place-items-center rounded-full bg-accent/15 font-semibold text-accent-text">
                {s.n}
              </span>
              <h3 className="mt-4 font-semibold">{s.title}</h3>
              <p className="mt-2 text-sm text-muted">{s.text}</p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="price-h" className="py-12">
        <div className="rounded-3xl border border-line bg-surface p-8 sm:p-12">
          <div className="grid gap-8 sm:grid-cols-2 sm:items-center">
            <div>
              <h2 id="price-h" className="text-3xl font-semibold tracking-tight">
                Pay for music, not subscriptions
              </h2>
              <p className="mt-3 text-muted">
                1 credit = 30 seconds of finished music. 400 free credits when you sign up. Packs are priced
                at cost plus a capped 12 % margin, adjusted for where you live.
              </p>
              <IntentLink
                href="/pricing"
                className="mt-6 inline-block font-medium text-accent-text hover:underline"
              >
                See pricing →
              </IntentLink>
            </div>
            <dl className="tabular grid grid-cols-3 gap-3 text-center">
              {[
                ['300', '$36.96'],
                ['700', '$86.24'],
                ['2000', '$246.40'],
              ].map(([c, p]) => (
                <div key={c} className="rounded-2xl bg-bg px-2 py-4 sm:p-4">
                  <dt className="text-xs text-muted">{c} credits</dt>
                  <dd className="mt-1 text-base font-semibold sm:text-lg">{p}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      </section>
    </div>
  );
}
