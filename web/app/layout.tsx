import type { Metadata, Viewport } from 'next';
import './globals.css';
import { THEME_KEY } from '@/lib/theme';
import { inter } from './fonts';

export const metadata: Metadata = {
  metadataBase: new URL(process.env.PUBLIC_URL || 'http://localhost:3000'),
  title: { default: 'SoundFoundry — Craft Your Sound', template: '%s · SoundFoundry' },
  description: 'Turn a prompt into a finished, mastered track: MP3, WAV, stems and MIDI.',
  openGraph: { siteName: 'SoundFoundry', type: 'website' },
};

export const viewport: Viewport = {
  themeColor: [
    { media: '(prefers-color-scheme: dark)', color: '#0b0d12' },
    { media: '(prefers-color-scheme: light)', color: '#f6f6fa' },
  ],
};

// Runs before the first paint: the saved theme, else the system's (no flash of the wrong theme).
const THEME_SCRIPT = `(function(){try{var t=localStorage.getItem('${THEME_KEY}');if(t!=='light'&&t!=='dark'){t=matchMedia('(prefers-color-scheme: light)').matches?'light':'dark'}document.documentElement.dataset.theme=t}catch(e){}})()`;

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" className={inter.variable} suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: a fixed string of ours, needed before paint */}
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body className="min-h-dvh bg-bg text-fg antialiased">{children}</body>
    </html>
  );
}
