/** Visible notices about storage problems and the like; errors stay until dismissed or fixed. */
import { useAppStore } from '../../store/useAppStore.ts';

export function Banners() {
  const banners = useAppStore((s) => s.banners);
  const dismiss = useAppStore((s) => s.dismissBanner);
  if (!banners.length) return null;
  return (
    <div className="banners">
      {banners.map((b) => (
        <div key={b.id} className={`banner banner-${b.tone}`} role={b.tone === 'error' ? 'alert' : 'status'} data-testid={`banner-${b.id}`}>
          <span>{b.message}</span>
          <button type="button" className="btn icon ghost" onClick={() => dismiss(b.id)} aria-label="Dismiss message">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
