import type { SeriesT } from '@/lib/api/hooks';

/**
 * The series' palette and geometry as a small swatch: its two hues along its gradient angle, and
 * its shapes as spokes around a ring — as many as `shape_count`, the first at `rotation_base`,
 * as thick as `stroke_width_base` makes them. Every value the series' editors set shows here.
 */
export function SeriesSwatch({ s, className = 'size-14' }: { s: SeriesT; className?: string }) {
  const { palette: p, geometry: g } = s;
  const sat = Math.round(p.saturation * 100);
  const lum = Math.round(p.luminance_base * 100);
  // viewBox units (100 across): 1–48 → 1.6–9.
  const stroke = 1.4 + g.stroke_width_base / 6;
  // One path for all the spokes (viewBox 100 across; the ring's radius 14, the spokes 22–38).
  const spokes = Array.from({ length: g.shape_count }, (_, i) => {
    const a = ((g.rotation_base + (i * 360) / g.shape_count - 90) * Math.PI) / 180;
    const at = (r: number) => `${(50 + Math.cos(a) * r).toFixed(2)} ${(50 + Math.sin(a) * r).toFixed(2)}`;
    return `M${at(22)}L${at(38)}`;
  }).join('');
  return (
    <span
      aria-hidden="true"
      className={`relative block shrink-0 overflow-hidden rounded-lg ${className}`}
      style={{
        background: `linear-gradient(${g.gradient_angle}deg, hsl(${p.primary_hue} ${sat}% ${lum}%), hsl(${p.secondary_hue} ${sat}% ${lum}%))`,
      }}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 100 100"
        className="absolute inset-0 size-full"
        fill="none"
        stroke="white"
        strokeOpacity={0.75}
        strokeWidth={stroke}
        strokeLinecap="round"
      >
        <circle cx={50} cy={50} r={14} />
        <path d={spokes} />
      </svg>
    </span>
  );
}
