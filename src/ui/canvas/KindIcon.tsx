/** Line icons for the node kinds (24×24, stroke = currentColor). Drawn as React elements, never as HTML strings. */
import { memo } from 'react';
import type { NodeKind } from '../../model/index.ts';

const PATHS: Record<NodeKind, React.ReactNode> = {
  client: (<><rect x="3" y="4" width="18" height="12" rx="2" /><path d="M2 20h20M9 16v4M15 16v4" /></>),
  scheduler: (<><circle cx="12" cy="13" r="8" /><path d="M12 9v4l3 2M9 2h6M12 2v3" /></>),
  loadBalancer: (<><circle cx="5" cy="12" r="2.5" /><circle cx="19" cy="5" r="2" /><circle cx="19" cy="12" r="2" /><circle cx="19" cy="19" r="2" /><path d="M7.5 12H17M7 10.5 17 5.8M7 13.5l10 4.7" /></>),
  gateway: (<><path d="M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5l-8-3Z" /><path d="M9 12h6M12 9v6" /></>),
  service: (<><rect x="4" y="4" width="16" height="16" rx="3" /><path d="M9 9h6v6H9zM9 1.5V4M15 1.5V4M9 20v2.5M15 20v2.5M1.5 9H4M1.5 15H4M20 9h2.5M20 15h2.5" /></>),
  queue: (<><rect x="2" y="7" width="4.5" height="10" rx="1" /><rect x="9.75" y="7" width="4.5" height="10" rx="1" /><rect x="17.5" y="7" width="4.5" height="10" rx="1" /></>),
  cache: (<path d="M13 2 4 14h7l-1 8 9-12h-7l1-8Z" />),
  database: (<><ellipse cx="12" cy="5" rx="8" ry="3" /><path d="M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3" /></>),
  external: (<><circle cx="12" cy="12" r="9" /><path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3Z" /></>),
};

export const KindIcon = memo(function KindIcon({ kind, size = 18 }: { kind: NodeKind; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      {PATHS[kind]}
    </svg>
  );
});
