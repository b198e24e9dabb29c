/** Line icons for the node kinds (24×24, stroke = currentColor), drawn from each kind module's shape list. Never HTML strings. */
import { memo } from 'react';
import type { NodeKind } from '../../model/index.ts';
import { kindDef } from '../../kinds/registry.ts';
import type { IconShape } from '../../kinds/types.ts';

function shape(s: IconShape, k: number): React.ReactNode {
  switch (s.t) {
    case 'path':
      return <path key={k} d={s.d} />;
    case 'rect':
      return <rect key={k} x={s.x} y={s.y} width={s.width} height={s.height} rx={s.rx} />;
    case 'circle':
      return <circle key={k} cx={s.cx} cy={s.cy} r={s.r} />;
    case 'ellipse':
      return <ellipse key={k} cx={s.cx} cy={s.cy} rx={s.rx} ry={s.ry} />;
  }
}

export const KindIcon = memo(function KindIcon({ kind, size = 18 }: { kind: NodeKind; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      {(kindDef(kind).meta.icon as readonly IconShape[]).map(shape)}
    </svg>
  );
});
