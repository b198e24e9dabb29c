/**
 * Drop a design file onto the canvas to open it as a new design. Only drags that carry files
 * are handled, so the palette's drag-to-place keeps working.
 */
import { useEffect, useState } from 'react';
import { importFile } from './shareActions.ts';

const carriesFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
const overCanvas = (e: DragEvent) => e.target instanceof Element && e.target.closest('.stage') !== null;

export function FileDrop() {
  const [active, setActive] = useState(false);
  useEffect(() => {
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (carriesFiles(e)) {
        depth++;
        setActive(true);
      }
    };
    const leave = (e: DragEvent) => {
      if (carriesFiles(e) && --depth <= 0) {
        depth = 0;
        setActive(false);
      }
    };
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault(); // without this the browser opens the file itself
      if (e.dataTransfer) e.dataTransfer.dropEffect = overCanvas(e) ? 'copy' : 'none';
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setActive(false);
      const file = e.dataTransfer?.files[0];
      if (!file || !overCanvas(e)) return;
      void importFile(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, []);
  if (!active) return null;
  return (
    <div className="file-drop" aria-hidden="true" data-testid="file-drop">
      <span>Drop a design file (.json) on the canvas to open it as a new design</span>
    </div>
  );
}
