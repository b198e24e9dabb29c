/** Numbers in the analysis' notes: 3 significant figures below 100, whole numbers above. */
export const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toPrecision(2));
/** A fraction as a percentage in the same style ("12.5 %"). */
export const pct = (x: number) => `${fmt(100 * x)} %`;
