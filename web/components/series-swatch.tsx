import type { SeriesT } from '@/lib/api/hooks';

/** The series' palette and geometry as a small swatch: its two hues along its gradient angle, its stroke. */
export function SeriesSwatch({ s, className = 'size-14' }: { s: SeriesT; className?: string }) {
  const { palette: p, geometry: g } = s;
  const sat = Math.round(p.saturation * 100);
  const lum = Math.round(p.luminance_base * 100);
  return (
    <span
      aria-hidden="true"
      className={`relative block shrink-0 overflow-hidden rounded-lg ${className}`}
      style={{
        background: `linear-gradient(${g.gradient_angle}deg, hsl(${p.primary_hue} ${sat}% ${lum}%), hsl(${p.secondary_hue} ${sat}% ${lum}%))`,
      }}
    >
      <span
        className="absolute inset-[22%] rounded-full border-white/70"
        style={{
          borderWidth: Math.max(1, Math.round(g.stroke_width_base / 6)),
          rotate: `${g.rotation_base}deg`,
        }}
      />
    </span>
  );
}
